"""The task plugin: lifts ``::: task Title`` out of the lesson into a :class:`Task`.

Grammar (see docs/authoring.md)::

    ::: task Plan a lesson that uses AI {pass_mark=0.75}
    Instructions: any Markdown paragraphs.

    - A criterion the reviewer scores {2}
    - Another criterion {1}
    :::

The list at the end of the block is the rubric: one criterion per item, ``{N}`` its points.
"""

from __future__ import annotations

import math
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ailit.content.callouts import lift_out
from ailit.content.context import RenderContext, context_of
from ailit.content.quiz import blocks
from ailit.content.task import MAX_POINTS, Criterion, Task

_BRACES = re.compile(r"\s*\{([^{}]*)\}\s*$")  # {2} after a criterion, {pass_mark=0.75} after the title
KIND = "task"


def task_plugin(md: MarkdownIt) -> None:
    """Register the core rule that extracts the task (after links have been rewritten)."""
    md.core.ruler.push("ailit_task", _extract_task)


def _extract_task(state: StateCore) -> None:
    ctx = context_of(state.env)

    def take(inner: list[Token], opener: Token) -> None:
        if ctx is not None:  # None: markdown-it used on its own (a benchmark); the block is dropped
            _take_task(state.md, inner, opener, ctx, state.env)

    lift_out(state, KIND, take)


def _take_task(md: MarkdownIt, inner: list[Token], opener: Token, ctx: RenderContext, env: dict) -> None:
    line = ctx.line(opener.map)
    ctx.task_count += 1
    if ctx.task_count > 1:
        ctx.problems.error(line, "a module has at most one task: merge the ::: task blocks")
        return
    if opener.level != 0:
        ctx.problems.error(line, "the task must be at the top level, not inside a list, quote or callout")
        return
    title, pass_mark, ok = _title(opener.info, ctx, line)
    parts = blocks(inner)
    if not parts or parts[-1][0].type != "bullet_list_open":
        ctx.problems.error(
            line,
            "the task has no rubric: end it with a list of criteria, each with its points, "
            "e.g. '- The learning goal is clear {2}'",
        )
        return
    instructions = [t for part in parts[:-1] for t in part]
    if not instructions:
        ctx.problems.error(line, "the task has no instructions: say what the learner does before the rubric")
        ok = False
    criteria = []
    for number, item in enumerate(blocks(parts[-1][1:-1]), start=1):
        criterion = _criterion(md, item, number, ctx, env)
        if criterion is None:
            ok = False
        else:
            criteria.append(criterion)
    if ok:
        html = md.renderer.render(instructions, md.options, env)
        ctx.task = Task(title, html, tuple(criteria), pass_mark, line)


def _title(info: str, ctx: RenderContext, line: int) -> tuple[str, float | None, bool]:
    """The title after ``task`` and its ``{pass_mark=...}`` setting, if any."""
    text = info.strip()[len(KIND):].strip()
    pass_mark: float | None = None
    ok = True
    match = _BRACES.search(text)
    if match is not None:
        text = text[: match.start()].strip()
        for word in match.group(1).split():
            key, sep, value = word.partition("=")
            if key != "pass_mark" or not sep:
                ctx.problems.error(line, f"unknown task setting '{word}'; the only one is {{pass_mark=0.75}}")
                ok = False
                continue
            try:
                pass_mark = float(value)
            except ValueError:
                pass_mark = math.nan
            if not 0 < pass_mark <= 1:
                ctx.problems.error(line, f"pass_mark must be a number above 0 and up to 1, got '{value}'")
                ok = False
    if not text:
        ctx.problems.error(line, "the task needs a title: write '::: task Plan a lesson that uses AI'")
        ok = False
    return text, pass_mark, ok


def _criterion(md: MarkdownIt, item: list[Token], number: int, ctx: RenderContext, env: dict) -> Criterion | None:
    line = ctx.line(item[0].map)
    parts = blocks(item[1:-1])
    if len(parts) != 1 or parts[0][0].type != "paragraph_open":
        ctx.problems.error(line, f"rubric criterion {number} must be one line of text ending in its points, e.g. {{2}}")
        return None
    inline = parts[0][1]
    children = list(inline.children or [])
    match = _BRACES.search(inline.content)
    last = children[-1] if children else None
    tail = _BRACES.search(last.content) if last is not None and last.type == "text" else None
    if match is None or tail is None:
        ctx.problems.error(line, f"rubric criterion {number} has no points: end it with {{N}}, e.g. {{2}}")
        return None
    value = match.group(1).strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_POINTS:
        ctx.problems.error(
            line, f"rubric criterion {number}: points must be a whole number from 1 to {MAX_POINTS}, got {{{value}}}"
        )
        return None
    stripped = Token("text", "", 0)
    stripped.content = last.content[: tail.start()]  # type: ignore[union-attr]
    children[-1] = stripped
    html = md.renderer.renderInline(children, md.options, env).strip()
    if not html:
        ctx.problems.error(line, f"rubric criterion {number} has points but no text")
        return None
    return Criterion(html, int(value))
