"""A person's own data: export all of it as JSON, or delete the account and everything in it.

Each capability that stores rows about a person registers a *section* here, with an exporter
(rows to plain JSON data) and an eraser (delete or anonymise them, without committing)::

    privacy.register("certificates", exporter=export_certificates, eraser=erase_certificates)

Export calls every exporter; deletion checks the password, calls every eraser, deletes the
account and commits once, so a failure anywhere leaves everything as it was. An eraser may
refuse by raising a ServiceError (for example, a school's last admin must hand over first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ailit.models import LoginThrottle, ModuleProgress, QuizAttempt, User, utcnow
from ailit.services.errors import ValidationError
from ailit.services.passwords import DEFAULT_HASHER, verify_password
from ailit.surrogates import whole_characters_in

EXPORT_FORMAT = "ailit-personal-data/1"

Exporter = Callable[[Session, User], Any]
Eraser = Callable[[Session, User], None]


@dataclass(frozen=True)
class Section:
    """One kind of personal data: its key in the export, how to export and erase it."""

    name: str
    exporter: Exporter
    eraser: Eraser | None


_SECTIONS: dict[str, Section] = {}
RESERVED = frozenset({"format", "exported_at", "profile"})


def register(name: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    """Add (or replace) a section; ``eraser`` None: the rows go with the account (ON DELETE)."""
    if name in RESERVED:
        raise ValueError(f"{name!r} is a reserved key of the export")
    _SECTIONS[name] = Section(name, exporter, eraser)


def sections() -> list[str]:
    """The registered section names, in registration order."""
    return list(_SECTIONS)


def export_user_data(session: Session, user: User, *, now: datetime | None = None) -> dict[str, Any]:
    """Everything stored about ``user``, as JSON-ready data."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": (now or utcnow()).isoformat(),
        "profile": {
            "username": user.username,
            "display_name": user.display_name,
            "locale": user.locale,
            "reading_mode": user.reading_mode,
            "role": user.role.value,
            "created_at": user.created_at.isoformat(),
        },
    }
    for section in _SECTIONS.values():
        data[section.name] = section.exporter(session, user)
    # Text stored before input was checked may hold half a character: export it anyway.
    exported: dict[str, Any] = whole_characters_in(data)
    return exported


def delete_account(
    session: Session, user: User, password: str, *, hasher: PasswordHasher = DEFAULT_HASHER
) -> None:
    """Delete the account and all its data once ``password`` is confirmed; one transaction.

    Raises ValidationError('password', ...) when the password does not match, or whatever
    ServiceError an eraser raises to refuse; nothing is deleted then.
    """
    if not isinstance(password, str) or not verify_password(user.password_hash, password, hasher):
        raise ValidationError("password", "password_wrong", "the password is not right")
    try:
        for section in _SECTIONS.values():
            if section.eraser is not None:
                section.eraser(session, user)
        # The sign-in throttle is keyed by username: it would say this name was used here.
        session.execute(delete(LoginThrottle).where(LoginThrottle.username == user.username))
        session.delete(user)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _export_progress(session: Session, user: User) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(ModuleProgress)
        .where(ModuleProgress.user_id == user.id)
        .order_by(ModuleProgress.course_id, ModuleProgress.module_id)
    )
    return [
        {
            "course_id": r.course_id,
            "module_id": r.module_id,
            "version": r.version,
            "status": r.status.value,
            "best_score": r.best_score,
            "completed_at": r.completed_at.isoformat() if r.completed_at else None,
            "last_seen_at": r.last_seen_at.isoformat(),
        }
        for r in rows
    ]


def _erase_progress(session: Session, user: User) -> None:
    session.execute(delete(ModuleProgress).where(ModuleProgress.user_id == user.id))


def _export_attempts(session: Session, user: User) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(QuizAttempt).where(QuizAttempt.user_id == user.id).order_by(QuizAttempt.id)
    )
    return [
        {
            "course_id": a.course_id,
            "module_id": a.module_id,
            "version": a.version,
            "locale": a.locale,
            "answers": a.answers,
            # Per-question results are left out: a quiz with feedback on-pass or never must not
            # say which answers were right; the result page shows them where allowed.
            "score": a.score,
            "passed": a.passed,
            "created_at": a.created_at.isoformat(),
        }
        for a in rows
    ]


def _erase_attempts(session: Session, user: User) -> None:
    session.execute(delete(QuizAttempt).where(QuizAttempt.user_id == user.id))


register("progress", exporter=_export_progress, eraser=_erase_progress)
register("quiz_attempts", exporter=_export_attempts, eraser=_erase_attempts)
