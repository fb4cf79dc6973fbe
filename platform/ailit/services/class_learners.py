"""Learner accounts made by a teacher: bulk creation, one-time passwords, login cards, resets.

Accounts have no email and no date of birth: a display name, a generated username
(``<class prefix>-<number>``, no transliteration) and a one-time password the learner replaces
at first sign-in. The platform keeps only password hashes, so a teacher sees a one-time
password once (when made) and never one a learner chose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ailit.models import (
    AuditAction,
    ClassMembership,
    Classroom,
    PicturePassword,
    Role,
    School,
    TemporaryPassword,
    User,
    utcnow,
)
from ailit.services import audit, card_sign_in, password_change, picture_passwords, readable_codes, validation
from ailit.services.classes import get_class
from ailit.services.errors import NotFound, ServiceError
from ailit.services.login_cards import LoginCard, LoginCardSheet
from ailit.services.passwords import DEFAULT_HASHER, hash_password, one_time_hasher
from ailit.services.roster import Roster, RosterProblem


class RosterInvalid(ServiceError):
    """The list of names has problems; nothing was created."""

    code = "roster_invalid"

    def __init__(self, problems: tuple[RosterProblem, ...]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class IssuedCredential:
    """A username and the one-time password just made for it (shown once, never stored), with
    the learner's picture password when the class signs in with pictures."""

    user_id: int
    display_name: str
    username: str
    password: str
    pictures: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassLearner:
    """A learner in the class list: ``pending`` while the one-time password is still unused;
    ``pictures``: the learner has a picture password; ``card_printed_at`` None while their
    login card has not been printed (or was reissued)."""

    user_id: int
    display_name: str
    username: str
    pending: bool
    pictures: bool = False
    created_by_teacher: bool = False
    card_printed_at: datetime | None = None


def class_learners(session: Session, classroom: Classroom) -> list[ClassLearner]:
    """The class's learners by name (one query)."""
    rows = session.execute(
        select(
            User.id, User.display_name, User.username, TemporaryPassword.user_id, PicturePassword.user_id,
            ClassMembership.created_by_teacher, ClassMembership.cards_printed_at,
        )
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .outerjoin(TemporaryPassword, TemporaryPassword.user_id == User.id)
        .outerjoin(PicturePassword, PicturePassword.user_id == User.id)
        .where(ClassMembership.classroom_id == classroom.id)
        .order_by(User.username)
    ).all()
    return [
        ClassLearner(uid, name, username, pending is not None, pictures is not None, bool(created), printed)
        for uid, name, username, pending, pictures, created, printed in rows
    ]


