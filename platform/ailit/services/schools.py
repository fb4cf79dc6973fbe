"""Schools: created by site admins, run by school admins, who invite teachers with one-time codes.

Authorization lives here with the data it protects: every function takes the acting account
and refuses (``NotFound`` for what the actor may not even know exists, ``Forbidden`` for what
their role may not do) before reading or writing anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.models import (
    ClassMembership,
    Classroom,
    Invitation,
    Role,
    School,
    SchoolMembership,
    User,
    utcnow,
)
from ailit.models.school import SCHOOL_NAME_MAX
from ailit.services import readable_codes, validation
# Registers the schools section of the personal-data export and account deletion.
from ailit.services import school_privacy  # noqa: F401
from ailit.services.errors import NotFound, ServiceError, ValidationError
from ailit.services.passwords import DEFAULT_HASHER, hash_password

INVITATION_LIFETIME = timedelta(days=7)
STAFF_ROLES = (Role.TEACHER, Role.SCHOOL_ADMIN)


class Forbidden(ServiceError):
    """The actor's role does not allow this (a learner creating a class, a teacher a school)."""

    code = "forbidden"


class InvitationInvalid(ServiceError):
    """The invitation code is wrong, already used or expired (``code`` says which)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TeacherSummary:
    """A teacher of a school as its admin sees them."""

    user_id: int
    username: str
    display_name: str
    classes: int


@dataclass(frozen=True)
class ClassSummary:
    """A class of a school as its admin sees it."""

    class_id: int
    name: str
    stage: str
    locale: str
    teacher: str | None
    learners: int


@dataclass(frozen=True)
class SchoolOverview:
    """What a school admin sees on the school's page."""

    school: School
    teachers: list[TeacherSummary]
    classes: list[ClassSummary]
    open_invitations: int


def staff_school_id(session: Session, user_id: int) -> int | None:
    """The school a teacher or school admin works for, or None."""
    return session.scalar(select(SchoolMembership.school_id).where(SchoolMembership.user_id == user_id))


def create_school(session: Session, actor: User, name: str) -> School:
    """A new school (site admins only)."""
    if actor.role != Role.ADMIN:
        raise Forbidden("only site admins create schools")
    school = School(name=check_school_name(name))
    session.add(school)
    session.commit()
    return school


def check_school_name(raw: str) -> str:
    """A school name: 1 to 200 characters in any script (the display-name rules)."""
    try:
        name = validation.check_display_name(raw)
    except ValidationError as error:
        raise ValidationError("name", error.code, error.message) from None
    if len(name) > SCHOOL_NAME_MAX:
        raise ValidationError("name", "display_name_length", f"use 1 to {SCHOOL_NAME_MAX} characters")
    return name


def list_schools(session: Session, actor: User) -> list[School]:
    """Every school (site admin) or the actor's own school (school admin)."""
    if actor.role == Role.ADMIN:
        return list(session.scalars(select(School).order_by(School.name)))
    if actor.role == Role.SCHOOL_ADMIN:
        school_id = staff_school_id(session, actor.id)
        return [s for s in [session.get(School, school_id)] if s] if school_id else []
    raise Forbidden("only admins see schools")


def get_school(session: Session, actor: User, school_id: int) -> School:
    """The school, if the actor is a site admin or this school's admin; else NotFound."""
    school = session.get(School, school_id)
    if school is None or not can_administer(session, actor, school_id):
        raise NotFound("no such school")
    return school


def can_administer(session: Session, actor: User, school_id: int) -> bool:
    """Whether ``actor`` may see and manage the school's staff, classes and audit log."""
    if actor.role == Role.ADMIN:
        return True
    return actor.role == Role.SCHOOL_ADMIN and staff_school_id(session, actor.id) == school_id


def check_staff_school(session: Session, role: Role, school_id: int) -> None:
    """Raise ValidationError('school', ...) unless ``role`` is staff and the school exists."""
    if role not in STAFF_ROLES:
        raise ValidationError("school", "school_staff_only", "only teachers and school admins belong to a school")
    if session.get(School, school_id) is None:
        raise ValidationError("school", "school_unknown", f"there is no school {school_id}")


def add_staff(session: Session, user: User, school_id: int, *, mentor: bool = False) -> SchoolMembership:
    """Record that a teacher or school admin works for a school (the command line's --school).

    A ``mentor`` reviews the practical tasks of the school's teachers in their training.
    """
    check_staff_school(session, user.role, school_id)
    membership = session.get(SchoolMembership, user.id)
    if membership is None:
        membership = SchoolMembership(user_id=user.id, school_id=school_id)
        session.add(membership)
    membership.school_id = school_id
    membership.mentor = mentor
    session.commit()
    return membership


