"""Login cards: a printable PDF with each learner's name, username, one-time password, sign-in URL
and, for learners the teacher created, a QR code that signs them in (:mod:`ailit.services.card_sign_in`).

Cards are laid out ten to an A4 page in the class's language (Arabic right to left, Chinese in
Simplified forms). The renderer reuses the certificate package's machinery: the font
configuration shared by every render, the fetcher that loads only files from ``static/``, and
the cleaning of names from bidi controls. Its phrases come from the UI catalogues
(:mod:`ailit.translations`), like every page's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from ailit.certificates.fetcher import PROJECT_ROOT, STATIC_ROOT, static_only_fetcher
from ailit.certificates.pdf import (
    babel_locale,
    clean_display_text,
    font_config,
    html_lang,
    print_stylesheets,
    qr_svg,
    template_environment,
)
from ailit.locales import DEFAULT_LOCALE, direction, is_locale
from ailit.pictures import PICTURE_NAMES, picture_file
from ailit.translations import gettext_for

TEMPLATES_ROOT = PROJECT_ROOT / "templates"
TEMPLATE = "schools/login_cards.html"
STYLESHEET = STATIC_ROOT / "schools" / "login-cards.css"
CARDS_PER_PAGE = 10
CARDS_PER_PAGE_WITH_PICTURES = 8  # taller cards: the picture password takes three more lines

@dataclass(frozen=True)
class LoginCard:
    """One learner's card; ``password`` is None when the learner has already chosen their own,
    ``sign_in_link`` (the QR code's address) None for a learner who joined with a code;
    ``pictures``: their picture password, when one was just made for the card."""

    display_name: str
    username: str
    password: str | None
    sign_in_link: str | None = None
    pictures: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoginCardSheet:
    """Everything printed on a class's cards, as plain data."""

    class_name: str
    locale: str
    sign_in_url: str
    cards: tuple[LoginCard, ...]
    school_name: str | None = None
    qr_valid_until: date | None = None  # the last day the sheet's QR codes sign anyone in


def render_login_cards_html(sheet: LoginCardSheet) -> str:
    """The cards as an HTML document (what WeasyPrint lays out)."""
    locale = sheet.locale if is_locale(sheet.locale) else DEFAULT_LOCALE
    cards = [
        LoginCard(
            clean_display_text(card.display_name), card.username, card.password,
            sign_in_link=card.sign_in_link, pictures=card.pictures,
        )
        for card in sheet.cards
    ]
    per_page = CARDS_PER_PAGE_WITH_PICTURES if any(card.pictures for card in cards) else CARDS_PER_PAGE
    pages = [cards[i : i + per_page] for i in range(0, len(cards), per_page)]
    return template_environment(TEMPLATES_ROOT).get_template(TEMPLATE).render(
        _=gettext_for(locale),
        lang=html_lang(locale),
        dir=direction(locale),
        class_name=clean_display_text(sheet.class_name),
        school_name=clean_display_text(sheet.school_name or ""),
        sign_in_url=sheet.sign_in_url,
        qr_valid_until=(
            format_date(sheet.qr_valid_until, format="medium", locale=babel_locale(locale))
            if sheet.qr_valid_until else None
        ),
        pages=pages,
        picture_names=PICTURE_NAMES,
        picture_file=picture_file,
        qr_svg=qr_svg,
    )


def render_login_cards_pdf(sheet: LoginCardSheet) -> bytes:
    """The cards as PDF bytes: A4 portrait, ten cards a page, fonts embedded as subsets."""
    from weasyprint import HTML  # imported when a PDF is made, not when the app starts

    html = HTML(
        string=render_login_cards_html(sheet),
        base_url=STATIC_ROOT.as_uri() + "/",
        url_fetcher=static_only_fetcher(),
    )
    return html.write_pdf(stylesheets=print_stylesheets(STYLESHEET), font_config=font_config())
