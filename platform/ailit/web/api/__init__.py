"""The JSON API under ``/api/v1``: one blueprint, this table of URL rules, one error table.

Views live beside this file by capability (``accounts``, ``courses``, ``me``, ``classes``,
``certificates``); ``body`` is the one JSON body decoder, ``errors`` the one error table,
``auth`` says who a request acts for. Only public hooks are used: ``csrf.exempt``,
``login_manager.request_loader``, the blueprint's ``before_request`` and error handlers.
The OpenAPI 3.1 document (``/api/v1/openapi.json``) is merged from ``ailit/web/openapi/``
when the blueprint is registered.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue

from ailit.web.api import accounts, auth, certificates, classes, courses, me, studio, tasks
from ailit.web.api.errors import HANDLED, response_for
from ailit.web.extensions import csrf, login_manager
from ailit.web.openapi import load_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def openapi_document() -> ResponseReturnValue:
    """operationId getOpenApiDocument: the merged OpenAPI 3.1 document."""
    return jsonify(current_app.extensions["ailit.openapi"])


def _load_document(state: BlueprintSetupState) -> None:
    # Merged once at start-up: a broken fragment stops the app from starting, not a request.
    state.app.extensions["ailit.openapi"] = load_document()


def _no_store(response: Response) -> Response:
    # Responses carry personal data: never cached (unless a view says otherwise).
    response.headers.setdefault("Cache-Control", "no-store")
    return response


bp.record_once(_load_document)
csrf.exempt(bp)  # cookie requests send X-CSRFToken instead, checked by auth.check_request
login_manager.request_loader(auth.load_bearer_user)
bp.before_request(auth.check_request)
bp.after_request(_no_store)
for _kind in HANDLED:
    bp.register_error_handler(_kind, response_for)

R = bp.add_url_rule
R("/openapi.json", view_func=openapi_document)
# accounts
R("/auth/register", view_func=accounts.register, methods=["POST"])
R("/auth/login", view_func=accounts.login, methods=["POST"])
R("/auth/logout", view_func=accounts.logout, methods=["POST"])
R("/auth/csrf-token", view_func=accounts.csrf_token)
R("/auth/password", view_func=accounts.change_password, methods=["POST"])
# courses and learning
R("/courses", view_func=courses.list_courses)
R("/courses/<course_id>", view_func=courses.get_course)
R("/courses/<course_id>/glossary", view_func=courses.get_glossary)
R("/courses/<course_id>/modules/<module_id>", view_func=courses.get_module)
R("/courses/<course_id>/modules/<module_id>/attempts", view_func=courses.submit_attempt,
  methods=["POST"])
# the signed-in person
R("/me/progress", view_func=me.get_progress)
R("/me/export", view_func=me.export_data)
R("/me", view_func=me.delete_account, methods=["DELETE"])
# classes
R("/classes", view_func=classes.list_classes)
R("/classes", view_func=classes.create_class, methods=["POST"])
R("/classes/join", view_func=classes.join_class, methods=["POST"])
R("/classes/<int:class_id>/assignments", view_func=classes.create_assignment, methods=["POST"])
R("/classes/<int:class_id>/progress", view_func=classes.get_class_progress)
# certificates
R("/certificates", view_func=certificates.issue_certificate, methods=["POST"])
R("/certificates/<code>/pdf", view_func=certificates.get_certificate_pdf)
R("/certificates/<code>", view_func=certificates.verify_certificate)
R("/certificates/<code>/credential", view_func=certificates.get_credential)
R("/certificates/status/<int:list_id>", view_func=certificates.get_status_list)
R("/certificates/<code>/revoke", view_func=certificates.revoke_certificate, methods=["POST"])
R("/issuer", view_func=certificates.get_issuer)
# studio
R("/studio/courses", view_func=studio.list_studio_courses)
R("/studio/courses", view_func=studio.upload_course_package, methods=["POST"])
R("/studio/courses/<course_id>/draft", view_func=studio.get_course_draft)
R("/studio/courses/<course_id>/files/<path:path>", view_func=studio.get_draft_file)
R("/studio/courses/<course_id>/files/<path:path>", view_func=studio.save_draft_file, methods=["PUT"])
R("/studio/courses/<course_id>/preview/<module_id>", view_func=studio.preview_module)
R("/studio/courses/<course_id>/publish", view_func=studio.publish_course, methods=["POST"])
R("/studio/courses/<course_id>/unpublish", view_func=studio.unpublish_course, methods=["POST"])
R("/studio/courses/<course_id>/versions", view_func=studio.list_course_versions)
R("/studio/courses/<course_id>/rollback", view_func=studio.rollback_course, methods=["POST"])
R("/studio/courses/<course_id>/translations", view_func=studio.get_translation_status)
R("/studio/courses/<course_id>/translations/<module>/<lang>/diff", view_func=studio.get_source_diff)
R("/studio/courses/<course_id>/translations/<module>/<lang>/xliff", view_func=studio.export_translation)
R("/studio/courses/<course_id>/translations/<module>/<lang>/xliff", view_func=studio.import_translation,
  methods=["PUT"])
# practical tasks
R("/courses/<course_id>/modules/<module_id>/submissions", view_func=tasks.submit_task, methods=["POST"])
R("/me/tasks", view_func=tasks.my_tasks)
R("/reviews", view_func=tasks.review_queue)
R("/submissions/<submission_id>", view_func=tasks.get_submission)
R("/submissions/<submission_id>/review", view_func=tasks.review_submission, methods=["POST"])