def overview(session: Session, actor: User, school_id: int) -> SchoolOverview:
    """Teachers, classes and open invitations of a school (a fixed number of queries)."""
    school = get_school(session, actor, school_id)
    class_counts = (
        select(Classroom.teacher_id, func.count(Classroom.id).label("n"))
        .where(Classroom.school_id == school_id)
        .group_by(Classroom.teacher_id)
        .subquery()
    )
    teachers = [
        TeacherSummary(user.id, user.username, user.display_name, count or 0)
        for user, count in session.execute(
            select(User, class_counts.c.n)
            .join(SchoolMembership, SchoolMembership.user_id == User.id)
            .outerjoin(class_counts, class_counts.c.teacher_id == User.id)
            .where(SchoolMembership.school_id == school_id, User.role == Role.TEACHER)
            .order_by(User.display_name)
        )
    ]
    learner_counts = (
        select(ClassMembership.classroom_id, func.count(ClassMembership.id).label("n"))
        .group_by(ClassMembership.classroom_id)
        .subquery()
    )
    classes = [
        ClassSummary(c.id, c.name, c.stage, c.locale, teacher, n or 0)
        for c, teacher, n in session.execute(
            select(Classroom, User.display_name, learner_counts.c.n)
            .outerjoin(User, User.id == Classroom.teacher_id)
            .outerjoin(learner_counts, learner_counts.c.classroom_id == Classroom.id)
            .where(Classroom.school_id == school_id)
            .order_by(Classroom.name)
        )
    ]
    open_invitations = session.scalar(
        select(func.count(Invitation.id)).where(
            Invitation.school_id == school_id,
            Invitation.used_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
    )
    return SchoolOverview(school, teachers, classes, open_invitations or 0)


def invite_teacher(
    session: Session, actor: User, school_id: int, *, now: datetime | None = None
) -> tuple[Invitation, str]:
    """A single-use invitation and its code (shown once: only the code's hash is stored)."""
    get_school(session, actor, school_id)
    now = now or utcnow()
    code = readable_codes.new_invitation_code()
    invitation = Invitation(
        school_id=school_id,
        code_hash=readable_codes.code_hash(code),
        created_by=actor.id,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    session.add(invitation)
    session.commit()
    return invitation, readable_codes.grouped(code)


def check_invitation(session: Session, code: str, *, now: datetime | None = None) -> Invitation:
    """The open invitation with this code; raises InvitationInvalid saying why not."""
    normalised = readable_codes.normalise_code(code)
    if not readable_codes.is_well_formed(normalised, readable_codes.INVITATION_CODE_LENGTH):
        raise InvitationInvalid("invitation_wrong", "this invitation code is not right")
    invitation = session.scalar(
        select(Invitation).where(Invitation.code_hash == readable_codes.code_hash(normalised))
    )
    if invitation is None:
        raise InvitationInvalid("invitation_wrong", "this invitation code is not right")
    if invitation.used_at is not None:
        raise InvitationInvalid("invitation_used", "this invitation has already been used")
    if invitation.expires_at <= (now or utcnow()):
        raise InvitationInvalid("invitation_expired", "this invitation has expired")
    return invitation


def accept_invitation(
    session: Session,
    code: str,
    *,
    username: str,
    password: str,
    display_name: str,
    locale: str,
    hasher: PasswordHasher = DEFAULT_HASHER,
    now: datetime | None = None,
) -> User:
    """Create a teacher account in the invitation's school; the invitation is then used up."""
    now = now or utcnow()
    invitation = check_invitation(session, code, now=now)
    user = User(
        username=validation.check_username(username),
        display_name=validation.check_display_name(display_name),
        locale=validation.check_locale(locale),
        role=Role.TEACHER,
    )
    validation.check_password(password)
    if session.scalar(select(User.id).where(User.username == user.username)) is not None:
        raise ValidationError("username", "username_taken", "this username is already taken")
    user.password_hash = hash_password(password, hasher)
    session.add(user)
    try:
        session.flush()
        # Claim the invitation atomically: of two people using one code, only one succeeds.
        claimed = session.execute(
            update(Invitation)
            .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
            .values(used_at=now, used_by=user.id)
        ).rowcount
        if claimed != 1:
            raise InvitationInvalid("invitation_used", "this invitation has already been used")
        session.add(SchoolMembership(user_id=user.id, school_id=invitation.school_id))
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ValidationError("username", "username_taken", "this username is already taken") from None
    except InvitationInvalid:
        session.rollback()
        raise
    return user
