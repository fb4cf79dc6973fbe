"""XLIFF 2.1 for translators' tools: one document per module and target locale.

Export lists the source's translatable texts (see ``segments``) as units, with the existing
translation's texts as targets where it lines up with the source. Import checks that the
document belongs to this module, this locale and the source as it is now, rebuilds the
translation from the source with the translated texts, and checks it with the compiler before
anything is written: the quiz's structure cannot be changed from a CAT tool.

The XML is read and written by translate-toolkit's XLIFF 2 store (lxml underneath), which never
resolves external entities.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage.xliff2 import Xliff2File, Xliff2Unit

from ailit.content.hashing import hash_bytes
from ailit.content.segments import Segmented, SegmentError, Unit, segment
from ailit.content.tree import source_locale_of
from ailit.locales import LOCALES

XLIFF_VERSION = "2.1"
MEDIA_TYPE = "application/xliff+xml"
MAX_XLIFF_BYTES = 5_000_000
_ORIGINAL_PREFIX = "ailit:"
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class XliffError(Exception):
    """The document cannot be exported or imported; the message says why and what to do."""


@dataclass(frozen=True)
class ModuleRef:
    """Which module file a document is for: ``<course folder>/<module folder>`` and locales."""

    course: str
    module: str
    source_locale: str
    source_hash: str

    @property
    def original(self) -> str:
        return f"{_ORIGINAL_PREFIX}{self.course}/{self.module}@{self.source_hash}"


def export_module(module_dir: Path, locale: str) -> bytes:
    """The XLIFF 2.1 document for translating ``module_dir``'s source into ``locale``."""
    module_dir = Path(module_dir)
    ref, source = _source(module_dir, locale)
    store = Xliff2File()
    store.setsourcelanguage(ref.source_locale)
    store.settargetlanguage(locale)
    store.body.set("id", "f1")
    store.body.set("original", ref.original)
    existing = _existing_targets(module_dir / f"{locale}.md", source)
    for unit in source.units:
        xunit = Xliff2Unit(unit.text)
        xunit.setid(unit.id)
        store.addunit(xunit)
        _describe(xunit, unit.kind)
        if unit.id in existing:
            xunit.settarget(existing[unit.id])
            xunit.marktranslated()
    root = store.document.getroot()
    root.set("version", XLIFF_VERSION)
    return bytes(store)


def import_module(module_dir: Path, locale: str, document: bytes) -> str:
    """Write ``locale``'s translation of ``module_dir`` from an XLIFF document; return its text."""
    module_dir = Path(module_dir)
    ref, source = _source(module_dir, locale)
    units = _read_units(document, ref, locale)
    known = {u.id for u in source.units}
    unknown = sorted(set(units) - known)
    if unknown:
        raise XliffError(
            f"the document has units this module's source does not have: {', '.join(unknown[:12])}; "
            "it was made for another module or edited by hand"
        )
    changed = [u.id for u in source.units if u.id in units and units[u.id][0] != u.text]
    if changed:
        raise XliffError(
            f"the source text of unit(s) {', '.join(changed[:12])} differs from the module's source; "
            "only targets may be edited: export again"
        )
    targets = {uid: target for uid, (_, target) in units.items() if target.strip()}
    try:
        return source.rebuild(targets, ref.source_hash)
    except SegmentError as exc:
        raise XliffError(str(exc)) from None


def module_of(document: bytes, courses_dir: Path) -> tuple[Path, str]:
    """The module folder under ``courses_dir`` and the locale an exported document is for."""
    store = _parse(document)
    original = store.body.get("original", "")
    if not original.startswith(_ORIGINAL_PREFIX) or "/" not in original:
        raise XliffError("the document was not exported by ailit (its <file original=...> is unknown)")
    course, module = original[len(_ORIGINAL_PREFIX) :].split("@", 1)[0].split("/", 1)
    if not _SAFE_NAME.match(course) or not _SAFE_NAME.match(module):
        raise XliffError(f"the document names an invalid module {course}/{module}")
    found = sorted(Path(courses_dir).glob(f"*/{course}/{module}"))
    if len(found) != 1:
        raise XliffError(f"no module {course}/{module} in {courses_dir} (give --courses)")
    return found[0], str(store.gettargetlanguage() or "")


