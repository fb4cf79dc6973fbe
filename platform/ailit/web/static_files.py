"""Static files under content-hashed names, cached by browsers for a year.

``url_for('static', filename='ailit.css')`` gives ``/static/ailit.<hash>.css``, where the hash
is taken from the file's content: a changed file gets a new name, so the old one may be kept
forever (``Cache-Control: public, max-age=31536000, immutable``). The plain name still works,
with a short lifetime, for anything that asks for it directly.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, send_from_directory
from werkzeug.security import safe_join

LONG_MAX_AGE = 365 * 24 * 3600
SHORT_MAX_AGE = 300
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")


@cache
def content_hash(path: Path) -> str | None:
    """The first 12 hex digits of the file's SHA-256 (once per process), None if absent."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return None


def hashed_name(static_dir: str, filename: str) -> str:
    """``name.<hash>.ext`` for a file in the static folder (the name unchanged if absent)."""
    full = safe_join(static_dir, filename)
    digest = content_hash(Path(full)) if full else None
    if digest is None:
        return filename
    path = Path(filename)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def static(filename: str) -> Response:
    """A static file by its hashed name (a year in caches) or its plain name (minutes)."""
    folder = current_app.static_folder
    assert folder is not None
    match = _HASHED.match(filename)
    if match:
        plain = f"{match['stem']}{match['suffix']}"
        full = safe_join(folder, plain)
        if full and content_hash(Path(full)) == match["hash"]:
            response = send_from_directory(folder, plain, max_age=LONG_MAX_AGE)
            response.cache_control.immutable = True
            response.cache_control.public = True
            return response
    return send_from_directory(folder, filename, max_age=SHORT_MAX_AGE)


def init_app(app: Flask) -> None:
    """Serve the static endpoint through ``static``; hash names in ``url_for``."""
    app.view_functions["static"] = static

    @app.url_defaults
    def hash_static_names(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values and app.static_folder:
            values["filename"] = hashed_name(app.static_folder, values["filename"])
