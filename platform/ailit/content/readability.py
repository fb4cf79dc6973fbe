"""Reading level and length of a module's lesson text, checked against per-stage targets.

**Lesson text** is what a learner reads as the lesson. From a module file's Markdown body (front
matter already removed) we drop the ``::: quiz`` ... ``:::`` block, every other ``:::`` fence
line (callout content stays), footnote definitions and footnote references; we parse the rest
with markdown-it-py (CommonMark plus tables). Each heading, paragraph (including those in list
items and blockquotes) and table cell is one *text unit*, taken as plain text: the text of
emphasis, links and inline code counts; images, raw HTML and code blocks do not.

A unit is split into sentences at ``. ! ? … 。 ！ ？ ؟`` (a full stop followed by a lower-case
letter, as in "e.g. the", does not end a sentence). A unit always ends a sentence, whatever its
last character, so a heading or list item is never merged with the next sentence.

Words are whitespace-separated tokens that contain a letter or digit. Chinese is counted in
characters instead: every CJK ideograph is one, and every run of other letters or digits
("AI", "2024") is one. Its targets are the English ones times :data:`ZH_CHARS_PER_WORD`
(1.5 characters ≈ 1 English word), for length and for mean sentence length alike.

The Flesch-Kincaid grade is computed for English only, by textstat on those same sentences, each
ended with a full stop, with English syllables counted by Pyphen's en_US dictionary (see
``_TEXTSTAT_LANG``). textstat ignores sentences of one or two words (short headings) in its
sentence count. Run ``python -m ailit.content.readability FILE.md``
to see the figures for one file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ailit.locales import LOCALES
from ailit.stages import STAGES, Stage


@dataclass(frozen=True)
class Target:
    """Reading targets for one stage, for English source text."""

    fk_grade_max: float
    words_min: int
    words_max: int
    sentence_length_max: float  # mean words per sentence


TARGETS: dict[str, Target] = {
    Stage.PRIMARY: Target(5, 250, 500, 10),
    Stage.LOWER_SECONDARY: Target(8, 700, 1200, 15),
    Stage.UPPER_SECONDARY: Target(10.5, 1000, 1800, 18),
    Stage.HIGHER_ED: Target(13, 1500, 3000, 20),
    Stage.TEACHER_PD: Target(12, 1200, 2500, 20),
    Stage.OLDER_LEARNERS: Target(8, 500, 900, 15),
}

# Chinese is counted in characters; about 1.5 characters carry what one English word does.
ZH_CHARS_PER_WORD = 1.5
CHARACTER_LOCALES = frozenset({"zh"})


@dataclass(frozen=True)
class Measures:
    """Figures for one lesson text. ``words`` and sentence length are in ``unit``."""

    words: int
    sentences: int
    mean_sentence_length: float
    fk_grade: float | None  # English only
    unit: str = "words"  # "characters" for Chinese


_md = MarkdownIt("commonmark").enable("table")
_QUIZ_OPEN = re.compile(r"^\s*:::\s*quiz\b")
_FENCE = re.compile(r"^\s*:::")
_FENCE_CLOSE = re.compile(r"^\s*:::\s*$")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]\s]+\]:")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
# A run of sentence-ending marks plus closing quotes or brackets; Latin marks need a space after.
_BOUNDARY = re.compile(r"[.!?…؟]+[\"'”’»)\]]*(?=\s|$)|[。！？]+[”’」』）)]*")
_UNIT_END = tuple(".!?…。！？؟:;：；")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_CJK_RUN = re.compile(r"[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_INNER_MARKS = re.compile(r"[.!?…]")
# textstat's English syllable counter: "en_US" would look words up in NLTK's cmudict, which
# NLTK tries to download at run time (no network on build machines); "en-US" selects the same
# English rules through Pyphen's en_US hyphenation dictionary, shipped with the package.
_TEXTSTAT_LANG = "en-US"


def lesson_source(body: str) -> str:
    """The Markdown body without its quiz block, ``:::`` fence lines and footnotes."""
    kept: list[str] = []
    in_quiz = in_footnote = False
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if in_quiz:
            in_quiz = not _FENCE_CLOSE.match(line)
            continue
        if _QUIZ_OPEN.match(line):
            in_quiz = True
            continue
        if in_footnote and line.strip() and line[:1] in (" ", "\t"):
            continue  # an indented continuation line of a footnote definition
        in_footnote = False
        if _FOOTNOTE_DEF.match(line):
            in_footnote = True
            continue
        if _FENCE.match(line):
            continue
        kept.append(_FOOTNOTE_REF.sub("", line))
    return "\n".join(kept)


def text_units(body: str) -> list[str]:
    """The plain text of every heading, paragraph and table cell of the lesson text."""
    units: list[str] = []
    for token in _md.parse(lesson_source(body)):
        if token.type != "inline":
            continue
        parts: list[str] = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        text = " ".join("".join(parts).split())
        if text:
            units.append(text)
    return units


def split_sentences(unit: str) -> list[str]:
    """Split one text unit into sentences; the unit's end always ends one."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(unit):
        following = unit[match.end() :].lstrip()
        if match.group()[0] in ".…" and following[:1].islower():
            continue  # "e.g. the", "etc. and": an abbreviation, not a sentence end
        sentences.append(unit[start : match.end()].strip())
        start = match.end()
    sentences.append(unit[start:].strip())
    return [s for s in sentences if s]


