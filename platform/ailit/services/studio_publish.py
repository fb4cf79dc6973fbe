"""Publishing studio courses: versions, the live folder, and the one catalogue learners read.

Publishing copies the draft to a new version folder and into ``live/<stage>/<id>``, then
rebuilds the catalogue from the git courses and the live folder. The build is incremental,
so only this course's modules are compiled again; the new catalogue is swapped in whole and
every server reloads it (they share the catalogue folder). A draft with errors is never
published; a failed build puts the previous live folder back. Builds are serialised by a file
lock, and the database is written only after the long work, in one short transaction.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.content.build import build_catalogue
from ailit.models import CourseVersion, StudioAction, User, utcnow
from ailit.services.errors import NotFound, ValidationError
from ailit.services.studio import StudioPaths, replace_folder, draft
from ailit.services.studio_access import record, require_edit


@dataclass(frozen=True)
class CatalogueTarget:
    """What a publish rebuilds: the git courses folder and the catalogue folder."""

    courses_dir: Path
    catalogue_dir: Path


class PublishRefused(ValidationError):
    """The draft cannot be published (it has errors, or the build failed)."""

    def __init__(self, message: str, code: str = "draft_has_errors") -> None:
        super().__init__("draft", code, message)


def rebuild(paths: StudioPaths, target: CatalogueTarget) -> None:
    """Compile the git courses and every live studio course into the catalogue."""
    with _build_lock(target.catalogue_dir):
        report = build_catalogue(target.courses_dir, target.catalogue_dir, extra_roots=[paths.live_root])
    if not report.ok:
        errors = [str(d) for d in report.diagnostics if d.is_error][:5]
        raise PublishRefused("the catalogue could not be built: " + "; ".join(errors), "build_failed")


def publish(
    session: Session, user: User, paths: StudioPaths, target: CatalogueTarget, course_id: str
) -> int:
    """Publish the draft as a new version; return its number."""
    found = require_edit(session, user, course_id)
    checked = draft(paths, course_id)
    if checked.errors:
        raise PublishRefused(
            f"the draft has {checked.errors} error(s); fix them before publishing (see the diagnostics)"
        )
    number = _next_number(session, course_id)
    version = paths.version(course_id, number)
    version.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(paths.draft(course_id), version)
    _go_live(paths, target, found.course.stage, course_id, version)
    _add_version(session, user, course_id, number, "")
    found.course.live_version = number
    record(session, user, course_id, StudioAction.PUBLISHED, f"version {number}")
    return number


def rollback(
    session: Session, user: User, paths: StudioPaths, target: CatalogueTarget, course_id: str, number: int
) -> int:
    """Publish an earlier version's files again, as a new version; return its number."""
    found = require_edit(session, user, course_id)
    earlier = paths.version(course_id, number)
    if not earlier.is_dir():
        raise NotFound(f"course '{course_id}' has no version {number}")
    new = _next_number(session, course_id)
    version = paths.version(course_id, new)
    shutil.copytree(earlier, version)
    _go_live(paths, target, found.course.stage, course_id, version)
    _add_version(session, user, course_id, new, f"rollback to version {number}")
    found.course.live_version = new
    record(session, user, course_id, StudioAction.ROLLED_BACK, f"version {number} as version {new}")
    return new


def unpublish(session: Session, user: User, paths: StudioPaths, target: CatalogueTarget, course_id: str) -> None:
    """Take the course out of the catalogue (its versions are kept; learners' progress too)."""
    found = require_edit(session, user, course_id)
    live = paths.live_root / found.course.stage / course_id
    if live.exists():
        aside = live.with_name(f".{course_id}.unpublished")
        shutil.rmtree(aside, ignore_errors=True)
        live.rename(aside)
        try:
            rebuild(paths, target)
        except PublishRefused:
            aside.rename(live)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    found.course.live_version = None
    found.course.updated_at = utcnow()
    record(session, user, course_id, StudioAction.UNPUBLISHED)


def versions(session: Session, course_id: str) -> list[CourseVersion]:
    """Every published version of the course, newest first."""
    return list(
        session.scalars(
            select(CourseVersion).where(CourseVersion.course_id == course_id).order_by(CourseVersion.number.desc())
        )
    )


def _go_live(paths: StudioPaths, target: CatalogueTarget, stage: str, course_id: str, version: Path) -> None:
    live = paths.live_root / stage / course_id
    staged = paths.scratch() / course_id
    shutil.copytree(version, staged)
    previous = paths.scratch() / "previous"
    had_previous = live.exists()
    if had_previous:
        shutil.copytree(live, previous)
    replace_folder(live, staged)
    try:
        rebuild(paths, target)
    except BaseException:
        if had_previous:
            replace_folder(live, previous)
        else:
            shutil.rmtree(live, ignore_errors=True)
        shutil.rmtree(version, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staged.parent, ignore_errors=True)
        shutil.rmtree(previous.parent, ignore_errors=True)


def _next_number(session: Session, course_id: str) -> int:
    latest = session.scalar(select(func.max(CourseVersion.number)).where(CourseVersion.course_id == course_id))
    return (latest or 0) + 1


def _add_version(session: Session, user: User, course_id: str, number: int, note: str) -> None:
    session.add(CourseVersion(course_id=course_id, number=number, published_by=user.id, note=note))


@contextmanager
def _build_lock(catalogue_dir: Path) -> Iterator[None]:
    """One build at a time on this machine (and across servers on a shared file system)."""
    lock = Path(catalogue_dir).parent / ".ailit-build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
