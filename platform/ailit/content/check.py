"""``ailit check``: validate courses without writing anything, readability included.

With paths, only the courses they name are compiled: a course folder, or any file or folder
inside one (then only that file's or folder's problems are reported, plus the course's own
problems that stop it from compiling).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ailit.content.build import compile_tree
from ailit.content.compiler import compile_module, read_module
from ailit.content.diagnostics import ERROR, Diagnostic
from ailit.content.readability import lesson_warnings
from ailit.content.tree import COURSE_FILE, scan_course_folders


class CheckPathError(Exception):
    """A path given to ``ailit check`` is not in any course; the message says why."""


@dataclass(frozen=True)
class Target:
    """A course folder to compile and the part of it whose problems to report (None: all)."""

    course: Path
    part: Path | None


def check_courses(
    courses_dir: Path, *, strict: bool = False, paths: list[Path] | None = None
) -> list[Diagnostic]:
    """Every problem in ``courses_dir`` (or in ``paths``), sorted; ``strict`` makes warnings errors."""
    if paths:
        targets = [course_target(Path(p)) for p in paths]
        folders = list(dict.fromkeys(t.course for t in targets))
        compiled = compile_tree(Path(courses_dir), lesson_check=lesson_warnings, course_folders=folders)
        diagnostics = [d for d in compiled.diagnostics if _wanted(d, targets)]
    else:
        diagnostics = compile_tree(Path(courses_dir), lesson_check=lesson_warnings).diagnostics
    if strict:
        return [replace(d, severity=ERROR) for d in diagnostics]
    return diagnostics


def check_file_text(path: Path, data: bytes) -> list[Diagnostic]:
    """The problems ``path`` would have with ``data`` as its content, before it is written.

    The whole module is compiled with ``data`` in place of the file (so a translation is checked
    against its source); nothing on disk changes.
    """
    path = Path(path)
    target = course_target(path.parent)
    courses, problems = scan_course_folders([target.course])
    course = courses[0]
    if course.meta is None:
        return [d for d in problems if d.is_error]
    module = next((m for m in course.modules if m.path.resolve() == path.parent.resolve()), None)
    if module is None:
        raise CheckPathError(f"{path.parent}: not a module folder of {target.course}")
    module.files[path.stem] = path
    contents = read_module(module, [])
    contents[path.stem] = data
    result = compile_module(course, module, contents, "")
    return [d for d in result.diagnostics if Path(d.path).resolve() == path.resolve()]


def course_target(path: Path) -> Target:
    """The course folder that holds ``path`` (the folder itself, or its nearest ancestor)."""
    if not path.exists():
        raise CheckPathError(f"{path}: no such file or folder")
    absolute = path.resolve()
    for folder in (absolute, *absolute.parents):
        if (folder / COURSE_FILE).is_file():
            whole = absolute in (folder, folder / COURSE_FILE)
            return Target(folder, None if whole else absolute)
    raise CheckPathError(
        f"{path}: not inside a course (no {COURSE_FILE} in it or in any folder above it); "
        "give a course folder or a file in one"
    )


def _wanted(diagnostic: Diagnostic, targets: list[Target]) -> bool:
    where = Path(diagnostic.path).resolve()
    for target in targets:
        course = target.course.resolve()
        if target.part is None:
            if where == course or course in where.parents:
                return True
        elif where == target.part or target.part in where.parents or where == course / COURSE_FILE:
            return True
    return False
