"""The audit log: who viewed or exported which learners' data, who reset which password."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ailit.models import AuditAction, AuditEvent, Classroom, User, utcnow

PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditEntry:
    """One event as a school admin reads it (usernames, not names: minimal personal data)."""

    at: datetime
    actor: str | None  # None: the account has since been deleted
    action: str
    subject: str | None
    class_name: str | None
    count: int


def record(
    session: Session,
    *,
    actor_id: int,
    action: AuditAction,
    school_id: int | None,
    subject_user_id: int | None = None,
    classroom_id: int | None = None,
    count: int = 1,
) -> AuditEvent:
    """Add an event to the session; it is committed with the work it records."""
    event = AuditEvent(
        actor_id=actor_id,
        action=action.value,
        school_id=school_id,
        subject_user_id=subject_user_id,
        classroom_id=classroom_id,
        count=count,
    )
    session.add(event)
    return event


def recently_recorded(
    session: Session,
    *,
    actor_id: int,
    action: AuditAction,
    school_id: int | None,
    classroom_id: int | None,
    within: timedelta,
) -> bool:
    """Whether the same person's same action on the same class is already in the log, recently."""
    found = session.scalar(
        select(AuditEvent.id)
        .where(
            AuditEvent.school_id == school_id,
            AuditEvent.created_at >= utcnow() - within,
            AuditEvent.actor_id == actor_id,
            AuditEvent.action == action.value,
            AuditEvent.classroom_id == classroom_id,
        )
        .limit(1)
    )
    return found is not None


def school_log(session: Session, school_id: int, limit: int = PAGE_SIZE) -> list[AuditEntry]:
    """The school's most recent events, newest first (one query)."""
    actor, subject = aliased(User), aliased(User)
    rows = session.execute(
        select(AuditEvent, actor.username, subject.username, Classroom.name)
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .outerjoin(subject, subject.id == AuditEvent.subject_user_id)
        .outerjoin(Classroom, Classroom.id == AuditEvent.classroom_id)
        .where(AuditEvent.school_id == school_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).all()
    return [
        AuditEntry(event.created_at, actor_name, event.action, subject_name, class_name, event.count)
        for event, actor_name, subject_name, class_name in rows
    ]
