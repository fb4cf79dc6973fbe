"""QR sign-in from a login card: a random token per learner and class, kept only as its hash.

A token signs in one learner, and only while they are in the class the card was printed for:
it stops working when it expires (``AILIT_CARD_SIGN_IN_DAYS``, 30 days by default), when the
learner leaves the class or the class is deleted, and when the teacher reissues it (for one
learner or the whole class; printing a learner's card again also reissues it). Only accounts the
teacher created in that class get one: someone who joined with a code and chose their own
password cannot be signed in by a card their teacher printed.

Every refusal is the same :class:`CardInvalid`: whoever holds a dead card learns nothing about why.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ailit.models import AuditAction, CardSignIn, ClassMembership, Classroom, Role, User, utcnow
from ailit.services import audit
from ailit.services.classes import get_class
from ailit.services.errors import NotFound, ServiceError

DEFAULT_LIFETIME = timedelta(days=30)
TOKEN_BYTES = 16  # 128 random bits: 22 URL-safe characters, so the QR code stays small
TOKEN_MAX_LENGTH = 64  # longer values are refused before hashing


class CardInvalid(ServiceError):
    """Unknown, expired or reissued token, or its learner has left the class (never which)."""

    code = "card_invalid"


def hash_token(value: str) -> str:
    """The SHA-256 hex digest stored in place of the token."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def issue(
    session: Session,
    classroom: Classroom,
    user_ids: Iterable[int],
    *,
    issued_by: int | None,
    lifetime: timedelta = DEFAULT_LIFETIME,
    now: datetime | None = None,
) -> dict[int, str]:
    """New tokens for these learners of ``classroom`` (each one's earlier token stops working),
    as {user id: token}; the tokens are returned once and never stored. Not committed: the
    caller commits them with the cards it prints."""
    ids = list(user_ids)
    if not ids:
        return {}
    now = now or utcnow()
    session.execute(
        delete(CardSignIn).where(CardSignIn.classroom_id == classroom.id, CardSignIn.user_id.in_(ids))
    )
    tokens = {user_id: secrets.token_urlsafe(TOKEN_BYTES) for user_id in ids}
    session.add_all(
        CardSignIn(
            token_hash=hash_token(token),
            classroom_id=classroom.id,
            user_id=user_id,
            issued_by=issued_by,
            created_at=now,
            expires_at=now + lifetime,
        )
        for user_id, token in tokens.items()
    )
    return tokens


def reissue(session: Session, teacher: User, class_id: int, learner_id: int | None = None) -> int:
    """The teacher's "new QR codes": every QR code of the class (or of one learner) stops
    working at once, and those learners' cards count as not printed, so that "print cards for
    new learners only" prints them again with new codes. Audited; returns how many learners."""
    classroom = get_class(session, teacher, class_id, manage=True)
    members = select(ClassMembership.user_id).where(ClassMembership.classroom_id == classroom.id)
    if learner_id is not None:
        members = members.where(ClassMembership.user_id == learner_id)
    ids = list(session.scalars(members))
    if learner_id is not None and not ids:
        raise NotFound("no such learner in this class")
    session.execute(
        delete(CardSignIn).where(CardSignIn.classroom_id == classroom.id, CardSignIn.user_id.in_(ids))
    )
    session.execute(
        update(ClassMembership)
        .where(ClassMembership.classroom_id == classroom.id, ClassMembership.user_id.in_(ids))
        .values(cards_printed_at=None)
    )
    audit.record(
        session,
        actor_id=teacher.id,
        action=AuditAction.REISSUED_QR_CODES,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        subject_user_id=learner_id,
        count=len(ids),
    )
    session.commit()
    return len(ids)


def card_holder(session: Session, token: str, *, now: datetime | None = None) -> User:
    """The learner ``token`` signs in; :class:`CardInvalid` if it is unknown, expired or
    reissued, or if they are no longer a learner the teacher created in the card's class."""
    if not token or len(token) > TOKEN_MAX_LENGTH or not token.isascii():
        raise CardInvalid("this card no longer works")
    row = session.execute(
        select(User, CardSignIn.expires_at)
        .join(CardSignIn, CardSignIn.user_id == User.id)
        .join(
            ClassMembership,
            (ClassMembership.classroom_id == CardSignIn.classroom_id) & (ClassMembership.user_id == User.id),
        )
        .where(CardSignIn.token_hash == hash_token(token), ClassMembership.created_by_teacher.is_(True))
    ).first()
    if row is None or row.expires_at <= (now or utcnow()) or row.User.role != Role.LEARNER:
        raise CardInvalid("this card no longer works")
    return row.User
