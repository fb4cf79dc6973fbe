"""Certificate PDFs: an HTML template rendered by Jinja2, laid out by WeasyPrint, A4 landscape.

The renderer takes a :class:`CertificateContext` of plain data. Every fixed phrase and the stage's
name come from the UI message catalogues (:mod:`ailit.translations`). Fonts come from the system
(Noto Sans, Noto Naskh Arabic, Noto Sans CJK SC) and WeasyPrint embeds subsets of them. The
stylesheet and the font configuration are built once per process and reused, which is what
keeps a warm render close to a bare WeasyPrint render (see ``bench/certificates.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import segno
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from ailit.certificates.fetcher import PROJECT_ROOT, STATIC_ROOT, static_only_fetcher
from ailit.locales import DEFAULT_LOCALE, direction, is_locale
from ailit.stages import STAGE_NAMES
from ailit.translations import gettext_for

TEMPLATES_ROOT = PROJECT_ROOT / "templates"
TEMPLATE = "certificates/certificate.html"
STYLESHEET = STATIC_ROOT / "certificates" / "certificate.css"
FONTS_STYLESHEET = STATIC_ROOT / "print" / "fonts.css"  # shared by every printed document

# Explicit direction marks, embeddings, overrides and isolates: in a name they could reorder
# the surrounding text (e.g. make "Ali" display as "ilA" or move the course title).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The lang tag sets which glyphs CJK fonts use: Simplified Chinese, not Japanese forms.
_HTML_LANG = {"zh": "zh-Hans"}
_BABEL_LOCALE = {"zh": "zh_Hans_CN"}


def clean_display_text(text: str) -> str:
    """``text`` without bidi controls or other control characters, whitespace collapsed."""
    text = _BIDI_CONTROLS.sub("", text)
    text = "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in text)
    return " ".join(text.split())


@dataclass(frozen=True)
class CertificateContext:
    """Everything printed on one certificate, as plain data (no ORM objects)."""

    learner_name: str
    course_title: str
    stage: str
    hours: float
    issued_on: date
    issuer_name: str
    code: str
    verify_url: str
    locale: str
    school_name: str | None = None
    kind: str = "completion"  # or "assessed"


def _size_class(text: str, limits: tuple[int, ...]) -> str:
    """A size step for ``text``: long names and titles get smaller type so they stay on the page."""
    for step, limit in enumerate(limits):
        if len(text) <= limit:
            return f"size-{step}"
    return f"size-{len(limits)}"


def qr_svg(url: str) -> Markup:
    """The verification URL as an inline SVG QR code (no external resource to fetch)."""
    svg = segno.make(url, error="m", micro=False).svg_inline(scale=4, border=2, omitsize=True, dark="#1b2a41")
    return Markup(svg)  # nosec B704  # SVG made by segno from a URL it encodes as modules, no text


def babel_locale(locale: str) -> str:
    """The Babel locale for dates and numbers in ``locale`` (Simplified Chinese for ``zh``)."""
    return _BABEL_LOCALE.get(locale, locale)


def html_lang(locale: str) -> str:
    """The ``lang`` attribute: it also picks the CJK font's Simplified Chinese forms."""
    return _HTML_LANG.get(locale, locale)


@cache
def template_environment(templates_root: Path) -> jinja2.Environment:
    """A Jinja environment for documents rendered outside Flask (certificates, login cards)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_root),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# WeasyPrint is imported inside the functions that render: the web app starts without it.


@cache
def font_config() -> Any:
    """One font configuration per process: fontconfig lookups are the slow part of a render."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def parsed_stylesheet(path: Path) -> Any:
    """A print stylesheet parsed once per process and shared by every render."""
    from weasyprint import CSS

    return CSS(filename=str(path), font_config=font_config(), url_fetcher=static_only_fetcher())


def print_stylesheets(path: Path) -> list[Any]:
    """The shared font rules, then the document's own stylesheet, parsed once per process."""
    return [parsed_stylesheet(FONTS_STYLESHEET), parsed_stylesheet(path)]


def render_certificate_html(context: CertificateContext, templates_root: Path = TEMPLATES_ROOT) -> str:
    """The certificate as an HTML document (what WeasyPrint lays out)."""
    locale = context.locale if is_locale(context.locale) else DEFAULT_LOCALE
    _ = gettext_for(locale)
    name = clean_display_text(context.learner_name)
    title = clean_display_text(context.course_title)
    stage = STAGE_NAMES.get(context.stage)
    return template_environment(templates_root).get_template(TEMPLATE).render(
        _=_,
        lang=html_lang(locale),
        dir=direction(locale),
        name=name,
        name_size=_size_class(name, (28, 48, 80, 130)),
        course_title=title,
        title_size=_size_class(title, (40, 70, 120)),
        stage_label=_(stage) if stage else clean_display_text(context.stage),
        hours=format_decimal(context.hours, format="#,##0.#", locale=babel_locale(locale)),
        issued_on=format_date(context.issued_on, format="long", locale=babel_locale(locale)),
        issuer_name=clean_display_text(context.issuer_name),
        school_name=clean_display_text(context.school_name or ""),
        code=context.code,
        verify_url=context.verify_url,
        qr=qr_svg(context.verify_url),
        kind=context.kind,
    )


def render_certificate_pdf(context: CertificateContext) -> bytes:
    """The certificate as PDF bytes: one A4 landscape page with subset, embedded fonts."""
    from weasyprint import HTML

    html = HTML(
        string=render_certificate_html(context),
        base_url=STATIC_ROOT.as_uri() + "/",
        url_fetcher=static_only_fetcher(),
    )
    return html.write_pdf(stylesheets=print_stylesheets(STYLESHEET), font_config=font_config())
