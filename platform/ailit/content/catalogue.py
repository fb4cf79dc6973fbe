"""The compiled catalogue: what ``ailit build`` writes and the web app reads, read-only.

Layout of a catalogue directory (``build/catalogue/`` by default)::

    catalogue.json                          format, version, every course and module's metadata
    modules/<course>/<module>.<locale>.json one compiled module in one locale (lesson + quiz)
    media/<course>/<module>/<file>          images copied from the module's media/ folder
    covers/<course>/<file>                  the course's cover picture (``cover:`` in course.yaml)

The web app calls :func:`load_catalogue` once per process and again when ``catalogue.json``
changes (a new build was swapped in). Nothing here parses Markdown.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ailit.content.glossary import GlossaryTerm
from ailit.content.questions import Question
from ailit.content.quiz_settings import QuizSettings
from ailit.content.schema import certificate_kind
from ailit.content.task import Task

CATALOGUE_FORMAT = 1
MANIFEST = "catalogue.json"
COVERS_DIR = "covers"


class CatalogueError(Exception):
    """The catalogue directory is missing or unreadable."""


@dataclass(frozen=True)
class Quiz:
    """A module's quiz in one locale: its questions (the bank, when ``draw`` is set) and settings."""

    questions: tuple[Question, ...]
    settings: QuizSettings

    @property
    def pass_mark(self) -> float:
        return self.settings.pass_mark

    @property
    def max_attempts(self) -> int | None:
        """None: unlimited."""
        return self.settings.max_attempts

    @property
    def shuffle(self) -> bool:
        return self.settings.shuffle

    def to_dict(self) -> dict[str, Any]:
        return {"questions": [q.to_dict() for q in self.questions], "settings": self.settings.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quiz:
        # Catalogues written before quiz settings had their own record kept them flat.
        settings = data.get("settings") or {
            "pass_mark": data["pass_mark"],
            "max_attempts": data.get("max_attempts"),
            "shuffle": data.get("shuffle", False),
        }
        return cls(
            questions=tuple(Question.from_dict(q) for q in data["questions"]),
            settings=QuizSettings.from_dict(settings),
        )


@dataclass(frozen=True)
class ModuleText:
    """One module in one locale, compiled. ``status``: source, complete or stale."""

    course_id: str
    module_id: str
    locale: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    html: str
    quiz: Quiz | None
    status: str
    content_hash: str
    task: Task | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "course_id": self.course_id,
            "module_id": self.module_id,
            "locale": self.locale,
            "title": self.title,
            "minutes": self.minutes,
            "objectives": list(self.objectives),
            "html": self.html,
            "quiz": self.quiz.to_dict() if self.quiz else None,
            "status": self.status,
            "content_hash": self.content_hash,
            "task": self.task.to_dict() if self.task else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModuleText:
        return cls(
            course_id=data["course_id"],
            module_id=data["module_id"],
            locale=data["locale"],
            title=data["title"],
            minutes=int(data["minutes"]),
            objectives=tuple(data["objectives"]),
            html=data["html"],
            quiz=Quiz.from_dict(data["quiz"]) if data.get("quiz") else None,
            status=data["status"],
            content_hash=data["content_hash"],
            task=Task.from_dict(data["task"]) if data.get("task") else None,
        )


@dataclass(frozen=True)
class ModuleInfo:
    """A module's metadata. ``locales`` maps locale → source | complete | stale (missing: absent).

    ``version`` is the content hash of the source file: progress rows keep it.
    """

    id: str
    order: int
    title: dict[str, str]
    minutes: int
    locales: dict[str, str]
    version: str
    has_quiz: bool
    has_task: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "order": self.order,
            "title": self.title,
            "minutes": self.minutes,
            "locales": self.locales,
            "version": self.version,
            "has_quiz": self.has_quiz,
            "has_task": self.has_task,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModuleInfo:
        return cls(
            id=data["id"],
            order=int(data["order"]),
            title=dict(data["title"]),
            minutes=int(data["minutes"]),
            locales=dict(data["locales"]),
            version=data["version"],
            has_quiz=bool(data["has_quiz"]),
            has_task=bool(data.get("has_task", False)),
        )


@dataclass(frozen=True)
class Course:
    id: str
    stage: str
    source_locale: str
    title: dict[str, str]
    summary: dict[str, str]
    hours: float
    competencies: tuple[str, ...]
    pass_mark: float
    certificate: str  # none | completion | assessed (CERTIFICATE_KINDS)
    modules: tuple[ModuleInfo, ...]
    version: str  # hash over the course file, its cover and its modules' versions
    cover: str | None = None  # file name of the cover picture, under covers/<course>/
    glossary: tuple[GlossaryTerm, ...] = ()  # glossary.yaml's terms, in the file's order

    def title_in(self, locale: str) -> str:
        return self.title.get(locale) or self.title[self.source_locale]

    def summary_in(self, locale: str) -> str:
        return self.summary.get(locale) or self.summary.get(self.source_locale, "")

    @property
    def gives_certificate(self) -> bool:
        return self.certificate != "none"

    def module(self, module_id: str) -> ModuleInfo | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "stage": self.stage,
            "source_locale": self.source_locale,
            "title": self.title,
            "summary": self.summary,
            "hours": self.hours,
            "competencies": list(self.competencies),
            "pass_mark": self.pass_mark,
            "certificate": self.certificate,
            "modules": [m.to_dict() for m in self.modules],
            "version": self.version,
            "cover": self.cover,
            "glossary": [term.to_dict() for term in self.glossary],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Course:
        return cls(
            id=data["id"],
            stage=data["stage"],
            source_locale=data["source_locale"],
            title=dict(data["title"]),
            summary=dict(data["summary"]),
            hours=float(data["hours"]),
            competencies=tuple(data["competencies"]),
            pass_mark=float(data["pass_mark"]),
            certificate=certificate_kind(data["certificate"]),
            modules=tuple(ModuleInfo.from_dict(m) for m in data["modules"]),
            version=data["version"],
            cover=data.get("cover"),
            glossary=tuple(GlossaryTerm.from_dict(t) for t in data.get("glossary") or ()),
        )


@dataclass
class Catalogue:
    """Every compiled course, loaded once. Look modules up with :meth:`module_text`."""

    root: Path
    version: str
    courses: dict[str, Course]
    _texts: dict[tuple[str, str, str], ModuleText] = field(default_factory=dict, repr=False)

    def course(self, course_id: str) -> Course | None:
        return self.courses.get(course_id)

    def module_text(
        self, course_id: str, module_id: str, locale: str
    ) -> tuple[ModuleText, bool] | None:
        """The module in ``locale`` or, when missing or stale, in the source locale.

        Returns ``(text, fallback)``; ``fallback`` is True when the source text is returned
        for another locale. None when the course or module does not exist.
        """
        course = self.courses.get(course_id)
        info = course.module(module_id) if course else None
        if course is None or info is None:
            return None
        status = info.locales.get(locale)
        if status in ("source", "complete"):
            return self._text(course_id, module_id, locale), False
        return self._text(course_id, module_id, course.source_locale), True

    def _text(self, course_id: str, module_id: str, locale: str) -> ModuleText:
        key = (course_id, module_id, locale)
        if key not in self._texts:
            path = self.root / "modules" / course_id / f"{module_id}.{locale}.json"
            self._texts[key] = ModuleText.from_dict(_read_json(path))
        return self._texts[key]

    def media_path(self, course_id: str, module_id: str, name: str) -> Path | None:
        """A media file's path, or None if it is not in the catalogue (no path escapes)."""
        return _inside(self.root / "media" / course_id / module_id, name)

    def cover_path(self, course_id: str) -> Path | None:
        """The course's cover picture, or None when it has none."""
        course = self.courses.get(course_id)
        if course is None or course.cover is None:
            return None
        return _inside(self.root / COVERS_DIR / course_id, course.cover)


def _inside(folder: Path, name: str) -> Path | None:
    try:  # a NUL byte is a ValueError, a name too long for the file system an OSError
        base = folder.resolve()
        candidate = (base / name).resolve()
        if base not in candidate.parents or not candidate.is_file():
            return None
    except (OSError, ValueError):
        return None
    return candidate


def manifest_stamp(root: Path) -> tuple[int, int] | None:
    """A cheap fingerprint of the catalogue on disk, to notice a new build being swapped in."""
    try:
        st = os.stat(Path(root) / MANIFEST)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def load_catalogue(root: str | os.PathLike[str], *, preload: bool = True) -> Catalogue:
    """Read a compiled catalogue. With ``preload`` every module text is read now."""
    root = Path(root).resolve()
    data = _read_json(root / MANIFEST)
    if data.get("format") != CATALOGUE_FORMAT:
        raise CatalogueError(
            f"{root / MANIFEST}: catalogue format {data.get('format')!r} is not "
            f"{CATALOGUE_FORMAT}; run `ailit build` again"
        )
    courses = {c["id"]: Course.from_dict(c) for c in data["courses"]}
    catalogue = Catalogue(root=root, version=data["version"], courses=courses)
    if preload:
        for course in courses.values():
            for info in course.modules:
                for locale in info.locales:
                    catalogue._text(course.id, info.id, locale)
    return catalogue


def _read_json(path: Path) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no compiled catalogue here; run `ailit build`") from None
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"{path}: cannot read the catalogue ({exc})") from None