def _parse(document: bytes) -> Xliff2File:
    if len(document) > MAX_XLIFF_BYTES:
        raise XliffError(f"the document is larger than {MAX_XLIFF_BYTES:,} bytes")
    try:
        store = Xliff2File.parsestring(document)
    except (etree.XMLSyntaxError, ValueError, TypeError) as exc:
        raise XliffError(f"not an XLIFF 2 document: {exc}") from None
    if not str(store.document.getroot().get("version", "")).startswith("2."):
        raise XliffError("not an XLIFF 2 document (version 2.0 or 2.1 expected)")
    return store


def _describe(xunit: Xliff2Unit, kind: str) -> None:
    """A note for the translator saying what the text is (XLIFF 2 puts <notes> first in <unit>)."""
    element = xunit.getunitelement()
    notes = etree.Element(f"{{{Xliff2File.namespace}}}notes")
    note = etree.SubElement(notes, f"{{{Xliff2File.namespace}}}note", category="ailit-kind")
    note.text = kind
    element.insert(0, notes)


def _source(module_dir: Path, locale: str) -> tuple[ModuleRef, Segmented]:
    if locale not in LOCALES:
        raise XliffError(f"unknown locale '{locale}'; use one of {', '.join(LOCALES)}")
    try:
        source_locale = source_locale_of(module_dir / f"{locale}.md")
    except ValueError as exc:
        raise XliffError(str(exc)) from None
    if locale == source_locale:
        raise XliffError(f"{locale} is the course's source language: export a translation's locale")
    path = module_dir / f"{source_locale}.md"
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise XliffError(f"{path}: cannot read the source ({exc})") from None
    try:
        segmented = segment(text)
    except SegmentError as exc:
        raise XliffError(f"{path}: {exc}") from None
    ref = ModuleRef(module_dir.parent.name, module_dir.name, source_locale, hash_bytes(data))
    return ref, segmented


def _existing_targets(path: Path, source: Segmented) -> dict[str, str]:
    """The translation's texts, matched to the source's units where the two line up."""
    try:
        translated = segment(path.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
    except (OSError, UnicodeDecodeError, SegmentError):
        return {}
    theirs: list[Unit] = translated.units
    matcher = difflib.SequenceMatcher(
        None, [u.kind for u in source.units], [u.kind for u in theirs], autojunk=False
    )
    found: dict[str, str] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            found[source.units[block.a + k].id] = theirs[block.b + k].text
    return found


def _read_units(document: bytes, ref: ModuleRef, locale: str) -> dict[str, tuple[str, str]]:
    store = _parse(document)
    original = store.body.get("original", "")
    if not original.startswith(_ORIGINAL_PREFIX):
        raise XliffError("the document was not exported by ailit (its <file original=...> is unknown)")
    if original.split("@", 1)[0] != ref.original.split("@", 1)[0]:
        raise XliffError(f"the document is for {original[len(_ORIGINAL_PREFIX):]}, not {ref.course}/{ref.module}")
    if original != ref.original:
        raise XliffError(
            f"the document was exported from source version {original.rsplit('@', 1)[-1]}; the source "
            f"is now {ref.source_hash}: export again (see `ailit i18n diff` for what changed)"
        )
    if store.gettargetlanguage() != locale:
        raise XliffError(f"the document's target language is {store.gettargetlanguage()!r}, not {locale!r}")
    units: dict[str, tuple[str, str]] = {}
    for unit in store.units:
        uid = unit.getid()
        if uid in units:
            raise XliffError(f"unit {uid} appears twice")
        units[str(uid)] = (str(unit.source or ""), str(unit.target or ""))
    return units
