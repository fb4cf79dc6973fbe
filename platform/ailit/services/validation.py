"""Rules for what people type into account forms: usernames, passwords, display names."""

from __future__ import annotations

import re
import unicodedata

from ailit.locales import LOCALES
from ailit.models.user import DISPLAY_NAME_MAX, USERNAME_MAX
from ailit.services.errors import ValidationError

USERNAME_MIN = 3
USERNAME_RE = re.compile(r"[a-z0-9._-]+")
PASSWORD_MIN = 8
PASSWORD_MAX = 1024

# Characters that reorder text invisibly: they can make a name on a certificate read
# differently from what was typed (U+202A-U+202E embeddings/overrides, U+2066-U+2069
# isolates, and the LRM, RLM and ALM marks).
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"]
)


def normalise_username(raw: str) -> str:
    """Usernames are compared lower-cased and without surrounding spaces."""
    return raw.strip().lower()


def check_username(raw: str) -> str:
    """The normalised username, or ValidationError('username', ...)."""
    username = normalise_username(raw)
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX or not USERNAME_RE.fullmatch(username):
        raise ValidationError(
            "username",
            "username_format",
            f"use {USERNAME_MIN} to {USERNAME_MAX} characters: a-z, 0-9, '.', '_' or '-'",
        )
    return username


def check_password(password: str) -> str:
    """``password`` if its length is acceptable, else ValidationError('password', ...)."""
    if len(password) < PASSWORD_MIN:
        raise ValidationError(
            "password", "password_short", f"use at least {PASSWORD_MIN} characters"
        )
    if len(password) > PASSWORD_MAX:
        raise ValidationError(
            "password", "password_long", f"use at most {PASSWORD_MAX} characters"
        )
    return password


def check_display_name(raw: str) -> str:
    """The display name in NFC, in any script; bidi and other control characters refused."""
    name = unicodedata.normalize("NFC", raw).strip()
    if any(c in BIDI_CONTROLS for c in name):
        raise ValidationError(
            "display_name",
            "display_name_bidi",
            "remove the invisible text-direction characters from the name",
        )
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        raise ValidationError(
            "display_name", "display_name_control", "the name contains control characters"
        )
    if not 1 <= len(name) <= DISPLAY_NAME_MAX:
        raise ValidationError(
            "display_name",
            "display_name_length",
            f"use 1 to {DISPLAY_NAME_MAX} characters",
        )
    return name


def check_locale(raw: str) -> str:
    """One of the six locales, else ValidationError('locale', ...)."""
    if raw not in LOCALES:
        raise ValidationError("locale", "locale_unknown", f"choose one of {', '.join(LOCALES)}")
    return raw
