"""Reading an author's file safely: size limit, binary and encoding checks, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ailit.content.diagnostics import Problems

MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class SourceFile:
    """A file's raw bytes and, when it is readable text, its decoded content."""

    path: Path
    data: bytes
    text: str | None


def read_bytes(path: Path, problems: Problems) -> bytes | None:
    """The file's bytes, or None (with a diagnostic) when it is unreadable or too large."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(
                1,
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes: split it into modules",
            )
            return None
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.error(1, f"cannot read the file ({exc.strerror or exc})")
        return None


def decode(data: bytes, problems: Problems) -> str | None:
    """Decode UTF-8 text (a BOM is allowed); None with a diagnostic for binary or other encodings."""
    if len(data) > MAX_FILE_BYTES:
        problems.error(1, f"file is larger than {MAX_FILE_BYTES:,} bytes: split it into modules")
        return None
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        problems.error(line, "binary file (it contains NUL bytes): expected UTF-8 text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.error(line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8")
        return None
    if not text.strip():
        problems.error(1, "empty file")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_source(path: Path, problems: Problems) -> SourceFile | None:
    """Read and decode ``path``; None when it cannot be used (the reason is in ``problems``)."""
    data = read_bytes(path, problems)
    if data is None:
        return None
    return SourceFile(path, data, decode(data, problems))
