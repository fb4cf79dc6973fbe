"""A module file split into translatable text and the structure around it.

Translators' tools (XLIFF, PO) and the studio's editor see only the text: headings, paragraphs,
list items, table cells, callout and task titles, quiz prompts, options, explanations and rubric
criteria. The structure stays with the source: front-matter keys other than the title and
objectives, list markers, `[x]` boxes, question types in braces, rubric points, numbers that are
answers, code, links' addresses. A translation is rebuilt from the *source* with each text
replaced, so it cannot change the quiz: same questions, same types, same correct positions.

Each text has a stable id for one version of the source: ``title``, ``objective-N`` and
``L<line>`` (with ``c<cell>`` for table cells and ``l``/``r`` for the two sides of a matching
pair), lines counted in the source file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ailit.content.yamlfile import YamlProblem, load_yaml

_PREFIX = re.compile(
    r"^[ \t]*(?:(?:#{1,6}[ \t]+)|(?:>[ \t]?)|(?:[-*+][ \t]+)|(?:\d{1,9}[.)][ \t]+)|(?:\[[ xX]\][ \t]+)"
    r"|(?:\[\^[^\]\s]+\]:[ \t]*))*"
)
_SUFFIX = re.compile(r"([ \t]*\{[^{}\n]*\})[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CONTAINER = re.compile(r"^([ \t]*:{3,}[ \t]*[A-Za-z-]*)(?:([ \t]+)(.*?))?[ \t]*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_OPTION = re.compile(r"\[[ xX]\]")
_PAIR = " :: "
FRONT_UNITS = ("title", "objectives")


class SegmentError(Exception):
    """The file or a translated text cannot be used; the message says which and why."""


@dataclass
class Unit:
    """One translatable text: its id, the source text and what kind of text it is."""

    id: str
    text: str
    kind: str


@dataclass
class _Line:
    """A body line: literal structure around zero or more units (``parts`` alternate)."""

    parts: list[str | Unit] = field(default_factory=list)
    merged: bool = False  # continues the line above: its text went into that line's unit


@dataclass
class Segmented:
    """A source module file as front matter, lines of structure and units."""

    front: dict[str, Any]
    lines: list[_Line]
    units: list[Unit]

    def rebuild(self, targets: dict[str, str], source_hash: str) -> str:
        """The translation: the source with every unit's text replaced by ``targets[id]``."""
        missing = [u.id for u in self.units if not targets.get(u.id, "").strip()]
        if missing:
            raise SegmentError(f"no translation for {len(missing)} text(s): {', '.join(missing[:12])}")
        front = dict(self.front)
        front.pop("source_hash", None)
        front["title"] = _one_line(targets["title"])
        if "objectives" in front:
            front["objectives"] = [
                _one_line(targets[f"objective-{n}"]) for n in range(1, len(front["objectives"]) + 1)
            ]
        front["source_hash"] = source_hash
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
        body = []
        for line in self.lines:
            if line.merged:
                continue
            text = "".join(p if isinstance(p, str) else _one_line(targets[p.id]) for p in line.parts)
            body.append(text)
        rebuilt = "---\n" + head + "---\n" + "\n".join(body)
        self._check_structure(rebuilt, targets)
        return rebuilt

    def _check_structure(self, rebuilt: str, targets: dict[str, str]) -> None:
        """A translated text must not change the structure (start a list, close a block…)."""
        again = segment(rebuilt).units
        expected = [(u.kind, _one_line(targets[u.id])) for u in self.units]
        if [(u.kind, u.text) for u in again] == expected:
            return
        for mine, other in zip(self.units, again, strict=False):
            if (mine.kind, _one_line(targets[mine.id])) != (other.kind, other.text):
                raise SegmentError(
                    f"the translation of {mine.id} ({mine.kind}) changes the file's structure: "
                    f"{_one_line(targets[mine.id])[:80]!r} — Markdown reads its start or end as a "
                    "list, heading, quote, question type or block marker; reword it"
                )
        raise SegmentError("the translated texts change the file's structure")


