"""From a course tree to compiled records: course metadata, module info and module texts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ailit import __version__
from ailit.content.catalogue import CATALOGUE_FORMAT, Course, ModuleInfo, ModuleText, Quiz
from ailit.content.certification import ASSESSED, assessed_quiz_problems
from ailit.content.diagnostics import Diagnostic, Problems
from ailit.content.figures import figure_warnings
from ailit.content.glossary import english_form_warnings
from ailit.content.hashing import combine, hash_bytes
from ailit.content.module import ModuleFile, compile_file
from ailit.content.quiz_settings import resolve
from ailit.content.sources import read_bytes
from ailit.content.task import task_parity
from ailit.content.translations import COMPLETE, SOURCE, STALE, check_parity, report_status
from ailit.content.tree import CourseSource, ModuleSource

# Part of every cache key: bump it when a change to the compiler changes its output.
COMPILER_VERSION = f"{__version__}+compiler.3"

LessonCheck = Callable[[str, str, str], list[str]]  # (stage, locale, body) -> warnings


@dataclass
class ModuleResult:
    """A module compiled in all its locales (``info`` None when the source is unusable)."""

    key: str
    info: ModuleInfo | None
    payloads: dict[str, str] = field(default_factory=dict)  # locale -> ModuleText as JSON
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)  # content hash of each locale file


def course_context(course: CourseSource) -> str:
    """What every module of a course depends on besides its own files."""
    meta = course.meta or {}
    return combine(
        [
            str(meta.get("id")),
            course.stage,
            str(meta.get("source_locale")),
            repr(meta.get("pass_mark")),
            repr(sorted((meta.get("quiz") or {}).items())),
            repr(meta.get("certificate")),
            hash_bytes(course.glossary_data),  # a module's glossary warnings depend on it
            *(m.folder for m in course.modules),
        ]
    )


def read_module(module: ModuleSource, problems_by_path: list[Diagnostic]) -> dict[str, bytes | None]:
    """Every locale file's bytes (None when unreadable; the reason goes to ``problems_by_path``)."""
    data: dict[str, bytes | None] = {}
    for locale, path in module.files.items():
        problems = Problems(str(path))
        data[locale] = read_bytes(path, problems)
        problems_by_path += problems.items
    return data