def length(locale: str, text: str) -> int:
    """Words in ``text``, or characters for Chinese (see the module docstring)."""
    if locale in CHARACTER_LOCALES:
        return len(_CJK.findall(text)) + len(_NON_CJK_RUN.findall(text))
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def _fk_grade(sentences: Sequence[str]) -> float | None:
    """Flesch-Kincaid grade of English sentences, each given exactly one full stop."""
    cleaned = [_INNER_MARKS.sub("", s.rstrip("".join(_UNIT_END) + " ")) for s in sentences]
    text = " ".join(f"{s}." for s in cleaned if s.strip())
    if not text:
        return None
    from textstat.textstat import textstatistics  # imported on use: keeps it off the server's start path

    stats = textstatistics()  # our own instance: textstat's module-level one is shared state
    stats.set_lang(_TEXTSTAT_LANG)
    stats.set_rounding_points(None)
    return float(stats.flesch_kincaid_grade(text))


def _check_locale(locale: str) -> None:
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(LOCALES)}")


def measure(locale: str, body: str) -> Measures:
    """Measure the lesson text of a module body (Markdown without front matter)."""
    _check_locale(locale)
    sentences = [
        s for unit in text_units(body) for s in split_sentences(unit) if length(locale, s) > 0
    ]
    words = sum(length(locale, s) for s in sentences)
    return Measures(
        words=words,
        sentences=len(sentences),
        mean_sentence_length=round(words / len(sentences), 1) if sentences else 0.0,
        fk_grade=round(g, 1) if locale == "en" and (g := _fk_grade(sentences)) is not None else None,
        unit="characters" if locale in CHARACTER_LOCALES else "words",
    )


