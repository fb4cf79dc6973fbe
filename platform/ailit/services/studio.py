"""The studio's drafts: upload a course package, read and save its files, compile its diagnostics.

A studio course's files live in the data folder: ``studio/courses/<id>/draft/`` is the draft
(an ordinary course folder, so the Markdown stays the one source of truth), published versions
are kept beside it (see ``studio_publish``). Every text the platform sees is kept as a source
revision, so a translator can see what changed since a translation was made.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.content.check import CheckPathError, check_courses
from ailit.content.diagnostics import Diagnostic
from ailit.content.files import write_atomic
from ailit.content.hashing import hash_bytes
from ailit.content.package import PackageError, unpack_course
from ailit.content.sources import MAX_FILE_BYTES
from ailit.content.glossary import GLOSSARY_FILE
from ailit.content.tree import COURSE_FILE, MODULE_FOLDER, declared
from ailit.locales import LOCALES
from ailit.models import CourseRole, CourseRoleName, SourceRevision, StudioAction, StudioCourse, User, utcnow
from ailit.services.errors import NotFound, ValidationError
from ailit.services.schools import Forbidden
from ailit.services.studio_access import Access, access, can_create, record, require_edit
from ailit.stages import STAGES

_MODULE_FILE = re.compile(r"^(\d{1,3}-[a-z0-9]+(?:-[a-z0-9]+)*)/([a-z]{2})\.md$")


@dataclass(frozen=True)
class StudioPaths:
    """Where the studio keeps files, under the data folder."""

    root: Path

    def course(self, course_id: str) -> Path:
        return self.root / "courses" / course_id

    def draft(self, course_id: str) -> Path:
        return self.course(course_id) / "draft"

    def version(self, course_id: str, number: int) -> Path:
        return self.course(course_id) / "versions" / str(number)

    @property
    def live_root(self) -> Path:
        """Published courses as ``<stage>/<id>``: compiled into the catalogue with the git courses."""
        return self.root / "live"

    def scratch(self) -> Path:
        folder = self.root / "tmp"
        folder.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=folder))


def studio_paths(data_dir: Path) -> StudioPaths:
    """The studio's folders in ``data_dir``."""
    return StudioPaths(Path(data_dir) / "studio")


class PackageRefused(ValidationError):
    """An uploaded package cannot be used; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__("package", "bad_package", message)


@dataclass
class Draft:
    """A draft's files and the compiler's diagnostics, paths relative to the course folder."""

    course_id: str
    files: list[str]
    diagnostics: list[Diagnostic]

    def for_file(self, path: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.path == path]

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)


def upload_package(
    session: Session, user: User, paths: StudioPaths, package: BinaryIO, *, git_course_ids: set[str]
) -> Draft:
    """Make (or replace) a course's draft from a zip of its folder; refused packages change nothing."""
    scratch = paths.scratch()
    try:
        try:
            folder = unpack_course(package, scratch / "course")
        except PackageError as exc:
            raise PackageRefused(str(exc)) from None
        course_id, stage = declared(folder, "id"), declared(folder, "stage")
        if not course_id or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", course_id) or len(course_id) > 80:
            raise PackageRefused(f"{COURSE_FILE} needs an id of a-z, 0-9 and hyphens")
        if stage not in STAGES:
            raise PackageRefused(f"{COURSE_FILE} needs a stage: one of {', '.join(STAGES)}")
        if course_id in git_course_ids:
            raise PackageRefused(f"the course id '{course_id}' is taken by a course of this site: choose another id")
        course = session.get(StudioCourse, course_id)
        if course is None:
            if not can_create(user):
                raise Forbidden("only authors and site admins create studio courses")
            course = StudioCourse(id=course_id, stage=stage, owner_id=user.id)
            session.add(course)
            session.flush()  # the course row first: the role refers to it
            session.add(CourseRole(course_id=course_id, user_id=user.id, role=CourseRoleName.OWNER.value, locales=""))
            record(session, user, course_id, StudioAction.CREATED, stage)
        else:
            try:
                require_edit(session, user, course_id)
            except NotFound:
                raise PackageRefused(
                    f"the course id '{course_id}' is taken by another author's course: choose another id"
                ) from None
            course.stage = stage
        replace_folder(paths.draft(course_id), folder)
        _remember(session, course_id, paths.draft(course_id))
        course.updated_at = utcnow()
        record(session, user, course_id, StudioAction.UPLOADED, f"{len(_files(paths.draft(course_id)))} files")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return draft(paths, course_id)


