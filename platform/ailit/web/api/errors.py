"""The API's one error table: every refusal is ``{"error": {"code", "message", "field"?}}``.

A service exception maps to a status through ``SERVICE_STATUS`` (first matching class wins);
a few codes have their own status (``CODE_STATUS``). HTTP errors raised by Flask and Werkzeug
get stable codes from ``HTTP_CODES``. Nothing else decides an API error's status.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from ailit.services.assignments import StageMismatch
from ailit.services.certificates import NotEligible
from ailit.services.storage import StorageUnavailable
from ailit.services.classes import JoinCodeInvalid
from ailit.services.errors import (
    InvalidCredentials,
    MalformedAnswer,
    NoAttemptsLeft,
    NoQuiz,
    NotFound,
    PasswordChangeRequired,
    RetryLater,
    ServiceError,
    Throttled,
    ValidationError,
)
from ailit.services.schools import Forbidden
from ailit.web.health import UNAVAILABLE_ERRORS, database_unreachable, retry_headers

# Stable codes for HTTP errors raised by Flask and Werkzeug themselves.
HTTP_CODES = {
    400: ("bad_request", "the request could not be understood"),
    401: ("unauthenticated", "sign in first: send a bearer token from login"),
    403: ("forbidden", "you are not allowed to do this"),
    404: ("not_found", "there is nothing at this address"),
    405: ("method_not_allowed", "this address does not accept this method"),
    413: ("too_large", "the request body is too large"),
    415: ("unsupported_media_type", "send the body as application/json"),
    429: ("too_many_requests", "too many requests; wait and try again"),
    500: ("internal_error", "an error on our side; it has been logged, please try again later"),
}

# Service exception -> status; anything not listed is a 400.
SERVICE_STATUS: tuple[tuple[type[ServiceError], int], ...] = (
    (NotFound, 404),
    (NoQuiz, 404),
    (InvalidCredentials, 401),
    (Throttled, 429),
    (RetryLater, 429),
    (NoAttemptsLeft, 403),
    (Forbidden, 403),
    (PasswordChangeRequired, 403),
    (NotEligible, 409),
    (StageMismatch, 409),
    (StorageUnavailable, 503),
)
# Codes whose status differs from their class's.
CODE_STATUS = {
    "username_taken": 409,
    "join_code_wrong": 404,  # unknown, replaced, switched off or expired alike
    "draft_has_errors": 409,
    "build_failed": 409,
}
# The exception classes the API answers itself (blueprint error handlers are registered for
# each, so that an app-wide page handler for a subclass never answers an API request).
HANDLED: tuple[type[BaseException], ...] = (
    *(kind for kind, _ in SERVICE_STATUS),
    ServiceError,
    RateLimitExceeded,
    HTTPException,
    Exception,
)


class ApiError(Exception):
    """An error a view reports to the client: status, stable code, message naming the field."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}


def bad_field(field: str, code: str, detail: str) -> ApiError:
    """A 400 whose message starts with the field at fault: ``answers[2]: expected a number``."""
    return ApiError(400, code, f"{field}: {detail}", field=field)


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The JSON error body with its status and headers."""
    body: dict[str, Any] = {"code": code, "message": message}
    if field is not None:
        body["field"] = field
    response = jsonify(error=body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def response_for(error: BaseException) -> Response:
    """Any exception raised while serving an API request, as a JSON error."""
    if isinstance(error, ApiError):
        return error_response(
            error.status, error.code, error.message, field=error.field, headers=error.headers
        )
    if isinstance(error, ServiceError):
        return response_for(api_error(error))
    if isinstance(error, UNAVAILABLE_ERRORS):
        database_unreachable(error)
        return error_response(
            503, "unavailable", "the database cannot be reached; try again later",
            headers=retry_headers(),
        )
    if isinstance(error, RateLimitExceeded):
        # Flask-Limiter adds Retry-After to this response (RATELIMIT_HEADERS_ENABLED).
        code, message = HTTP_CODES[429]
        return error_response(429, code, f"{message} (limit: {error.description})")
    if isinstance(error, HTTPException) and error.code and error.code < 500:
        code, message = HTTP_CODES.get(error.code, (f"http_{error.code}", error.name.lower()))
        # Keep headers such as Allow (405); the body is ours.
        headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return error_response(error.code, code, message, headers=headers)
    if not isinstance(error, HTTPException):
        current_app.logger.exception("unhandled API error", exc_info=error)
    code, message = HTTP_CODES[500]
    return error_response(500, code, message)


def api_error(error: ServiceError) -> ApiError:
    """The API's answer to a service exception, from the tables above."""
    status = CODE_STATUS.get(error.code) or next(
        (s for kind, s in SERVICE_STATUS if isinstance(error, kind)), 400
    )
    headers: dict[str, str] = {}
    field: str | None = None
    message = error.message
    if isinstance(error, ValidationError):
        field = error.field
    elif isinstance(error, MalformedAnswer):
        field = "answers" if error.number < 1 else f"answers[{error.number - 1}]"
        message = error.detail
    elif isinstance(error, JoinCodeInvalid):
        field = "code"
    elif isinstance(error, StageMismatch):
        field = "course_id"
        message = f"{message}; send confirm_other_stage: true to assign it anyway"
    elif isinstance(error, Throttled):
        headers["Retry-After"] = str(error.retry_after)
    elif isinstance(error, RetryLater):
        headers["Retry-After"] = str(error.seconds)
    elif isinstance(error, StorageUnavailable):  # a full or read-only disk: the operator must act
        headers["Retry-After"] = str(StorageUnavailable.retry_after)
        message = "certificates cannot be saved right now; try again later"
    if field is not None:
        message = f"{field}: {message}"
    return ApiError(status, error.code, message, field=field, headers=headers)
