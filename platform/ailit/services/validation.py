"""Rules for what people type into account forms: usernames, passwords, display names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

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
# Control, surrogate and private-use code points never belong in a name.
CONTROL_CATEGORIES = frozenset({"Cc", "Cs", "Co"})
# Categories that show nothing on their own: format characters (U+200B, U+2060...),
# spaces, separators, combining marks, unassigned code points.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cn"}) | CONTROL_CATEGORIES
# Letters and symbols that render as blank space although their category says otherwise:
# the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the blank braille pattern (U+2800),
# the Khmer inherent vowels (U+17B4, U+17B5) and the musical null notehead (U+1D159).
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\U0001d159")


@dataclass(frozen=True)
class NameProblem:
    """Why a name is refused: ``reason`` is missing, bidi, control, invisible or too_long."""

    reason: str
    message: str
    params: dict[str, int] = field(default_factory=dict)


def clean_name(raw: str) -> str:
    """A name as stored: NFC, surrounding space removed, inner runs of spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def name_problem(name: str) -> NameProblem | None:
    """Why ``name`` (already cleaned) cannot name a person or a class, or None.

    The one rule for every name made (registration, rosters pasted or uploaded, invitations,
    the command line, certificates): something visible, no reordering, nothing hidden.
    """
    if not name:
        return NameProblem("missing", "the name is empty")
    if any(c in BIDI_CONTROLS for c in name):
        return NameProblem("bidi", "remove the invisible text-direction characters from the name")
    if any(unicodedata.category(c) in CONTROL_CATEGORIES for c in name):
        return NameProblem("control", "the name contains control characters")
    if all(c in BLANK_CHARACTERS or unicodedata.category(c) in INVISIBLE_CATEGORIES for c in name):
        return NameProblem("invisible", "the name has only invisible characters; write a visible name")
    if len(name) > DISPLAY_NAME_MAX:
        return NameProblem(
            "too_long",
            f"the name has {len(name)} characters; use at most {DISPLAY_NAME_MAX}",
            {"length": len(name), "max": DISPLAY_NAME_MAX},
        )
    return None


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


def check_display_name(raw: str, field: str = "display_name") -> str:
    """The cleaned name (see :func:`name_problem`), else ValidationError(``field``, ...)."""
    name = clean_name(raw)
    problem = name_problem(name)
    if problem is not None:
        code = _NAME_CODES.get(problem.reason, f"display_name_{problem.reason}")
        raise ValidationError(field, code, problem.message, **problem.params)
    return name


# Stable codes the pages and the API already use for names.
_NAME_CODES = {"missing": "display_name_length", "too_long": "display_name_length"}


def check_locale(raw: str) -> str:
    """One of the six locales, else ValidationError('locale', ...)."""
    if raw not in LOCALES:
        raise ValidationError("locale", "locale_unknown", f"choose one of {', '.join(LOCALES)}")
    return raw


def registration_errors(
    *,
    username: str | None = None,
    password: str | None = None,
    display_name: str | None = None,
    locale: str | None = None,
) -> list[ValidationError]:
    """Every problem of the account fields given, at once (a form shows them all together)."""
    checks = (
        (check_username, username),
        (check_display_name, display_name),
        (check_password, password),
        (check_locale, locale),
    )
    errors = []
    for check, value in checks:
        if value is None:
            continue
        try:
            check(value)
        except ValidationError as error:
            errors.append(error)
    return errors
