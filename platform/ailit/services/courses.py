"""Browsing the catalogue: courses grouped by stage, one course with its modules and languages."""

from __future__ import annotations

from dataclasses import dataclass

from ailit.content.catalogue import Catalogue, Course, ModuleText
from ailit.content.competencies import load_competencies
from ailit.locales import LOCALES
from ailit.services.errors import NotFound
from ailit.stages import STAGES


@dataclass(frozen=True)
class CourseSummary:
    """A course as listed in the catalogue, in one locale."""

    id: str
    stage: str
    title: str
    summary: str
    hours: float
    module_count: int
    available: bool  # every module reads in this locale without falling back
    has_cover: bool = False


@dataclass(frozen=True)
class StageGroup:
    """The courses of one stage, in catalogue order."""

    stage: str
    courses: list[CourseSummary]


@dataclass(frozen=True)
class ModuleSummary:
    """A module as listed on its course page."""

    id: str
    order: int
    title: str
    minutes: int
    has_quiz: bool
    translation: str  # source | complete | stale | missing, in the locale asked for


@dataclass(frozen=True)
class CourseDetail:
    """A course page: metadata, modules and which languages it can be read in."""

    id: str
    stage: str
    title: str
    summary: str
    hours: float
    competencies: tuple[str, ...]
    competency_names: dict[str, str]  # code -> its name in the page's locale
    source_locale: str
    certificate: bool
    certificate_kind: str  # none | completion | assessed
    modules: list[ModuleSummary]
    languages: dict[str, str]  # locale -> complete | stale | missing
    has_cover: bool = False
    has_glossary: bool = False


@dataclass(frozen=True)
class ModulePage:
    """A module's text as shown, with its neighbours for previous/next links."""

    course: Course
    text: ModuleText
    fallback: bool  # True: ``text`` is the source, the locale asked for is missing or stale
    version: str
    has_quiz: bool
    previous_id: str | None
    next_id: str | None
    previous_title: str | None
    next_title: str | None


def list_courses(catalogue: Catalogue, locale: str, stage: str | None = None) -> list[StageGroup]:
    """Courses grouped by stage in teaching order; only ``stage`` when given."""
    groups = []
    for name in STAGES:
        if stage is not None and name != stage:
            continue
        courses = [
            _summary(course, locale)
            for course in catalogue.courses.values()
            if course.stage == name
        ]
        if courses:
            groups.append(StageGroup(name, sorted(courses, key=lambda c: c.title)))
    return groups


def course_detail(catalogue: Catalogue, course_id: str, locale: str) -> CourseDetail:
    """One course; raises NotFound."""
    course = _course(catalogue, course_id)
    return CourseDetail(
        id=course.id,
        stage=course.stage,
        title=course.title_in(locale),
        summary=course.summary_in(locale),
        hours=course.hours,
        competencies=course.competencies,
        competency_names=_competency_names(course.competencies, locale),
        source_locale=course.source_locale,
        certificate=course.gives_certificate,
        certificate_kind=course.certificate,
        modules=[
            ModuleSummary(
                id=m.id,
                order=m.order,
                title=m.title.get(locale) or m.title.get(course.source_locale, m.id),
                minutes=m.minutes,
                has_quiz=m.has_quiz,
                translation=m.locales.get(locale, "missing"),
            )
            for m in course.modules
        ],
        languages={code: language_status(course, code) for code in LOCALES},
        has_cover=course.cover is not None,
        has_glossary=bool(course.glossary),
    )


def language_status(course: Course, locale: str) -> str:
    """complete: every module reads in ``locale``; missing: none does; stale: some are outdated."""
    statuses = [m.locales.get(locale, "missing") for m in course.modules]
    if statuses and all(s in ("source", "complete") for s in statuses):
        return "complete"
    if all(s == "missing" for s in statuses):
        return "missing"
    return "stale"


def module_page(catalogue: Catalogue, course_id: str, module_id: str, locale: str) -> ModulePage:
    """A module in ``locale`` (or its source text, flagged as fallback); raises NotFound."""
    course = _course(catalogue, course_id)
    found = catalogue.module_text(course_id, module_id, locale)
    info = course.module(module_id)
    if found is None or info is None:
        raise NotFound(f"no module {module_id!r} in course {course_id!r}")
    text, fallback = found
    index = course.modules.index(info)
    before = course.modules[index - 1] if index > 0 else None
    after = course.modules[index + 1] if index + 1 < len(course.modules) else None
    return ModulePage(
        course=course,
        text=text,
        fallback=fallback,
        version=info.version,
        has_quiz=info.has_quiz,
        previous_id=before.id if before else None,
        next_id=after.id if after else None,
        previous_title=_title(course, before.title, locale) if before else None,
        next_title=_title(course, after.title, locale) if after else None,
    )


def _summary(course: Course, locale: str) -> CourseSummary:
    return CourseSummary(
        id=course.id,
        stage=course.stage,
        title=course.title_in(locale),
        summary=course.summary_in(locale),
        hours=course.hours,
        module_count=len(course.modules),
        available=language_status(course, locale) == "complete",
        has_cover=course.cover is not None,
    )


def _title(course: Course, titles: dict[str, str], locale: str) -> str:
    return titles.get(locale) or titles.get(course.source_locale) or next(iter(titles.values()))


def _course(catalogue: Catalogue, course_id: str) -> Course:
    course = catalogue.course(course_id)
    if course is None:
        raise NotFound(f"no course {course_id!r}")
    return course


def _competency_names(codes: tuple[str, ...], locale: str) -> dict[str, str]:
    known = load_competencies()
    return {code: known[code].display_name(locale) for code in codes if code in known}
