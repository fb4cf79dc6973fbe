"""Content hashes: the 12-hex-digit SHA-256 that versions modules and stamps translations."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

HASH_LENGTH = 12


def normalise_newlines(data: bytes) -> bytes:
    """CRLF and CR become LF, so a file hashes the same on every operating system."""
    if b"\r" not in data:
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


UTF8_BOM = b"\xef\xbb\xbf"


def hash_bytes(data: bytes) -> str:
    """The first 12 hex digits of the SHA-256 of ``data``, line endings normalised.

    A UTF-8 byte order mark is left out: an editor that adds one has not changed the text, so a
    source saved with a BOM must not make its translations stale.
    """
    return hashlib.sha256(normalise_newlines(data.removeprefix(UTF8_BOM))).hexdigest()[:HASH_LENGTH]


def source_hash(path: str | os.PathLike[str]) -> str:
    """The hash a translation records in ``source_hash`` for the source file at ``path``."""
    with open(path, "rb") as fh:
        return hash_bytes(fh.read())


def combine(parts: Iterable[str]) -> str:
    """One hash over several strings (each already a hash or a short identifier)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:HASH_LENGTH]
