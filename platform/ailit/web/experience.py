"""How pages are shown to this reader: reading mode (remembered per account, or in a cookie for
visitors; on by default in the older-learners course, and everywhere for someone who follows
it), and curriculum jargon for staff only."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ailit.content.callouts import without_teacher_notes
from ailit.models import Role
from ailit.services import accounts, assignments
from ailit.stages import Stage
from ailit.web.extensions import content, db
from ailit.web.forms import ActionForm

bp = Blueprint("experience", __name__, url_prefix="/<locale>")

READING_COOKIE = "ailit_reading"
READING_COOKIE_AGE = 365 * 24 * 3600
# Stages whose pages open in reading mode until the reader chooses otherwise.
READING_STAGES = frozenset({Stage.OLDER_LEARNERS})
# Competency codes and translation status are curriculum jargon: shown to these roles only.
CURRICULUM_ROLES = frozenset({Role.TEACHER, Role.AUTHOR, Role.SCHOOL_ADMIN, Role.ADMIN})


def sees_curriculum() -> bool:
    """True when the reader teaches, writes or runs the platform (not a learner or a visitor)."""
    return bool(current_user.is_authenticated and current_user.role in CURRICULUM_ROLES)


def lesson_for_reader(html: str) -> str:
    """A lesson's HTML for this reader: teacher notes only for teachers, authors and admins."""
    return html if sees_curriculum() else without_teacher_notes(html)


def reading_choice() -> bool | None:
    """The reader's own choice of reading mode, or None when they never chose."""
    if current_user.is_authenticated and current_user.reading_mode is not None:
        return bool(current_user.reading_mode)
    cookie = request.cookies.get(READING_COOKIE)
    return {"1": True, "0": False}.get(cookie or "")


def follows_reading_stage() -> bool:
    """True when the signed-in reader follows a course of a reading stage (started or assigned);
    asked once per request."""
    if not current_user.is_authenticated:
        return False
    if "ailit_follows_reading" not in g:
        stages = assignments.followed_stages(db.session, current_user.id, content.catalogue)
        g.ailit_follows_reading = not stages.isdisjoint(READING_STAGES)
    return bool(g.ailit_follows_reading)


def reading_mode(stage: str | None = None) -> bool:
    """Whether this page is shown in reading mode: the reader's own choice if they made one;
    otherwise on for a page of a reading stage's course, and on every page for a reader who
    follows such a course (their dashboard and the catalogue too). The one place that decides."""
    choice = reading_choice()
    if choice is not None:
        return choice
    return stage in READING_STAGES or follows_reading_stage()


def set_reading_mode() -> ResponseReturnValue:
    """Switch reading mode on or off, then go back to the page the switch was on.

    A visitor's switch is a link (GET): it only sets a cookie, so the catalogue's cached pages
    carry no form token. A signed-in reader's switch is a form (POST, CSRF-checked) that also
    remembers the choice in their account.
    """
    values = request.form if request.method == "POST" else request.args
    on = values.get("on") == "1"
    if request.method == "POST":
        ActionForm()  # CSRF is checked globally
        if current_user.is_authenticated:
            accounts.set_reading_mode(db.session, current_user, on)
    target = values.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("dashboard.home")
    response = redirect(target, 303)
    response.set_cookie(
        READING_COOKIE, "1" if on else "0", max_age=READING_COOKIE_AGE, samesite="Lax", httponly=True
    )
    return response


bp.add_url_rule("/reading-mode", view_func=set_reading_mode, methods=["GET", "POST"])


def init_app(app: Flask) -> None:
    @app.context_processor
    def experience_context() -> dict[str, Any]:
        return {"show_curriculum": sees_curriculum(), "reading_mode": reading_mode}
