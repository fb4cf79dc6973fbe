"""Figures per language: a shared SVG with words in it needs a drawing in each lesson's language.

A module's ``media/x.svg`` serves every locale; ``media/<locale>/x.svg``, where present,
replaces it for that locale (see :func:`ailit.content.links.localised_media`). A translation
that shows a shared figure whose ``<text>`` holds words (not only numbers, symbols or single
letters used as labels) gets a warning: its readers would see the source language's words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ailit.locales import LOCALES

_TEXT_ELEMENT = re.compile(r"<text\b[^>]*>(.*?)</text\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_LABEL = re.compile(r"^[A-Za-z]?\d*[A-Za-z]?$")  # "A", "B2", "3", "x": a label, not a word
_MAX_SVG = 2 * 1024 * 1024  # bigger files are not read for words


def svg_words(data: str) -> list[str]:
    """The words in an SVG's ``<text>`` elements that a reader would need translated."""
    words = []
    for element in _TEXT_ELEMENT.findall(data):
        text = html.unescape(_TAG.sub(" ", element))
        for token in text.split():
            if _is_word(token):
                words.append(token)
    return words


def _is_word(token: str) -> bool:
    letters = [c for c in token if unicodedata.category(c).startswith("L")]
    if not letters:
        return False  # numbers, arrows, symbols, punctuation
    bare = "".join(c for c in token if unicodedata.category(c)[0] in "LN")
    return not (bare.isascii() and _LABEL.match(bare) and len(letters) == 1)


def has_words(path: Path) -> bool:
    """True for an SVG file with words in its text (an unreadable file has none we can see)."""
    if path.suffix.lower() != ".svg":
        return False
    try:
        if path.stat().st_size > _MAX_SVG:
            return False
        return bool(svg_words(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def is_localised(name: str) -> bool:
    """True for ``<locale>/<file>``: a figure drawn for one language."""
    head, _, rest = name.partition("/")
    return bool(rest) and head in LOCALES


def figure_warnings(
    locale: str, shown: Iterable[tuple[int, str]], media: dict[str, Path]
) -> list[tuple[int, str]]:
    """``(line, message)`` for each shared figure with words that ``locale`` has no drawing of."""
    found: list[tuple[int, str]] = []
    worded: dict[str, bool] = {}
    for line, name in shown:
        if is_localised(name) or f"{locale}/{name}" in media or name not in media:
            continue
        if name not in worded:
            worded[name] = has_words(media[name])
        if worded[name]:
            found.append(
                (
                    line,
                    f"figure 'media/{name}' has words in it but no {locale} version: draw "
                    f"media/{locale}/{name} or label it with numbers explained in the text",
                )
            )
    return found
