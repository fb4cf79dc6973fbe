"""Reading JSON request bodies strictly: content type, syntax, numbers, text, known fields,
types, lengths. Every API view reads its body here."""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from typing import Any

from flask import request

from ailit.surrogates import has_lone_surrogate
from ailit.web.api.errors import ApiError, bad_field

JSON_TYPE = "application/json"
INT_DIGITS_MAX = 18  # every integer of the API fits in 64 bits with room to spare
FLOAT_TEXT_MAX = 64
HALF_CHARACTER = "half of a character (a lone UTF-16 surrogate); send whole characters"


class _Refused:
    """A value the decoder will not pass on; the walk reports it with the field's path."""

    def __init__(self, code: str, detail: str) -> None:
        self.code, self.detail = code, detail


def _int(digits: str) -> int | _Refused:
    if len(digits.lstrip("-")) > INT_DIGITS_MAX:
        return _Refused("number_too_large", f"use a number of at most {INT_DIGITS_MAX} digits")
    return int(digits)


def _float(text: str) -> float | _Refused:
    value = float(text)
    if not math.isfinite(value) or len(text) > FLOAT_TEXT_MAX:
        return _Refused("number_too_large", "use an ordinary decimal number")
    return value


def _constant(name: str) -> _Refused:
    return _Refused("invalid_number", f"{name} is not a number JSON allows")


def decode_json(raw: bytes) -> Any:
    """The JSON value of ``raw``, or a 400 naming the field: the one decoder of the API.

    Refused: text that is not UTF-8, JSON syntax errors, nesting too deep, integers of more than
    ``INT_DIGITS_MAX`` digits (Python would spend seconds on thousands of them), NaN and
    infinities, and strings with half a character (a lone UTF-16 surrogate such as ``"\\ud83d"``,
    which no database or UTF-8 page can hold).
    """
    try:
        value = json.loads(
            raw.decode("utf-8"), parse_int=_int, parse_float=_float, parse_constant=_constant
        )
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "invalid_json", f"the body is not valid JSON: {exc.msg} at line {exc.lineno} "
            f"column {exc.colno}"
        ) from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "the body is nested too deeply") from None
    _check(value)
    return value


def _check(value: Any) -> None:
    """Report the first refused number or broken string, with its path (``answers[2]``)."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        where = path if path and not path.startswith("[") else f"body{path}"
        if isinstance(item, _Refused):
            raise bad_field(where, item.code, item.detail)
        if isinstance(item, str) and has_lone_surrogate(item):
            raise bad_field(where, "invalid_text", f"contains {HALF_CHARACTER}")
        if isinstance(item, str) and "\x00" in item:  # PostgreSQL cannot store it
            raise bad_field(where, "invalid_text", "contains a NUL character")
        if isinstance(item, dict):
            for key, child in reversed(item.items()):
                if has_lone_surrogate(key) or "\x00" in key:
                    raise bad_field(where, "invalid_text", "a field name contains half a character or a NUL; use plain text")
                stack.append((f"{path}.{key}" if path else key, child))
        elif isinstance(item, list):
            stack.extend((f"{path}[{i}]", child) for i, child in reversed(list(enumerate(item))))


def json_object(*, required: Collection[str], optional: Collection[str] = ()) -> dict[str, Any]:
    """The body as a JSON object with every ``required`` field and no unknown one; else a 400."""
    if request.mimetype != JSON_TYPE:
        raise ApiError(
            400,
            "unsupported_content_type",
            f"Content-Type: send the body as {JSON_TYPE}, not {request.mimetype or 'nothing'}",
            field="Content-Type",
        )
    body = decode_json(request.get_data(cache=True))  # 413 beyond MAX_CONTENT_LENGTH
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", f"the body must be a JSON object, not {kind_of(body)}")
    unknown = sorted(set(body) - set(required) - set(optional))
    if unknown:
        raise bad_field(unknown[0], "unknown_field", "unknown field")
    missing = [name for name in required if name not in body]
    if missing:
        raise bad_field(missing[0], "missing_field", "this field is required")
    return body


def string_field(body: dict[str, Any], name: str, *, max_length: int) -> str:
    """``body[name]`` if it is a string of at most ``max_length`` characters; else a 400."""
    value = body.get(name)
    if not isinstance(value, str):
        raise bad_field(name, "invalid_type", f"expected a string, not {kind_of(value)}")
    if len(value) > max_length:
        raise bad_field(name, "too_long", f"use at most {max_length} characters")
    return value


def kind_of(value: Any) -> str:
    """How a JSON value is named in messages: 'a number', 'a list', 'null'..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
