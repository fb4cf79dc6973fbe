"""Number formats built once per process and locale, not once per table cell.

Flask-Babel's ``percentformat`` filter looks the locale's pattern up on every call; a class
report calls it for every learner × module cell. This one keeps the parsed pattern per locale.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.numbers import NumberPattern
from flask import Flask
from flask_babel import get_locale


@cache
def percent_pattern(locale: str) -> tuple[NumberPattern, Locale]:
    """The locale's percent pattern and its Locale, parsed once."""
    parsed = Locale.parse(locale)
    return parsed.percent_formats[None], parsed


def format_percent(number: float) -> str:
    """``number`` (0.8) as a percentage in the request's locale (``80%``, ``80 %``, ``٨٠٪``)."""
    pattern, locale = percent_pattern(str(get_locale()))
    return pattern.apply(number, locale)


def init_app(app: Flask) -> None:
    """Replace the ``percentformat`` filter (after Flask-Babel has installed its own)."""
    app.jinja_env.filters["percentformat"] = format_percent
