"""The front door: ``/`` picks a language; ``/<locale>/`` is the home page or learner dashboard."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from ailit.services import accounts, assignments, certificates, progress, tasks
from ailit.services import courses as catalogue_courses
from ailit.services.errors import ValidationError
from ailit.web.extensions import content, db
from ailit.web.forms import LanguageForm
from ailit.web.i18n import current_locale, negotiate_locale
from ailit.web.labels import field_message

bp = Blueprint("dashboard", __name__)


def root() -> ResponseReturnValue:
    """Send the visitor to their language: preference, cookie, Accept-Language, then English."""
    return redirect(url_for("dashboard.home", locale=negotiate_locale()))


def home() -> ResponseReturnValue:
    """Home page; for a signed-in learner, their courses in progress with continue links."""
    if not current_user.is_authenticated:
        groups = catalogue_courses.list_courses(content.catalogue, current_locale())
        return render_template("home.html", groups=groups)
    form = LanguageForm(locale=current_user.locale)
    assigned = assignments.assigned_to(
        db.session, current_user.id, content.catalogue, current_locale(), date.today()
    )
    task_summary = tasks.dashboard_tasks(db.session, current_user, content.catalogue, current_locale())
    return _dashboard(form, assigned=assigned, task_summary=task_summary)


def _dashboard(form: LanguageForm, **extra: object) -> ResponseReturnValue:
    courses = progress.dashboard(db.session, current_user.id, content.catalogue, current_locale())
    issued = certificates.issued_codes(db.session, current_user.id)
    return render_template(
        "dashboard.html", courses=courses, issued=issued, language_form=form, **extra
    )


@login_required
def set_language() -> ResponseReturnValue:
    """Store the account's preferred language."""
    form = LanguageForm()
    if not form.validate_on_submit():
        return redirect(url_for("dashboard.home"))
    try:
        accounts.set_locale(db.session, current_user, form.locale.data or "")
    except ValidationError as error:
        return _dashboard(form, error=field_message(error)), 400
    return redirect(url_for("dashboard.home", locale=current_user.locale))


bp.add_url_rule("/", view_func=root)
bp.add_url_rule("/<locale>/", view_func=home)
bp.add_url_rule("/<locale>/account/language", view_func=set_language, methods=["POST"])
