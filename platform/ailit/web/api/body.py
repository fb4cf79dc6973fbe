"""Reading JSON request bodies strictly: content type, syntax, known fields, types, lengths."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from flask import request

from ailit.web.api.errors import ApiError, bad_field

JSON_TYPE = "application/json"


def json_object(*, required: Collection[str], optional: Collection[str] = ()) -> dict[str, Any]:
    """The body as a JSON object with every ``required`` field and no unknown one; else a 400."""
    if request.mimetype != JSON_TYPE:
        raise ApiError(
            400,
            "unsupported_content_type",
            f"Content-Type: send the body as {JSON_TYPE}, not {request.mimetype or 'nothing'}",
            field="Content-Type",
        )
    raw = request.get_data(cache=True)  # 413 beyond MAX_CONTENT_LENGTH
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "invalid_json", f"the body is not valid JSON: {exc.msg} at line {exc.lineno} "
            f"column {exc.colno}"
        ) from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "the body is nested too deeply") from None
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
