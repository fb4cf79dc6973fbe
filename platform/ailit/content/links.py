"""The links plugin: checks and rewrites links and images for the web, and makes them safe.

- images must be files in the module's ``media/`` folder and have alt text; they render as
  ``/media/<course>/<module>/<file>`` with ``loading="lazy"``;
- ``../02-other/`` (or ``../02-other/en.md``) links to another module of the course render as
  ``../<module-id>/``; other relative links are errors;
- external links get ``rel="noopener noreferrer"``; ``javascript:``, ``vbscript:`` and
  ``data:`` URLs never become links at all (see :func:`safe_url`).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ailit.content.context import RenderContext, context_of
from ailit.locales import LOCALES

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
EXTERNAL_SCHEMES = frozenset({"http", "https"})
_LOCALE_FILE = re.compile(r"^(%s)\.md$" % "|".join(LOCALES))


def safe_url(url: str) -> bool:
    """markdown-it's link validator: refuse script and data URLs (even obfuscated ones)."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", unquote(url)).lower()
    match = _SCHEME.match(cleaned)
    return not (match and match.group(1) in UNSAFE_SCHEMES)


def links_plugin(md: MarkdownIt) -> None:
    """Install the URL validator and the core rule that checks and rewrites links and images."""
    md.validateLink = safe_url  # type: ignore[method-assign]
    md.core.ruler.push("ailit_links", _rewrite_links)


def _rewrite_links(state: StateCore) -> None:
    ctx = context_of(state.env)
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        line = ctx.line(token.map) if ctx else 1
        for child in token.children:
            if child.type == "link_open":
                _link(child, ctx, line)
            elif child.type == "image":
                _image(child, ctx, line)


def _link(token: Token, ctx: RenderContext | None, line: int) -> None:
    href = str(token.attrGet("href") or "")
    scheme = _SCHEME.match(href)
    if scheme or href.startswith("//"):
        if href.startswith("//") or (scheme and scheme.group(1).lower() in EXTERNAL_SCHEMES):
            token.attrSet("rel", "noopener noreferrer")
        return
    if ctx is None or href.startswith(("#", "/")) or not href:
        return
    path, _, fragment = href.partition("#")
    target = _module_link(unquote(path), ctx)
    if target is None:
        folder = _module_folder(unquote(path))
        if folder is not None:
            ctx.problems.error(line, f"link '{href}': there is no module folder '{folder}' in this course")
        else:
            ctx.problems.error(
                line,
                f"link '{href}' does not point to a module of this course: "
                "write ../NN-module-id/ or a full https:// address",
            )
        return
    token.attrSet("href", target + (f"#{fragment}" if fragment else ""))


def _module_folder(path: str) -> str | None:
    """The folder a ``../NN-name/[locale.md]`` link names, whether or not it exists."""
    parts = [p for p in posixpath.normpath(path).split("/") if p not in ("", ".")]
    if len(parts) in (2, 3) and parts[0] == ".." and re.match(r"^\d+-", parts[1]):
        if len(parts) == 2 or _LOCALE_FILE.match(parts[2]):
            return parts[1]
    return None


def _module_link(path: str, ctx: RenderContext) -> str | None:
    folder = _module_folder(path)
    if folder is None or folder not in ctx.modules:
        return None
    return f"../{ctx.modules[folder]}/"


def _image(token: Token, ctx: RenderContext | None, line: int) -> None:
    src = str(token.attrGet("src") or "")
    token.attrSet("loading", "lazy")
    if ctx is None:
        return
    if not token.content.strip():
        ctx.problems.error(line, f"image '{src}' has no alt text: describe it between the brackets ![...]")
    name = _media_name(unquote(src))
    if name is None or _SCHEME.match(src) or src.startswith("/"):
        ctx.problems.error(
            line, f"image '{src}' must be a file in this module's media/ folder, e.g. media/picture.png"
        )
        return
    if name not in ctx.media:
        ctx.problems.error(line, f"image 'media/{name}' does not exist in this module's media/ folder")
        return
    token.attrSet("src", f"/media/{ctx.course_id}/{ctx.module_id}/{quote(name)}")


def _media_name(src: str) -> str | None:
    """``media/a/b.png`` → ``a/b.png``; None when the path leaves ``media/``."""
    if "\\" in src:
        return None
    normal = posixpath.normpath(src.partition("?")[0].partition("#")[0])
    if not normal.startswith("media/") or ".." in normal.split("/"):
        return None
    return normal[len("media/") :]
