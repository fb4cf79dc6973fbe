"""Picture passwords: young learners sign in by choosing their three pictures in order.

A class's teacher switches them on for the class; every learner account the teacher made for
it then gets a picture password, three different pictures of the twelve (:mod:`ailit.pictures`)
drawn by the CSPRNG. Learners who made their own account keep their own password only: a
picture password is far weaker (1,320 sequences), so nobody gets one they did not ask a teacher
for. The sequence is shown to the teacher when it is made (the accounts page, the login cards,
a reset) and stored only as an Argon2id hash, made before the write transaction.

Signing in counts failures exactly like passwords do (:func:`accounts.check_throttle`, the same
rows per account and address), so the throttle, not the hash, is what keeps guessers out:
after five misses an address waits 30 seconds, then twice as long after each further miss.
An unknown username, an account without pictures and wrong pictures fail alike, in the same time.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, aliased

from ailit.models import AuditAction, ClassMembership, Classroom, PicturePassword, Role, User, utcnow
from ailit.pictures import PICTURES, PICTURES_PER_PASSWORD, is_picture
from ailit.services import audit, sign_in_sessions, validation
from ailit.services.accounts import (
    DEFAULT_POLICY,
    ThrottlePolicy,
    check_throttle,
    clear_failures,
    record_failure,
)
from ailit.services.classes import get_class, is_member
from ailit.services.errors import InvalidCredentials, NotFound, ServiceError
from ailit.services.passwords import DEFAULT_HASHER, hash_password, one_time_hasher, verify_password

Pictures = tuple[str, ...]


class PicturesUnavailable(ServiceError):
    """The class does not use pictures, or the learner made their own account."""

    code = "pictures_unavailable"


@dataclass(frozen=True)
class IssuedPictures:
    """A learner and the pictures just made for them (shown once, never stored)."""

    user_id: int
    display_name: str
    username: str
    pictures: Pictures


@cache
def picture_hasher(hasher: PasswordHasher = DEFAULT_HASHER) -> PasswordHasher:
    """The one-time password parameters: a hash cannot make 1,320 sequences hard to try
    offline, so a class's pictures are hashed in moments; kept once per ``hasher`` so that the
    dummy hash checked for unknown usernames is made once and costs what a real check does."""
    return one_time_hasher(hasher)


def new_pictures() -> Pictures:
    """Three different pictures, in a random order, from the CSPRNG."""
    return tuple(secrets.SystemRandom().sample(PICTURES, PICTURES_PER_PASSWORD))


def make_pictures(count: int, hasher: PasswordHasher = DEFAULT_HASHER) -> list[tuple[Pictures, str]]:
    """``count`` new picture passwords and their hashes: call before opening a write."""
    made = [new_pictures() for _ in range(count)]
    return [(pictures, hash_password(_secret(pictures), picture_hasher(hasher))) for pictures in made]


def store_pictures(
    session: Session, hashes: dict[int, str], issued_by: int, *, end_sessions: bool = False
) -> None:
    """Give each account in ``hashes`` (user id -> hash) its new picture password, replacing
    any earlier one; ``end_sessions``: sign out whoever is signed in to these accounts (a lost
    card). Not committed."""
    if not hashes:
        return
    ids = list(hashes)
    session.execute(delete(PicturePassword).where(PicturePassword.user_id.in_(ids)))
    session.add_all(
        PicturePassword(user_id=user_id, secret_hash=secret_hash, issued_by=issued_by)
        for user_id, secret_hash in hashes.items()
    )
    if end_sessions:
        sign_in_sessions.end_others(session, ids, None)


def learners_to_picture(session: Session, classroom: Classroom, *, unused_only: bool) -> list[User]:
    """The class's learners whose accounts its teacher made: all of them, or (``unused_only``)
    those who have no pictures yet or have never signed in with them."""
    query = (
        select(User)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .where(
            ClassMembership.classroom_id == classroom.id,
            ClassMembership.created_by_teacher.is_(True),
            User.role == Role.LEARNER,
        )
        .order_by(User.username)
    )
    if unused_only:
        used = select(PicturePassword.user_id).where(PicturePassword.used_at.is_not(None))
        query = query.where(User.id.not_in(used))
    return list(session.scalars(query))


def with_pictures(session: Session, user_ids: Iterable[int]) -> set[int]:
    """Which of these accounts have a picture password (one query)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(session.scalars(select(PicturePassword.user_id).where(PicturePassword.user_id.in_(ids))))