def create_learners(
    session: Session,
    teacher: User,
    class_id: int,
    roster: Roster,
    *,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> list[IssuedCredential]:
    """Create an account per name in one transaction; a roster with any problem creates nothing.

    The one-time passwords are hashed first (with the cheaper one-time parameters), then
    every row is written in one short transaction.
    """
    classroom = get_class(session, teacher, class_id, manage=True)
    if not roster.ok:
        raise RosterInvalid(roster.problems)
    names = [validation.check_display_name(name) for name in roster.names]
    passwords = [readable_codes.new_one_time_password() for _ in names]
    hashes = _one_time_hashes(passwords, hasher)
    made = picture_passwords.make_pictures(len(names) if classroom.picture_passwords else 0, hasher)
    taken = set(session.scalars(select(User.username).where(User.username.like(f"{classroom.username_prefix}-%"))))
    number = classroom.next_learner_number
    users: list[User] = []
    for name, password_hash in zip(names, hashes, strict=True):
        username = readable_codes.learner_username(classroom.username_prefix, number)
        while username in taken:  # someone registered this name themselves: skip the number
            number += 1
            username = readable_codes.learner_username(classroom.username_prefix, number)
        number += 1
        users.append(
            User(username=username, display_name=name, locale=classroom.locale, role=Role.LEARNER,
                 password_hash=password_hash)
        )
    session.add_all(users)
    session.flush()  # the ids, all in one go
    for user in users:
        session.add(ClassMembership(classroom_id=classroom.id, user_id=user.id, created_by_teacher=True))
        session.add(TemporaryPassword(user_id=user.id, issued_by=teacher.id))
    picture_passwords.store_pictures(
        session, {user.id: secret_hash for user, (_, secret_hash) in zip(users, made)}, teacher.id
    )
    classroom.next_learner_number = number
    audit.record(
        session,
        actor_id=teacher.id,
        action=AuditAction.CREATED_LEARNERS,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        count=len(users),
    )
    session.commit()
    pictures = [p for p, _ in made] or [()] * len(users)
    return [
        IssuedCredential(user.id, user.display_name, user.username, password, shown)
        for user, password, shown in zip(users, passwords, pictures, strict=True)
    ]


def reset_password(
    session: Session,
    teacher: User,
    class_id: int,
    learner_id: int,
    *,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> IssuedCredential:
    """A new one-time password for a learner of the teacher's class (audited, shown once).

    Whoever held the old password (a lost card) loses every session and token.
    """
    classroom = get_class(session, teacher, class_id, manage=True)
    learner = _learner_in(session, classroom, learner_id)
    password = readable_codes.new_one_time_password()
    [password_hash] = _one_time_hashes([password], hasher)
    password_change.replace_password(session, learner, password_hash, one_time=True, issued_by=teacher.id)
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


class NoNewCards(ServiceError):
    """Every learner of the class already has a printed card: there is nothing new to print."""

    code = "no_new_cards"


def login_cards(
    session: Session,
    teacher: User,
    class_id: int,
    sign_in_url: str,
    card_url: Callable[[str], str],
    *,
    only_new: bool = True,
    lifetime: timedelta = card_sign_in.DEFAULT_LIFETIME,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> LoginCardSheet:
    """The class's login cards: only learners whose card was never printed (or was reissued)
    when ``only_new``, else every learner. Nobody else's card, password or QR code changes.

    A printed learner who has not yet chosen a password gets a new one-time password (the
    earlier one stops working: it was never written down anywhere the platform could read it
    again); one who chose their own gets a card without a password. In a class that signs in
    with pictures, a printed learner who has not yet used theirs gets new pictures the same way.
    A learner the teacher created also gets a QR code (``card_url(token)``), replacing any
    earlier one. Raises :class:`NoNewCards` when ``only_new`` finds nobody.
    """
    classroom = get_class(session, teacher, class_id, manage=True)
    learners = [l for l in class_learners(session, classroom) if not only_new or l.card_printed_at is None]
    if not learners:
        raise NoNewCards("every learner of the class already has a card")
    pending = [learner.user_id for learner in learners if learner.pending]
    passwords = {user_id: readable_codes.new_one_time_password() for user_id in pending}
    hashes = dict(zip(passwords, _one_time_hashes(list(passwords.values()), hasher), strict=True))
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(pending)))} if pending else {}
    printing = {l.user_id for l in learners}
    pictured = (
        [u for u in picture_passwords.learners_to_picture(session, classroom, unused_only=True) if u.id in printing]
        if classroom.picture_passwords else []
    )
    made = dict(zip((u.id for u in pictured), picture_passwords.make_pictures(len(pictured), hasher), strict=True))
    school = session.get(School, classroom.school_id)  # read before the writes below
    now = utcnow()
    password_change.replace_passwords(
        session, {users[user_id]: password_hash for user_id, password_hash in hashes.items()},
        one_time=True, issued_by=teacher.id,
    )
    picture_passwords.store_pictures(session, {user_id: h for user_id, (_, h) in made.items()}, teacher.id)
    tokens = card_sign_in.issue(
        session, classroom, [l.user_id for l in learners if l.created_by_teacher],
        issued_by=teacher.id, lifetime=lifetime, now=now,
    )
    session.execute(
        update(ClassMembership)
        .where(ClassMembership.classroom_id == classroom.id,
               ClassMembership.user_id.in_(printing))
        .values(cards_printed_at=now)
    )
    cards = [
        LoginCard(
            l.display_name, l.username, passwords.get(l.user_id),
            sign_in_link=card_url(tokens[l.user_id]) if l.user_id in tokens else None,
            pictures=made.get(l.user_id, ((), ""))[0],
        )
        for l in learners
    ]
    audit.record(
        session,
        actor_id=teacher.id,
        action=AuditAction.PRINTED_LOGIN_CARDS,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        count=len(cards),
    )
    sheet = LoginCardSheet(
        classroom.name, classroom.locale, sign_in_url, tuple(cards), school.name if school else None,
        qr_valid_until=(now + lifetime).date() if tokens else None,
    )
    session.commit()  # the PDF is rendered from this plain data afterwards, outside any transaction
    return sheet


def _one_time_hashes(passwords: list[str], hasher: PasswordHasher) -> list[str]:
    cheaper = one_time_hasher(hasher)
    return [hash_password(password, cheaper) for password in passwords]


def _learner_in(session: Session, classroom: Classroom, learner_id: int) -> User:
    learner = session.scalar(
        select(User)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .where(ClassMembership.classroom_id == classroom.id, User.id == learner_id)
    )
    if learner is None:
        raise NotFound("no such learner in this class")
    return learner
