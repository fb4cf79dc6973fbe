"""``ailit i18n stamp``: record the source file's current hash in a translation's front matter."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ailit.content.hashing import hash_bytes
from ailit.content.tree import COURSE_FILE
from ailit.content.yamlfile import YamlProblem, load_yaml
from ailit.locales import LOCALES

_HASH_LINE = re.compile(rb"^(source_hash:[ \t]*)(\S*)([^\r\n]*)$", re.MULTILINE)


class StampError(Exception):
    """The file cannot be stamped; the message says why and what to do."""


def stamp(path: Path) -> str:
    """Write the source's hash into the translation at ``path``; return the hash written.

    Only the ``source_hash`` line changes (or is added before the closing ``---``); every
    other byte of the file stays as it was.
    """
    if path.suffix != ".md" or path.stem not in LOCALES:
        raise StampError(f"{path}: not a module file (<locale>.md)")
    source_locale = _source_locale(path.parent.parent / COURSE_FILE)
    if path.stem == source_locale:
        raise StampError(f"{path}: this is the source ({source_locale}) file; stamp its translations")
    source = path.parent / f"{source_locale}.md"
    try:
        current = hash_bytes(source.read_bytes())
        data = path.read_bytes()
    except OSError as exc:
        raise StampError(f"{exc.filename}: cannot read ({exc.strerror})") from None
    updated = stamp_bytes(data, current, path)
    if updated != data:
        _replace(path, updated)
    return current


def stamp_bytes(data: bytes, value: str, path: Path) -> bytes:
    """``data`` with its front matter's ``source_hash`` set to ``value``."""
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    lines = data.split(newline)
    if not lines or lines[0].lstrip(b"\xef\xbb\xbf").rstrip() != b"---":
        raise StampError(f"{path}: the file has no front matter (--- ... ---) to stamp")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == b"---"), None)
    if end is None:
        raise StampError(f"{path}:1: the front matter is never closed with a '---' line")
    for i in range(1, end):
        match = _HASH_LINE.match(lines[i])
        if match:
            lines[i] = match.group(1) + value.encode() + match.group(3)
            return newline.join(lines)
    lines.insert(end, b"source_hash: " + value.encode())
    return newline.join(lines)


def _source_locale(course_file: Path) -> str:
    try:
        doc = load_yaml(course_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem) as exc:
        raise StampError(f"{course_file}: cannot read the course file ({exc})") from None
    value = doc.data.get("source_locale") if isinstance(doc.data, dict) else None
    if value not in LOCALES:
        raise StampError(f"{course_file}: source_locale is missing or unknown")
    return str(value)


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
