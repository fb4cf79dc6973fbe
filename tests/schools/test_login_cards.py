"""Login-card PDFs: names in every script, the class's language, several cards per page."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from ailit.locales import LOCALES
from ailit.translations import gettext_for
from ailit.services.login_cards import (
    CARDS_PER_PAGE,
    CARDS_PER_PAGE_WITH_PICTURES,
    LoginCard,
    LoginCardSheet,
    render_login_cards_html,
    render_login_cards_pdf,
)

pytestmark = pytest.mark.pdf


def _sheet(locale: str, names: list[str], class_name: str = "5B", school: str | None = None) -> LoginCardSheet:
    cards = tuple(
        LoginCard(name, f"c7k2-{n:02d}", None if n == 2 else f"k7m2-p9x{n}",
                  f"https://ailit.example.org/{locale}/card?t=token-{n:02d}-abcdefghijklmnop")
        for n, name in enumerate(names, start=1)
    )
    return LoginCardSheet(class_name, locale, "https://ailit.example.org/ar/sign-in", cards, school_name=school)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


PHRASES = (
    "Login cards",
    "Username",
    "Password",
    "Sign in at",
    "You chose your own password.",
    "The first time you sign in, you will choose your own password.",
    "Teacher",
    "Scan to sign in",
)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_phrase_comes_translated_from_the_ui_catalogues(locale):
    _ = gettext_for(locale)
    html = render_login_cards_html(_sheet(locale, ["One", "Two"]))
    for phrase in PHRASES:
        assert _(phrase) in html
        if locale != "en":
            assert _(phrase) != phrase, f"{locale}: {phrase!r} is not translated"


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
    assert '<td class="secret" dir="ltr">c7k2-01</td>' in html
    pages, text = _text(render_login_cards_pdf(sheet))
    assert pages == 1 and "c7k2-01" in text


def _x_of(pdf: bytes, needles: list[str]) -> dict[str, float]:
    """Where on the first page each text starts, from the left edge (points)."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        for needle in needles:
            if needle in text and needle not in found:
                found[needle] = cm[4] + tm[4] * cm[0]

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_cards_follow_the_reading_direction(locale):
    """Arabic cards are mirrored: the first card on the right, each label right of its value."""
    pdf = render_login_cards_pdf(_sheet(locale, ["Card one", "Card two"]))
    x = _x_of(pdf, ["c7k2-01", "c7k2-02", "Card one", "Card two", gettext_for(locale)("Username")])
    first_on_right = x["c7k2-01"] > x["c7k2-02"]
    label_on_right = x[gettext_for(locale)("Username")] > x["c7k2-01"]
    assert first_on_right == (locale == "ar") and label_on_right == (locale == "ar")


def test_school_name_and_signature_line_where_there_is_a_school():
    with_school = render_login_cards_html(_sheet("fr", ["Un"], school="École Jules Ferry"))
    assert "<bdi>École Jules Ferry</bdi>" in with_school and 'class="signature"' in with_school
    assert "École" not in render_login_cards_html(_sheet("fr", ["Un"]))


def test_a_learner_who_chose_a_password_gets_no_password_on_the_card():
    html = render_login_cards_html(_sheet("en", ["One", "Two"]))
    assert "k7m2-p9x1" in html and "k7m2-p9x2" not in html
    assert "You chose your own password." in html


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


def test_an_odd_card_keeps_half_the_row():
    assert render_login_cards_html(_sheet("en", ["One", "Two", "Three"])).count('class="card empty"') == 1
    assert 'class="card empty"' not in render_login_cards_html(_sheet("en", ["One", "Two"]))


def test_each_card_has_its_own_qr_code_and_a_card_without_a_link_has_none():
    sheet = _sheet("en", ["One", "Two"])
    sheet = LoginCardSheet(sheet.class_name, "en", sheet.sign_in_url,
                           (sheet.cards[0], LoginCard("Two", "c7k2-02", None, None)))
    html = render_login_cards_html(sheet)
    assert html.count("<svg") == 1 and html.count("Scan to sign in") == 1
    assert "token-01" not in html  # the link is drawn as modules, never written out


def test_a_full_page_of_cards_with_qr_codes_still_fits_ten_to_a_page():
    names = [f"Learner with a rather long name number {n}" for n in range(CARDS_PER_PAGE)]
    pages, text = _text(render_login_cards_pdf(_sheet("ar", names)))
    assert pages == 1 and text.count(gettext_for("ar")("Scan to sign in")) == CARDS_PER_PAGE


def test_the_qr_codes_decode_to_each_learners_own_link(tmp_path):
    """Rendered at 150 dpi (a plain office printer does better), zbarimg reads every code."""
    sheet = _sheet("ar", [f"Learner {n}" for n in range(CARDS_PER_PAGE)])
    (tmp_path / "cards.pdf").write_bytes(render_login_cards_pdf(sheet))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "cards.pdf"), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", *sorted(str(p) for p in tmp_path.glob("page*.png"))],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert sorted(decoded) == sorted(card.sign_in_link for card in sheet.cards)


@pytest.mark.parametrize("locale", ["fr", "ru", "ar"])
def test_a_picture_class_prints_taller_cards_a_full_sheet_at_a_time(locale):
    """QR code, one-time password and three pictures: eight long-named cards to a page, never spilling."""
    sheet = _sheet(locale, [f"Alexandra Konstantinopolskaya-Beaulieu {n}" for n in range(CARDS_PER_PAGE_WITH_PICTURES + 1)])
    pictured = tuple(replace(card, pictures=("flower", "house", "bird")) for card in sheet.cards)
    sheet = replace(sheet, cards=pictured, qr_valid_until=date(2027, 1, 2))
    assert render_login_cards_html(sheet).count('<section class="sheet">') == 2
    reader = PdfReader(io.BytesIO(render_login_cards_pdf(sheet)))
    first, second = (page.extract_text() for page in reader.pages)  # each sheet fits its page
    assert all(f"c7k2-{n:02d}" in first for n in range(1, CARDS_PER_PAGE_WITH_PICTURES + 1))
    assert f"c7k2-{CARDS_PER_PAGE_WITH_PICTURES + 1:02d}" in second


def test_the_qr_codes_last_day_is_printed_in_the_class_language():
    sheet = replace(_sheet("fr", ["Un", "Deux"]), qr_valid_until=date(2027, 1, 2))
    assert render_login_cards_html(sheet).count("jusqu’au 2 janv. 2027") == 2
    assert "jusqu’au" not in render_login_cards_html(_sheet("fr", ["Un", "Deux"]))
