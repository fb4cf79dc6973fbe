"""The course catalogue: courses grouped by stage, one course's page and its glossary."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ailit.services import courses, glossary, progress
from ailit.stages import STAGES
from ailit.web.extensions import content, db
from ailit.web.i18n import current_locale
from ailit.web.page_cache import anonymous_page

bp = Blueprint("catalogue", __name__, url_prefix="/<locale>/courses")


def course_list() -> ResponseReturnValue:
    """All courses, grouped by stage; ``?stage=`` shows one stage."""
    stage = request.args.get("stage") or None
    if stage is not None and stage not in STAGES:
        abort(404)

    def render() -> str:
        groups = courses.list_courses(content.catalogue, current_locale(), stage)
        return render_template("catalogue/list.html", groups=groups, stage=stage, stages=STAGES)

    return anonymous_page(render)


def course_page(course_id: str) -> ResponseReturnValue:
    """A course: modules, hours, competencies, languages, and the learner's progress."""
    catalogue = content.catalogue
    detail = courses.course_detail(catalogue, course_id, current_locale())
    if not current_user.is_authenticated:
        return anonymous_page(lambda: render_template("catalogue/course.html", course=detail, progress=None))
    mine = progress.course_progress(db.session, current_user.id, catalogue, course_id, current_locale())
    return render_template("catalogue/course.html", course=detail, progress=mine)


def glossary_page(course_id: str) -> ResponseReturnValue:
    """A course's glossary: its terms and their definitions, in alphabetical order."""

    def render() -> str:
        view = glossary.course_glossary(content.catalogue, course_id, current_locale())
        return render_template("catalogue/glossary.html", glossary=view)

    if not current_user.is_authenticated:
        return anonymous_page(render)
    return render()


bp.add_url_rule("/", view_func=course_list)
bp.add_url_rule("/<course_id>/", view_func=course_page)
bp.add_url_rule("/<course_id>/glossary", view_func=glossary_page)