def segment(text: str) -> Segmented:
    """Split a module file (decoded, ``\\n`` line ends) into front matter, structure and units."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SegmentError("line 1: the file must start with front matter ('---')")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise SegmentError("line 1: the front matter is never closed with '---'")
    try:
        front = load_yaml("\n".join(lines[1:end])).data
    except YamlProblem as exc:
        raise SegmentError(f"line {exc.line + 1}: {exc.message}") from None
    if not isinstance(front, dict) or not isinstance(front.get("title"), str):
        raise SegmentError("line 2: the front matter needs a title")
    units = [Unit("title", front["title"], "title")]
    objectives = front.get("objectives") or []
    if not isinstance(objectives, list):
        raise SegmentError("line 2: objectives must be a list")
    units += [Unit(f"objective-{n}", str(o), "objective") for n, o in enumerate(objectives, start=1)]
    body = _Body(end + 2)
    for line in lines[end + 1 :]:
        body.add(line)
    return Segmented(front, body.lines, units + body.units)


class _Body:
    """Reads body lines one by one, knowing whether it is in code, a quiz and which question."""

    def __init__(self, first_line: int) -> None:
        self.number = first_line - 1
        self.lines: list[_Line] = []
        self.units: list[Unit] = []
        self.fence: str | None = None
        self.in_quiz = False
        self.question_type = ""
        self.open_unit: Unit | None = None

    def add(self, raw: str) -> None:
        self.number += 1
        line = _Line()
        self.lines.append(line)
        if self.fence is not None or _FENCE.match(raw):
            self._code(raw, line)
            return
        if not raw.strip():
            line.parts.append(raw)
            self.open_unit = None
            return
        container = _CONTAINER.match(raw)
        if container:
            self._container(container, line)
            return
        if raw.lstrip().startswith("|"):
            self._table(raw, line)
            return
        self._text(raw, line)

    def _code(self, raw: str, line: _Line) -> None:
        match = _FENCE.match(raw)
        if self.fence is None and match:
            self.fence = match.group(1)[0] * 3
        elif self.fence is not None and raw.strip().startswith(self.fence):
            self.fence = None
        line.parts.append(raw)
        self.open_unit = None

    def _container(self, match: re.Match[str], line: _Line) -> None:
        head, gap, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        name = head.strip(": \t").lower()
        if name:
            self.in_quiz = name == "quiz"
        else:
            self.in_quiz = False
        suffix = _SUFFIX.search(rest)
        title = rest[: suffix.start()] if suffix else rest
        line.parts.append(head + gap)
        if title.strip():
            self._unit(line, title, f"{name or 'block'} title")
        if suffix:
            line.parts.append(suffix.group(1))
        self.open_unit = None

    def _table(self, raw: str, line: _Line) -> None:
        self.open_unit = None
        if _TABLE_RULE.match(raw):
            line.parts.append(raw)
            return
        cells = re.split(r"(?<!\\)(\|)", raw)
        cell = 0
        for piece in cells:
            if piece == "|" or not piece.strip():
                line.parts.append(piece)
                continue
            cell += 1
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            line.parts.append(lead)
            self._unit(line, piece.strip(), "table cell", f"c{cell}")
            line.parts.append(trail)

    def _text(self, raw: str, line: _Line) -> None:
        prefix = _PREFIX.match(raw).group(0)  # type: ignore[union-attr]
        rest = raw[len(prefix) :]
        suffix = _SUFFIX.search(rest)
        text = rest[: suffix.start()] if suffix else rest
        marker = prefix.strip()
        if self.open_unit is not None and not marker and not suffix:
            # A paragraph or list item continued on the next line: one text with the line above.
            self.open_unit.text += " " + text.strip()
            line.merged = True
            return
        line.parts.append(prefix)
        kind = self._kind(marker, suffix.group(1) if suffix else "")
        if kind == "number answer" or not text.strip():
            line.parts.append(text)
            self.open_unit = None
        elif kind == "matching pair" and _PAIR in text:
            left, right = text.split(_PAIR, 1)
            self._unit(line, left, "matching left", "l")
            line.parts.append(_PAIR)
            self._unit(line, right, "matching right", "r")
            self.open_unit = None
        else:
            self.open_unit = self._unit(line, text, kind)
        if suffix:
            line.parts.append(suffix.group(1))
            self.open_unit = None

    def _kind(self, marker: str, suffix: str) -> str:
        if marker.startswith("#"):
            return "heading"
        if not self.in_quiz:
            if marker.startswith(">"):
                return "quote"
            return "list item" if marker else "paragraph"
        if marker[:1].isdigit():
            self.question_type = suffix.strip(" {}").split(" ")[0] if suffix else "single"
            return "question"
        if marker.startswith(">"):
            return "explanation"
        if _OPTION.search(marker):
            return "number answer" if self.question_type == "number" else "option"
        if self.question_type == "matching":
            return "matching pair"
        return "ordering item" if self.question_type == "ordering" else "quiz text"

    def _unit(self, line: _Line, text: str, kind: str, tail: str = "") -> Unit:
        unit = Unit(f"L{self.number}{tail}", text.strip(), kind)
        lead = text[: len(text) - len(text.lstrip())]
        if lead:
            line.parts.append(lead)
        line.parts.append(unit)
        self.units.append(unit)
        return unit


def _one_line(text: str) -> str:
    return " ".join(text.split())
