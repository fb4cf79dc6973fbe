"""Compiling one module file (``<locale>.md``): front matter, lesson HTML and quiz questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ailit.content import schema
from ailit.content.context import RenderContext
from ailit.content.diagnostics import Problems, did_you_mean
from ailit.content.hashing import hash_bytes
from ailit.content.markdown import MAX_NESTING, markdown
from ailit.content.markup_checks import front_matter_list_warnings, markup_warnings
from ailit.content.questions import QUESTION_TYPES, Question
from ailit.content.quiz_settings import read_quiz_settings
from ailit.content.schema import FieldError, FieldRule
from ailit.content.sources import decode
from ailit.content.task import Task
from ailit.content.yamlfile import YamlProblem, load_yaml

_RAW_HASH = re.compile(r"^source_hash:[ \t]*[\"']?([0-9a-f]{12})[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)


def _hash_text(value: Any) -> str:
    result = schema.text(value)
    if isinstance(value, int) and len(result) < 12:
        result = result.zfill(12)
    if not (len(result) == 12 and all(c in "0123456789abcdef" for c in result)):
        raise FieldError(f"'{result}' is not a 12-digit hex hash; run `ailit i18n stamp` on this file")
    return result


FRONT_MATTER_RULES: dict[str, FieldRule] = {
    "title": FieldRule(schema.text, required=True, default=""),
    "minutes": FieldRule(schema.positive_int, required=True, default=1),
    "objectives": FieldRule(schema.text_list, required=True, default=()),
    "source_hash": FieldRule(_hash_text),
    "quiz": FieldRule(schema.mapping, default=None),
}


@dataclass
class ModuleFile:
    """One compiled locale file. ``questions`` is None when the file has no quiz."""

    locale: str
    path: Path
    content_hash: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    source_hash: str | None
    quiz_settings: dict[str, Any] | None  # only the keys the front matter sets
    questions: tuple[Question, ...] | None
    task: Task | None
    html: str
    body: str  # the Markdown after the front matter (for readability checks)
    problems: Problems
    quiz_setting_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1  # the file line ``body`` starts on
    images: list[tuple[int, str]] = field(default_factory=list)  # (line, name under media/) shown

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.problems.items)


def compile_file(
    data: bytes,
    *,
    path: Path,
    locale: str,
    course_id: str,
    module_id: str,
    media: frozenset[str],
    modules: dict[str, str],
) -> ModuleFile:
    """Compile a module file's bytes; every problem goes to the result's ``problems``."""
    problems = Problems(str(path))
    result = ModuleFile(
        locale, path, hash_bytes(data), "", 1, (), None, None, None, None, "", "", problems
    )
    text = decode(data, problems)
    if text is None:
        return result
    ctx = RenderContext(course_id, module_id, locale, media, modules, problems, lines=text.split("\n"))
    env: dict[str, Any] = {"ailit": ctx}
    md = markdown()
    try:
        tokens = md.parse(text, env)
        if tokens and max(t.level for t in tokens) >= MAX_NESTING - 1:
            problems.error(1, f"lists or quotes are nested more than {MAX_NESTING - 2} levels deep")
            return result
        result.html = md.renderer.render(tokens, md.options, env)
    except RecursionError:
        problems.error(1, "the Markdown is nested too deeply to read")
        return result
    _unclosed_emphasis(tokens, problems)
    markup_warnings(tokens, problems)
    front = tokens[0] if tokens and tokens[0].type == "front_matter" else None
    if front is None:
        problems.error(1, "the file must start with front matter: a '---' line, title, minutes, objectives, '---'")
        result.body = text
    else:
        end = front.map[1] if front.map else 0
        result.body = "\n".join(ctx.lines[end:])
        result.body_line = end + 1
        _front_matter(front.content, result)
        front_matter_list_warnings(front.content, problems)
    if ctx.quiz_items is not None:
        result.questions = tuple(_questions(ctx, problems))
    result.task = ctx.task
    result.images = ctx.images
    return result


def _unclosed_emphasis(tokens: list[Any], problems: Problems) -> None:
    """Warn where ``**`` is left as text: learners would see the stars instead of bold.

    CommonMark closes ``**`` only when it is "right-flanking": ``**强调。**文字`` is not, so in
    Chinese the punctuation goes outside the markers.
    """
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        if any(child.type == "text" and "**" in child.content for child in token.children):
            line = token.map[0] + 1 if token.map else 1
            problems.warning(
                line,
                "'**' is shown as it is: the bold does not close; put punctuation outside the "
                "markers (**强调**。) or leave a space after the closing **",
            )


def _front_matter(content: str, result: ModuleFile) -> None:
    problems = result.problems
    try:
        doc = load_yaml(content)
    except YamlProblem as exc:
        problems.error(exc.line + 1, f"front matter: {exc.message}")
        return
    values = schema.validate_mapping(doc, FRONT_MATTER_RULES, problems, what="front matter", offset=1)
    if values is None:
        return
    result.title = values["title"]
    result.minutes = values["minutes"]
    result.objectives = values["objectives"]
    # YAML reads an all-digit hash as a number (even octal), so take it from the text itself.
    raw_hash = _RAW_HASH.search(content)
    result.source_hash = raw_hash.group(1) if raw_hash else values["source_hash"]
    if values["quiz"] is not None:
        read = read_quiz_settings(doc, "quiz", problems, offset=1)
        if read is not None:
            result.quiz_settings, result.quiz_setting_lines = read


def _questions(ctx: RenderContext, problems: Problems) -> list[Question]:
    questions = []
    for item in ctx.quiz_items or []:
        kind = QUESTION_TYPES.get(item.type)
        if kind is None:
            problems.error(
                item.line,
                f"unknown question type '{{{item.type}}}'{did_you_mean(item.type, QUESTION_TYPES)}; "
                f"use one of {', '.join('{' + name + '}' for name in QUESTION_TYPES)}",
            )
            continue
        messages = kind.validate(item)
        for message in messages:
            line, text = message if isinstance(message, tuple) else (item.line, message)
            problems.error(line, text)
        if not messages:
            questions.append(kind.parse(item))
    return questions
