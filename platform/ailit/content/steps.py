"""A compiled lesson cut into steps, one idea per screen, for stages that read lessons in steps.

A new step starts at each top-level ``<h2>`` (a ``##`` heading in the Markdown); what comes
before the first one (the introduction) is the first step, unless it holds nothing but the
lesson's ``<h1>``, which then opens the first section instead. Headings inside callouts do not
cut. Footnotes follow the steps that cite them, so each note sits below its reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

# Elements without an end tag: they open nothing, so they never change the nesting depth.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_FOOTNOTES = re.compile(r'\s*<hr class="footnotes-sep"\s*/?>\s*<section class="footnotes">.*</section>\s*$', re.DOTALL)
_FOOTNOTE_ITEM = re.compile(r'<li id="(fn\d+)" class="footnote-item">.*?</li>', re.DOTALL)
_FOOTNOTE_REF = re.compile(r'href="#(fn\d+)"')
_TAG = re.compile(r"<[^>]+>")
_ONLY_TITLE = re.compile(r"\s*(<h1\b[^>]*>.*?</h1>)?\s*", re.DOTALL)


@dataclass(frozen=True)
class LessonStep:
    """One screen of a lesson: its HTML and its heading as plain text (None for the intro)."""

    html: str
    heading: str | None


class _TopLevelHeadings(HTMLParser):
    """Where each top-level ``<h2>`` begins, as (line, column) positions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.starts: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2" and self.depth == 0:
            self.starts.append(self.getpos())
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def _offsets(html: str, positions: list[tuple[int, int]]) -> list[int]:
    line_starts = [0]
    for index, char in enumerate(html):
        if char == "\n":
            line_starts.append(index + 1)
    return [line_starts[line - 1] + column for line, column in positions]


def _heading_text(section: str) -> str | None:
    match = re.search(r"<h2\b[^>]*>(.*?)</h2>", section, re.DOTALL)
    return unescape(_TAG.sub("", match.group(1))).strip() if match else None


def _with_footnotes(section: str, notes: dict[str, str]) -> str:
    """The section followed by the footnotes it cites, numbered as in the whole lesson."""
    cited = list(dict.fromkeys(_FOOTNOTE_REF.findall(section)))
    items = [
        notes[key].replace("<li ", f'<li value="{key[2:]}" ', 1) for key in cited if key in notes
    ]
    if not items:
        return section
    listed = "\n".join(items)
    return (
        f'{section.rstrip()}\n<hr class="footnotes-sep" />\n<section class="footnotes">\n'
        f'<ol class="footnotes-list">\n{listed}\n</ol>\n</section>\n'
    )


@lru_cache(maxsize=256)  # a lesson is cut once, not on every page view (about 1 ms each)
def split_lesson(html: str) -> tuple[LessonStep, ...]:
    """The lesson's steps, in order; a lesson without ``##`` headings is a single step."""
    footnotes = _FOOTNOTES.search(html)
    body = html[: footnotes.start()] if footnotes else html
    notes = {m.group(1): m.group(0) for m in _FOOTNOTE_ITEM.finditer(footnotes.group(0))} if footnotes else {}
    parser = _TopLevelHeadings()
    parser.feed(body)
    parser.close()
    cuts = _offsets(body, parser.starts)
    if not cuts:
        return (LessonStep(html, None),)
    sections = [body[start:end] for start, end in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    intro = sections.pop(0)
    if _ONLY_TITLE.fullmatch(intro):
        sections[0] = intro + sections[0]  # the lesson's title (if any) opens the first section
        steps: list[LessonStep] = []
    else:
        steps = [LessonStep(_with_footnotes(intro, notes), None)]
    steps += [LessonStep(_with_footnotes(section, notes), _heading_text(section)) for section in sections]
    return tuple(steps)
