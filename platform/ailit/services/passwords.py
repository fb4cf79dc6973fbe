"""Password hashing with Argon2id; hashes made with older parameters are upgraded at sign-in."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2id with the library's recommended parameters (RFC 9106 low-memory profile).
DEFAULT_HASHER = PasswordHasher()


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    # Verified when the username is unknown, so both failures take the same time. Made on first
    # use with the caller's parameters (never at import: starting the app hashes nothing).
    return hasher.hash("not a password anyone has")


def hash_password(password: str, hasher: PasswordHasher = DEFAULT_HASHER) -> str:
    """A salted Argon2id hash of ``password``."""
    return hasher.hash(password)


def verify_password(
    stored: str | None, password: str, hasher: PasswordHasher = DEFAULT_HASHER
) -> bool:
    """Whether ``password`` matches ``stored`` (None: burn the same time, then say no)."""
    try:
        return hasher.verify(stored or _dummy_hash(hasher), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str, hasher: PasswordHasher = DEFAULT_HASHER) -> bool:
    """Whether ``stored`` was made with other parameters than ``hasher``'s."""
    try:
        return hasher.check_needs_rehash(stored)
    except InvalidHashError:
        return True
