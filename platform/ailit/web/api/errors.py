"""API errors: ``{"error": {"code", "message"}}`` with a 4xx/5xx status, never a traceback."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from ailit.services.errors import (
    InvalidCredentials,
    MalformedAnswer,
    NoAttemptsLeft,
    NoQuiz,
    NotFound,
    ServiceError,
    Throttled,
    ValidationError,
)

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

# Statuses of the service errors the API can meet; anything else is a 400.
SERVICE_STATUS: tuple[tuple[type[ServiceError], int], ...] = (
    (NotFound, 404),
    (NoQuiz, 404),
    (InvalidCredentials, 401),
    (Throttled, 429),
    (NoAttemptsLeft, 403),
)
CONFLICT_CODES = frozenset({"username_taken"})


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
        return _service_error(error)
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


def _service_error(error: ServiceError) -> Response:
    if isinstance(error, ValidationError):
        status = 409 if error.code in CONFLICT_CODES else 400
        return error_response(
            status, error.code, f"{error.field}: {error.message}", field=error.field
        )
    if isinstance(error, MalformedAnswer):
        if error.number < 1:
            return error_response(400, error.code, f"answers: {error.detail}", field="answers")
        field = f"answers[{error.number - 1}]"
        return error_response(400, error.code, f"{field}: {error.detail}", field=field)
    if isinstance(error, Throttled):
        return error_response(
            429, error.code, error.message, headers={"Retry-After": str(error.retry_after)}
        )
    status = next((s for kind, s in SERVICE_STATUS if isinstance(error, kind)), 400)
    return error_response(status, error.code, error.message)
