"""The links plugin: checks and rewrites links and images for the web, and makes them safe.

- images must be files in the module's ``media/`` folder and have alt text; they render as
  ``/media/<course>/<module>/<file>`` with ``loading="lazy"``; a lesson in locale L that shows
  ``media/x.svg`` gets ``media/L/x.svg`` when the module has it (a figure drawn per language);
- ``../02-other/`` (or ``../02-other/en.md``) links to another module of the course render as
  ``../<module-id>/``; other relative links are errors;
- external links get ``rel="noopener noreferrer"``;
- any other scheme (``javascript:``, ``vbscript:``, ``data:``, ``tel:``...) is an error, and the
  link or image is removed from the page, its text kept (see :func:`allowed_url`).

markdown-it's own URL validator would drop such links silently, before this plugin could say
where they are; so the validator lets every URL through and the core rule below decides, with
or without a render context.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ailit.content.context import RenderContext, context_of
from ailit.content.diagnostics import did_you_mean
from ailit.locales import LOCALES

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_SCHEMES = frozenset({"http", "https"})
_LOCALE_FILE = re.compile(r"^(%s)\.md$" % "|".join(LOCALES))
_SHOWN = 60  # characters of a refused URL quoted in its message (a data: URL can be huge)


def allowed_url(url: str) -> bool:
    """True for a relative URL or an http(s)/mailto one; script, data and other schemes are refused.

    Percent-escapes, spaces and control characters are removed first, so ``Java%09Script:``
    counts as ``javascript:``.
    """
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", unquote(url)).lower()
    match = _SCHEME.match(cleaned)
    return not match or match.group(1) in ALLOWED_SCHEMES


def links_plugin(md: MarkdownIt) -> None:
    """Install the core rule that checks, rewrites and neutralises links and images."""
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # decided in _rewrite_links
    md.core.ruler.push("ailit_links", _rewrite_links)


def _rewrite_links(state: StateCore) -> None:
    ctx = context_of(state.env)
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        first = ctx.line(token.map) if ctx else 1
        breaks = 0  # line breaks seen so far: the paragraph's line the child is on
        children: list[Token] = []
        refused = False  # inside a refused link: its link_close goes too
        for child in token.children:
            line = first + breaks
            if child.type in ("softbreak", "hardbreak"):
                breaks += 1
            elif child.type == "link_open":
                refused = not _link(child, ctx, line)
                if refused:
                    continue
            elif child.type == "link_close" and refused:
                refused = False
                continue
            elif child.type == "image":
                breaks += sum(c.type in ("softbreak", "hardbreak") for c in child.children or ())
                if not _image(child, ctx, line):
                    child = Token("text", "", 0, content=child.content)
            children.append(child)
        token.children = children


def _refused(kind: str, url: str, ctx: RenderContext | None, line: int, advice: str) -> None:
    if ctx is not None:
        shown = url if len(url) <= _SHOWN else url[:_SHOWN] + "…"
        ctx.problems.error(line, f"{kind} '{shown}' is not allowed: {advice}")


def _link(token: Token, ctx: RenderContext | None, line: int) -> bool:
    """Check and rewrite one link; False when it must not be a link at all."""
    href = str(token.attrGet("href") or "")
    if not allowed_url(href):
        advice = "use an https:// address or a link to a module (../02-module-id/)"
        _refused("link", href, ctx, line, advice)
        return False
    scheme = _SCHEME.match(href)
    if scheme or href.startswith("//"):
        if href.startswith("//") or (scheme and scheme.group(1).lower() in EXTERNAL_SCHEMES):
            token.attrSet("rel", "noopener noreferrer")
        return True
    if ctx is None or href.startswith(("#", "/")) or not href:
        return True
    path, _, fragment = href.partition("#")
    target = _module_link(unquote(path), ctx)
    if target is None:
        folder = _module_folder(unquote(path))
        if folder is not None:
            hint = did_you_mean(folder, list(ctx.modules))
            ctx.problems.error(line, f"link '{href}': there is no module folder '{folder}' in this course{hint}")
        else:
            ctx.problems.error(
                line,
                f"link '{href}' does not point to a module of this course: "
                "write ../NN-module-id/ or a full https:// address",
            )
        return True
    token.attrSet("href", target + (f"#{fragment}" if fragment else ""))
    return True


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


def _image(token: Token, ctx: RenderContext | None, line: int) -> bool:
    """Check and rewrite one image; False when it must not be shown (its alt text is, instead)."""
    src = str(token.attrGet("src") or "")
    if not allowed_url(src):
        _refused("image", src, ctx, line, "use a file in this module's media/ folder, e.g. media/picture.png")
        return False
    token.attrSet("loading", "lazy")
    if ctx is None:
        return True
    if not token.content.strip():
        ctx.problems.error(line, f"image '{src}' has no alt text: describe it between the brackets ![...]")
    name = _media_name(unquote(src))
    if name is None or _SCHEME.match(src) or src.startswith("/"):
        ctx.problems.error(
            line, f"image '{src}' must be a file in this module's media/ folder, e.g. media/picture.png"
        )
        return True
    shown = localised_media(name, ctx.locale, ctx.media)
    if shown is None:
        hint = did_you_mean(name, sorted(ctx.media))
        ctx.problems.error(line, f"image 'media/{name}' does not exist in this module's media/ folder{hint}")
        return True
    ctx.images.append((line, name))
    token.attrSet("src", f"/media/{ctx.course_id}/{ctx.module_id}/{quote(shown)}")
    return True


def localised_media(name: str, locale: str, media: frozenset[str]) -> str | None:
    """The file a lesson in ``locale`` shows for ``media/<name>``: ``<locale>/<name>`` where the
    module has one (a figure drawn in that language), else the shared file; None when neither exists.
    """
    drawn = f"{locale}/{name}"
    if drawn in media:
        return drawn
    return name if name in media else None


def _media_name(src: str) -> str | None:
    """``media/a/b.png`` → ``a/b.png``; None when the path leaves ``media/``."""
    if "\\" in src:
        return None
    normal = posixpath.normpath(src.partition("?")[0].partition("#")[0])
    if not normal.startswith("media/") or ".." in normal.split("/"):
        return None
    return normal[len("media/") :]
