"""Practical task pages: submit from the module page, my tasks, one submission, the review queue."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ailit.services import tasks, uploads
from ailit.services.errors import NotFound, ValidationError
from ailit.services.schools import Forbidden
from ailit.web.extensions import content, db
from ailit.web.forms import ActionForm
from ailit.web.i18n import current_locale
from ailit.web.learning import render_module
from ailit.web.security import accepts_body_up_to
from ailit.web.uploads import TASK_UPLOAD_BYTES, incoming_files

bp = Blueprint("tasks", __name__)


@accepts_body_up_to(TASK_UPLOAD_BYTES)
@login_required
def submit_task(course_id: str, module_id: str) -> ResponseReturnValue:
    """Record a submission, then show it (POST-redirect-GET); a bad one re-shows the module."""
    ActionForm()  # CSRF
    try:
        files = incoming_files(request.files.getlist("files"))
        view = tasks.submit(
            db.session, current_user, content.catalogue, course_id, module_id, current_locale(),
            request.form.get("text", ""), files, Path(current_app.config["DATA_DIR"]),
        )
    except uploads.UploadTooLarge:
        return render_module(course_id, module_id, task_error=_("Each file may be at most 10 MB."), status=413)
    except uploads.UploadRejected:
        return render_module(
            course_id, module_id, task_error=_("Attach at most 3 files, each a PDF, PNG or JPEG."), status=400
        )
    except ValidationError:
        return render_module(course_id, module_id, task_error=_("Write your answer to the task."), status=400)
    except tasks.NoTask:
        abort(404)
    except tasks.TaskClosed:
        abort(409)
    return redirect(url_for("tasks.submission_page", submission_id=view.id), 303)


@login_required
def my_tasks() -> ResponseReturnValue:
    """The learner's submissions and their reviews."""
    views = tasks.my_submissions(db.session, current_user, content.catalogue, current_locale())
    return render_template("tasks/mine.html", submissions=views)


@login_required
def review_queue() -> ResponseReturnValue:
    """Submissions waiting for the signed-in reviewer."""
    views = tasks.review_queue(db.session, current_user, content.catalogue, current_locale())
    return render_template("tasks/queue.html", submissions=views)


@login_required
def submission_page(submission_id: int) -> ResponseReturnValue:
    """One submission: text, files, rubric, review; the review form for a reviewer."""
    return _render_submission(submission_id)


@login_required
def review_submission(submission_id: int) -> ResponseReturnValue:
    """Score each criterion and comment (form fields ``score-N`` and ``comment``)."""
    ActionForm()
    raw = [request.form.get(f"score-{i}", "") for i in range(len(request.form.getlist("criterion")))]
    scores: list[object] = [int(v) if v.strip().isdigit() else v for v in raw]
    try:
        tasks.review(db.session, current_user, content.catalogue, submission_id, scores,
                     request.form.get("comment", ""), current_locale())
    except Forbidden:
        abort(403)
    except tasks.AlreadyReviewed:
        abort(409)
    except ValidationError as error:
        message = _("Give each criterion a score from 0 to its points.") if error.field == "scores" else _(
            "Write a comment: what is good and what to improve."
        )
        return _render_submission(submission_id, error=message, status=400)
    return redirect(url_for("tasks.review_queue"), 303)


@login_required
def submission_file(submission_id: int, file_id: int) -> ResponseReturnValue:
    """A file of a submission, as a download, to its learner and reviewers only."""
    try:
        path, info = tasks.submission_file(
            db.session, current_user, content.catalogue, submission_id, file_id, Path(current_app.config["DATA_DIR"])
        )
    except NotFound:
        abort(404)
    response = send_file(path, mimetype=info.media_type, as_attachment=True, download_name=info.name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _render_submission(submission_id: int, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    try:
        view = tasks.open_submission(db.session, current_user, content.catalogue, submission_id, current_locale())
    except NotFound:
        abort(404)
    reviewing = view.status == "submitted" and view.username != current_user.username
    return render_template("tasks/submission.html", submission=view, reviewing=reviewing, error=error), status


bp.add_url_rule(
    "/<locale>/courses/<course_id>/<module_id>/task", view_func=submit_task, methods=["POST"]
)
bp.add_url_rule("/<locale>/tasks/", view_func=my_tasks)
bp.add_url_rule("/<locale>/reviews/", view_func=review_queue)
bp.add_url_rule("/<locale>/tasks/<int:submission_id>", view_func=submission_page)
bp.add_url_rule(
    "/<locale>/tasks/<int:submission_id>/review", view_func=review_submission, methods=["POST"]
)
bp.add_url_rule("/<locale>/tasks/<int:submission_id>/files/<int:file_id>", view_func=submission_file)
