"""``ailit build``: compile the courses into the catalogue, incrementally and atomically."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ailit.content.catalogue import CATALOGUE_FORMAT, COVERS_DIR, MANIFEST, Course, ModuleInfo
from ailit.content.certification import course_problems
from ailit.content.compiler import (
    COMPILER_VERSION,
    LessonCheck,
    ModuleResult,
    catalogue_version,
    compile_module,
    course_context,
    make_course,
    module_key,
    read_module,
)
from ailit.content.diagnostics import Diagnostic, has_errors, sort_diagnostics
from ailit.content.hashing import combine
from ailit.content.publish import (
    CACHE_FILE,
    discard,
    link_or_copy,
    read_cache,
    staging_dir,
    swap_in,
    write_json,
)
from ailit.content.history import RevisionStore, store_key
from ailit.content.tree import CourseSource, ModuleSource, scan, scan_course_folders


@dataclass
class BuildReport:
    """What a build did: ``ok`` is False on any error (the old catalogue is then kept)."""

    ok: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: int = 0  # modules compiled by this build
    reused: int = 0  # modules taken unchanged from the previous build
    changed: bool = False  # a new catalogue was swapped in
    version: str | None = None


@dataclass
class Compiled:
    """Every course compiled; ``reused`` modules have their texts in the previous build."""

    courses: list[Course]
    results: list[tuple[CourseSource, ModuleSource, ModuleResult, bool]]
    diagnostics: list[Diagnostic]
    sources: list[CourseSource] = field(default_factory=list)


def compile_tree(
    courses_dir: Path,
    *,
    cache: dict[str, Any] | None = None,
    previous: Path | None = None,
    lesson_check: LessonCheck | None = None,
    progress: bool = False,
    course_folders: list[Path] | None = None,
    extra_roots: Sequence[Path] = (),
) -> Compiled:
    """Scan and compile every course (or only ``course_folders``); modules whose key is in
    ``cache`` are not re-rendered.

    ``extra_roots`` are further ``<stage>/<course>`` folders compiled into the same catalogue
    (courses published from the studio); a course id may be used only once across all of them.
    """
    if course_folders is None:
        sources, diagnostics = scan(_shown(courses_dir))
        for root in extra_roots:
            if Path(root).is_dir():
                more, problems = scan(Path(root))
                diagnostics += problems + _taken_ids(sources, more)
                sources += more
    else:
        sources, diagnostics = scan_course_folders([_shown(f) for f in course_folders])
    cached: dict[str, Any] = (cache or {}).get("modules", {})
    jobs = [(c, m) for c in sources if c.meta is not None for m in c.modules]
    contexts = {id(c): course_context(c) for c in sources if c.meta is not None}
    results: list[tuple[CourseSource, ModuleSource, ModuleResult, bool]] = []
    pending: list[tuple[int, Job]] = []
    for course, module in jobs:
        data = read_module(module, diagnostics)
        key = module_key(contexts[id(course)], module, data)
        entry = cached.get(f"{course.meta['id']}/{module.id}") if course.meta else None
        if (
            entry
            and entry.get("key") == cache_key(key, module)
            and _outputs_exist(previous, course, module, entry)
        ):
            result = ModuleResult(
                key,
                ModuleInfo.from_dict(entry["info"]),
                diagnostics=[Diagnostic.from_dict(d) for d in entry["diagnostics"]],
                hashes=list(entry["hashes"]),
            )
            results.append((course, module, result, True))
        else:
            pending.append((len(results), (course, module, data, key, lesson_check)))
            results.append((course, module, ModuleResult(key, None), False))
    with _progress(len(pending), progress) as bar:
        for (index, job), result in zip(pending, render_all([job for _, job in pending]), strict=True):
            results[index] = (job[0], job[1], result, False)
            bar.update(1)
    for *_, result, _ in results:
        diagnostics += result.diagnostics
    courses = []
    for course in sources:
        if course.meta is not None:
            courses.append(make_course(course, [r for c, _, r, _ in results if c is course]))
            # Only a course whose every module compiled has minutes to weigh its hours against.
            if len(courses[-1].modules) == len(course.modules):
                text = course.data.decode("utf-8", errors="replace")
                diagnostics += course_problems(courses[-1], str(course.yaml_path), text)
    return Compiled(courses, results, sort_diagnostics(diagnostics), sources)


def build_catalogue(
    courses_dir: Path,
    out_dir: Path,
    *,
    progress: bool = False,
    revisions: Path | None = None,
    extra_roots: Sequence[Path] = (),
    course_folders: list[Path] | None = None,
) -> BuildReport:
    """Compile ``courses_dir`` into ``out_dir``; on any error the old catalogue stays as it was.

    With ``revisions``, the text of every changed module file is kept in that revision store;
    with ``course_folders``, only those courses are compiled (a studio draft's preview).
    """
    courses_dir, out_dir = Path(courses_dir), Path(out_dir)
    cache = read_cache(out_dir)
    if cache.get("compiler") != COMPILER_VERSION:
        cache = {}
    show = progress and sys.stderr.isatty()
    compiled = compile_tree(
        courses_dir, cache=cache, previous=out_dir, progress=show, extra_roots=extra_roots,
        course_folders=course_folders,
    )
    rendered = sum(not reused for *_, reused in compiled.results)
    report = BuildReport(
        ok=not has_errors(compiled.diagnostics),
        diagnostics=compiled.diagnostics,
        rendered=rendered,
        reused=len(compiled.results) - rendered,
    )
    if not report.ok:
        return report
    if _not_a_catalogue(out_dir):
        report.ok = False
        report.diagnostics.append(
            Diagnostic(
                str(out_dir), 1, "error",
                "this folder exists and is not a catalogue; a build replaces the whole folder, "
                "so choose another --out (or empty it)",
            )
        )
        return report
    report.version = catalogue_version(compiled.courses)
    if rendered == 0 and cache.get("version") == report.version and (out_dir / MANIFEST).is_file():
        return report  # nothing changed: leave every file as it is
    try:
        _write(compiled, out_dir, report.version)
    except OSError as exc:
        report.ok = False
        report.diagnostics.append(
            Diagnostic(str(out_dir), 1, "error", f"cannot write the catalogue: {exc}")
        )
        return report
    report.changed = True
    if revisions is not None:
        _remember_versions(compiled, revisions)
    return report


def _taken_ids(sources: list[CourseSource], more: list[CourseSource]) -> list[Diagnostic]:
    """Courses of ``more`` whose id ``sources`` already use are left out, with an error."""
    taken = {c.meta["id"]: c for c in sources if c.meta is not None}
    problems = []
    for course in more:
        if course.meta is not None and course.meta["id"] in taken:
            first = taken[course.meta["id"]]
            problems.append(
                Diagnostic(
                    str(course.yaml_path), 1, "error",
                    f"course id '{course.meta['id']}' is already used by {first.yaml_path}",
                )
            )
            course.meta = None
    return problems


def _remember_versions(compiled: Compiled, folder: Path) -> None:
    """Keep each changed file's text, so ``ailit i18n diff`` can show what a translator missed."""
    files = {
        store_key(path): path
        for _, module, _, reused in compiled.results
        if not reused
        for path in module.files.values()
    }
    try:
        RevisionStore(folder).record_many(files)
    except OSError:
        pass  # the history is a help for translators; a build does not fail for it


def _write(compiled: Compiled, out_dir: Path, version: str) -> None:
    staged = staging_dir(out_dir)
    try:
        modules_cache: dict[str, Any] = {}
        for course, module, result, reused in compiled.results:
            if result.info is None:
                continue
            course_id = course.meta["id"] if course.meta else ""
            folder = staged / "modules" / course_id
            if reused:
                for locale in result.info.locales:
                    name = f"{module.id}.{locale}.json"
                    link_or_copy(out_dir / "modules" / course_id / name, folder / name)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                for locale, payload in result.payloads.items():
                    (folder / f"{module.id}.{locale}.json").write_text(payload, encoding="utf-8")
            for name, path in module.media.items():
                link_or_copy(path, staged / "media" / course_id / module.id / name)
            modules_cache[f"{course_id}/{module.id}"] = {
                "key": cache_key(result.key, module),
                "info": result.info.to_dict(),
                "diagnostics": [d.to_dict() for d in result.diagnostics],
                "hashes": result.hashes,
            }
        for course in compiled.sources:
            if course.cover_path is not None and course.meta:
                link_or_copy(course.cover_path, staged / COVERS_DIR / course.meta["id"] / course.cover_path.name)
        manifest = {
            "format": CATALOGUE_FORMAT,
            "version": version,
            "compiler": COMPILER_VERSION,
            "courses": [c.to_dict() for c in compiled.courses],
        }
        write_json(staged / MANIFEST, manifest, indent=1)
        cache = {"compiler": COMPILER_VERSION, "version": version, "modules": modules_cache}
        write_json(staged / CACHE_FILE, cache)
        swap_in(staged, out_dir)
    except BaseException:
        discard(staged)
        raise


def cache_key(key: str, module: ModuleSource) -> str:
    """The content key plus the module's path: cached diagnostics name files by that path."""
    return combine([key, str(module.path)])


def _shown(courses_dir: Path) -> Path:
    """The courses folder as diagnostics show it: relative to the current folder when inside it."""
    if not courses_dir.is_absolute():
        return courses_dir
    try:
        return courses_dir.relative_to(Path.cwd())
    except ValueError:
        return courses_dir


def _not_a_catalogue(out_dir: Path) -> bool:
    """True for an existing, non-empty folder that no build wrote (never delete someone's files)."""
    if not out_dir.exists():
        return False
    if not out_dir.is_dir():
        return True
    return not (out_dir / MANIFEST).exists() and not (out_dir / CACHE_FILE).exists() and any(out_dir.iterdir())


def _outputs_exist(
    previous: Path | None, course: CourseSource, module: ModuleSource, entry: dict[str, Any]
) -> bool:
    if previous is None or course.meta is None:
        return False
    folder = previous / "modules" / course.meta["id"]
    locales = entry.get("info", {}).get("locales", {})
    return all((folder / f"{module.id}.{loc}.json").is_file() for loc in locales)


Job = tuple[CourseSource, ModuleSource, dict[str, bytes | None], str, LessonCheck | None]
PARALLEL_FROM = 24  # below this many modules, starting worker processes costs more than it saves


def _render(job: Job) -> ModuleResult:
    return compile_module(*job)


def render_all(jobs: list[Job]) -> Iterator[ModuleResult]:
    """Compile modules, in order; many modules are spread over the machine's cores."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        yield from map(_render, jobs)
        return
    # fork is fastest, but unsafe in a process with threads (e.g. a web server): spawn there.
    method = "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_render, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


class _NoBar:
    def update(self, steps: int) -> None:
        """Nothing to show."""


@contextmanager
def _progress(length: int, show: bool) -> Iterator[Any]:
    if not show or length == 0:
        yield _NoBar()
        return
    with click.progressbar(length=length, label="Compiling", file=sys.stderr) as bar:
        yield bar