def set_class_pictures(
    session: Session, teacher: User, class_id: int, on: bool, *, hasher: PasswordHasher = DEFAULT_HASHER
) -> list[IssuedPictures]:
    """Switch picture sign-in on (learners without pictures get theirs, returned to be shown
    once) or off (the class's learners lose their pictures, unless another class of theirs
    uses them). Only the class's teacher may; audited."""
    classroom = get_class(session, teacher, class_id, manage=True)
    if not on:
        removed = _remove_class_pictures(session, classroom)
        classroom.picture_passwords = False
        audit.record(session, actor_id=teacher.id, action=AuditAction.REMOVED_PICTURES,
                     school_id=classroom.school_id, classroom_id=classroom.id, count=removed)
        session.commit()
        return []
    everyone = learners_to_picture(session, classroom, unused_only=False)
    have = with_pictures(session, (u.id for u in everyone))
    learners = [u for u in everyone if u.id not in have]
    made = make_pictures(len(learners), hasher)
    store_pictures(session, {u.id: h for u, (_, h) in zip(learners, made, strict=True)}, teacher.id)
    classroom.picture_passwords = True
    if learners:
        audit.record(session, actor_id=teacher.id, action=AuditAction.ISSUED_PICTURES,
                     school_id=classroom.school_id, classroom_id=classroom.id, count=len(learners))
    session.commit()
    return [
        IssuedPictures(u.id, u.display_name, u.username, pictures)
        for u, (pictures, _) in zip(learners, made, strict=True)
    ]


def reset_pictures(
    session: Session, teacher: User, class_id: int, learner_id: int, *, hasher: PasswordHasher = DEFAULT_HASHER
) -> IssuedPictures:
    """New pictures for one learner of a picture class (a lost card): shown once, audited;
    the old pictures stop working and their sessions end."""
    classroom = get_class(session, teacher, class_id, manage=True)
    learner = next((u for u in learners_to_picture(session, classroom, unused_only=False) if u.id == learner_id), None)
    if learner is None:
        if not is_member(session, learner_id, classroom.id):
            raise NotFound("no such learner in this class")
        raise PicturesUnavailable("this learner made their own account: they sign in with their password")
    if not classroom.picture_passwords:
        raise PicturesUnavailable("this class does not sign in with pictures; switch it on first")
    [(pictures, secret_hash)] = make_pictures(1, hasher)
    store_pictures(session, {learner.id: secret_hash}, teacher.id, end_sessions=True)
    audit.record(session, actor_id=teacher.id, action=AuditAction.RESET_PICTURES,
                 school_id=classroom.school_id, classroom_id=classroom.id, subject_user_id=learner.id)
    session.commit()
    return IssuedPictures(learner.id, learner.display_name, learner.username, pictures)


def authenticate(
    session: Session,
    *,
    username: str,
    pictures: Sequence[str],
    address: str | None = None,
    now: datetime | None = None,
    policy: ThrottlePolicy = DEFAULT_POLICY,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> User:
    """The account if these are its pictures in this order; raises Throttled or
    InvalidCredentials (the same for an unknown username, an account without pictures and
    wrong pictures). No write transaction is open while hashing."""
    now = now or utcnow()
    name = validation.normalise_username(username)
    if not validation.USERNAME_RE.fullmatch(name) or not is_sequence(pictures):
        raise InvalidCredentials("wrong username or pictures")
    address = check_throttle(session, name, address, now)
    row = session.execute(
        select(User, PicturePassword)
        .outerjoin(PicturePassword, PicturePassword.user_id == User.id)
        .where(User.username == name)
    ).first()
    user, stored = (row[0], row[1]) if row else (None, None)
    secret_hash = stored.secret_hash if stored is not None else None
    if not verify_password(secret_hash, _secret(pictures), picture_hasher(hasher)):
        record_failure(session, name, address, now, policy)
        raise InvalidCredentials("wrong username or pictures")
    assert user is not None and stored is not None
    clear_failures(session, name, address)
    if stored.used_at is None:
        stored.used_at = now
    session.commit()
    return user


def is_sequence(pictures: Sequence[str]) -> bool:
    """Whether ``pictures`` is a whole picture password's worth of known pictures."""
    return len(pictures) == PICTURES_PER_PASSWORD and all(is_picture(p) for p in pictures)


def _secret(pictures: Sequence[str]) -> str:
    return " ".join(pictures)


def _remove_class_pictures(session: Session, classroom: Classroom) -> int:
    """Delete the pictures of this class's learners who are in no other picture class."""
    other = aliased(ClassMembership)
    in_other_picture_class = exists(
        select(other.id)
        .join(Classroom, Classroom.id == other.classroom_id)
        .where(
            other.user_id == PicturePassword.user_id,
            Classroom.id != classroom.id,
            Classroom.picture_passwords.is_(True),
        )
    )
    members = select(ClassMembership.user_id).where(ClassMembership.classroom_id == classroom.id)
    result = session.execute(
        delete(PicturePassword)
        .where(PicturePassword.user_id.in_(members), ~in_other_picture_class)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)
