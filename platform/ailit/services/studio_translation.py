"""Translating a studio course: the dashboard, the source's changes, saving, XLIFF.

The dashboard shows, for every module and locale, whether the translation is missing, stale
or fresh, and how many words there are to translate; course-level texts (title, summary)
count too. Saving a translation stamps it with the source's hash only when the translator
asks and it keeps the source's quiz (parity); XLIFF round trips are checked the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from ailit.content.check import check_file_text
from ailit.content.hashing import hash_bytes
from ailit.content.sourcediff import DiffError, WordDiff, diff_since
from ailit.content.stamp import StampError, stamp_bytes
from ailit.content.status import CourseStatus, i18n_status
from ailit.content.translations import MISSING, STALE
from ailit.content.tree import declared
from ailit.content.xliff import XliffError, export_module, import_module
from ailit.locales import LOCALES
from ailit.models import StudioAction, User
from ailit.services.errors import NotFound, ValidationError
from ailit.services.schools import Forbidden
from ailit.services.studio import Draft, StudioPaths, read_file, revision_text, save_file
from ailit.services.studio_access import access, record

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class TranslationStatus:
    """A course's module × locale matrix, with words to translate where work is needed."""

    course_id: str
    source_locale: str
    modules: list[str]  # module folder names, in order
    cells: dict[str, dict[str, str]] = field(default_factory=dict)  # folder -> locale -> status
    words: dict[str, dict[str, int]] = field(default_factory=dict)  # folder -> locale -> words
    missing_strings: dict[str, list[str]] = field(default_factory=dict)
    missing_terms: dict[str, list[str]] = field(default_factory=dict)  # glossary term ids

    def to_dict(self) -> dict[str, object]:
        return {
            "course_id": self.course_id,
            "source_locale": self.source_locale,
            "modules": [
                {"module": m, "locales": {loc: {"status": self.cells[m][loc], "words": self.words[m][loc]} for loc in LOCALES}}
                for m in self.modules
            ],
            "course_texts_missing": {loc: keys for loc, keys in self.missing_strings.items() if keys},
            "glossary_terms_missing": {loc: ids for loc, ids in self.missing_terms.items() if ids},
        }


class TranslationRefused(ValidationError):
    """A translation or XLIFF document cannot be used; the message says why."""

    def __init__(self, message: str, code: str = "translation_refused") -> None:
        super().__init__("translation", code, message)


def status(session: Session, user: User, paths: StudioPaths, course_id: str) -> TranslationStatus:
    """The translation dashboard of a course's draft."""
    access(session, user, course_id)
    folder = paths.draft(course_id)
    found: list[CourseStatus] = i18n_status(folder, [folder])
    if not found:
        raise NotFound(f"course '{course_id}' has no usable course.yaml")
    course = found[0]
    folders = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[:1].isdigit())
    by_id = {name.split("-", 1)[1]: name for name in folders}
    result = TranslationStatus(
        course_id, course.source_locale, [],
        missing_strings=course.missing_strings, missing_terms=course.missing_terms,
    )
    for module_id, row in course.modules.items():
        name = by_id.get(module_id, module_id)
        result.modules.append(name)
        result.cells[name] = dict(row)
        size = _words(_read(folder / name / f"{course.source_locale}.md"))
        result.words[name] = {loc: size if row[loc] in (MISSING, STALE) else 0 for loc in LOCALES}
    return result


def source_changes(
    session: Session, user: User, paths: StudioPaths, course_id: str, module: str, locale: str
) -> WordDiff:
    """What changed in the module's source since its ``locale`` translation was made."""
    access(session, user, course_id)
    source_locale = _source_locale(paths, course_id)
    translation = _read(paths.draft(course_id) / module / f"{locale}.md")
    source = _read(paths.draft(course_id) / module / f"{source_locale}.md")
    if not source:
        raise NotFound(f"no module '{module}' in course '{course_id}'")
    source_path = f"{module}/{source_locale}.md"
    try:
        return diff_since(
            f"{module}/{locale}.md", translation, source,
            lambda digest: revision_text(session, course_id, source_path, digest),
        )
    except DiffError as exc:
        raise TranslationRefused(str(exc), "no_diff") from None


