"""Accounts: register, authenticate (slowing down guesses per account and address), look up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import Insert, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.models import LoginThrottle, Role, User, utcnow
from ailit.models.login_throttle import ADDRESS_MAX
from ailit.services import validation
from ailit.services.errors import InvalidCredentials, NotFound, Throttled, ValidationError
from ailit.services.passwords import DEFAULT_HASHER, hash_password, needs_rehash, verify_password


@dataclass(frozen=True)
class ThrottlePolicy:
    """Failed sign-ins count per account *and* address within ``window``: the first
    ``max_failures`` cost nothing, then each failure makes that address wait, ``backoff`` at
    first and twice as long after each further failure, never more than ``lockout``.

    Nobody can lock a learner out from elsewhere: the right password from another address
    (the classroom) still works while a guesser waits.
    """

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)
    backoff: timedelta = timedelta(seconds=30)

    def wait_after(self, failures: int) -> timedelta:
        """How long an address waits after its ``failures``-th failure in the window."""
        if failures < self.max_failures:
            return timedelta(0)
        return min(self.lockout, self.backoff * 2 ** min(failures - self.max_failures, 30))


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
    address: str | None = None,
    now: datetime | None = None,
    policy: ThrottlePolicy = DEFAULT_POLICY,
    hasher: PasswordHasher = DEFAULT_HASHER,
) -> User:
    """The account if the password matches; raises Throttled or InvalidCredentials.

    ``address``: where the attempt comes from (the client's IP address); failures are
    counted per account and address. No write transaction is open while hashing.
    """
    now = now or utcnow()
    name = validation.normalise_username(username)
    if not validation.USERNAME_RE.fullmatch(name) or len(password) > validation.PASSWORD_MAX:
        raise InvalidCredentials("wrong username or password")
    address = check_throttle(session, name, address, now)
    user = session.scalar(select(User).where(User.username == name))
    if not verify_password(user.password_hash if user else None, password, hasher):
        record_failure(session, name, address, now, policy)
        raise InvalidCredentials("wrong username or password")
    assert user is not None
    # A hash with older parameters is upgraded, hashed before the (short) write below.
    upgraded = hash_password(password, hasher) if needs_rehash(user.password_hash, hasher) else None
    clear_failures(session, name, address)
    if upgraded is not None:
        user.password_hash = upgraded
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


def set_reading_mode(session: Session, user: User, on: bool) -> User:
    """Remember the account's reading mode (larger text, stronger contrast, bigger targets)."""
    user.reading_mode = bool(on)
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


def check_throttle(session: Session, name: str, address: str | None, now: datetime) -> str:
    """The address as counted (``unknown`` when not given); raises Throttled while the
    account ``name`` (normalised) is locked for it. Every way of signing in with a secret
    (a password, pictures) checks this first and counts its failures in the same rows."""
    address = (address or "unknown")[:ADDRESS_MAX]
    locked_until = session.scalar(
        select(LoginThrottle.locked_until).where(
            LoginThrottle.username == name, LoginThrottle.address == address
        )
    )
    if locked_until is not None and locked_until > now:
        raise Throttled(_seconds_until(locked_until, now))
    return address


def clear_failures(session: Session, name: str, address: str) -> None:
    """Forget the failures of ``name`` from ``address`` after a sign-in (not committed)."""
    session.execute(
        delete(LoginThrottle).where(LoginThrottle.username == name, LoginThrottle.address == address)
    )


def record_failure(
    session: Session, name: str, address: str, now: datetime, policy: ThrottlePolicy
) -> None:
    """Count a failed sign-in of ``name`` from ``address`` and make the address wait when
    the policy says so (committed)."""
    # One atomic UPDATE counts the failure (failures = failures + 1 in the database, not in
    # Python): parallel guesses are all counted, on SQLite and PostgreSQL alike.
    key = (LoginThrottle.username == name, LoginThrottle.address == address)
    session.execute(_insert_missing(session, name, address, now))
    stale = LoginThrottle.window_start <= now - policy.window
    failures = session.execute(
        update(LoginThrottle)
        .where(*key)
        .values(
            failures=case((stale, 1), else_=LoginThrottle.failures + 1),
            window_start=case((stale, now), else_=LoginThrottle.window_start),
        )
        .returning(LoginThrottle.failures)
    ).scalar_one()
    wait = policy.wait_after(failures)
    if wait:
        session.execute(update(LoginThrottle).where(*key).values(locked_until=now + wait))
    session.commit()


def _insert_missing(session: Session, name: str, address: str, now: datetime) -> Insert:
    """INSERT the (account, address) row unless it exists (a no-op when it does)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(LoginThrottle).values(
        username=name, address=address, failures=0, window_start=now
    ).on_conflict_do_nothing()


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))


def _taken() -> ValidationError:
    return ValidationError("username", "username_taken", "this username is already taken")
