"""Accounts: register, authenticate (with a per-account throttle), create from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.models import LoginThrottle, Role, User, utcnow
from ailit.services import validation
from ailit.services.errors import InvalidCredentials, NotFound, Throttled, ValidationError
from ailit.services.passwords import DEFAULT_HASHER, hash_password, needs_rehash, verify_password


@dataclass(frozen=True)
class ThrottlePolicy:
    """After ``max_failures`` failed sign-ins within ``window``, the account waits ``lockout``."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)


DEFAULT_POLICY = ThrottlePolicy()


def register_user(
    session: Session,
    *,
    username: str,
    password: str,
    display_name: str,
    locale: str,
    role: Role = Role.LEARNER,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> User:
    """Create an account after checking every field; raises ValidationError naming the field."""
    user = User(
        username=validation.check_username(username),
        display_name=validation.check_display_name(display_name),
        locale=validation.check_locale(locale),
        role=Role(role),
    )
    validation.check_password(password)
    if session.scalar(select(User.id).where(User.username == user.username)) is not None:
        raise _taken()
    user.password_hash = hash_password(password, hasher)
    session.add(user)
    try:
        session.commit()
    except IntegrityError:  # registered by someone else in the meantime
        session.rollback()
        raise _taken() from None
    return user


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    now: datetime | None = None,
    policy: ThrottlePolicy = DEFAULT_POLICY,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> User:
    """The account if the password matches; raises Throttled or InvalidCredentials."""
    now = now or utcnow()
    name = validation.normalise_username(username)
    if not validation.USERNAME_RE.fullmatch(name) or len(password) > validation.PASSWORD_MAX:
        raise InvalidCredentials("wrong username or password")
    throttle = session.get(LoginThrottle, name, with_for_update=True)
    if throttle and throttle.locked_until and throttle.locked_until > now:
        raise Throttled(_seconds_until(throttle.locked_until, now))
    user = session.scalar(select(User).where(User.username == name))
    if not verify_password(user.password_hash if user else None, password, hasher):
        _record_failure(session, throttle, name, now, policy)
        raise InvalidCredentials("wrong username or password")
    assert user is not None
    if throttle is not None:
        session.delete(throttle)
    if needs_rehash(user.password_hash, hasher):
        user.password_hash = hash_password(password, hasher)
    session.commit()
    return user


def get_user(session: Session, user_id: int) -> User | None:
    """The account with this id, or None."""
    return session.get(User, user_id)


def set_locale(session: Session, user: User, locale: str) -> User:
    """Store the account's preferred language."""
    user.locale = validation.check_locale(locale)
    session.commit()
    return user


def get_by_username(session: Session, username: str) -> User:
    """The account called ``username``; raises NotFound."""
    user = session.scalar(
        select(User).where(User.username == validation.normalise_username(username))
    )
    if user is None:
        raise NotFound(f"no account called {username!r}")
    return user


def _record_failure(
    session: Session,
    throttle: LoginThrottle | None,
    name: str,
    now: datetime,
    policy: ThrottlePolicy,
) -> None:
    if throttle is None:
        throttle = LoginThrottle(username=name, failures=0, window_start=now)
        session.add(throttle)
    elif now - throttle.window_start > policy.window:
        throttle.failures, throttle.window_start, throttle.locked_until = 0, now, None
    throttle.failures += 1
    if throttle.failures >= policy.max_failures:
        throttle.locked_until = now + policy.lockout
    try:
        session.commit()
    except IntegrityError:  # a concurrent first failure created the row; one count is enough
        session.rollback()


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))


def _taken() -> ValidationError:
    return ValidationError("username", "username_taken", "this username is already taken")
