"""Learning: module pages, quiz attempts and their results, "mark as read", module images."""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from ailit.content.questions import QUESTION_TYPES, WIDGETS_DIR
from ailit.services import courses, learning, progress, quiz, tasks
from ailit.services.errors import MalformedAnswer, NoAttemptsLeft, NoQuiz, RetryLater, ValidationError
from ailit.web.errors import render_error
from ailit.web.experience import lesson_for_reader, sees_curriculum
from ailit.web.extensions import content, db
from ailit.web.forms import ActionForm
from ailit.web.i18n import current_locale
from ailit.web.labels import CALLOUT_LABELS, field_message, message_for
from ailit.web.page_cache import anonymous_page
from ailit.web.quiz_form import TOKEN_FIELD, FormAnswerError, field_name, parse_answers, translated
from ailit.web.steps import NoSuchStep, last_step, step_view

# Each question type's widget template ships beside its class in ailit.content.questions.
bp = Blueprint("learning", __name__, template_folder=str(WIDGETS_DIR))

MEDIA_MAX_AGE = 24 * 3600
MEDIA_CSP = "default-src 'none'; img-src 'self' data:; style-src 'self'; sandbox; frame-ancestors 'none'"
_CALLOUT_LABEL = re.compile(r'(<p class="callout-label" data-callout="([a-z]+)">)[^<]*(</p>)')


def module_page(course_id: str, module_id: str) -> ResponseReturnValue:
    """A module: objectives, lesson, callouts, previous/next, and its quiz form."""
    if current_user.is_authenticated:
        return render_module(course_id, module_id, step=request.args.get("step"))
    # Signed out: the same page for everyone, rendered once per catalogue version (and step).
    return anonymous_page(lambda: render_module(course_id, module_id, step=request.args.get("step"))[0])


@login_required
def submit_quiz(course_id: str, module_id: str) -> ResponseReturnValue:
    """Grade an attempt (server side only), then show its result (POST-redirect-GET)."""
    catalogue, locale = content.catalogue, current_locale()
    token = request.form.get(TOKEN_FIELD, "")
    earlier = quiz.recorded_attempt(db.session, current_user.id, token)
    if earlier is not None:  # the same form again: its first result
        return _redirect_to_attempt(earlier.course_id, earlier.module_id, earlier.attempt_id)
    try:
        form = quiz.quiz_form(db.session, current_user.id, catalogue, course_id, module_id, locale)
        answers = parse_answers(request.form, form.questions)
        result = quiz.submit_attempt(
            db.session,
            current_user.id,
            catalogue,
            course_id,
            module_id,
            locale,
            answers,
            token,
        )
    except FormAnswerError as error:
        message = _("Question %(num)d: %(message)s", num=error.number, message=error.message)
        return render_module(course_id, module_id, error=message, status=400)
    except MalformedAnswer as error:
        detail = translated(error.message, error.params)
        message = _("Question %(num)d: %(message)s", num=error.number, message=detail)
        return render_module(course_id, module_id, error=message, status=400)
    except RetryLater as error:
        message = _("You can try again from %(time)s.", time=format_datetime(error.retry_at, "short"))
        return render_module(course_id, module_id, error=message, status=429)
    except ValidationError as error:
        return render_module(course_id, module_id, error=field_message(error), status=400)
    except NoAttemptsLeft as error:
        return render_error(403, message_for(error))
    except NoQuiz as error:  # a module without a quiz has nothing to submit
        return render_error(404, message_for(error))
    return _redirect_to_attempt(course_id, module_id, result.attempt_id)


def _redirect_to_attempt(course_id: str, module_id: str, attempt_id: int) -> ResponseReturnValue:
    url = url_for("learning.attempt_page", course_id=course_id, module_id=module_id, attempt_id=attempt_id)
    return redirect(url, code=303)


@login_required
def attempt_page(course_id: str, module_id: str, attempt_id: int) -> ResponseReturnValue:
    """A graded attempt: the score and, as the quiz's feedback setting allows, each question."""
    result = quiz.attempt_result(db.session, current_user.id, content.catalogue, attempt_id)
    if (result.course_id, result.module_id) != (course_id, module_id):
        abort(404)
    course = progress.course_progress(
        db.session, current_user.id, content.catalogue, course_id, current_locale()
    )
    return render_template("learning/attempt.html", result=result, course_progress=course)


