"""Every password change goes through :func:`replace_password`: a person's own change, a
teacher's reset, reprinted login cards and an operator's reset from the command line.

A change ends every other session of the account and revokes every bearer token of it, so a
borrowed session, a lost card or an old token stops working. Hashes are computed before
anything is written: the write transaction that follows is short (STYLE: no slow work while
SQLite's write lock is held).
"""

from __future__ import annotations

from collections.abc import Mapping

from argon2 import PasswordHasher
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ailit.models import ApiToken, TemporaryPassword, User
from ailit.services import readable_codes, sign_in_sessions, validation
from ailit.services.errors import NotFound, ServiceError, ValidationError
from ailit.services.passwords import DEFAULT_HASHER, hash_password, one_time_hasher, verify_password


class NoPasswordToReplace(ServiceError):
    """The account has no one-time password: a change needs the current password."""

    code = "current_password_required"


def replace_password(
    session: Session,
    user: User,
    password_hash: str,
    *,
    one_time: bool = False,
    issued_by: int | None = None,
    keep_session: str | None = None,
) -> None:
    """Store a new hash; end every other session and every token of the account.

    ``one_time``: the hash is of a one-time password made by account ``issued_by`` (None:
    an operator at the command line); its owner must replace it before any use. Otherwise
    the person chose it. ``keep_session``: the id of the session that made the change, which
    stays signed in. Not committed: the caller commits it together with its audit record.
    """
    replace_passwords(
        session, {user: password_hash}, one_time=one_time, issued_by=issued_by, keep_session=keep_session
    )


def replace_passwords(
    session: Session,
    new_hashes: Mapping[User, str],
    *,
    one_time: bool = False,
    issued_by: int | None = None,
    keep_session: str | None = None,
) -> None:
    """:func:`replace_password` for many accounts at once (a class's login cards), in a
    handful of statements: the write lock is held for milliseconds, not per learner."""
    ids = [user.id for user in new_hashes]
    if not ids:
        return
    pending = set(
        session.scalars(select(TemporaryPassword.user_id).where(TemporaryPassword.user_id.in_(ids)))
    ) if one_time else set()
    for user, password_hash in new_hashes.items():
        user.password_hash = password_hash
    if not one_time:
        session.execute(delete(TemporaryPassword).where(TemporaryPassword.user_id.in_(ids)))
    else:
        if pending:
            session.execute(
                update(TemporaryPassword).where(TemporaryPassword.user_id.in_(pending)).values(issued_by=issued_by)
            )
        session.add_all(
            TemporaryPassword(user_id=user_id, issued_by=issued_by) for user_id in ids if user_id not in pending
        )
    session.execute(delete(ApiToken).where(ApiToken.user_id.in_(ids)))
    sign_in_sessions.end_others(session, ids, keep_session)


def change_own_password(
    session: Session,
    user: User,
    current_password: str,
    new_password: str,
    *,
    keep_session: str | None = None,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> None:
    """The person's own change: the current password first (a borrowed session is not
    enough), then the new one; raises ValidationError naming the field."""
    validation.check_password(new_password)
    if not verify_password(user.password_hash, current_password, hasher):
        raise ValidationError("current_password", "password_wrong", "the current password is not right")
    new_hash = hash_password(new_password, hasher)
    replace_password(session, user, new_hash, keep_session=keep_session)
    session.commit()


def replace_one_time_password(
    session: Session,
    user: User,
    new_password: str,
    *,
    keep_session: str | None = None,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> None:
    """The learner's own password in place of the one-time password they just signed in
    with; refused (NoPasswordToReplace) for accounts without one."""
    validation.check_password(new_password)
    if not must_change_password(session, user.id):
        raise NoPasswordToReplace("use the account page, with your current password, to change it")
    new_hash = hash_password(new_password, hasher)
    replace_password(session, user, new_hash, keep_session=keep_session)
    session.commit()


def reset_by_operator(
    session: Session, username: str, *, hasher: PasswordHasher = DEFAULT_HASHER
) -> tuple[User, str]:
    """An operator's reset (``ailit users reset-password``): a new one-time password, shown
    once, which the owner replaces at their next sign-in. Raises NotFound."""
    user = session.scalar(select(User).where(User.username == validation.normalise_username(username)))
    if user is None:
        raise NotFound(f"no account called {username!r}")
    password = readable_codes.new_one_time_password()
    password_hash = hash_password(password, one_time_hasher(hasher))
    replace_password(session, user, password_hash, one_time=True)
    session.commit()
    return user, password


def must_change_password(session: Session, user_id: int) -> bool:
    """Whether the account still has a one-time password to replace before any use."""
    return session.get(TemporaryPassword, user_id) is not None
