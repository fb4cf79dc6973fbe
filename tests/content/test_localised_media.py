"""Figures per language: ``media/<locale>/x.svg`` replaces ``media/x.svg`` for that locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.content.check import check_courses
from ailit.content.figures import svg_words
from ailit.content.hashing import hash_bytes

from .cases import MODULE_DIR, course_with_module

WORDS_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="1">Training data</text></svg>'
FRENCH_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="1">Donn\xc3\xa9es</text></svg>'
LABELS_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>1</text><text>A</text>'
    b'<text><tspan>B2</tspan> 3,5 %</text><text>&#8594;</text></svg>'
)
SOURCE = """\
---
title: Figures
minutes: 10
objectives: [Read a figure.]
---

A figure with words:

![Training data flows into a model](media/chart.svg)

A figure with numbered labels:

![Steps 1 to 3](media/steps.svg)

::: quiz
1. Which picture shows the data?
   - [x] ![The chart](media/chart.svg)
   - [ ] ![The steps](media/steps.svg)
:::
"""


def _translation(locale: str, source: bytes) -> bytes:
    text = source.decode().replace("title: Figures", f"title: Figures {locale}\nsource_hash: {hash_bytes(source)}")
    return text.encode()


@pytest.fixture()
def courses(tmp_path: Path) -> Path:
    source = SOURCE.encode()
    return course_with_module(
        tmp_path / "courses",
        {
            "en.md": source,
            "fr.md": _translation("fr", source),
            "ar.md": _translation("ar", source),
            "media/chart.svg": WORDS_SVG,
            "media/fr/chart.svg": FRENCH_SVG,
            "media/steps.svg": LABELS_SVG,
        },
    )


def test_lesson_shows_its_locales_drawing_and_the_shared_one_otherwise(courses: Path, tmp_path: Path) -> None:
    out = tmp_path / "catalogue"
    report = build_catalogue(courses, out)
    assert report.ok, [str(d) for d in report.diagnostics]
    catalogue = load_catalogue(out)
    base = "/media/sample-course/lesson/"
    french, fallback = catalogue.module_text("sample-course", "lesson", "fr")
    assert not fallback
    assert f'src="{base}fr/chart.svg"' in french.html and f'src="{base}steps.svg"' in french.html
    picture = french.quiz.questions[0].options[0].image
    assert picture is not None and picture.src == f"{base}fr/chart.svg"
    for locale in ("en", "ar"):
        text, _ = catalogue.module_text("sample-course", "lesson", locale)
        assert f'src="{base}chart.svg"' in text.html and "/fr/" not in text.html
    served = catalogue.media_path("sample-course", "lesson", "fr/chart.svg")
    assert served is not None and served.read_bytes() == FRENCH_SVG


def test_check_warns_where_a_translation_shows_a_figure_with_words_it_has_no_drawing_of(courses: Path) -> None:
    figures = [d for d in check_courses(courses) if "figure" in d.message]
    ar = str(courses / MODULE_DIR / "ar.md")
    message = (
        "figure 'media/chart.svg' has words in it but no ar version: draw media/ar/chart.svg "
        "or label it with numbers explained in the text"
    )
    # ar shows chart.svg twice (lesson, picture option); fr has its own; steps.svg has no words;
    # the source locale is what the shared figure is drawn in.
    assert [(d.path, d.line, d.severity, d.message) for d in figures] == [
        (ar, 10, "warning", message),
        (ar, 18, "warning", message),
    ]


def test_a_drawing_for_the_locale_alone_serves_that_locale(tmp_path: Path) -> None:
    source = SOURCE.replace("media/chart.svg", "media/only.svg").encode()
    courses = course_with_module(
        tmp_path / "courses",
        {
            "en.md": source,
            "fr.md": _translation("fr", source),
            "media/fr/only.svg": FRENCH_SVG,
            "media/steps.svg": LABELS_SVG,
        },
    )
    errors = [d for d in check_courses(courses) if d.is_error]
    # fr finds its drawing; the source has no shared file to fall back on.
    assert {(Path(d.path).name, d.line) for d in errors} == {("en.md", 9), ("en.md", 17)}
    assert all("'media/only.svg' does not exist" in d.message for d in errors)


@pytest.mark.parametrize(
    ("svg", "words"),
    [
        (WORDS_SVG.decode(), ["Training", "data"]),
        (LABELS_SVG.decode(), []),
        ('<svg><text>x = 3</text><text>AI</text></svg>', ["AI"]),
        ('<svg><text><tspan>数据</tspan></text></svg>', ["数据"]),
        ('<svg><title>A chart</title><desc>Words here are not drawn</desc></svg>', []),
    ],
)
def test_svg_words(svg: str, words: list[str]) -> None:
    assert svg_words(svg) == words