def module_key(context: str, module: ModuleSource, data: dict[str, bytes | None]) -> str:
    """A module's content key: compiler, course context, file hashes and media hashes."""
    parts = [COMPILER_VERSION, context, module.folder]
    parts += [f"{loc}:{hash_bytes(b) if b is not None else '-'}" for loc, b in sorted(data.items())]
    for name, path in module.media.items():
        try:
            parts.append(f"media:{name}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
        except OSError:
            parts.append(f"media:{name}:unreadable")
    return combine(parts)


def compile_module(
    course: CourseSource,
    module: ModuleSource,
    data: dict[str, bytes | None],
    key: str,
    lesson_check: LessonCheck | None = None,
) -> ModuleResult:
    """Compile the source file and every translation of one module."""
    meta: dict[str, Any] = course.meta or {}
    source_locale = meta["source_locale"]
    result = ModuleResult(key, None)
    modules = {m.folder: m.id for m in course.modules}
    media = frozenset(module.media)
    files: dict[str, ModuleFile] = {}
    for locale, raw in sorted(data.items()):
        if raw is None:
            continue
        files[locale] = compile_file(
            raw, path=module.files[locale], locale=locale, course_id=meta["id"],
            module_id=module.id, media=media, modules=modules,
        )
    result.hashes = [f"{loc}:{f.content_hash}" for loc, f in sorted(files.items())]
    source = files.get(source_locale)
    if source is not None:
        _assemble(result, meta, module, source, files)
    for compiled in files.values():
        if compiled.locale != source_locale:
            for line, message in figure_warnings(compiled.locale, compiled.images, module.media):
                compiled.problems.warning(line, message)
            for line, message in english_form_warnings(
                compiled.locale, compiled.body, compiled.body_line, course.glossary
            ):
                compiled.problems.warning(line, message)
        if lesson_check is not None and compiled.body:
            for message in lesson_check(course.stage, compiled.locale, compiled.body):
                compiled.problems.warning(1, message)
        result.diagnostics += compiled.problems.items
    return result


def _assemble(
    result: ModuleResult,
    meta: dict[str, Any],
    module: ModuleSource,
    source: ModuleFile,
    files: dict[str, ModuleFile],
) -> None:
    if source.source_hash is not None:
        source.problems.warning(1, "source_hash belongs in translations only; this is the source file")
    if source.quiz_settings is not None and source.questions is None:
        source.problems.warning(1, "quiz settings are given but the module has no ::: quiz")
    settings = resolve(meta.get("quiz") or {}, source.quiz_settings or {}, meta["pass_mark"])
    if source.questions and settings.draw is not None and settings.draw > len(source.questions):
        where = "" if "draw" in (source.quiz_settings or {}) else " (course.yaml's quiz: draw)"
        source.problems.error(
            source.quiz_setting_lines.get("draw", 1),
            f"draw: {settings.draw} questions are drawn{where}, but the quiz has only "
            f"{len(source.questions)}; add questions or draw fewer",
        )
    if meta["certificate"] == ASSESSED and source.questions:
        for message in assessed_quiz_problems(settings.to_dict(), len(source.questions)):
            source.problems.error(1, message)
    statuses = {source.locale: SOURCE}
    for locale, compiled in files.items():
        if compiled is not source:
            statuses[locale] = report_status(compiled, source)
            if statuses[locale] == COMPLETE:
                check_parity(compiled, source)
                for line, message in task_parity(compiled.task, source.task, source.path.name):
                    compiled.problems.error(line, message)
    if not all(f.ok for f in files.values()):
        return
    for locale, compiled in sorted(files.items()):
        quiz = None
        if compiled.questions:
            quiz = Quiz(questions=compiled.questions, settings=settings)
        text = ModuleText(
                course_id=meta["id"], module_id=module.id, locale=locale, title=compiled.title,
                minutes=compiled.minutes if locale == source.locale else source.minutes,
                objectives=compiled.objectives, html=compiled.html, quiz=quiz,
                status=statuses[locale], content_hash=compiled.content_hash, task=compiled.task,
            )
        # Serialised here, so that parallel workers do this work too.
        result.payloads[locale] = json.dumps(text.to_dict(), ensure_ascii=False, separators=(",", ":"))
    result.info = ModuleInfo(
        id=module.id,
        order=module.order,
        title={loc: files[loc].title for loc, st in statuses.items() if st != STALE},
        minutes=source.minutes,
        locales=dict(sorted(statuses.items())),
        version=source.content_hash,
        has_quiz=bool(source.questions),
        has_task=source.task is not None,
    )


def make_course(course: CourseSource, results: list[ModuleResult]) -> Course:
    """The course record; its version covers course.yaml and every module file."""
    meta: dict[str, Any] = course.meta or {}
    infos = [r.info for r in results if r.info is not None]
    parts = [hash_bytes(course.data), hash_bytes(course.glossary_data)]
    if course.cover_path is not None:
        parts.append(hash_bytes(course.cover_path.read_bytes()))
    for result in results:
        parts += [result.key, *result.hashes]
    version = combine(parts)
    return Course(
        id=meta["id"], stage=course.stage, source_locale=meta["source_locale"],
        title=meta["title"], summary=meta["summary"], hours=meta["hours"],
        competencies=tuple(meta["competencies"]), pass_mark=meta["pass_mark"],
        certificate=meta["certificate"], modules=tuple(sorted(infos, key=lambda i: i.order)),
        version=version, cover=meta.get("cover"), glossary=course.glossary,
    )


def catalogue_version(courses: list[Course]) -> str:
    """One hash over every course's version, the format and the compiler."""
    return combine([str(CATALOGUE_FORMAT), COMPILER_VERSION, *(f"{c.id}:{c.version}" for c in courses)])
