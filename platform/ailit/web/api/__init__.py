"""The JSON API under ``/api/v1``: a table of URL rules; views live beside it by capability.

The OpenAPI 3.1 document (``/api/v1/openapi.json``) is merged from ``ailit/web/openapi/``
when the blueprint is registered. ``gateway`` installs bearer authentication, CSRF for cookie
requests and JSON errors for every path under ``/api/``, whichever blueprint serves it.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue

from ailit.web.api import accounts, courses, gateway, me
from ailit.web.openapi import load_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def openapi_document() -> ResponseReturnValue:
    """operationId getOpenApiDocument: the merged OpenAPI 3.1 document."""
    return jsonify(current_app.extensions["ailit.openapi"])


def _load_document(state: BlueprintSetupState) -> None:
    # Merged once at start-up: a broken fragment stops the app from starting, not a request.
    state.app.extensions["ailit.openapi"] = load_document()


bp.record_once(_load_document)
bp.record_once(gateway.install)

bp.add_url_rule("/openapi.json", view_func=openapi_document)
bp.add_url_rule("/auth/register", view_func=accounts.register, methods=["POST"])
bp.add_url_rule("/auth/login", view_func=accounts.login, methods=["POST"])
bp.add_url_rule("/auth/logout", view_func=accounts.logout, methods=["POST"])
bp.add_url_rule("/auth/csrf-token", view_func=accounts.csrf_token)
bp.add_url_rule("/courses", view_func=courses.list_courses)
bp.add_url_rule("/courses/<course_id>", view_func=courses.get_course)
bp.add_url_rule("/courses/<course_id>/modules/<module_id>", view_func=courses.get_module)
bp.add_url_rule(
    "/courses/<course_id>/modules/<module_id>/attempts",
    view_func=courses.submit_attempt,
    methods=["POST"],
)
bp.add_url_rule("/me/progress", view_func=me.get_progress)
bp.add_url_rule("/me/export", view_func=me.export_data)
bp.add_url_rule("/me", view_func=me.delete_account, methods=["DELETE"])
