"""Finding courses on disk: ``<stage>/<course-id>/course.yaml`` and ``NN-<module-id>/<locale>.md``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ailit.content import schema
from ailit.content.competencies import known_codes
from ailit.content.diagnostics import Diagnostic, Problems, did_you_mean
from ailit.content.glossary import GLOSSARY_FILE, GlossaryTerm, read_glossary
from ailit.content.quiz_settings import read_quiz_settings
from ailit.content.schema import FieldRule
from ailit.content.sources import decode, read_bytes, read_source
from ailit.content.yamlfile import YamlProblem, load_yaml
from ailit.locales import LOCALES
from ailit.stages import STAGES

COURSE_FILE = "course.yaml"
MEDIA_DIR = "media"
MODULE_FOLDER = re.compile(r"^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
IGNORED_FILES = re.compile(r"^(README|NOTES|LICENSE)(\.[a-z]+)?$", re.IGNORECASE)

COURSE_RULES: dict[str, FieldRule] = {
    "id": FieldRule(schema.identifier, required=True, default=""),
    "stage": FieldRule(schema.text, required=True, default=""),
    "source_locale": FieldRule(schema.locale, required=True, default="en"),
    "title": FieldRule(schema.per_locale_text, required=True, default={}),
    "summary": FieldRule(schema.per_locale_text, default={}),
    "hours": FieldRule(schema.positive_number, required=True, default=1.0),
    "competencies": FieldRule(schema.code_list, default=()),
    "pass_mark": FieldRule(schema.fraction, default=0.7),
    "certificate": FieldRule(schema.certificate_kind, default="none"),
    "quiz": FieldRule(schema.mapping, default=None),  # defaults for every module's quiz
    "cover": FieldRule(schema.text, default=None),
}
COVER_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


@dataclass
class ModuleSource:
    """A module folder: its files per locale and the media it holds."""

    folder: str
    order: int
    id: str
    path: Path
    files: dict[str, Path] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)  # name relative to media/ -> file


@dataclass
class CourseSource:
    """A course folder; ``meta`` holds the checked course.yaml values (None if unusable)."""

    stage: str
    path: Path
    meta: dict[str, Any] | None = None
    data: bytes = b""
    modules: list[ModuleSource] = field(default_factory=list)
    glossary: tuple[GlossaryTerm, ...] = ()  # glossary.yaml's terms (none without the file)
    glossary_data: bytes = b""

    @property
    def yaml_path(self) -> Path:
        return self.path / COURSE_FILE

    @property
    def cover_path(self) -> Path | None:
        """The cover picture named by ``cover:``, once checked."""
        cover = self.meta.get("cover") if self.meta else None
        return self.path / cover if cover else None


def scan(courses_dir: Path) -> tuple[list[CourseSource], list[Diagnostic]]:
    """Every course under ``courses_dir`` with its modules, and the problems of the layout."""
    problems = Problems(str(courses_dir))
    diagnostics: list[Diagnostic] = []
    if not courses_dir.is_dir():
        problems.error(1, "no courses folder here (set --courses or AILIT_COURSES_DIR)")
        return [], problems.items
    courses: list[CourseSource] = []
    seen_ids: dict[str, Path] = {}
    for stage_dir in _entries(courses_dir):
        if not stage_dir.is_dir():
            continue  # notes such as README.md at the top are allowed
        if stage_dir.name not in STAGES:
            where = Problems(str(stage_dir))
            where.error(
                1,
                f"unknown stage folder '{stage_dir.name}'{did_you_mean(stage_dir.name, STAGES)}; "
                f"stages are {', '.join(STAGES)}",
            )
            diagnostics += where.items
            continue
        for course_dir in _entries(stage_dir):
            if not course_dir.is_dir():
                continue
            course = CourseSource(stage_dir.name, course_dir)
            diagnostics += _load_course(course, seen_ids)
            courses.append(course)
    return courses, diagnostics + problems.items


def scan_course_folders(folders: list[Path]) -> tuple[list[CourseSource], list[Diagnostic]]:
    """The named course folders only (``ailit check PATH``), wherever they are.

    A folder inside ``<stage>/`` takes its stage from there; a folder elsewhere (a course
    unpacked from a package) takes it from its own course.yaml, so it can be checked in place.
    """
    diagnostics: list[Diagnostic] = []
    courses: list[CourseSource] = []
    seen_ids: dict[str, Path] = {}
    for folder in folders:
        stage = folder.parent.name if folder.parent.name in STAGES else _declared_stage(folder)
        course = CourseSource(stage, folder)
        diagnostics += _load_course(course, seen_ids)
        courses.append(course)
    return courses, diagnostics


def _declared_stage(folder: Path) -> str:
    return declared(folder, "stage") or ""


def declared(course_dir: Path, key: str) -> str | None:
    """A text value of the course.yaml in ``course_dir`` (None when unreadable or absent)."""
    try:
        doc = load_yaml((course_dir / COURSE_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    return value if isinstance(value, str) else None


def source_locale_of(module_file: Path) -> str:
    """The source locale of the course a module file belongs to; ValueError says what is wrong."""
    if module_file.suffix != ".md" or module_file.stem not in LOCALES:
        raise ValueError(f"{module_file}: not a module file (<locale>.md)")
    course_dir = module_file.parent.parent
    value = declared(course_dir, "source_locale")
    if value not in LOCALES:
        raise ValueError(f"{course_dir / COURSE_FILE}: cannot read the course's source_locale")
    return str(value)


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return []


def _load_course(course: CourseSource, seen_ids: dict[str, Path]) -> list[Diagnostic]:
    problems = Problems(str(course.yaml_path))
    if not course.yaml_path.is_file():
        problems.error(1, f"missing {COURSE_FILE}: every course folder needs one (see `ailit new course`)")
        return problems.items
    source = read_source(course.yaml_path, problems)
    if source is not None and source.text is not None:
        course.data = source.data
        course.meta = _course_meta(source.text, course, problems, seen_ids)
    module_diags = _scan_modules(course)
    return problems.items + _load_glossary(course) + module_diags


def _load_glossary(course: CourseSource) -> list[Diagnostic]:
    """Read the optional glossary.yaml (an empty one is no glossary)."""
    path = course.path / GLOSSARY_FILE
    if course.meta is None or not path.is_file():
        return []
    problems = Problems(str(path))
    data = read_bytes(path, problems)
    if data is not None and data.strip():
        text = decode(data, problems)
        if text is not None:
            course.glossary_data = data
            course.glossary = read_glossary(text, course.meta["source_locale"], problems)
    return problems.items


def _course_meta(
    text: str, course: CourseSource, problems: Problems, seen_ids: dict[str, Path]
) -> dict[str, Any] | None:
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        problems.error(exc.line, exc.message)
        return None
    meta = schema.validate_mapping(doc, COURSE_RULES, problems, what=COURSE_FILE)
    if meta is None:
        return None
    read = read_quiz_settings(doc, "quiz", problems) if meta["quiz"] is not None else None
    meta["quiz"] = read[0] if read is not None else {}
    if meta["stage"] and meta["stage"] != course.stage:
        problems.error(
            doc.line("stage"), f"stage '{meta['stage']}' must equal the folder it is in, '{course.stage}'"
        )
    if meta["id"]:
        if meta["id"] in seen_ids:
            problems.error(doc.line("id"), f"course id '{meta['id']}' is already used by {seen_ids[meta['id']]}")
        else:
            seen_ids[meta["id"]] = course.yaml_path
    source = meta["source_locale"]
    for key in ("title", "summary"):
        if meta[key] and source not in meta[key]:
            problems.error(doc.line(key), f"{key} needs the source locale's text ({source}: ...)")
    if "title" in (doc.data or {}) and not meta["title"]:
        meta["title"] = {}
    if meta["cover"] and not _cover_ok(meta["cover"], course.path):
        problems.error(
            doc.line("cover"),
            f"cover: '{meta['cover']}' must be a picture file ({', '.join(COVER_TYPES)}) "
            "beside course.yaml, e.g. cover: cover.svg",
        )
        meta["cover"] = None
    known = known_codes()
    for code in meta["competencies"]:
        if code not in known:
            problems.error(
                doc.line("competencies"),
                f"unknown competency code '{code}'{did_you_mean(code, known)}",
            )
    return meta if meta["id"] and meta["title"] else None


def _cover_ok(name: str, folder: Path) -> bool:
    path = folder / name
    return (
        "/" not in name and "\\" not in name and not name.startswith(".")
        and path.suffix.lower() in COVER_TYPES
        and path.is_file() and not path.is_symlink()
    )


def _scan_modules(course: CourseSource) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    orders: dict[int, str] = {}
    ids: set[str] = set()
    source_locale = course.meta["source_locale"] if course.meta else None
    cover = course.meta.get("cover") if course.meta else None
    for entry in _entries(course.path):
        where = Problems(str(entry))
        if entry.is_file():
            if entry.name not in (COURSE_FILE, GLOSSARY_FILE, cover) and not IGNORED_FILES.match(entry.name):
                where.warning(
                    1,
                    f"stray file '{entry.name}' is ignored; a course folder holds {COURSE_FILE}, "
                    f"{GLOSSARY_FILE} and NN-module folders",
                )
        elif (match := MODULE_FOLDER.match(entry.name)) is None:
            where.error(1, f"module folder '{entry.name}' must be named NN-module-id, e.g. 01-what-is-ai (a-z, 0-9, -)")
        else:
            order, module_id = int(match.group(1)), match.group(2)
            if order in orders:
                where.error(1, f"module number {match.group(1)} is also used by '{orders[order]}'")
            if module_id in ids:
                where.error(1, f"module id '{module_id}' is used twice in this course")
            orders.setdefault(order, entry.name)
            ids.add(module_id)
            module = ModuleSource(entry.name, order, module_id, entry)
            _scan_module(module, where)
            if source_locale and source_locale not in module.files:
                missing = Problems(str(entry / f"{source_locale}.md"))
                missing.error(1, f"missing {source_locale}.md: the source locale's file is required")
                diagnostics += missing.items
            course.modules.append(module)
        diagnostics += where.items
    if not course.modules and course.yaml_path.is_file():
        diagnostics.append(
            Diagnostic(str(course.yaml_path), 1, "error", "the course has no modules: add a folder such as 01-first-module/ with a lesson file")
        )
    return diagnostics


def _scan_module(module: ModuleSource, problems: Problems) -> None:
    for entry in _entries(module.path):
        if entry.is_dir():
            if entry.name == MEDIA_DIR:
                module.media = _media(entry)
            else:
                problems.items.append(
                    Diagnostic(str(entry), 1, "warning", f"stray folder '{entry.name}' is ignored; images go in {MEDIA_DIR}/")
                )
        elif entry.suffix == ".md" and entry.stem in LOCALES:
            module.files[entry.stem] = entry
        elif entry.suffix == ".md" and not IGNORED_FILES.match(entry.name):
            problems.items.append(
                Diagnostic(
                    str(entry), 1, "error",
                    f"'{entry.name}' is not a locale file{did_you_mean(entry.stem, LOCALES)}; "
                    f"name lesson files {', '.join(l + '.md' for l in LOCALES)}",
                )
            )
        elif not IGNORED_FILES.match(entry.name):
            problems.items.append(
                Diagnostic(str(entry), 1, "warning", f"stray file '{entry.name}' is ignored; images go in {MEDIA_DIR}/")
            )


def _media(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    try:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            # Symbolic links are skipped: they could publish files from outside the course.
            if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.parts):
                files[relative.as_posix()] = path
    except OSError:
        pass
    return files
