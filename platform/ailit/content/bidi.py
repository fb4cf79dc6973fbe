"""Bidirectional text in right-to-left lessons: arithmetic isolated left to right.

Inside Arabic text, "3 / 6" would show as "6 / 3" and "4+4+4=12" backwards: digits are weakly
left-to-right and the operators between them take the direction of the Arabic around them.
Each run of numbers joined by operators is written as ``<bdi dir="ltr">…</bdi>`` so that it
reads in the order it was typed. Code spans are left alone (they are isolated by the stylesheet).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ailit.content.context import context_of
from ailit.locales import direction

NUMBER = r"\d+(?:[.,]\d+)?%?"
# Two or more numbers joined by operators: 3 / 6, 4+4+4=12, 10:30, 2 × 3 = 6, 1-2.
EXPRESSION = re.compile(rf"(?<![0-9A-Za-z.,]){NUMBER}(?:\s*[-+−=×÷*/:<>≤≥]\s*{NUMBER})+(?![0-9A-Za-z])")
TOKEN_TYPE = "ltr_run"  # nosec B105 - a markdown-it token type, not a password


def bidi_plugin(md: MarkdownIt) -> None:
    """Register the rule that isolates arithmetic in right-to-left lessons, and its renderer."""
    md.core.ruler.push("ailit_bidi", _isolate)
    md.add_render_rule(TOKEN_TYPE, _render)


def _isolate(state: StateCore) -> None:
    ctx = context_of(state.env)
    if ctx is None or direction(ctx.locale) != "rtl":
        return
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        for child in token.children:
            if child.type == "text" and EXPRESSION.search(child.content):
                children.extend(_split(child))
            else:
                children.append(child)
        token.children = children


def _split(child: Token) -> list[Token]:
    parts: list[Token] = []
    text, start = child.content, 0
    for match in EXPRESSION.finditer(text):
        if match.start() > start:
            parts.append(_text(text[start : match.start()]))
        run = Token(TOKEN_TYPE, "", 0)
        run.content = match.group(0)
        parts.append(run)
        start = match.end()
    if start < len(text):
        parts.append(_text(text[start:]))
    return parts


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _render(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    return f'<bdi dir="ltr">{escape(tokens[idx].content, quote=False)}</bdi>'
