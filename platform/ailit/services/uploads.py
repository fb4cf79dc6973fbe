"""Files learners attach to a task: checked by their content, stored under the data folder.

A file is a PDF, PNG or JPEG by its first bytes, never by its name or the Content-Type a
browser declares. Files live in ``<data dir>/uploads/tasks/<user id>/<random name>``: outside
the web root, under a name the learner never chose, served only through an authorized view.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from ailit.models.task_file import FILE_NAME_MAX
from ailit.services.errors import ServiceError

MAX_FILES = 3
MAX_FILE_BYTES = 10 * 1024 * 1024
UPLOADS = Path("uploads") / "tasks"
DATA_DIR_KEY = "ailit.data_dir"  # as set on the web app's sessions (see certificate_privacy)

# Magic numbers: the first bytes of each accepted type, and the extension we store it under.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


class UploadRejected(ServiceError):
    """A file is not a PDF, PNG or JPEG, or there are too many files (a 400)."""

    code = "upload_rejected"


class UploadTooLarge(ServiceError):
    """A file is over the size limit (a 413)."""

    code = "upload_too_large"


@dataclass(frozen=True)
class IncomingFile:
    """A file as the request brought it: the learner's name for it and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: its type comes from its content."""

    name: str  # cleaned, for display only
    data: bytes
    media_type: str
    extension: str


def check_files(files: list[IncomingFile]) -> list[CheckedFile]:
    """Every file checked before anything is stored; raises UploadRejected or UploadTooLarge."""
    files = [f for f in files if f.data or f.name]  # an empty file input sends an empty part
    if len(files) > MAX_FILES:
        raise UploadRejected(f"attach at most {MAX_FILES} files", count=len(files))
    checked = []
    for number, incoming in enumerate(files, start=1):
        if len(incoming.data) > MAX_FILE_BYTES:
            raise UploadTooLarge(f"file {number} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", number=number)
        kind = next((s for s in SIGNATURES if incoming.data.startswith(s[0])), None)
        if kind is None:
            raise UploadRejected(f"file {number} is not a PDF, PNG or JPEG file", number=number)
        checked.append(CheckedFile(clean_name(incoming.name, kind[2]), incoming.data, kind[1], kind[2]))
    return checked


def clean_name(name: str, extension: str) -> str:
    """A file name safe to show and to offer for download: no path, no control characters."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\"<>:|?*]", "", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[: FILE_NAME_MAX - len(extension) - 1] or "file"
    return f"{stem}.{extension}"


def store(data_dir: Path, user_id: int, checked: CheckedFile) -> str:
    """Write one checked file; returns its stored name (relative to the learner's folder)."""
    folder = user_folder(data_dir, user_id)
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{checked.extension}"
    fd = os.open(folder / stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(checked.data)
    return stored


def user_folder(data_dir: Path, user_id: int) -> Path:
    return Path(data_dir) / UPLOADS / str(int(user_id))


def stored_path(data_dir: Path, user_id: int, stored_name: str) -> Path | None:
    """The path of a stored file, or None if the name would lead outside the learner's folder."""
    folder = user_folder(data_dir, user_id).resolve()
    path = (folder / stored_name).resolve()
    return path if path.parent == folder and path.is_file() else None


def discard(data_dir: Path, user_id: int, stored_names: Iterable[str]) -> None:
    """Remove files written for a submission that was not recorded after all."""
    for name in stored_names:
        path = stored_path(data_dir, user_id, name)
        if path is not None:
            path.unlink(missing_ok=True)


def erase_after_commit(session: Session, data_dir: Path | None, user_id: int) -> None:
    """Delete the learner's upload folder when the session next commits; a rollback cancels it."""
    if data_dir is None:
        return
    folder = user_folder(data_dir, user_id)
    pending = [True]

    def erase(_: Session) -> None:
        if pending and pending.pop():
            shutil.rmtree(folder, ignore_errors=True)

    def cancel(_: Session) -> None:
        pending.clear()

    event.listen(session, "after_commit", erase)
    event.listen(session, "after_rollback", cancel)
