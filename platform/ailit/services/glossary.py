"""A course's glossary in one locale, sorted for reading: the learner's page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from ailit.content.catalogue import Catalogue
from ailit.content.glossary import sort_key
from ailit.services.errors import NotFound


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as shown. ``fallback``: the locale asked for lacks it, the source's is shown."""

    id: str
    term: str
    definition: str
    locale: str  # the language ``term`` and ``definition`` are written in
    fallback: bool


@dataclass(frozen=True)
class GlossaryView:
    """A course's glossary in one locale, its entries in alphabetical order."""

    course_id: str
    course_title: str
    stage: str
    locale: str
    entries: list[GlossaryEntry]


def course_glossary(catalogue: Catalogue, course_id: str, locale: str) -> GlossaryView:
    """The glossary of ``course_id`` in ``locale``; raises NotFound when it has none."""
    course = catalogue.course(course_id)
    if course is None:
        raise NotFound(f"no course {course_id!r}")
    if not course.glossary:
        raise NotFound(f"course {course_id!r} has no glossary")
    entries = []
    for term in course.glossary:
        shown = locale if term.complete_in(locale) else course.source_locale
        entries.append(
            GlossaryEntry(term.id, term.term[shown], term.definition[shown], shown, shown != locale)
        )
    entries.sort(key=lambda e: sort_key(e.term))
    return GlossaryView(course.id, course.title_in(locale), course.stage, locale, entries)
