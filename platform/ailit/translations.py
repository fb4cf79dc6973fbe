"""The UI message catalogues for text made outside a web request (PDFs, compiled lessons).

Certificates and login cards are rendered from plain data, by services and the command line,
with no Flask request around them; they still take every phrase from the same gettext
catalogues as the pages (``locales/<ll>/LC_MESSAGES/messages.po``), so there is one source for
every phrase and one place to translate it. The compiled ``.mo`` is used when it is up to date,
otherwise the ``.po`` is read (a checkout that has not run ``pybabel compile`` still works).
This module does not import Flask.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ailit.locales import DEFAULT_LOCALE, is_locale

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"

Gettext = Callable[..., str]


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogues without translating it here."""
    return message


@cache
def translations(locale: str, directory: Path = LOCALES_DIR) -> _gettext.NullTranslations:
    """The catalogue of ``locale`` (no translation for English or an unknown locale)."""
    if locale == DEFAULT_LOCALE or not is_locale(locale):
        return _gettext.NullTranslations()
    folder = directory / locale / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    fresh_mo = mo_path.is_file() and (
        not po_path.is_file() or mo_path.stat().st_mtime_ns >= po_path.stat().st_mtime_ns
    )
    if fresh_mo:
        with open(mo_path, "rb") as fh:
            return Translations(fh, domain=DOMAIN)
    if not po_path.is_file():
        return _gettext.NullTranslations()
    with open(po_path, "rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext_for(locale: str, directory: Path = LOCALES_DIR) -> Gettext:
    """A ``_(message, **values)`` for templates, like Flask-Babel's: translate, then ``%``-format."""
    catalogue = translations(locale, directory)

    def translate(message: str, **values: Any) -> str:
        text = catalogue.gettext(message)
        return text % values if values else text

    return translate
