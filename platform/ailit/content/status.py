"""Translation status of every module: which locales are complete, stale or missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ailit.content.glossary import missing_terms
from ailit.content.hashing import hash_bytes
from ailit.content.translations import COMPLETE, MISSING, SOURCE, STALE
from ailit.content.tree import scan, scan_course_folders
from ailit.locales import LOCALES

COURSE_TEXTS = ("title", "summary")  # course.yaml's per-locale texts
_FRONT_HASH = re.compile(rb"^source_hash:[ \t]*[\"']?([0-9a-f]{12})[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass
class CourseStatus:
    """One course: for each module and locale, source / complete / stale / missing."""

    course_id: str
    stage: str
    source_locale: str
    modules: dict[str, dict[str, str]] = field(default_factory=dict)
    # course.yaml's texts (title, summary) that a locale lacks: learners then see the source's
    missing_strings: dict[str, list[str]] = field(default_factory=dict)
    # glossary.yaml's terms (ids) whose term or definition a locale lacks
    missing_terms: dict[str, list[str]] = field(default_factory=dict)

    def counts(self, locale: str) -> dict[str, int]:
        """How many modules are in each status for ``locale``."""
        result = {SOURCE: 0, COMPLETE: 0, STALE: 0, MISSING: 0}
        for statuses in self.modules.values():
            result[statuses[locale]] += 1
        return result

    def named(self, locale: str, status: str) -> list[str]:
        """The modules whose translation into ``locale`` has ``status``."""
        return [module for module, row in self.modules.items() if row[locale] == status]

    def complete(self, locale: str) -> bool:
        """Every module, every course-level text and every glossary term is translated and fresh."""
        return not self.missing_strings.get(locale) and not self.missing_terms.get(locale) and all(
            row[locale] in (COMPLETE, SOURCE) for row in self.modules.values()
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "course": self.course_id,
            "stage": self.stage,
            "source_locale": self.source_locale,
            "locales": {loc: self.counts(loc) for loc in LOCALES},
            "modules": self.modules,
            "missing_strings": {loc: keys for loc, keys in self.missing_strings.items() if keys},
            "missing_terms": {loc: ids for loc, ids in self.missing_terms.items() if ids},
        }


def recorded_hash(data: bytes) -> str | None:
    """The ``source_hash`` written in a translation's front matter, if any."""
    match = _FRONT_HASH.search(data)
    return match.group(1).decode() if match else None


def i18n_status(courses_dir: Path, course_folders: list[Path] | None = None) -> list[CourseStatus]:
    """The status matrix of every course (or of ``course_folders``) whose course.yaml is usable."""
    courses, _ = scan(courses_dir) if course_folders is None else scan_course_folders(course_folders)
    result = []
    for course in courses:
        if course.meta is None:
            continue
        source_locale = course.meta["source_locale"]
        status = CourseStatus(course.meta["id"], course.stage, source_locale)
        for locale in LOCALES:
            status.missing_strings[locale] = [
                key for key in COURSE_TEXTS if course.meta.get(key) and locale not in course.meta[key]
            ]
            status.missing_terms[locale] = missing_terms(course.glossary, locale)
        for module in course.modules:
            row = {loc: MISSING for loc in LOCALES}
            source = module.files.get(source_locale)
            current = hash_bytes(_read(source)) if source else None
            for locale, path in module.files.items():
                if locale == source_locale:
                    row[locale] = SOURCE
                else:
                    ok = current is not None and recorded_hash(_read(path)) == current
                    row[locale] = COMPLETE if ok else STALE
            status.modules[module.id] = row
        result.append(status)
    return result


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
