"""Comparing typed answers: text as a person reads it, numbers as learners write them."""

from __future__ import annotations

import re
import unicodedata

_TATWEEL = "\u0640"  # Arabic kashida: stretches a word, never changes it


def normalise_text(value: str) -> str:
    """The form in which two {text} answers are compared.

    Unicode NFKC (full-width letters, ligatures), then case, accents and diacritics (Arabic
    harakat too), punctuation and spacing are ignored: "Pixels." matches "pixels". Chinese and
    Japanese are written without spaces, so a space beside one of their characters is no
    space at all: "AI 伴侣" matches "AI伴侣".
    """
    folded = unicodedata.normalize("NFKC", value).casefold().replace(_TATWEEL, "")
    decomposed = unicodedata.normalize("NFKD", folded)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category.startswith("M"):
            continue  # accents, harakat and other combining marks
        kept.append(" " if category.startswith("P") else char)
    spaced = " ".join(unicodedata.normalize("NFC", "".join(kept)).split())
    return _SPACE_BESIDE_CJK.sub("", spaced)


# Han ideographs, kana, CJK punctuation and compatibility ideographs.
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_BESIDE_CJK = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")


# Separators learners type: spaces of every width and apostrophes group thousands; the Arabic
# decimal and thousands separators are mapped to their Latin counterparts.
_GROUPING = str.maketrans({" ": "", "\u00a0": "", "\u202f": "", "\u2009": "", "'": "", "\u066c": ","})
_ARABIC_DECIMAL = "\u066b"
# A percent sign after (or, as some write it, before) the number: "85%", "85 ٪", "％85". The
# question says what unit it wants; the sign only repeats it.
_PERCENT = "%\u066a\uff05\ufe6a"


def number_readings(text: str) -> tuple[float, ...]:
    """Every value a typed number may mean, the likeliest first.

    ``8``, ``0.5``, ``0,5``, ``1 000``, ``٨``, ``８``, ``85%`` have one reading; ``60,000`` and ``1.000``
    have two (thousands or decimals), because learners write both. Raises ValueError.
    """
    cleaned = text.strip().strip(_PERCENT).translate(_GROUPING).replace(_ARABIC_DECIMAL, ".")
    if not cleaned:
        raise ValueError("empty")
    commas, dots = cleaned.count(","), cleaned.count(".")
    if commas and dots:
        # The separator that comes last is the decimal one: 1,234.5 or 1.234,5.
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return (float(cleaned.replace(grouping, "").replace(decimal, ".")),)
    for separator, count in ((",", commas), (".", dots)):
        if count > 1:
            return (float(cleaned.replace(separator, "")),)
        if count == 1:
            whole, fraction = cleaned.split(separator)
            as_decimal = float(f"{whole}.{fraction}")
            if len(fraction) == 3 and whole.lstrip("+-").isdigit():
                as_thousands = float(whole + fraction)
                first = as_thousands if separator == "," else as_decimal
                second = as_decimal if separator == "," else as_thousands
                return (first, second)
            return (as_decimal,)
    return (float(cleaned),)


def parse_number(text: str) -> float:
    """The likeliest value of a typed number (see :func:`number_readings`)."""
    return number_readings(text)[0]
