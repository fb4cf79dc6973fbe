"""What every request under ``/api/`` goes through, whichever blueprint serves it.

- ``Authorization: Bearer <token>`` authenticates the request (``current_user``) without
  touching the session; an unknown or expired token is a 401, never a silent fallback.
- CSRF: bearer requests need none (a browser never adds the header by itself). Requests
  authenticated by the session cookie that change anything must send the session's CSRF
  token in ``X-CSRFToken``; the form-field check of Flask-WTF is skipped under ``/api/``.
- Errors are JSON (``errors.response_for``), including 404 and 405 for unknown URLs.
- Responses are not cached: they carry personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, current_app, g, request
from flask.blueprints import BlueprintSetupState
from flask_login import current_user
from flask_wtf.csrf import ValidationError as CsrfInvalid
from flask_wtf.csrf import validate_csrf

from ailit.services import api_tokens
from ailit.web.api.errors import ApiError, error_response, response_for
from ailit.web.extensions import db

API_PREFIX = "/api/"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADERS = ("X-CSRFToken", "X-CSRF-Token")


def is_api_request() -> bool:
    """Whether the current request is addressed to the JSON API."""
    return request.path.startswith(API_PREFIX)


def bearer_token() -> str | None:
    """The bearer token that authenticated this request, if any."""
    return g.get("api_bearer_token")


def install(state: BlueprintSetupState) -> None:
    """Install the API's request hooks and JSON errors on the app (once, at registration)."""
    app = state.app
    hooks = app.before_request_funcs.setdefault(None, [])
    hooks[:] = [_skip_for_api(f) if f.__name__ == "csrf_protect" else f for f in hooks]
    # First in line: later hooks (locale, rate limits) then see the bearer user.
    hooks.insert(0, _authenticate)
    app.after_request(_no_store)
    _json_errors_for_api(app)


def _authenticate() -> Response | None:
    if not is_api_request():
        return None
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return _unauthorised("Authorization: expected 'Bearer <token>'")
        user = api_tokens.user_for_token(db.session, value.strip())
        if user is None:
            return _unauthorised("the bearer token is unknown or expired; get a new one from login")
        # Flask-Login keeps the request's user in g._login_user: setting it makes
        # current_user this account for this request only, without writing the session.
        g._login_user = user
        g.api_bearer_token = value.strip()
        return None
    if request.method in UNSAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
        if current_user.is_authenticated:  # signed in by the session cookie
            token = next((request.headers[h] for h in CSRF_HEADERS if h in request.headers), "")
            try:
                validate_csrf(token)
            except CsrfInvalid:
                return error_response(
                    403,
                    "csrf_failed",
                    "X-CSRFToken: send the session's CSRF token (getCsrfToken) with cookie "
                    "requests, or authenticate with a bearer token",
                    field="X-CSRFToken",
                )
    return None


def _unauthorised(message: str) -> Response:
    return error_response(
        401, "invalid_token", message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )


def _skip_for_api(protect: Callable[[], Any]) -> Callable[[], Any]:
    @wraps(protect)
    def csrf_protect() -> Any:
        if is_api_request():
            return None  # checked by _authenticate, by header, for cookie requests only
        return protect()

    return csrf_protect


def _no_store(response: Response) -> Response:
    if is_api_request():
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _json_errors_for_api(app: Flask) -> None:
    """Every app-wide error handler answers API requests with JSON instead of a page."""
    handlers = app.error_handler_spec.setdefault(None, {})
    for by_class in handlers.values():
        for kind, handler in list(by_class.items()):
            by_class[kind] = _json_when_api(handler)
    # Whatever was not covered yet: API errors, and any exception at all under /api/.
    for kind in (ApiError, Exception):
        if kind not in handlers.setdefault(None, {}):
            app.register_error_handler(kind, _json_when_api(None))


def _json_when_api(handler: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    def handle(error: Any) -> Any:
        if handler is None or is_api_request():
            return response_for(error)
        return handler(error)

    return handle
