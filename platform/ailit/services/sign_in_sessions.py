"""Signed-in browser sessions kept on the server: start, look up, end one, end all others.

The browser's cookie carries a random id; the database keeps its SHA-256 hash. Every
signed-in request costs one indexed lookup (:func:`user_for`); anonymous visitors get no row.
Signing out deletes the row, so a copied cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ailit.models import SignInSession, User, utcnow
from ailit.services import privacy

SESSION_ID_BYTES = 32  # 256 random bits
SESSION_ID_MAX_LENGTH = 100  # longer cookie values are refused before hashing
MAX_AGE = timedelta(days=30)  # then the person signs in again


def hash_session_id(session_id: str) -> str:
    """The SHA-256 hex digest stored in place of the id."""
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def start(session: Session, user: User, *, now: datetime | None = None) -> str:
    """A new session for ``user``: the id to put in the cookie (never stored as such)."""
    now = now or utcnow()
    session.execute(
        delete(SignInSession).where(
            SignInSession.user_id == user.id, SignInSession.created_at <= now - MAX_AGE
        )
    )
    session_id = secrets.token_urlsafe(SESSION_ID_BYTES)
    session.add(SignInSession(id_hash=hash_session_id(session_id), user_id=user.id, created_at=now))
    session.commit()
    return session_id


def user_for(
    session: Session, user_id: int, session_id: str, *, now: datetime | None = None
) -> User | None:
    """The account if ``session_id`` is a live session of account ``user_id``, else None."""
    if not session_id or len(session_id) > SESSION_ID_MAX_LENGTH:
        return None
    now = now or utcnow()
    return session.scalar(
        select(User)
        .join(SignInSession, SignInSession.user_id == User.id)
        .where(
            SignInSession.id_hash == hash_session_id(session_id),
            User.id == user_id,
            SignInSession.created_at > now - MAX_AGE,
        )
    )


def end(session: Session, session_id: str) -> None:
    """Sign this session out (nothing happens for an unknown id)."""
    if session_id and len(session_id) <= SESSION_ID_MAX_LENGTH:
        session.execute(delete(SignInSession).where(SignInSession.id_hash == hash_session_id(session_id)))
        session.commit()


def end_others(session: Session, user_ids: Collection[int], keep: str | None = None) -> None:
    """End every session of these accounts except ``keep`` (not committed: part of a change)."""
    query = delete(SignInSession).where(SignInSession.user_id.in_(user_ids))
    if keep:
        query = query.where(SignInSession.id_hash != hash_session_id(keep))
    session.execute(query)


def _export(session: Session, user: User) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(SignInSession.created_at)
        .where(SignInSession.user_id == user.id)
        .order_by(SignInSession.created_at)
    )
    return [{"signed_in_at": created.isoformat()} for created in rows]


def _erase(session: Session, user: User) -> None:
    end_others(session, [user.id])


privacy.register("sign_in_sessions", exporter=_export, eraser=_erase)
