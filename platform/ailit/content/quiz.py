"""The quiz plugin: lifts the ``::: quiz`` block out of the lesson into :class:`QuizItem` records.

Grammar (see docs/authoring.md): a numbered list of questions; each question's first
paragraph is its prompt, optionally ending in ``{type key=value}``; its options are a task
list (``- [ ]`` / ``- [x]``), or a plain list for ``{ordering}`` and ``{matching}``
(``left :: right``); a blockquote after the options is the explanation. The quiz
never appears in the lesson HTML: its prompts, options and explanations are rendered here,
each on its own, and the question type classes validate and compile them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ailit.content.callouts import lift_out
from ailit.content.context import RenderContext, context_of
from ailit.content.questions import Image, ItemOption, QuizItem

_TYPE_MARK = re.compile(r"\s*\{([^{}]*)\}\s*$")
_OPTION_MARK = re.compile(r"^\[([ xX])\][ \t]+")
_PAIR = "::"
DEFAULT_TYPE = "single"


def quiz_plugin(md: MarkdownIt) -> None:
    """Register the core rule that extracts the quiz (after links have been rewritten)."""
    md.core.ruler.push("ailit_quiz", _extract_quiz)


def _extract_quiz(state: StateCore) -> None:
    ctx = context_of(state.env)

    def take(inner: list[Token], opener: Token) -> None:
        if ctx is not None:  # None: markdown-it used on its own (a benchmark); the block is dropped
            _take_quiz(state.md, inner, opener, ctx, state.env)

    lift_out(state, "quiz", take)


def blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """Split a token run into its top-level blocks (each a balanced open…close run)."""
    result: list[list[Token]] = []
    depth = 0
    start = 0
    for i, token in enumerate(tokens):
        depth += token.nesting
        if depth <= 0:
            result.append(list(tokens[start : i + 1]))
            start = i + 1
            depth = 0
    return result


def _unclosed_callout_before(lines: Sequence[str], quiz_line: int) -> tuple[str, int] | None:
    """The ``::: kind`` line still open when the quiz starts (its kind and 1-based line), if any.

    A quiz followed by two closing lines was put inside the callout on purpose; one closing
    line means the callout above was never closed (the quiz's ``:::`` closed it).
    """
    closings = 0
    for text in lines[quiz_line:]:
        stripped = text.strip()
        if stripped.startswith(":::") and stripped.lstrip(":").strip():
            break
        closings += stripped.startswith(":::")
    if closings != 1:
        return None
    for number in range(quiz_line - 1, 0, -1):
        text = lines[number - 1].strip() if number - 1 < len(lines) else ""
        if text.startswith(":::"):
            kind = text.lstrip(":").strip().split(" ")[0]
            return (kind, number) if kind else None
    return None


def _take_quiz(
    md: MarkdownIt, inner: list[Token], opener: Token, ctx: RenderContext, env: dict
) -> None:
    line = ctx.line(opener.map)
    ctx.quiz_count += 1
    if ctx.quiz_count > 1:
        ctx.problems.error(line, "a module has at most one quiz: merge the ::: quiz blocks")
        return
    if opener.level != 0:
        unclosed = _unclosed_callout_before(ctx.lines, line)
        if unclosed is not None:
            kind, at = unclosed
            ctx.problems.error(
                at,
                f"'::: {kind}' is not closed before the quiz on line {line}, so the quiz is read as "
                f"part of it: end the {kind} callout with a ':::' line",
            )
        else:
            ctx.problems.error(line, "the quiz must be at the top level, not inside a list, quote or callout")
    items: list[QuizItem] = []
    for block in blocks(inner):
        if block[0].type != "ordered_list_open":
            ctx.problems.error(
                ctx.line(block[0].map) if block[0].map else line,
                "a quiz holds only a numbered list of questions (1. ...)",
            )
            continue
        for item in blocks(block[1:-1]):
            parsed = _question(md, item, ctx, env)
            if parsed is not None:
                items.append(parsed)
    if not items:
        ctx.problems.error(line, "the quiz has no questions: write them as a numbered list (1. ...)")
    ctx.quiz_items = items


def _question(md: MarkdownIt, item: list[Token], ctx: RenderContext, env: dict) -> QuizItem | None:
    line = ctx.line(item[0].map)
    prompt_inline: Token | None = None
    options: list[ItemOption] = []
    explanation = ""
    option_lists = 0
    for part in blocks(item[1:-1]):
        kind = part[0].type
        if kind == "paragraph_open" and prompt_inline is None and option_lists == 0:
            prompt_inline = part[1]
        elif kind == "bullet_list_open":
            option_lists += 1
            if option_lists > 1:
                ctx.problems.error(ctx.line(part[0].map), "a question has one list of options")
                continue
            for option in blocks(part[1:-1]):
                parsed = _option(md, option, ctx, env)
                if parsed is not None:
                    options.append(parsed)
        elif kind == "blockquote_open" and not explanation:
            explanation = md.renderer.render(part[1:-1], md.options, env)
        else:
            ctx.problems.error(
                ctx.line(part[0].map) if part[0].map else line,
                "unexpected text in a question: write the prompt, then - [ ] options, then a > explanation",
            )
    if prompt_inline is None:
        ctx.problems.error(line, "the question has no text")
        return None
    type_name, params, flags, children = _type_marker(prompt_inline, ctx, line)
    if type_name is None:
        return None
    prompt_html = md.renderer.renderInline(children, md.options, env).strip()
    return QuizItem(type_name, params, prompt_html, tuple(options), explanation, line, flags)


def _type_marker(
    inline: Token, ctx: RenderContext, line: int
) -> tuple[str | None, dict[str, str], frozenset[str], list[Token]]:
    """Split ``{number tolerance=0.5}`` off the end of the prompt."""
    children = list(inline.children or [])
    match = _TYPE_MARK.search(inline.content)
    if match is None:
        return DEFAULT_TYPE, {}, frozenset(), children
    words = match.group(1).split()
    last = children[-1] if children else None
    if last is None or last.type != "text" or not last.content.rstrip().endswith("}"):
        return DEFAULT_TYPE, {}, frozenset(), children
    tail = _TYPE_MARK.search(last.content)
    if tail is None:
        return DEFAULT_TYPE, {}, frozenset(), children
    stripped = Token("text", "", 0)
    stripped.content = last.content[: tail.start()]
    children[-1] = stripped
    if not words:
        ctx.problems.error(line, "empty question type '{}': write e.g. {multiple}")
        return None, {}, frozenset(), children
    params: dict[str, str] = {}
    flags: set[str] = set()
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep:
            flags.add(word)
            continue
        if not key or not value:
            ctx.problems.error(line, f"question setting '{word}' must look like key=value or a word such as partial")
            return None, {}, frozenset(), children
        params[key] = value
    return words[0], params, frozenset(flags), children


def _option(md: MarkdownIt, option: list[Token], ctx: RenderContext, env: dict) -> ItemOption | None:
    """One list item under a question: ``[x] text``, ``[ ] text``, a plain item, or ``left :: right``."""
    line = ctx.line(option[0].map)
    parts = blocks(option[1:-1])
    if not parts or parts[0][0].type != "paragraph_open":
        ctx.problems.error(line, "an option must be written - [ ] text or - [x] text")
        return None
    inline = parts[0][1]
    if len(parts) > 1:
        ctx.problems.error(line, "an option is a single paragraph")
    children = list(inline.children or [])
    match = _OPTION_MARK.match(inline.content)
    mark: str | None = None
    source = inline.content.strip()
    if match is not None and children and children[0].type == "text":
        mark = match.group(1).lower()
        first = Token("text", "", 0)
        first.content = _OPTION_MARK.sub("", children[0].content, count=1)
        children[0] = first
        source = inline.content[match.end() :].strip()
    if not source:
        ctx.problems.error(line, "the option is empty")
        return None
    render = md.renderer.renderInline
    html = render(children, md.options, env).strip()
    pair = _pair(children)
    pair_html = None
    if pair is not None:
        left, right = (render(side, md.options, env).strip() for side in pair)
        pair_html = (left, right) if left and right else None
    return ItemOption(mark, html, source, line, _image(children), pair_html)


def _pair(children: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """Split ``left :: right`` at the first ``::`` in the item's text."""
    for index, child in enumerate(children):
        if child.type == "text" and _PAIR in child.content:
            before, _, after = child.content.partition(_PAIR)
            left, right = Token("text", "", 0), Token("text", "", 0)
            left.content, right.content = before.rstrip(), after.lstrip()
            return children[:index] + [left], [right] + children[index + 1 :]
    return None


def _image(children: list[Token]) -> Image | None:
    """A picture option's image (the image rule has checked it and its alt text)."""
    for child in children:
        if child.type == "image":
            src = str(child.attrGet("src") or "")
            alt = "".join(c.content for c in child.children or [])
            if src and alt.strip():
                return Image(src, alt.strip())
    return None
