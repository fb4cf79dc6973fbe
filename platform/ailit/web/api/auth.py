"""Who an API request acts for, through Flask-Login's public hooks.

- ``Authorization: Bearer <token>`` authenticates the request (``current_user``) without
  touching the session (``login_manager.request_loader``); an unknown or expired token is a
  401, never a silent fallback to the session cookie.
- CSRF: the blueprint is exempt from Flask-WTF's form check (``csrf.exempt``). Bearer requests
  need none (a browser never adds the header by itself); requests authenticated by the session
  cookie that change anything must send the session's CSRF token in ``X-CSRFToken``.
"""

from __future__ import annotations

from flask import Request, current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import ValidationError as CsrfInvalid
from flask_wtf.csrf import validate_csrf

from ailit.models import User
from ailit.services import api_tokens
from ailit.web.api.errors import ApiError
from ailit.web.extensions import db

API_PREFIX = "/api/"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADERS = ("X-CSRFToken", "X-CSRF-Token")


def is_api_request(req: Request | None = None) -> bool:
    """Whether the request is addressed to the JSON API."""
    return (req or request).path.startswith(API_PREFIX)


def sends_authorization(req: Request) -> bool:
    """An API request with an Authorization header is authenticated by it alone."""
    return is_api_request(req) and "Authorization" in req.headers


def bearer_token() -> str | None:
    """The bearer token that authenticated this request, if any."""
    return g.get("api_bearer_token")


def load_bearer_user(req: Request) -> User | None:
    """``login_manager.request_loader``: the account of a valid bearer token, else None."""
    value = _bearer_value(req) if is_api_request(req) else None
    if value is None:
        return None
    user = api_tokens.user_for_token(db.session, value)
    if user is not None:
        g.api_bearer_token = value
    return user


def check_request() -> None:
    """Blueprint ``before_request``: a bad Authorization header is a 401; CSRF for cookies."""
    if "Authorization" in request.headers:
        if _bearer_value(request) is None:
            raise _unauthorised("Authorization: expected 'Bearer <token>'")
        if not current_user.is_authenticated:  # loads the bearer user
            raise _unauthorised(
                "the bearer token is unknown or expired; get a new one from login"
            )
        return
    if request.method in UNSAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
        if current_user.is_authenticated:  # signed in by the session cookie
            token = next((request.headers[h] for h in CSRF_HEADERS if h in request.headers), "")
            try:
                validate_csrf(token)
            except CsrfInvalid:
                raise ApiError(
                    403,
                    "csrf_failed",
                    "X-CSRFToken: send the session's CSRF token (getCsrfToken) with cookie "
                    "requests, or authenticate with a bearer token",
                    field="X-CSRFToken",
                ) from None


def _bearer_value(req: Request) -> str | None:
    scheme, _, value = req.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _unauthorised(message: str) -> ApiError:
    return ApiError(
        401, "invalid_token", message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )
