"""Certificate PDFs in every script: text, fonts, one page, bidi safety, restricted fetching."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from markupsafe import escape
from pypdf import PdfReader

from ailit.certificates.fetcher import STATIC_ROOT, ForbiddenResource, static_only_fetcher, static_path
from ailit.certificates.pdf import (
    CertificateContext,
    clean_display_text,
    render_certificate_html,
    render_certificate_pdf,
)
from ailit.locales import LOCALES
from ailit.stages import STAGE_NAMES, STAGES
from ailit.translations import gettext_for

CODE = "0K3F-Q9ZB-7M2T-XW4P-8HJD-3C6N-R5VA"

SAMPLES = {
    "en": ("Zoë Ñúñez-O'Brien", "AI Explorers"),
    "fr": ("Hélène Dubois-Lefèvre", "Explorateurs de l'IA"),
    "es": ("José Ángel Muñoz", "Exploradores de la IA"),
    "ru": ("Анна Сергеевна Иванова", "Исследователи ИИ"),
    "ar": ("فاطمة الزهراء بن علي", "مستكشفو الذكاء الاصطناعي"),
    "zh": ("王小明", "人工智能探索者"),
}


def make_context(locale="en", **overrides):
    name, title = SAMPLES[locale]
    values = dict(
        learner_name=name,
        course_title=title,
        stage="primary",
        hours=4,
        issued_on=date(2025, 3, 1),
        issuer_name="ailit",
        code=CODE,
        verify_url=f"https://ailit.example.org/{locale}/verify/{CODE}",
        locale=locale,
    )
    values.update(overrides)
    return CertificateContext(**values)


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.pdf
@pytest.mark.parametrize("locale", LOCALES)
def test_pdf_has_name_title_and_code_in_every_script(locale):
    reader, text = pdf_text(render_certificate_pdf(make_context(locale)))
    name, title = SAMPLES[locale]
    assert len(reader.pages) == 1
    assert name in text
    assert title in text
    assert CODE in text
    assert gettext_for(locale)("Certificate of Completion") in text


@pytest.mark.pdf
def test_pdf_is_a4_landscape():
    reader, _ = pdf_text(render_certificate_pdf(make_context()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)


@pytest.mark.pdf
@pytest.mark.parametrize("locale", ["ar", "zh", "ru"])
def test_pdf_embeds_subset_fonts(locale):
    reader, _ = pdf_text(render_certificate_pdf(make_context(locale)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"]), font["/BaseFont"]  # a subset
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))  # embedded
    names = " ".join(str(ref.get_object()["/BaseFont"]) for ref in fonts.values())
    expected = {"ar": "Naskh-Arabic", "zh": "CJK-SC", "ru": "Noto-Sans"}[locale]
    assert expected in names


@pytest.mark.pdf
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_emoji_in_a_name_is_drawn_not_a_missing_glyph_box(locale):
    # Names are any Unicode: an emoji needs a font with it (scripts/setup.sh installs one).
    pdf = render_certificate_pdf(make_context(locale, learner_name="Sara \U0001F31F Ålvarez"))
    reader, _ = pdf_text(pdf)
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    assert any("Emoji" in str(ref.get_object()["/BaseFont"]) for ref in fonts)


@pytest.mark.pdf
@pytest.mark.parametrize("locale", ["en", "ar", "zh"])
def test_very_long_name_stays_on_one_page(locale):
    base = {"en": "Maximiliana Konstantinopoulou-Wolfeschlegel ", "ar": "عبد الرحمن ", "zh": "欧阳"}[locale]
    name = (base * 200)[:200]
    reader, text = pdf_text(render_certificate_pdf(make_context(locale, learner_name=name)))
    assert len(reader.pages) == 1
    assert compact(name) in compact(text)
    assert CODE in text  # the footer was not pushed off the page


@pytest.mark.pdf
def test_long_unbroken_name_wraps_instead_of_overflowing():
    name = "W" * 200
    reader, text = pdf_text(render_certificate_pdf(make_context(learner_name=name)))
    assert len(reader.pages) == 1
    assert compact(text).count("W" * 200) == 1


def test_html_language_and_direction():
    assert '<html lang="ar" dir="rtl">' in render_certificate_html(make_context("ar"))
    assert '<html lang="zh-Hans" dir="ltr">' in render_certificate_html(make_context("zh"))
    assert '<html lang="en" dir="ltr">' in render_certificate_html(make_context("en"))


def test_name_is_isolated_and_escaped():
    html = render_certificate_html(make_context(learner_name="<b>Ann</b> & co"))
    assert "<bdi>&lt;b&gt;Ann&lt;/b&gt; &amp; co</bdi>" in html


@pytest.mark.parametrize(
    "spoof", ["\u202eevil\u202c", "\u2067evil\u2069", "\u200fevil", "\u200eevil", "\u061cevil", "\u202aevil", "\u2066evil"]
)
def test_bidi_controls_are_stripped_from_names(spoof):
    assert clean_display_text(f"Ali {spoof}") == "Ali evil"
    html = render_certificate_html(make_context(learner_name=f"Ali {spoof}", course_title=f"AI {spoof}"))
    assert not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", html)


@pytest.mark.pdf
def test_bidi_spoof_does_not_reach_the_pdf():
    _, text = pdf_text(render_certificate_pdf(make_context(learner_name="Ali \u202etxet desrever")))
    assert "\u202e" not in text and "Ali txet desrever" in text


def test_control_characters_and_whitespace_are_cleaned():
    assert clean_display_text("  Ann\x00\n\tLee  ") == "Ann Lee"
    assert clean_display_text("زهراء\u200dعلي") == "زهراء\u200dعلي"  # joiners are kept


def test_dates_are_formatted_for_the_locale():
    assert "1 mars 2025" in render_certificate_html(make_context("fr"))
    assert "2025年3月1日" in render_certificate_html(make_context("zh"))
    assert "March 1, 2025" in render_certificate_html(make_context("en"))


def test_qr_code_is_inline_svg():
    html = render_certificate_html(make_context())
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


PHRASES = (
    "Certificate of Completion",
    "This certifies that",
    "has successfully completed the course",
    "Stage",
    "Learning hours",
    "Date of issue",
    "Issued by",
    "Certificate code",
    "Check this certificate at",
    "Scan to verify",
    "Signature",
)


@pytest.mark.parametrize("locale", LOCALES)
def test_phrases_and_stage_names_come_translated_from_the_ui_catalogues(locale):
    _ = gettext_for(locale)
    for stage in STAGES:
        html = render_certificate_html(make_context(locale, stage=stage))
        assert f"<bdi>{escape(_(STAGE_NAMES[stage]))}</bdi>" in html  # the name the pages show
    for phrase in PHRASES:
        assert escape(_(phrase)) in html
        if locale not in ("en", "fr") or phrase != "Signature":  # "Signature" is French too
            assert locale == "en" or _(phrase) != phrase, f"{locale}: {phrase!r} is not translated"


def test_school_name_and_signature_line():
    with_school = render_certificate_html(make_context("fr", school_name="Lycée Victor Hugo"))
    assert "<bdi>Lycée Victor Hugo</bdi>" in with_school and "signature-line" in with_school
    without = render_certificate_html(make_context("fr"))
    assert "signature-line" in without and 'class="school"' not in without


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.css",
        "https://example.org/font.woff2",
        "ftp://example.org/x",
        "data:text/css,body{}",
        "file:///etc/passwd",
        (STATIC_ROOT / ".." / "pyproject.toml").as_uri(),
        STATIC_ROOT.as_uri() + "/../pyproject.toml",
        "file://evil.example/" + str(STATIC_ROOT / "certificates" / "certificate.css"),
        (STATIC_ROOT / "certificates" / "missing.css").as_uri(),
    ],
)
def test_fetcher_refuses_everything_outside_static(url):
    with pytest.raises(ForbiddenResource):
        static_path(url)
    with pytest.raises(ForbiddenResource):
        static_only_fetcher().fetch(url)


def test_fetcher_serves_static_files():
    css = STATIC_ROOT / "certificates" / "certificate.css"
    assert static_path(css.as_uri()) == css.resolve()
    response = static_only_fetcher().fetch(css.as_uri())
    assert b"@page" in response.read() and response.content_type == "text/css"
