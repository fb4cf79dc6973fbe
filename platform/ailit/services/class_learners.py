"""Learner accounts made by a teacher: bulk creation, one-time passwords, login cards, resets.

Accounts have no email and no date of birth: a display name, a generated username
(``<class prefix>-<number>``, no transliteration) and a one-time password the learner replaces
at first sign-in. The platform keeps only password hashes, so a teacher sees a one-time
password once (when made) and never one a learner chose.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ailit.models import ApiToken, AuditAction, ClassMembership, Classroom, Role, School, TemporaryPassword, User
from ailit.services import audit, readable_codes, validation
from ailit.services.classes import get_class
from ailit.services.errors import NotFound, ServiceError
from ailit.services.login_cards import LoginCard, LoginCardSheet
from ailit.services.passwords import DEFAULT_HASHER, hash_password
from ailit.services.roster import Roster, RosterProblem


class RosterInvalid(ServiceError):
    """The list of names has problems; nothing was created."""

    code = "roster_invalid"

    def __init__(self, problems: tuple[RosterProblem, ...]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class IssuedCredential:
    """A username and the one-time password just made for it (shown once, never stored)."""

    user_id: int
    display_name: str
    username: str
    password: str


@dataclass(frozen=True)
class ClassLearner:
    """A learner in the class list: ``pending`` while the one-time password is still unused."""

    user_id: int
    display_name: str
    username: str
    pending: bool


def class_learners(session: Session, classroom: Classroom) -> list[ClassLearner]:
    """The class's learners by name (one query)."""
    rows = session.execute(
        select(User.id, User.display_name, User.username, TemporaryPassword.user_id)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .outerjoin(TemporaryPassword, TemporaryPassword.user_id == User.id)
        .where(ClassMembership.classroom_id == classroom.id)
        .order_by(User.username)
    ).all()
    return [ClassLearner(uid, name, username, pending is not None) for uid, name, username, pending in rows]


def existing_names(session: Session, class_id: int) -> list[str]:
    """Display names already in the class (a roster may not repeat them)."""
    return list(
        session.scalars(
            select(User.display_name)
            .join(ClassMembership, ClassMembership.user_id == User.id)
            .where(ClassMembership.classroom_id == class_id)
        )
    )


def create_learners(
    session: Session,
    teacher: User,
    class_id: int,
    roster: Roster,
    *,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> list[IssuedCredential]:
    """Create an account per name in one transaction; a roster with any problem creates nothing."""
    classroom = get_class(session, teacher, class_id, manage=True)
    if not roster.ok:
        raise RosterInvalid(roster.problems)
    taken = set(session.scalars(select(User.username).where(User.username.like(f"{classroom.username_prefix}-%"))))
    issued: list[IssuedCredential] = []
    number = classroom.next_learner_number
    for name in roster.names:
        username = readable_codes.learner_username(classroom.username_prefix, number)
        while username in taken:  # someone registered this name themselves: skip the number
            number += 1
            username = readable_codes.learner_username(classroom.username_prefix, number)
        number += 1
        password = readable_codes.new_one_time_password()
        user = User(
            username=username,
            display_name=validation.check_display_name(name),
            locale=classroom.locale,
            role=Role.LEARNER,
            password_hash=hash_password(password, hasher),
        )
        session.add(user)
        session.flush()
        session.add(ClassMembership(classroom_id=classroom.id, user_id=user.id, created_by_teacher=True))
        session.add(TemporaryPassword(user_id=user.id, issued_by=teacher.id))
        issued.append(IssuedCredential(user.id, user.display_name, username, password))
    classroom.next_learner_number = number
    audit.record(
        session,
        actor_id=teacher.id,
        action=AuditAction.CREATED_LEARNERS,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        count=len(issued),
    )
    session.commit()
    return issued


def reset_password(
    session: Session,
    teacher: User,
    class_id: int,
    learner_id: int,
    *,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> IssuedCredential:
    """A new one-time password for a learner of the teacher's class (audited, shown once)."""
    classroom = get_class(session, teacher, class_id, manage=True)
    learner = _learner_in(session, classroom, learner_id)
    password = readable_codes.new_one_time_password()
    learner.password_hash = hash_password(password, hasher)
    # Whoever held the old password (a lost card) loses API access too; sessions end by stamp.
    session.execute(delete(ApiToken).where(ApiToken.user_id == learner.id))
    _mark_temporary(session, learner.id, teacher.id)
    audit.record(
        session,
        actor_id=teacher.id,
        action=AuditAction.RESET_PASSWORD,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        subject_user_id=learner.id,
    )
    session.commit()
    return IssuedCredential(learner.id, learner.display_name, learner.username, password)


def login_cards(
    session: Session,
    teacher: User,
    class_id: int,
    sign_in_url: str,
    *,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> LoginCardSheet:
    """Cards for the whole class: learners who have not yet chosen a password get a new
    one-time password (the previous cards stop working); the others' cards carry none."""
    classroom = get_class(session, teacher, class_id, manage=True)
    learners = class_learners(session, classroom)
    pending = {l.user_id for l in learners if l.pending}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(pending)))} if pending else {}
    cards = []
    for learner in learners:
        password = None
        if learner.pending:
            password = readable_codes.new_one_time_password()
            users[learner.user_id].password_hash = hash_password(password, hasher)
        cards.append(LoginCard(learner.display_name, learner.username, password))
    audit.record(
        session,
        actor_id=teacher.id,
        action=AuditAction.PRINTED_LOGIN_CARDS,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        count=len(cards),
    )
    school = session.get(School, classroom.school_id)
    sheet = LoginCardSheet(
        classroom.name, classroom.locale, sign_in_url, tuple(cards), school.name if school else None
    )
    session.commit()  # the PDF is rendered from this plain data afterwards, outside any transaction
    return sheet


def must_change_password(session: Session, user_id: int) -> bool:
    """Whether the account still has a one-time password to replace."""
    return session.get(TemporaryPassword, user_id) is not None


def choose_password(
    session: Session, user: User, password: str, *, hasher: PasswordHasher = DEFAULT_HASHER
) -> None:
    """The learner's own password replaces the one-time password."""
    validation.check_password(password)
    user.password_hash = hash_password(password, hasher)
    session.execute(delete(TemporaryPassword).where(TemporaryPassword.user_id == user.id))
    session.commit()


def _learner_in(session: Session, classroom: Classroom, learner_id: int) -> User:
    learner = session.scalar(
        select(User)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .where(ClassMembership.classroom_id == classroom.id, User.id == learner_id)
    )
    if learner is None:
        raise NotFound("no such learner in this class")
    return learner


def _mark_temporary(session: Session, user_id: int, issued_by: int) -> None:
    row = session.get(TemporaryPassword, user_id)
    if row is None:
        session.add(TemporaryPassword(user_id=user_id, issued_by=issued_by))
    else:
        row.issued_by = issued_by
