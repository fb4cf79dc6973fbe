"""Certificate codes: 128 random bits in Crockford base32 with two check characters.

A code looks like ``3F7K-Q9ZB-...`` (seven groups of four). The first 26 characters carry
130 bits of which the top two are zero, so exactly 128 bits come from :mod:`secrets`. The last
two characters are a weighted checksum modulo 1021 (a prime just under 32**2): any single
mistyped character and any swap of two neighbouring characters changes it, and a truncated code
has the wrong length, so such codes are rejected before anyone looks in the database.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Crockford decoding is lenient about characters people confuse with digits.
_VALUE.update({"O": 0, "I": 1, "L": 1})

RANDOM_BITS = 128
DATA_LENGTH = 26  # ceil(128 / 5)
CHECK_LENGTH = 2
CODE_LENGTH = DATA_LENGTH + CHECK_LENGTH
GROUP = 4
_MODULUS = 1021
_IGNORED = " -\t\n\u00a0"


class InvalidCertificateCode(ValueError):
    """The text is not a well-formed certificate code (wrong length, character or check)."""


def _checksum(values: list[int]) -> str:
    total = sum((i + 1) * v for i, v in enumerate(values)) % _MODULUS
    return ALPHABET[total // 32] + ALPHABET[total % 32]


def _group(compact: str) -> str:
    return "-".join(compact[i : i + GROUP] for i in range(0, len(compact), GROUP))


def new_code() -> str:
    """Return a fresh code, e.g. ``0K3F-...``, with 128 bits from :mod:`secrets`."""
    number = secrets.randbits(RANDOM_BITS)
    values = [(number >> (5 * (DATA_LENGTH - 1 - i))) & 31 for i in range(DATA_LENGTH)]
    data = "".join(ALPHABET[v] for v in values)
    return _group(data + _checksum(values))


def normalise_code(text: str) -> str:
    """Return the canonical grouped form of ``text``, tolerating case, spaces and hyphens.

    Raises :class:`InvalidCertificateCode` with a message a person can act on.
    """
    compact = "".join(ch for ch in text.upper() if ch not in _IGNORED)
    if len(compact) != CODE_LENGTH:
        raise InvalidCertificateCode(
            f"a certificate code has {CODE_LENGTH} letters and digits; this one has {len(compact)}"
        )
    values: list[int] = []
    for position, ch in enumerate(compact, start=1):
        if ch not in _VALUE:
            raise InvalidCertificateCode(
                f"character {position} ({ch!r}) cannot appear in a certificate code"
            )
        values.append(_VALUE[ch])
    data = values[:DATA_LENGTH]
    if data[0] > 7:  # the two bits above the 128 random ones are always zero
        raise InvalidCertificateCode("this is not a certificate code: please check the first character")
    canonical = "".join(ALPHABET[v] for v in values)
    if canonical[DATA_LENGTH:] != _checksum(data):
        raise InvalidCertificateCode("this code has a typing mistake: please check it character by character")
    return _group(canonical)


def is_valid_code(text: str) -> bool:
    """True if ``text`` is a well-formed code (says nothing about whether it was issued)."""
    try:
        normalise_code(text)
    except InvalidCertificateCode:
        return False
    return True
