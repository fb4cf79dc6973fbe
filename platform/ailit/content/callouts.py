"""The ``::: kind`` callouts plugin: boxes for activities, notes, tips, warnings and discussions.

One container rule handles every kind (``quiz`` included: the quiz plugin lifts it out
before rendering). A callout renders as an ``<aside>`` with its label in the lesson's language, which the web
app may replace by the label in the reader's language, keyed by ``data-callout``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ailit.content.context import context_of
from ailit.content.diagnostics import did_you_mean
from ailit.locales import DEFAULT_LOCALE
from ailit.translations import N_, gettext_for

# Each callout's label, in English, translated through the UI catalogues (one source for every
# phrase). The compiler writes the label in the lesson's language with plain gettext
# (ailit.translations, no Flask) and the kind as ``data-callout``; the web layer swaps in the
# reader's UI language from the same catalogues. A new kind is one line here plus translations.
LABELS: dict[str, str] = {
    "activity": N_("Activity"),
    "note": N_("Note"),
    "tip": N_("Tip"),
    "warning": N_("Warning"),
    "discuss": N_("Discuss"),
    "teacher": N_("Teacher notes"),
}
# ``::: teacher`` notes are for teachers and authors only. The compiler wraps each one in these
# comments (raw HTML in a lesson is escaped, so no author can forge them); the web app cuts what
# lies between them out of every page and payload a learner receives.
TEACHER_KIND = "teacher"
TEACHER_START = "<!--ailit:teacher-->"
TEACHER_END = "<!--/ailit:teacher-->"
_TEACHER_BLOCK = re.compile(re.escape(TEACHER_START) + ".*?" + re.escape(TEACHER_END) + "\n?", re.S)
_STACK = "ailit_callouts"
CALLOUT_KINDS: tuple[str, ...] = tuple(LABELS)
BLOCK_KINDS: frozenset[str] = frozenset((*CALLOUT_KINDS, "quiz", "task"))


def kind_of(info: str) -> str:
    """The callout kind from the text after ``:::``."""
    parts = info.split()
    return parts[0] if parts else ""


def callouts_plugin(md: MarkdownIt) -> None:
    """Register the ``:::`` container rule, its renderer, and a check for unknown kinds."""
    container_plugin(
        md,
        "callout",
        validate=lambda params, markup: kind_of(params) in BLOCK_KINDS,
        render=_render,
    )
    md.core.ruler.push("ailit_callout_check", _check_callouts)


def lift_out(state: StateCore, kind: str, take: Callable[[list[Token], Token], None]) -> None:
    """Remove every ``::: kind`` block from the tokens; ``take(inner, opener)`` gets each one."""
    tokens = state.tokens
    if not any(t.type == "container_callout_open" and kind_of(t.info) == kind for t in tokens):
        return
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "container_callout_open" and kind_of(token.info) == kind:
            end, depth = i, 0
            for end in range(i, len(tokens)):  # the matching close (or the end of the file)
                depth += tokens[end].nesting
                if depth == 0:
                    break
            take(tokens[i + 1 : end], token)
            i = end + 1
            continue
        kept.append(token)
        i += 1
    state.tokens = kept


def _render(
    renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    stack: list[bool] = env.setdefault(_STACK, [])
    if token.nesting != 1:
        return "</aside>\n" + (TEACHER_END + "\n" if stack and stack.pop() else "")
    kind = kind_of(token.info)
    # Only the outermost teacher note is marked: a note inside a note goes with it.
    marked = kind == TEACHER_KIND and not any(stack)
    stack.append(marked)
    ctx = context_of(env)
    label = gettext_for(ctx.locale if ctx else DEFAULT_LOCALE)(LABELS.get(kind, kind))
    return (
        (TEACHER_START + "\n" if marked else "")
        + f'<aside class="callout callout-{kind}" role="note">\n'
        + f'<p class="callout-label" data-callout="{kind}">{escape(label)}</p>\n'
    )


def without_teacher_notes(html: str) -> str:
    """The lesson HTML as a learner receives it: every ``::: teacher`` note cut out."""
    return _TEACHER_BLOCK.sub("", html)


def _check_callouts(state: StateCore) -> None:
    """Report ``::: unknown`` kinds, stray closing markers and callouts never closed."""
    ctx = context_of(state.env)
    if ctx is None:
        return
    for token in state.tokens:
        if token.type == "container_callout_open" and token.map and ctx.lines:
            last = token.map[1]  # the closing line, or the end of the file when never closed
            if last >= len(ctx.lines) or not ctx.lines[last].strip().startswith(":::"):
                kind = kind_of(token.info)
                ctx.problems.error(ctx.line(token.map), f"'::: {kind}' is never closed: end it with a ':::' line")
        elif token.type == "inline" and token.content.startswith(":::"):
            first = token.content.split("\n", 1)[0]
            kind = kind_of(first.lstrip(":"))
            if not kind:
                ctx.problems.error(ctx.line(token.map), "':::' closes no callout")
            else:
                hint = did_you_mean(kind, BLOCK_KINDS)
                ctx.problems.error(
                    ctx.line(token.map),
                    f"unknown callout '{kind}'{hint}; use one of {', '.join(CALLOUT_KINDS)}, quiz or task",
                )
