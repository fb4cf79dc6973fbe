"""Bearer tokens of the JSON API: issued at sign-in, looked up by hash, revoked, exported."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ailit.models import TemporaryPassword, User, utcnow
from ailit.models.api_token import ApiToken
from ailit.services import privacy
from ailit.services.errors import PasswordChangeRequired

DEFAULT_LIFETIME = timedelta(days=30)
TOKEN_BYTES = 32  # 256 random bits, URL-safe base64: 43 characters
TOKEN_MAX_LENGTH = 200  # longer bearer values are refused before hashing


@dataclass(frozen=True)
class IssuedToken:
    """A new token: ``value`` is shown to the client once and never stored."""

    value: str
    expires_at: datetime


def hash_token(value: str) -> str:
    """The SHA-256 hex digest stored in place of the token."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def issue_token(
    session: Session,
    user: User,
    *,
    lifetime: timedelta = DEFAULT_LIFETIME,
    now: datetime | None = None,
) -> IssuedToken:
    """A new random token for ``user``; the user's expired tokens are cleared on the way.

    Raises PasswordChangeRequired while the account has a one-time password: a printed
    password is replaced (in the browser) before it opens anything, the API included.
    """
    if session.get(TemporaryPassword, user.id) is not None:
        raise PasswordChangeRequired(
            "this account still has a one-time password: sign in on the website and choose "
            "your own password first"
        )
    now = now or utcnow()
    session.execute(
        delete(ApiToken).where(ApiToken.user_id == user.id, ApiToken.expires_at <= now)
    )
    value = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(value), created_at=now,
                         expires_at=now + lifetime))
    session.commit()
    return IssuedToken(value=value, expires_at=now + lifetime)


def user_for_token(session: Session, value: str, *, now: datetime | None = None) -> User | None:
    """The account a valid, unexpired token belongs to, else None."""
    if not value or len(value) > TOKEN_MAX_LENGTH:
        return None
    now = now or utcnow()
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(value)))
    if token is None or token.expires_at <= now:
        return None
    return session.get(User, token.user_id)


def revoke_token(session: Session, value: str) -> bool:
    """Forget one token (sign out a client); False when it was not known."""
    result = session.execute(delete(ApiToken).where(ApiToken.token_hash == hash_token(value)))
    session.commit()
    return bool(getattr(result, "rowcount", 0))


def _export(session: Session, user: User) -> list[dict[str, Any]]:
    # Only when tokens were made and until when: the hashes are secrets of no use to anyone.
    tokens = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
    )
    return [
        {"created_at": t.created_at.isoformat(), "expires_at": t.expires_at.isoformat()}
        for t in tokens
    ]


def _erase(session: Session, user: User) -> None:
    session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))


privacy.register("api_tokens", exporter=_export, eraser=_erase)
