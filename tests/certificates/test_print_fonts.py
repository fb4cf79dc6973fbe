"""Which fonts printed documents embed, as `pdffonts` (poppler-utils) reports them: digits and
Latin text come from the text fonts in every locale; the emoji font only when a name has an
emoji, and then only for the emoji."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from ailit.certificates.pdf import CertificateContext, render_certificate_pdf
from ailit.locales import LOCALES
from ailit.services.login_cards import LoginCard, LoginCardSheet, render_login_cards_pdf

pytestmark = pytest.mark.pdf

NAMES = {"ar": "فاطمة الزهراء", "en": "Ann Lee", "es": "José Muñoz", "fr": "Hélène Dubois", "ru": "Анна Иванова", "zh": "王小明"}
CODE = "0K3F-Q9ZB-7M2T-XW4P-8HJD-3C6N-R5VA"


def _certificate(locale: str, name: str) -> bytes:
    return render_certificate_pdf(
        CertificateContext(
            learner_name=name, course_title="AI 101", stage="primary", hours=12.5, issued_on=date(2026, 12, 3),
            issuer_name="ailit", code=CODE, verify_url=f"https://ailit.example.org/{locale}/verify/{CODE}",
            locale=locale, school_name="School No. 1234",
        )
    )


def _cards(locale: str, name: str) -> bytes:
    cards = (LoginCard(name, "c7k2-01", "k7m2-p9x1"), LoginCard("Omar 2", "c7k2-02", None))
    return render_login_cards_pdf(
        LoginCardSheet("Class 5B", locale, f"https://ailit.example.org/{locale}/sign-in", cards, "School No. 1234")
    )


def pdffonts(pdf: bytes, tmp_path) -> list[str]:
    """Font names in the PDF, from `pdffonts` (installed by scripts/setup.sh)."""
    assert shutil.which("pdffonts"), "pdffonts is missing: run scripts/setup.sh (Debian poppler-utils)"
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split()[0].split("+", 1)[-1] for line in lines[2:]]


def characters_by_font(pdf: bytes) -> dict[str, set[str]]:
    """The characters each embedded font draws, from its ToUnicode map."""
    found: dict[str, set[str]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            chars = found.setdefault(str(font["/BaseFont"]).split("+", 1)[-1], set())
            for match in re.finditer(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]{4,})>", cmap):
                chars.update(bytes.fromhex(match.group(1)).decode("utf-16-be", "replace"))
    return found


@pytest.mark.parametrize("document", ["certificate", "login cards"])
@pytest.mark.parametrize("locale", LOCALES)
def test_no_emoji_font_without_an_emoji(document, locale, tmp_path):
    render = _certificate if document == "certificate" else _cards
    fonts = pdffonts(render(locale, NAMES[locale]), tmp_path)
    assert fonts and not [f for f in fonts if "Emoji" in f], fonts


@pytest.mark.parametrize("document", ["certificate", "login cards"])
@pytest.mark.parametrize("locale", ["en", "ar", "ru", "zh"])
def test_the_emoji_font_draws_only_the_emoji(document, locale, tmp_path):
    render = _certificate if document == "certificate" else _cards
    pdf = render(locale, NAMES[locale] + " \U0001F31F")
    assert any("Emoji" in f for f in pdffonts(pdf, tmp_path))
    for font, chars in characters_by_font(pdf).items():
        if "Emoji" in font:
            assert chars - {"\ufffd", "\uffff"} == {"\U0001F31F"}, (font, chars)  # FFFF: .notdef