def target_for(stage: str, locale: str) -> tuple[float, float, float]:
    """(min length, max length, max mean sentence length) in the locale's unit."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
    _check_locale(locale)
    target = TARGETS[stage]
    factor = ZH_CHARS_PER_WORD if locale in CHARACTER_LOCALES else 1.0
    return target.words_min * factor, target.words_max * factor, target.sentence_length_max * factor


def _num(value: float) -> str:
    """1200 -> "1,200", 10.5 -> "10.5", 15.0 -> "15"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def warnings_for(stage: str, locale: str, measures: Measures) -> list[str]:
    """Warning messages for measures that miss the stage's targets."""
    low, high, sentence_max = target_for(stage, locale)
    target = TARGETS[stage]
    unit = measures.unit
    messages: list[str] = []
    if not low <= measures.words <= high:
        message = f"lesson text is {measures.words:,} {unit}; {stage} modules should have {_num(low)}–{_num(high)}"
        if unit == "characters":
            message += (
                f" characters ({_num(target.words_min)}–{_num(target.words_max)} words"
                f" at {_num(ZH_CHARS_PER_WORD)} characters a word)"
            )
        messages.append(message)
    if measures.fk_grade is not None and measures.fk_grade > target.fk_grade_max:
        messages.append(
            f"Flesch-Kincaid grade {measures.fk_grade:.1f} is above {_num(target.fk_grade_max)} for {stage}"
        )
    if measures.mean_sentence_length > sentence_max:
        messages.append(
            f"mean sentence length {measures.mean_sentence_length:.1f} {unit} is above"
            f" {_num(sentence_max)} for {stage}"
        )
    return messages


def lesson_warnings(stage: str, locale: str, body: str) -> list[str]:
    """Warnings for a module body (Markdown without front matter) against its stage's targets."""
    return warnings_for(stage, locale, measure(locale, body))


# --- the authors' command: python -m ailit.content.readability FILE.md [--stage S] ------------


def split_front_matter(text: str) -> str:
    """The body of a module file: everything after a leading ``---`` ... ``---`` block."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return "\n".join(lines[index + 1 :])
    return "\n".join(lines)


def infer_stage(path: Path) -> str | None:
    """The stage from ``courses/<stage>/...`` in the path, else from a nearby course.yaml."""
    parts = path.resolve().parts
    for index, part in enumerate(parts[:-1]):
        if part == "courses" and parts[index + 1] in STAGES:
            return parts[index + 1]
    for folder in list(path.resolve().parents)[:3]:
        course_file = folder / "course.yaml"
        if course_file.is_file():
            try:
                data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                return None
            stage = data.get("stage") if isinstance(data, dict) else None
            return stage if stage in STAGES else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Print the measures of one module file and its warnings; 2 on bad input."""
    parser = argparse.ArgumentParser(
        prog="python -m ailit.content.readability",
        description="Reading level and length of a module file's lesson text.",
    )
    parser.add_argument("file", type=Path, help="a module file, e.g. courses/primary/<course>/01-x/en.md")
    parser.add_argument("--stage", choices=STAGES, help="default: from the path courses/<stage>/...")
    parser.add_argument("--locale", choices=LOCALES, help="default: from the file name (en.md -> en)")
    args = parser.parse_args(argv)
    path: Path = args.file
    locale = args.locale or path.stem
    if locale not in LOCALES:
        print(f"{path}: error: cannot tell the locale from the file name; pass --locale", file=sys.stderr)
        return 2
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: error: cannot read the file: {exc}", file=sys.stderr)
        return 2
    stage = args.stage or infer_stage(path)
    result = measure(locale, split_front_matter(text))
    print(f"{path} ({stage or 'stage unknown'}, {locale})")
    if stage is None:
        print(f"  {result.unit}: {result.words:,}")
        print(f"  sentences: {result.sentences:,}")
        print(f"  mean sentence length: {result.mean_sentence_length:.1f} {result.unit}")
        if result.fk_grade is not None:
            print(f"  Flesch-Kincaid grade: {result.fk_grade:.1f}")
        print("  (pass --stage to compare with a stage's targets)")
        return 0
    low, high, sentence_max = target_for(stage, locale)
    print(f"  {result.unit}: {result.words:,} (target {_num(low)}–{_num(high)})")
    print(f"  sentences: {result.sentences:,}")
    print(
        f"  mean sentence length: {result.mean_sentence_length:.1f} {result.unit}"
        f" (target ≤ {_num(sentence_max)})"
    )
    if result.fk_grade is not None:
        print(f"  Flesch-Kincaid grade: {result.fk_grade:.1f} (target ≤ {_num(TARGETS[stage].fk_grade_max)})")
    for message in warnings_for(stage, locale, result):
        print(f"{path}:1: warning: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
