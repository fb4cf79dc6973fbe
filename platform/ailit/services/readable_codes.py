"""Short random codes people read aloud and type: join codes, invitation codes, passwords.

The alphabet leaves out 0/O, 1/I/L so a code copied from a board or a printed card cannot be
misread; 31 symbols, each chosen with :mod:`secrets` (a CSPRNG).
"""

from __future__ import annotations

import hashlib
import secrets

# Digits 2-9 and the letters without I, L, O: 8 + 23 = 31 symbols.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LOWER_ALPHABET = ALPHABET.lower()

JOIN_CODE_LENGTH = 8  # 31**8: about 40 bits, plenty for a code that expires and rotates
INVITATION_CODE_LENGTH = 16  # about 79 bits: it makes a teacher account, so guessing must fail
PASSWORD_LENGTH = 8
USERNAME_PREFIX_LENGTH = 4


def random_code(length: int, alphabet: str = ALPHABET) -> str:
    """``length`` symbols of ``alphabet``, each drawn independently from the CSPRNG."""
    return "".join(secrets.choice(alphabet) for _ in range(length))


def grouped(code: str, size: int = 4) -> str:
    """``code`` in hyphen-separated groups of ``size`` (easier to read out and copy)."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def normalise_code(raw: str) -> str:
    """A typed code compared as the platform stores it: upper case, no spaces or hyphens."""
    return "".join(ch for ch in raw.upper() if ch not in " -\t\u00a0")


def is_well_formed(code: str, length: int) -> bool:
    """Whether a normalised ``code`` has the right length and only alphabet symbols."""
    return len(code) == length and all(ch in ALPHABET for ch in code)


def new_join_code() -> str:
    """A class join code: 8 symbols, shown and typed as ``ABCD-EFGH``."""
    return random_code(JOIN_CODE_LENGTH)


def new_invitation_code() -> str:
    """A teacher invitation code (16 symbols); only its hash is stored."""
    return random_code(INVITATION_CODE_LENGTH)


def new_one_time_password() -> str:
    """A one-time password a child can type: 8 lower-case symbols as ``k7m2-p9x4``."""
    return grouped(random_code(PASSWORD_LENGTH, LOWER_ALPHABET))


def new_username_prefix() -> str:
    """A class's username prefix, e.g. ``c7k2``: learners become ``c7k2-01``, ``c7k2-02``..."""
    return random_code(USERNAME_PREFIX_LENGTH, LOWER_ALPHABET)


def learner_username(prefix: str, number: int) -> str:
    """The username of a class's ``number``-th learner: no names in it, no transliteration."""
    return f"{prefix}-{number:02d}"


def code_hash(code: str) -> str:
    """The SHA-256 of a normalised code: what is stored, so a database leak reveals no code."""
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()
