"""Login-card PDFs: names in every script, the class's language, several cards per page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ailit.locales import LOCALES
from ailit.services.login_cards import (
    CARDS_PER_PAGE,
    PHRASES,
    LoginCard,
    LoginCardSheet,
    render_login_cards_html,
    render_login_cards_pdf,
)

pytestmark = pytest.mark.pdf


def _sheet(locale: str, names: list[str], class_name: str = "5B") -> LoginCardSheet:
    cards = tuple(
        LoginCard(name, f"c7k2-{n:02d}", None if n == 2 else f"k7m2-p9x{n}")
        for n, name in enumerate(names, start=1)
    )
    return LoginCardSheet(class_name, locale, "https://ailit.example.org/ar/sign-in", cards)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_every_locale_has_every_phrase():
    assert set(PHRASES) == set(LOCALES)
    assert all(PHRASES[locale].keys() == PHRASES["en"].keys() for locale in LOCALES)


@pytest.mark.parametrize(
    ("locale", "name", "phrase"),
    [
        ("en", "Zoë Ñúñez", "Username"),
        ("ru", "Иван Петров", "Пароль"),
        ("zh", "李小龙", "用户名"),
    ],
)
def test_card_text_in_the_class_language(locale, name, phrase):
    pages, text = _text(render_login_cards_pdf(_sheet(locale, [name, "Second"])))
    assert pages == 1
    assert name in text and phrase in text
    assert "c7k2-01" in text and "k7m2-p9x1" in text
    assert "https://ailit.example.org/ar/sign-in" in text


def test_arabic_cards_are_right_to_left_with_isolated_names():
    sheet = _sheet("ar", ["فاطمة الزهراء", "Bad\u202eName"])
    html = render_login_cards_html(sheet)
    assert 'lang="ar" dir="rtl"' in html
    assert "\u202e" not in html  # bidi controls stripped: they could reorder the card
    assert '<dd class="secret" dir="ltr">c7k2-01</dd>' in html
    pages, text = _text(render_login_cards_pdf(sheet))
    assert pages == 1 and "c7k2-01" in text


def test_a_learner_who_chose_a_password_gets_no_password_on_the_card():
    html = render_login_cards_html(_sheet("en", ["One", "Two"]))
    assert "k7m2-p9x1" in html and "k7m2-p9x2" not in html
    assert PHRASES["en"]["own_password"] in html


def test_several_cards_per_page():
    names = [f"Learner {n}" for n in range(CARDS_PER_PAGE + 1)]
    pages, text = _text(render_login_cards_pdf(_sheet("en", names)))
    assert pages == 2
    assert f"c7k2-{CARDS_PER_PAGE + 1:02d}" in text


def test_fonts_are_embedded():
    reader = PdfReader(io.BytesIO(render_login_cards_pdf(_sheet("zh", ["李小龙"]))))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for font in fonts.values() if "/DescendantFonts" in font.get_object()]
    assert descriptors and all("/FontFile2" in d or "/FontFile3" in d or "/FontFile" in d for d in descriptors)
