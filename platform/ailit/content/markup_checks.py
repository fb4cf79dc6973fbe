"""Warnings for Markdown that compiles but does not show what the author meant.

Each of these was met by authors: a tab before ``##`` turns the heading into a code block;
``<script>`` or ``<div>`` is shown to learners as text (lessons do not allow HTML); a
front-matter list item indented differently from the one above is read by YAML as part of it,
so two objectives silently become one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from ailit.content.diagnostics import Problems

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
_LIST_ITEM = re.compile(r"^([ \t]*)-[ \t]")
_KEY = re.compile(r"^[A-Za-z_][\w-]*:")


def markup_warnings(tokens: Sequence[Token], problems: Problems) -> None:
    """Warn about indented code blocks and HTML shown as text, at their lines."""
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type == "code_block":
            problems.warning(
                line,
                "this text is indented (a tab or four spaces), so learners see it as a code "
                "block: remove the indentation, or put code between ``` fences",
            )
        elif token.type == "inline":
            found = _HTML_TAG.search(_CODE_SPAN.sub("", token.content))
            if found:
                problems.warning(
                    line,
                    f"'{found.group(0)[:40]}' is shown to learners as text: lessons do not run "
                    "HTML; use Markdown (or put it between `backticks` to show it as code)",
                )


def front_matter_list_warnings(front: str, problems: Problems, offset: int = 1) -> None:
    """Warn where a ``- item`` line is indented unlike the item above it in the same list."""
    lines = front.split("\n")
    indent: str | None = None
    for number, text in enumerate(lines, start=1 + offset):
        if _KEY.match(text):
            indent = None
            continue
        item = _LIST_ITEM.match(text)
        if item is None:
            continue
        if indent is None:
            indent = item.group(1)
        elif item.group(1) != indent:
            problems.warning(
                number,
                "this '- ' line is indented differently from the item above, so YAML reads it "
                "as part of that item: line the dashes up",
            )
