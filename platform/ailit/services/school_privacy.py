"""A person's data in schools, for the personal-data registry: export it, erase it.

A learner's export holds their class memberships and the work assigned to those classes; a
teacher's, their school and the classes they teach; anyone's, the audit events naming them.
Erasing removes memberships, pending one-time passwords and picture passwords and clears the account's id
wherever a row outlives it (a class keeps going without its teacher; audit events keep the
event, with ids only, and lose the id of the deleted account). It is explicit rather than
left to ON DELETE so it does not depend on the database enforcing foreign keys.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from ailit.models import (
    Assignment,
    AuditEvent,
    ClassMembership,
    Classroom,
    Invitation,
    PicturePassword,
    School,
    SchoolMembership,
    TemporaryPassword,
    User,
)
from ailit.services import privacy

SECTION = "schools"


def export_school_data(session: Session, user: User) -> dict[str, Any]:
    """Memberships, assignments, taught classes, school and audit events of ``user``."""
    return {
        "school": _school(session, user),
        "classes_taught": _classes_taught(session, user),
        "class_memberships": _memberships(session, user),
        "assignments": _assignments(session, user),
        "one_time_password_pending": session.get(TemporaryPassword, user.id) is not None,
        # Whether a teacher gave this account pictures to sign in with (never the pictures).
        "picture_password": session.get(PicturePassword, user.id) is not None,
        "audit_events": _audit_events(session, user),
    }


def erase_school_data(session: Session, user: User) -> None:
    """Remove ``user`` from schools and classes; keep others' rows with the id cleared."""
    uid = user.id
    session.execute(delete(ClassMembership).where(ClassMembership.user_id == uid))
    session.execute(delete(TemporaryPassword).where(TemporaryPassword.user_id == uid))
    session.execute(delete(PicturePassword).where(PicturePassword.user_id == uid))
    session.execute(update(PicturePassword).where(PicturePassword.issued_by == uid).values(issued_by=None))
    session.execute(delete(SchoolMembership).where(SchoolMembership.user_id == uid))
    session.execute(
        update(TemporaryPassword).where(TemporaryPassword.issued_by == uid).values(issued_by=None)
    )
    session.execute(update(Classroom).where(Classroom.teacher_id == uid).values(teacher_id=None))
    session.execute(update(Assignment).where(Assignment.created_by == uid).values(created_by=None))
    session.execute(update(Invitation).where(Invitation.created_by == uid).values(created_by=None))
    session.execute(update(Invitation).where(Invitation.used_by == uid).values(used_by=None))
    session.execute(update(AuditEvent).where(AuditEvent.actor_id == uid).values(actor_id=None))
    session.execute(
        update(AuditEvent).where(AuditEvent.subject_user_id == uid).values(subject_user_id=None)
    )


def _school(session: Session, user: User) -> dict[str, Any] | None:
    row = session.execute(
        select(School.id, School.name, SchoolMembership.created_at)
        .join(SchoolMembership, SchoolMembership.school_id == School.id)
        .where(SchoolMembership.user_id == user.id)
    ).first()
    if row is None:
        return None
    return {"id": row.id, "name": row.name, "since": row.created_at.isoformat()}


def _classes_taught(session: Session, user: User) -> list[dict[str, Any]]:
    learners = (
        select(func.count(ClassMembership.id))
        .where(ClassMembership.classroom_id == Classroom.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Classroom, learners).where(Classroom.teacher_id == user.id).order_by(Classroom.id)
    ).all()
    return [
        {
            "class_id": c.id,
            "name": c.name,
            "stage": c.stage,
            "locale": c.locale,
            "school_id": c.school_id,
            "created_at": c.created_at.isoformat(),
            "learners": n,
        }
        for c, n in rows
    ]


def _memberships(session: Session, user: User) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ClassMembership, Classroom.name)
        .join(Classroom, Classroom.id == ClassMembership.classroom_id)
        .where(ClassMembership.user_id == user.id)
        .order_by(ClassMembership.id)
    ).all()
    return [
        {
            "class_id": m.classroom_id,
            "class_name": name,
            "joined_at": m.joined_at.isoformat(),
            "created_by_teacher": m.created_by_teacher,
        }
        for m, name in rows
    ]


def _assignments(session: Session, user: User) -> list[dict[str, Any]]:
    # Work set for the classes a learner is in, and work a teacher set.
    in_my_classes = select(ClassMembership.classroom_id).where(ClassMembership.user_id == user.id)
    rows = session.scalars(
        select(Assignment)
        .where(or_(Assignment.classroom_id.in_(in_my_classes), Assignment.created_by == user.id))
        .order_by(Assignment.id)
    )
    return [
        {
            "class_id": a.classroom_id,
            "course_id": a.course_id,
            "module_ids": a.module_ids,
            "due_on": a.due_on.isoformat() if a.due_on else None,
            "set_by_you": a.created_by == user.id,
        }
        for a in rows
    ]


def _audit_events(session: Session, user: User) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(AuditEvent)
        .where(or_(AuditEvent.actor_id == user.id, AuditEvent.subject_user_id == user.id))
        .order_by(AuditEvent.id)
    )
    return [
        {
            "action": e.action,
            "by_you": e.actor_id == user.id,
            "about_you": e.subject_user_id == user.id,
            "school_id": e.school_id,
            "class_id": e.classroom_id,
            "created_at": e.created_at.isoformat(),
        }
        for e in rows
    ]


privacy.register(SECTION, exporter=export_school_data, eraser=erase_school_data)
