"""Files in the data directory written whole or not at all, with disk trouble as a clear error.

A full or read-only disk is the operator's problem, not the user's: services raise
:class:`StorageUnavailable` (the web answers 503) and leave no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ailit.services.errors import ServiceError


class StorageUnavailable(ServiceError):
    """The data directory cannot be written (full, read-only, no permission): try again later."""

    code = "storage_unavailable"
    retry_after = 300  # seconds: time for the operator to free or remount the disk


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename: readers never see half
    a file. Raises StorageUnavailable (with the temporary file removed) on any OS error."""
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(data)
            while view:
                view = view[os.write(fh.fileno(), view):]
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as error:
        if tmp is not None:
            discard(Path(tmp))
        raise StorageUnavailable(f"cannot write {target.name}: {error.strerror or error}") from error


def discard(path: Path) -> None:
    """Remove ``path`` if it exists (cleaning up after a failure; errors ignored)."""
    with contextlib.suppress(OSError):
        path.unlink()