def save_translation(
    session: Session, user: User, paths: StudioPaths, course_id: str, module: str, locale: str,
    text: str, *, mark_fresh: bool,
) -> tuple[Draft, bool]:
    """Save a translation; with ``mark_fresh`` stamp it, but only if it passes parity.

    Returns the draft and whether the translation was stamped.
    """
    source_locale = _source_locale(paths, course_id)
    if locale == source_locale:
        raise Forbidden("this is the source language: edit it as a course file")
    data = text.replace("\r\n", "\n").encode("utf-8")
    stamped = False
    if mark_fresh:
        current = hash_bytes(_read(paths.draft(course_id) / module / f"{source_locale}.md"))
        try:
            candidate = stamp_bytes(data, current, paths.draft(course_id) / module / f"{locale}.md")
        except StampError as exc:
            raise TranslationRefused(str(exc)) from None
        errors = [d for d in check_file_text(paths.draft(course_id) / module / f"{locale}.md", candidate) if d.is_error]
        if errors:
            raise TranslationRefused(
                "not marked up to date: " + "; ".join(f"line {d.line}: {d.message}" for d in errors[:5]),
                "parity",
            )
        data, stamped = candidate, True
    saved = save_file(session, user, paths, course_id, f"{module}/{locale}.md", data.decode("utf-8"))
    return saved, stamped


def export_xliff(session: Session, user: User, paths: StudioPaths, course_id: str, module: str, locale: str) -> bytes:
    """The XLIFF 2.1 document for translating one module into ``locale``."""
    found = access(session, user, course_id)
    if not found.can_translate(locale):
        raise Forbidden("you may work only on the locales you were given")
    try:
        return export_module(_module_dir(paths, course_id, module), locale)
    except XliffError as exc:
        raise TranslationRefused(str(exc), "xliff") from None


def import_xliff(
    session: Session, user: User, paths: StudioPaths, course_id: str, module: str, locale: str, document: bytes
) -> Draft:
    """Write ``locale``'s translation of a module from an XLIFF document, checked first."""
    found = access(session, user, course_id)
    if not found.can_translate(locale):
        raise Forbidden("you may work only on the locales you were given")
    folder = _module_dir(paths, course_id, module)
    try:
        text = import_module(folder, locale, document)
    except XliffError as exc:
        raise TranslationRefused(str(exc), "xliff") from None
    errors = [d for d in check_file_text(folder / f"{locale}.md", text.encode("utf-8")) if d.is_error]
    if errors:
        raise TranslationRefused(
            "the translation would not compile: " + "; ".join(f"line {d.line}: {d.message}" for d in errors[:5]), "xliff"
        )
    saved = save_file(session, user, paths, course_id, f"{module}/{locale}.md", text)
    record(session, user, course_id, StudioAction.IMPORTED, f"{module}/{locale}.md")
    return saved


def texts(session: Session, user: User, paths: StudioPaths, course_id: str, module: str, locale: str) -> tuple[str, str]:
    """The module's source text and its ``locale`` translation (empty when missing)."""
    source_locale = _source_locale(paths, course_id)
    _module_dir(paths, course_id, module)
    source = read_file(session, user, paths, course_id, f"{module}/{source_locale}.md")
    return source, read_file(session, user, paths, course_id, f"{module}/{locale}.md")


def _module_dir(paths: StudioPaths, course_id: str, module: str) -> Path:
    folder = paths.draft(course_id) / module
    if "/" in module or module.startswith(".") or not folder.is_dir():
        raise NotFound(f"no module '{module}' in course '{course_id}'")
    return folder


def _source_locale(paths: StudioPaths, course_id: str) -> str:
    value = declared(paths.draft(course_id), "source_locale")
    if value not in LOCALES:
        raise NotFound(f"course '{course_id}' has no usable source_locale")
    return str(value)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _words(data: bytes) -> int:
    text = data.decode("utf-8", "replace")
    return len(_WORD.findall(_CJK.sub(" ", text))) + len(_CJK.findall(text))