@login_required
def mark_read(course_id: str, module_id: str) -> ResponseReturnValue:
    """Complete a module without a quiz, then go on to the next module."""
    ActionForm()
    catalogue = content.catalogue
    try:
        progress.mark_read(db.session, current_user.id, catalogue, course_id, module_id)
    except NoQuiz as error:
        return render_error(400, message_for(error))
    course = progress.course_progress(
        db.session, current_user.id, catalogue, course_id, current_locale()
    )
    if course.finished:
        flash(_("You finished the course “%(title)s”!", title=course.title), "celebrate")
        return redirect(url_for("catalogue.course_page", course_id=course_id), 303)
    flash(_("Module complete: well done!"), "celebrate")
    ids = list(course.statuses)
    index = ids.index(module_id)
    if index + 1 < len(ids):
        return redirect(
            url_for("learning.module_page", course_id=course_id, module_id=ids[index + 1]), 303
        )
    return redirect(url_for("catalogue.course_page", course_id=course_id), 303)


def media(course_id: str, module_id: str, name: str) -> ResponseReturnValue:
    """An image from a module's ``media/`` folder, from the compiled catalogue only."""
    path = content.catalogue.media_path(course_id, module_id, name)
    if path is None:
        abort(404)
    response = send_file(path, max_age=MEDIA_MAX_AGE)
    # Opened on its own, an image (an SVG above all) runs nothing and reaches nothing.
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    return response


@login_required
def teacher_edition(course_id: str, module_id: str) -> ResponseReturnValue:
    """A module for the teacher to print: lesson with teacher notes, then the quiz's answer key."""
    if not sees_curriculum():
        return render_error(403, _("The teacher edition is for teachers and authors."))
    page = courses.module_page(content.catalogue, course_id, module_id, current_locale())
    return render_template(
        "learning/teacher_edition.html",
        page=page,
        lesson_html=localise_callouts(page.text.html),
    )


def cover(course_id: str) -> ResponseReturnValue:
    """A course's cover picture (decorative; the course title is always beside it)."""
    path = content.catalogue.cover_path(course_id)
    if path is None:
        abort(404)
    response = send_file(path, max_age=MEDIA_MAX_AGE)
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    return response


def localise_callouts(html: str) -> Markup:
    """The lesson HTML (sanitised by the compiler) with callout labels in the UI language."""

    def label(match: re.Match[str]) -> str:
        text = CALLOUT_LABELS.get(match.group(2))
        if text is None:
            return match.group(0)
        return f"{match.group(1)}{escape(str(text))}{match.group(3)}"

    return Markup(_CALLOUT_LABEL.sub(label, html))  # nosec B704  # compiler-sanitised HTML, labels escaped


def render_module(
    course_id: str,
    module_id: str,
    error: str | None = None,
    status: int = 200,
    task_error: str | None = None,
    step: str | None = None,
) -> tuple[str, int]:
    """The module page; ``error`` is about the quiz form, ``task_error`` about the task form.

    ``step`` is the screen asked for where the course's stage reads lessons in steps; a form
    shown again with its error is on the last step, where the quiz and the task are.
    """
    user_id = current_user.id if current_user.is_authenticated else None
    view = learning.open_module(
        db.session, user_id, content.catalogue, course_id, module_id, current_locale()
    )
    lesson = lesson_for_reader(view.page.text.html)
    try:
        steps = step_view(view.page.course.stage, lesson, view.page.has_quiz, step)
    except NoSuchStep:
        # Raised, not returned: a signed-out visitor's page is rendered inside the page cache.
        abort(make_response(render_error(404, _("This lesson has no such step."))))
    if error or task_error:
        steps = last_step(steps)
    html = render_template(
        "learning/module.html",
        view=view,
        page=view.page,
        steps=steps,
        lesson_html=localise_callouts(steps.lesson_html(lesson) if steps else lesson),
        quiz_error=error,
        field_name=field_name,
        token_field=TOKEN_FIELD,
        question_types=QUESTION_TYPES,
        # A form (and so a CSRF token in a session) only for someone who can send it.
        action_form=ActionForm() if current_user.is_authenticated else None,
        task_error=task_error,
        task_latest=tasks.latest_view(db.session, user_id, content.catalogue, course_id, module_id, current_locale()),
    )
    return html, status


bp.add_url_rule("/<locale>/courses/<course_id>/<module_id>/", view_func=module_page)
bp.add_url_rule(
    "/<locale>/courses/<course_id>/<module_id>/quiz", view_func=submit_quiz, methods=["POST"]
)
bp.add_url_rule(
    "/<locale>/courses/<course_id>/<module_id>/attempts/<int:attempt_id>", view_func=attempt_page
)
bp.add_url_rule(
    "/<locale>/courses/<course_id>/<module_id>/read", view_func=mark_read, methods=["POST"]
)
bp.add_url_rule("/media/<course_id>/<module_id>/<path:name>", view_func=media)
bp.add_url_rule("/covers/<course_id>", view_func=cover)
bp.add_url_rule(
    "/<locale>/courses/<course_id>/<module_id>/teacher-edition", view_func=teacher_edition
)
