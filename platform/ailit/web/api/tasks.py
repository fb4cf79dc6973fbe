"""API for practical tasks: submit, my tasks, the review queue, one submission, review it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue

from ailit.services import tasks, uploads
from ailit.services.schools import Forbidden
from ailit.web.api.body import json_object
from ailit.web.api.errors import ApiError
from ailit.web.api.params import locale_param, signed_in_user
from ailit.web.extensions import content, db
from ailit.web.security import accepts_body_up_to
from ailit.web.uploads import TASK_UPLOAD_BYTES, incoming_files

T = TypeVar("T")

STATUS: dict[type[Exception], int] = {
    tasks.NoTask: 404,
    tasks.TaskClosed: 409,
    tasks.AlreadyReviewed: 409,
    Forbidden: 403,
    uploads.UploadRejected: 400,
    uploads.UploadTooLarge: 413,
}


def _call(action: Callable[..., T], *args: Any) -> T:
    try:
        return action(*args)
    except tuple(STATUS) as error:
        raise ApiError(STATUS[type(error)], error.code, error.message) from None  # type: ignore[attr-defined]


def _id(raw: str) -> int:
    """A submission id from the path (the path stays ``{submission_id}`` in the document)."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise ApiError(404, "not_found", f"no submission {raw[:20]!r}")
    return int(raw)


@accepts_body_up_to(TASK_UPLOAD_BYTES)
def submit_task(course_id: str, module_id: str) -> ResponseReturnValue:
    """operationId submitTask: multipart ``text`` and up to 3 ``files``; nothing stored on a 4xx."""
    user, locale = signed_in_user(), locale_param()
    files = _call(incoming_files, request.files.getlist("files"))
    view = _call(
        tasks.submit, db.session, user, content.catalogue, course_id, module_id, locale,
        request.form.get("text", ""), files, Path(current_app.config["DATA_DIR"]),
    )
    return jsonify(view.to_json()), 201


def my_tasks() -> ResponseReturnValue:
    """operationId getMyTasks: the signed-in learner's submissions and their reviews."""
    user, locale = signed_in_user(), locale_param()
    views = tasks.my_submissions(db.session, user, content.catalogue, locale)
    return jsonify(submissions=[v.to_json() for v in views])


def review_queue() -> ResponseReturnValue:
    """operationId listReviewQueue: submissions waiting for a review by the signed-in person."""
    user, locale = signed_in_user(), locale_param()
    views = tasks.review_queue(db.session, user, content.catalogue, locale)
    return jsonify(submissions=[v.to_json() for v in views])


def get_submission(submission_id: str) -> ResponseReturnValue:
    """operationId getSubmission: one submission, for its learner or a reviewer."""
    user, locale = signed_in_user(), locale_param()
    view = tasks.open_submission(db.session, user, content.catalogue, _id(submission_id), locale)
    return jsonify(view.to_json())


def review_submission(submission_id: str) -> ResponseReturnValue:
    """operationId reviewSubmission: ``{scores: [int per criterion], comment}``."""
    user, locale = signed_in_user(), locale_param()
    body = json_object(required=("scores", "comment"))
    view = _call(
        tasks.review, db.session, user, content.catalogue, _id(submission_id),
        body["scores"], body["comment"], locale,
    )
    return jsonify(view.to_json())
