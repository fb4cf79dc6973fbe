"""Arithmetic in right-to-left lessons is isolated left to right; nothing else changes."""

from __future__ import annotations

import pytest

from .cases import render


@pytest.mark.parametrize(
    ("source", "isolated"),
    [
        ("أخذنا 3 / 6 من البطاقات.", ["3 / 6"]),
        ("كم يساوي 4+4+4=12؟", ["4+4+4=12"]),
        ("الساعة 10:30 و2 × 3 = 6 و50% + 25%.", ["10:30", "2 × 3 = 6", "50% + 25%"]),
        ("**3/4** من الصف", ["3/4"]),
    ],
)
def test_arithmetic_is_isolated_in_arabic(source: str, isolated: list[str]) -> None:
    html, problems = render(source, "ar")
    assert not problems.items
    for run in isolated:
        assert f'<bdi dir="ltr">{run}</bdi>' in html


def test_single_numbers_code_and_other_languages_are_left_alone() -> None:
    html, _ = render("في عام 2026 كتبنا `1+1=2` ولدينا 12 بطاقة.", "ar")
    assert "<bdi" not in html and "<code>1+1=2</code>" in html
    html, _ = render("We know 4+4+4=12 and 3 / 6.", "en")
    assert "<bdi" not in html


def test_isolated_text_is_still_escaped() -> None:
    html, _ = render("إذا كان 3<4 و 5 > 2", "ar")
    assert '<bdi dir="ltr">3&lt;4</bdi>' in html and '<bdi dir="ltr">5 &gt; 2</bdi>' in html