def draft(paths: StudioPaths, course_id: str) -> Draft:
    """The draft's files and diagnostics (the whole course compiled, nothing written)."""
    folder = paths.draft(course_id)
    if not (folder / COURSE_FILE).is_file():
        raise NotFound(f"course '{course_id}' has no draft")
    try:
        found = check_courses(folder, paths=[folder])
    except CheckPathError as exc:  # pragma: no cover - the folder was just checked
        raise NotFound(str(exc)) from None
    base = folder.resolve()
    diagnostics = [
        Diagnostic(_relative(d.path, base), d.line, d.severity, d.message) for d in found
    ]
    return Draft(course_id, _files(folder), diagnostics)


def read_file(session: Session, user: User, paths: StudioPaths, course_id: str, path: str) -> str:
    """A draft file's text (anyone with a role on the course may read)."""
    access(session, user, course_id)
    target = _draft_file(paths, course_id, path)
    try:
        return target.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("path", "unreadable", f"{path} cannot be read as text ({exc})") from None


def save_file(
    session: Session, user: User, paths: StudioPaths, course_id: str, path: str, text: str
) -> Draft:
    """Save one draft file (course.yaml, glossary.yaml or NN-module/<locale>.md) and compile the
    draft again; an editor may create glossary.yaml this way."""
    found = access(session, user, course_id)
    _check_may_write(found, path, declared(paths.draft(course_id), "source_locale"))
    data = text.replace("\r\n", "\n").encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError("text", "too_large", f"a file may hold at most {MAX_FILE_BYTES:,} bytes")
    target = _draft_file(paths, course_id, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    _remember_file(session, course_id, path, data)
    found.course.updated_at = utcnow()
    record(session, user, course_id, StudioAction.SAVED, path)
    return draft(paths, course_id)


def revision_text(session: Session, course_id: str, path: str, digest: str) -> bytes | None:
    """A file's text at the version whose hash is ``digest``, if the platform has seen it."""
    text = session.scalars(
        select(SourceRevision.text).where(
            SourceRevision.course_id == course_id, SourceRevision.path == path, SourceRevision.hash == digest
        )
    ).first()
    return text.encode("utf-8") if text is not None else None


def _check_may_write(found: Access, path: str, source_locale: str | None) -> None:
    if found.can_edit:
        return
    match = _MODULE_FILE.match(path)
    if match is None or not found.can_translate(match.group(2)) or match.group(2) == source_locale:
        raise Forbidden("you may edit only the translations of the locales you were given")


def _draft_file(paths: StudioPaths, course_id: str, path: str) -> Path:
    """The draft file at ``path``: course.yaml, glossary.yaml or NN-module/<locale>.md, nothing else."""
    match = _MODULE_FILE.match(path)
    if path not in (COURSE_FILE, GLOSSARY_FILE) and (
        match is None or match.group(2) not in LOCALES or not MODULE_FOLDER.match(match.group(1))
    ):
        raise ValidationError(
            "path", "invalid_path",
            f"'{path}' is not a course file: course.yaml, glossary.yaml or NN-module/<locale>.md",
        )
    return paths.draft(course_id) / path


def _files(folder: Path) -> list[str]:
    names = [name for name in (COURSE_FILE, GLOSSARY_FILE) if (folder / name).is_file()]
    for module in sorted(p for p in folder.iterdir() if p.is_dir() and MODULE_FOLDER.match(p.name)):
        names += [f"{module.name}/{f.name}" for f in sorted(module.glob("*.md")) if f.stem in LOCALES]
    return names


def _remember(session: Session, course_id: str, folder: Path) -> None:
    for name in _files(folder):
        try:
            _remember_file(session, course_id, name, (folder / name).read_bytes())
        except OSError:
            continue


def _remember_file(session: Session, course_id: str, path: str, data: bytes) -> None:
    digest = hash_bytes(data)
    exists = session.scalars(
        select(SourceRevision.id).where(
            SourceRevision.course_id == course_id, SourceRevision.path == path, SourceRevision.hash == digest
        )
    ).first()
    if exists is None:
        text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n")
        session.add(SourceRevision(course_id=course_id, path=path, hash=digest, text=text))


def replace_folder(target: Path, new: Path) -> None:
    """Put ``new`` in place of ``target`` with renames, so readers never see half a folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _relative(path: str, base: Path) -> str:
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except ValueError:
        return path
