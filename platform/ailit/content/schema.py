"""Field rules for course.yaml and module front matter: types, ranges, unknown keys."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ailit.content.diagnostics import Problems, did_you_mean
from ailit.content.yamlfile import YamlDoc
from ailit.locales import LOCALES

# What a course's certificate says: none, that the learner finished it, or that their
# knowledge and practice were assessed (the compiler holds such a course to stricter rules).
CERTIFICATE_KINDS: tuple[str, ...] = ("none", "completion", "assessed")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# A check returns the cleaned value, or raises FieldError saying what is wrong.
Check = Callable[[Any], Any]


class FieldError(ValueError):
    """A value does not fit its field; the message completes "``key``: ..."."""


@dataclass(frozen=True)
class FieldRule:
    """One allowed key: whether it is required, its check and its default."""

    check: Check
    required: bool = False
    default: Any = None


def validate_mapping(
    doc: YamlDoc, rules: dict[str, FieldRule], problems: Problems, *, what: str, offset: int = 0
) -> dict[str, Any] | None:
    """Check ``doc.data`` against ``rules``; return the cleaned values, or None if not a mapping.

    Every problem is reported (unknown keys with a suggestion); a field that fails keeps its
    default so later checks can go on. ``offset`` shifts YAML lines to file lines.
    """
    data = doc.data
    if not isinstance(data, dict):
        problems.error(1 + offset, f"{what} must be a mapping of keys to values")
        return None
    cleaned: dict[str, Any] = {}
    for key in data:
        if str(key) not in rules:
            hint = did_you_mean(str(key), rules)
            problems.error(doc.line(str(key)) + offset, f"unknown key '{key}'{hint}")
    for key, rule in rules.items():
        if key not in data or data[key] is None:
            if rule.required:
                problems.error(1, f"{what} needs '{key}'")
            cleaned[key] = rule.default
            continue
        try:
            cleaned[key] = rule.check(data[key])
        except FieldError as exc:
            problems.error(doc.line(key) + offset, f"{key}: {exc}")
            cleaned[key] = rule.default
    return cleaned


def text(value: Any) -> str:
    """A non-empty string (YAML numbers are accepted as text)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldError(f"expected text, got {_kind(value)}")
    result = str(value).strip()
    if not result:
        raise FieldError("must not be empty")
    return result


def identifier(value: Any) -> str:
    """A lowercase id: letters a-z, digits and single hyphens."""
    result = text(value)
    if not ID_PATTERN.match(result):
        raise FieldError(f"'{result}' must use only a-z, 0-9 and single hyphens")
    return result


def locale(value: Any) -> str:
    """One of the six locale codes."""
    result = text(value)
    if result not in LOCALES:
        raise FieldError(
            f"unknown locale '{result}'{did_you_mean(result, LOCALES)}; use one of {', '.join(LOCALES)}"
        )
    return result


def per_locale_text(value: Any) -> dict[str, str]:
    """A mapping of locale code to non-empty text, e.g. ``{en: AI Explorers, fr: ...}``."""
    if not isinstance(value, dict):
        raise FieldError(f"expected a mapping of locale to text, e.g. {{en: ...}}, got {_kind(value)}")
    result: dict[str, str] = {}
    for key, item in value.items():
        code = locale(key)
        try:
            result[code] = text(item)
        except FieldError as exc:
            raise FieldError(f"{code}: {exc}") from None
    return result


def positive_number(value: Any) -> float:
    """A number greater than zero."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FieldError(f"expected a number, got {_kind(value)}")
    if value <= 0:
        raise FieldError(f"must be greater than 0, got {value}")
    return float(value)


def positive_int(value: Any) -> int:
    """A whole number greater than zero."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(f"expected a whole number, got {_kind(value)}")
    if value <= 0:
        raise FieldError(f"must be greater than 0, got {value}")
    return value


def fraction(value: Any) -> float:
    """A number from 0 to 1, like a pass mark."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FieldError(f"expected a number from 0 to 1, got {_kind(value)}")
    if 10 <= value <= 100:  # a percentage
        raise FieldError(f"must be a share between 0 and 1, got {value}: did you mean {value / 100:g}?")
    if not 0 <= value <= 1:
        raise FieldError(f"must be between 0 and 1, got {value}")
    return float(value)


def boolean(value: Any) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {_kind(value)}")
    return value


def mapping(value: Any) -> dict[str, Any]:
    """A mapping of keys to values, checked further by its own rules."""
    if not isinstance(value, dict):
        raise FieldError("expected a mapping, e.g. {max_attempts: 3, shuffle: true}")
    return value


def certificate_kind(value: Any) -> str:
    """``none``, ``completion`` or ``assessed``; format v1's ``true``/``false`` still read."""
    if isinstance(value, bool):
        return "completion" if value else "none"
    result = text(value)
    if result not in CERTIFICATE_KINDS:
        raise FieldError(
            f"'{result}'{did_you_mean(result, CERTIFICATE_KINDS)} is not a certificate kind; "
            f"use one of {', '.join(CERTIFICATE_KINDS)}"
        )
    return result


def text_list(value: Any) -> tuple[str, ...]:
    """A non-empty list of non-empty strings."""
    if not isinstance(value, list) or not value:
        raise FieldError(f"expected a non-empty list of text, got {_kind(value)}")
    result = []
    for number, item in enumerate(value, start=1):
        try:
            result.append(text(item))
        except FieldError as exc:
            raise FieldError(f"item {number}: {exc}") from None
    return tuple(result)


def code_list(value: Any) -> tuple[str, ...]:
    """A list (possibly empty) of short codes."""
    if not isinstance(value, list):
        raise FieldError(f"expected a list of codes, e.g. [S1.U, BI3], got {_kind(value)}")
    return tuple(text(item) for item in value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value[:40]}'"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
