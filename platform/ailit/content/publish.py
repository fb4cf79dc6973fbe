"""Writing a catalogue atomically: build it aside, next to the output, then swap it in.

A reader sees either the old catalogue or the new one, never a half-written one; a failed
build never touches the old one. On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``;
elsewhere two renames (the window between them is a few microseconds).
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

CACHE_FILE = ".build-cache.json"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_dir(out_dir: Path) -> Path:
    """A fresh empty folder beside ``out_dir`` (same file system, so renames are atomic)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staged.chmod(0o755)  # mkdtemp makes it private; the catalogue is read by the web server
    return staged


def write_json(path: Path, data: Any, *, indent: int | None = None) -> None:
    """Write ``data`` as UTF-8 JSON, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    path.write_text(text, encoding="utf-8")


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link an unchanged file into the new build (a copy where links are impossible)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def swap_in(staged: Path, out_dir: Path) -> None:
    """Make ``staged`` the catalogue at ``out_dir`` and delete the old one."""
    if not out_dir.exists():
        os.rename(staged, out_dir)
        return
    if _exchange(staged, out_dir):
        shutil.rmtree(staged, ignore_errors=True)  # ``staged`` now holds the old catalogue
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.rmdir(old)
    os.rename(out_dir, old)
    os.rename(staged, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(staged: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staged, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def read_cache(out_dir: Path) -> dict[str, Any]:
    """The previous build's cache (empty when absent or unreadable)."""
    try:
        with open(out_dir / CACHE_FILE, encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
