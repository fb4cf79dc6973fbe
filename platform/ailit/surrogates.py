"""Lone UTF-16 surrogates: half a character that JSON can spell (``"\\ud83d"``) but UTF-8 cannot.

Input is refused when it has one (the API's body decoder). Text stored before that check, or
arriving any other way, is written out with each half character replaced by U+FFFD, so a page
or a data export never fails on it.
"""

from __future__ import annotations

import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds half a character (a surrogate code point on its own)."""
    return _LONE_SURROGATE.search(text) is not None


def whole_characters(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (valid text left unchanged)."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def whole_characters_in(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings) with every string made of whole characters."""
    if isinstance(value, str):
        return whole_characters(value)
    if isinstance(value, dict):
        return {whole_characters_in(k): whole_characters_in(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [whole_characters_in(item) for item in value]
    return value
