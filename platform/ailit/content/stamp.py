"""``ailit i18n stamp``: record the source file's current hash in a translation's front matter."""

from __future__ import annotations

import re
from pathlib import Path

from ailit.content import history
from ailit.content.check import check_file_text
from ailit.content.files import write_atomic
from ailit.content.hashing import UTF8_BOM, hash_bytes, normalise_newlines
from ailit.content.history import RevisionStore
from ailit.content.status import recorded_hash
from ailit.content.tree import source_locale_of

_HASH_LINE = re.compile(rb"^(source_hash:[ \t]*)(\S*)([^\r\n]*)$", re.MULTILINE)


class StampError(Exception):
    """The file cannot be stamped; the message says why and what to do."""


def stamp(path: Path, *, force: bool = False, store: RevisionStore | None = None) -> str:
    """Write the source's hash into the translation at ``path``; return the hash written.

    Only the ``source_hash`` line changes (or is added before the closing ``---``); every
    other byte of the file stays as it was. A translation with errors (its quiz no longer
    matches the source, say) is refused, and so is a stale one whose text has not changed since
    it was made from the older source, unless ``force``: stamping it would hide that the
    source changed.
    """
    try:
        source_locale = source_locale_of(path)
    except ValueError as exc:
        raise StampError(str(exc)) from None
    if path.stem == source_locale:
        raise StampError(f"{path}: this is the source ({source_locale}) file; stamp its translations")
    source = path.parent / f"{source_locale}.md"
    try:
        current = hash_bytes(source.read_bytes())
        data = path.read_bytes()
    except OSError as exc:
        raise StampError(f"{exc.filename}: cannot read ({exc.strerror})") from None
    updated = stamp_bytes(data, current, path)
    # Checked as it will be once stamped: only a fresh translation is held to the source's quiz.
    errors = [d for d in check_file_text(path, updated) if d.is_error]
    if errors:
        listed = "\n  ".join(str(d) for d in errors[:10])
        raise StampError(f"{path}: not stamped: fix these errors first:\n  {listed}")
    recorded = recorded_hash(data)
    if not force and recorded not in (None, current) and _unchanged_since(path, data, recorded, store):
        raise StampError(
            f"{path}: not stamped: the source changed since this translation was made "
            f"(from {recorded}, now {current}) and the translation has not been updated since; "
            f"see what changed with `ailit i18n diff {path}`, update the translation, then stamp "
            "(or use --force when the source change needs no translation)"
        )
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


def _unchanged_since(path: Path, data: bytes, recorded: str, store: RevisionStore | None) -> bool:
    """True when the translation's text is what it was when it was first made from ``recorded``."""
    for version in history.versions(path, store, history.store_key(path)):
        if recorded_hash(version) == recorded:
            return _without_hash(version) == _without_hash(data)
    return False


def _without_hash(data: bytes) -> bytes:
    return _HASH_LINE.sub(b"", normalise_newlines(data.removeprefix(UTF8_BOM))).strip()


def _replace(path: Path, data: bytes) -> None:
    write_atomic(path, data, keep_mode=True)
