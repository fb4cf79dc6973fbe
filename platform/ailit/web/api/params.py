"""Query parameters shared by API views, and the signed-in account they act for."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from ailit.locales import LOCALES, is_locale
from ailit.models import User
from ailit.stages import STAGES
from ailit.web.api.errors import ApiError, bad_field
from ailit.web.i18n import negotiate_locale


def locale_param() -> str:
    """``?locale=``; else the account's language, the locale cookie, Accept-Language, en."""
    raw = request.args.get("locale")
    if raw is None:
        return negotiate_locale()
    if not is_locale(raw):
        raise bad_field("locale", "invalid_locale", f"choose one of {', '.join(LOCALES)}")
    return raw


def stage_param() -> str | None:
    """``?stage=``, one of the six stages, or None."""
    raw = request.args.get("stage")
    if raw is not None and raw not in STAGES:
        raise bad_field("stage", "invalid_stage", f"choose one of {', '.join(STAGES)}")
    return raw


def signed_in_user() -> User:
    """The account of this request (bearer token or session), else a 401."""
    if not current_user.is_authenticated:
        raise ApiError(
            401,
            "unauthenticated",
            "sign in first: send 'Authorization: Bearer <token>' with a token from login",
            headers={"WWW-Authenticate": "Bearer"},
        )
    user: User = current_user._get_current_object()  # type: ignore[attr-defined]
    return user


def optional_user_id() -> int | None:
    """The id of the signed-in account, or None for a visitor."""
    return current_user.id if current_user.is_authenticated else None
