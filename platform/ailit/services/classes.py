"""Classes: a teacher's group of learners with a stage, a language and a join code.

A teacher sees and changes only their own classes; their school's admin (and a site admin)
may look at them. Anyone else is told the class does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.locales import is_locale
from ailit.models import ClassMembership, Classroom, JoinCode, Role, User, utcnow
from ailit.models.classroom import CLASS_NAME_MAX
from ailit.services import readable_codes, validation
from ailit.services.errors import NotFound, ServiceError, ValidationError
from ailit.services.schools import Forbidden, staff_school_id
from ailit.stages import is_stage

JOIN_CODE_LIFETIME = timedelta(days=30)
_PREFIX_TRIES = 20


class JoinCodeInvalid(ServiceError):
    """A join code that is malformed, unknown, replaced, switched off or expired (see ``code``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ClassListing:
    """A class in a list: how many learners, the current join code (None: switched off, or
    the class is not the viewer's own: only a class's teacher sees its code)."""

    classroom: Classroom
    learners: int
    join_code: str | None


def check_class_fields(name: str, stage: str, locale: str) -> tuple[str, str, str]:
    """The class's name, stage and locale, or ValidationError naming the field."""
    try:
        clean = validation.check_display_name(name)
    except ValidationError as error:
        raise ValidationError("name", error.code, error.message) from None
    if len(clean) > CLASS_NAME_MAX:
        raise ValidationError("name", "class_name_length", f"use 1 to {CLASS_NAME_MAX} characters")
    if not is_stage(stage):
        raise ValidationError("stage", "stage_unknown", f"unknown stage {stage!r}")
    if not is_locale(locale):
        raise ValidationError("locale", "locale_unknown", f"unknown language {locale!r}")
    return clean, stage, locale


def create_class(
    session: Session, teacher: User, *, name: str, stage: str, locale: str, now: datetime | None = None
) -> Classroom:
    """A new class of the teacher's school, with a fresh join code."""
    if teacher.role != Role.TEACHER:
        raise Forbidden("only teachers create classes")
    school_id = staff_school_id(session, teacher.id)
    if school_id is None:
        raise Forbidden("this teacher does not belong to a school")
    name, stage, locale = check_class_fields(name, stage, locale)
    for _ in range(_PREFIX_TRIES):
        prefix = readable_codes.new_username_prefix()
        if session.scalar(select(Classroom.id).where(Classroom.username_prefix == prefix)) is None:
            break
    classroom = Classroom(
        school_id=school_id,
        teacher_id=teacher.id,
        name=name,
        stage=stage,
        locale=locale,
        username_prefix=prefix,
        next_learner_number=1,
    )
    session.add(classroom)
    session.flush()
    _new_join_code(session, classroom.id, now or utcnow())
    session.commit()
    return classroom


def list_classes(session: Session, user: User) -> list[ClassListing]:
    """A teacher's classes, or every class of a school admin's school (two queries)."""
    query = select(Classroom).order_by(Classroom.name, Classroom.id)
    if user.role == Role.TEACHER:
        query = query.where(Classroom.teacher_id == user.id)
    elif user.role == Role.SCHOOL_ADMIN:
        query = query.where(Classroom.school_id == staff_school_id(session, user.id))
    elif user.role != Role.ADMIN:
        raise Forbidden("only teachers and school admins have classes")
    learners = (
        select(ClassMembership.classroom_id, func.count(ClassMembership.id).label("n"))
        .group_by(ClassMembership.classroom_id)
        .subquery()
    )
    codes = select(JoinCode.classroom_id, JoinCode.code, JoinCode.expires_at).where(
        JoinCode.retired_at.is_(None)
    ).subquery()
    rows = session.execute(
        query.add_columns(learners.c.n, codes.c.code, codes.c.expires_at)
        .outerjoin(learners, learners.c.classroom_id == Classroom.id)
        .outerjoin(codes, codes.c.classroom_id == Classroom.id)
    ).all()
    now = utcnow()
    return [
        ClassListing(
            c, n or 0, code if code and c.teacher_id == user.id and (expires is None or expires > now) else None
        )
        for c, n, code, expires in rows
    ]


def can_view(session: Session, user: User, classroom: Classroom) -> bool:
    """The class's teacher, its school's admin, or a site admin."""
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.TEACHER:
        return classroom.teacher_id == user.id
    if user.role == Role.SCHOOL_ADMIN:
        return staff_school_id(session, user.id) == classroom.school_id
    return False


def get_class(session: Session, user: User, class_id: int, *, manage: bool = False) -> Classroom:
    """The class if ``user`` may see it (``manage``: change it, i.e. is its teacher)."""
    classroom = session.get(Classroom, class_id)
    if classroom is None or not can_view(session, user, classroom):
        raise NotFound("no such class")
    if manage and classroom.teacher_id != user.id:
        raise Forbidden("only the class's teacher can change it")
    return classroom


def current_join_code(session: Session, class_id: int, now: datetime | None = None) -> JoinCode | None:
    """The class's usable join code, or None when switched off or expired."""
    code = session.scalar(
        select(JoinCode).where(JoinCode.classroom_id == class_id, JoinCode.retired_at.is_(None))
    )
    if code is None or (code.expires_at is not None and code.expires_at <= (now or utcnow())):
        return None
    return code


def rotate_join_code(session: Session, teacher: User, class_id: int, now: datetime | None = None) -> JoinCode:
    """Replace the class's join code (the old one stops working at once)."""
    get_class(session, teacher, class_id, manage=True)
    now = now or utcnow()
    _retire_codes(session, class_id, now)
    code = _new_join_code(session, class_id, now)
    session.commit()
    return code


def disable_join_code(session: Session, teacher: User, class_id: int, now: datetime | None = None) -> None:
    """Switch joining off: no code works until the teacher makes a new one."""
    get_class(session, teacher, class_id, manage=True)
    _retire_codes(session, class_id, now or utcnow())
    session.commit()


def join_class(session: Session, learner: User, code: str, now: datetime | None = None) -> Classroom:
    """Put a learner in the class whose current join code this is (joining twice is harmless)."""
    if learner.role != Role.LEARNER:
        raise Forbidden("only learners join classes")
    now = now or utcnow()
    normalised = readable_codes.normalise_code(code)
    if not readable_codes.is_well_formed(normalised, readable_codes.JOIN_CODE_LENGTH):
        raise JoinCodeInvalid(
            "join_code_malformed", "a join code has 8 letters and digits, like ABCD-EFGH"
        )
    row = session.get(JoinCode, normalised)
    # Unknown, replaced, switched off or expired: one answer, so a guesser cannot tell a code
    # that once worked from one that never did (the teacher sees the current code on the page).
    if row is None or row.retired_at is not None or (row.expires_at is not None and row.expires_at <= now):
        raise JoinCodeInvalid(
            "join_code_wrong", "this join code does not work; check it, or ask your teacher for the current one"
        )
    classroom = session.get(Classroom, row.classroom_id)
    assert classroom is not None
    exists = session.scalar(
        select(ClassMembership.id).where(
            ClassMembership.classroom_id == classroom.id, ClassMembership.user_id == learner.id
        )
    )
    if exists is None:
        session.add(ClassMembership(classroom_id=classroom.id, user_id=learner.id, joined_at=now))
        try:
            session.commit()
        except IntegrityError:  # joined twice at the same moment: once is enough
            session.rollback()
    return classroom


def is_member(session: Session, user_id: int, class_id: int) -> bool:
    """Whether a learner is in a class."""
    return session.scalar(
        select(ClassMembership.id).where(
            ClassMembership.classroom_id == class_id, ClassMembership.user_id == user_id
        )
    ) is not None


def _retire_codes(session: Session, class_id: int, now: datetime) -> None:
    session.execute(
        update(JoinCode)
        .where(JoinCode.classroom_id == class_id, JoinCode.retired_at.is_(None))
        .values(retired_at=now)
    )


def _new_join_code(session: Session, class_id: int, now: datetime) -> JoinCode:
    while True:
        code = readable_codes.new_join_code()
        if session.get(JoinCode, code) is None:  # 31**8 codes: a clash is rare, never reused
            break
    row = JoinCode(code=code, classroom_id=class_id, created_at=now, expires_at=now + JOIN_CODE_LIFETIME)
    session.add(row)
    return row
