"""API accounts: register, log in for a bearer token, log out, change the password, the CSRF
token for scripts."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request, session
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import generate_csrf

from ailit.models import User
from ailit.models.user import DISPLAY_NAME_MAX, USERNAME_MAX
from ailit.services import accounts, api_tokens, password_change
from ailit.services.errors import PasswordChangeRequired
from ailit.services.validation import PASSWORD_MAX
from ailit.web.api.body import json_object, string_field
from ailit.web.api.auth import bearer_token
from ailit.web.api.errors import ApiError, error_response
from ailit.web.api.params import signed_in_user
from ailit.web.extensions import db, limiter, security
from ailit.web.sign_in import MUST_CHANGE_KEY, current_session_id

LOCALE_MAX = 8


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


def _register_limit() -> str:
    return str(current_app.config["REGISTER_RATE_LIMIT"])


def user_json(user: User) -> dict[str, Any]:
    """An account as the API shows it (never its password hash)."""
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "locale": user.locale,
        "role": user.role.value,
    }


@limiter.limit(_register_limit)
def register() -> ResponseReturnValue:
    """operationId register: create a learner account; 201 with the account."""
    body = json_object(required=("username", "password", "display_name", "locale"))
    user = accounts.register_user(
        db.session,
        username=string_field(body, "username", max_length=USERNAME_MAX),
        password=string_field(body, "password", max_length=PASSWORD_MAX),
        # NFC normalisation may shorten a name: the service checks the final length.
        display_name=string_field(body, "display_name", max_length=DISPLAY_NAME_MAX * 4),
        locale=string_field(body, "locale", max_length=LOCALE_MAX),
        hasher=security.hasher,
    )
    return jsonify(user_json(user)), 201


@limiter.limit(_signin_limit)
def login() -> ResponseReturnValue:
    """operationId login: a bearer token for a username and password (sign-in limits apply)."""
    body = json_object(required=("username", "password"))
    user = accounts.authenticate(
        db.session,
        username=string_field(body, "username", max_length=USERNAME_MAX),
        password=string_field(body, "password", max_length=PASSWORD_MAX),
        address=request.remote_addr,
        policy=security.throttle,
        hasher=security.hasher,
    )
    issued = api_tokens.issue_token(db.session, user)
    return jsonify(
        token=issued.value,
        token_type="Bearer",  # nosec B106  # the token type's name, not a secret
        expires_at=issued.expires_at.isoformat(),
        user=user_json(user),
    )


@limiter.limit(_signin_limit)
def change_password() -> ResponseReturnValue:
    """operationId changePassword: the current password, then the new one; every other
    session and every bearer token of the account (this request's too) stop working."""
    user = signed_in_user()
    body = json_object(required=("current_password", "new_password"))
    password_change.change_own_password(
        db.session,
        user,
        string_field(body, "current_password", max_length=PASSWORD_MAX),
        string_field(body, "new_password", max_length=PASSWORD_MAX),
        keep_session=current_session_id() if bearer_token() is None else None,
        hasher=security.hasher,
    )
    session.pop(MUST_CHANGE_KEY, None)  # a one-time password, if any, is replaced
    return "", 204


def password_change_required() -> Response:
    """The answer to any other API request of a browser signed in with a one-time password."""
    return error_response(
        403,
        PasswordChangeRequired.code,
        "this account still has a one-time password: choose your own password first "
        "(changePassword, or the page the website shows after sign-in)",
    )


def logout() -> ResponseReturnValue:
    """operationId logout: revoke the bearer token of this request."""
    token = bearer_token()
    if token is None:
        raise ApiError(401, "unauthenticated", "Authorization: send the bearer token to revoke",
                       headers={"WWW-Authenticate": "Bearer"})
    api_tokens.revoke_token(db.session, token)
    return "", 204


def csrf_token() -> ResponseReturnValue:
    """operationId getCsrfToken: the session's CSRF token, for X-CSRFToken."""
    return jsonify(csrf_token=generate_csrf())
