"""Hostile Markdown in a course reaches neither the module page nor ``getModule`` as live markup.

The course is compiled with the real compiler and served by the app: raw HTML, ``on*``
attributes and ``<img onerror>`` come out as text; ``javascript:``, ``data:`` and
``vbscript:`` links and images stop the build, so they never reach a learner.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from ailit.content.build import build_catalogue
from ailit.models import User

from tests.conftest import FIXTURE_COURSES
from tests.security.conftest import sign_in
from tests.security.html_tree import Element, parse, unsafe_markup

COURSE = "sample-robots"
MODULE = "robots-around-us"
MODULE_DIR = Path("primary") / COURSE / "03-robots-around-us"

HOSTILE_MODULE = """---
title: Robots <script>alert('t')</script> around us
minutes: 10
objectives:
  - Name three <img src=x onerror=alert('o')> machines.
---

# Robots around us <script>alert('h')</script>

<script>alert('block')</script>

<div onclick="alert('div')" style="background:url(javascript:alert('css'))">raw block</div>

Inline <img src="x" onerror="alert('img')"> and <a href="javascript:alert('a')">raw link</a>
and <a href="data:text/html,hi">raw data link</a>.

Attributes: *text*{onmouseover="alert('attr')"} and <span onmouseover="alert('span')">span</span>.

<iframe src="https://evil.example/"></iframe><style>body{}</style><svg onload=alert('svg')></svg>

<form action="https://evil.example/"><input name="password"></form>

::: activity onclick="alert('callout')"
<b onmouseover=alert('bold')>bold</b>
:::

::: quiz
1. Pick <img src=x onerror=alert('prompt')> one
   - [x] Right <script>alert('option')</script>
   - [ ] Wrong <a href="javascript:alert('wrong')">x</a>

   > Because <img src=x onerror=alert('explanation')>.
:::
"""
# Words of the hostile module that must still be there, as text.
MARKERS = ("alert('block')", "alert('img')", "alert('a')", "alert('span')", "alert('svg')", "alert('bold')")

REFUSED = {
    "[a](javascript:alert(1))": "javascript:alert(1)",
    "[b](data:text/html;base64,PHNjcmlwdD4=)": "data:text/html;base64,PHNjcmlwdD4=",
    "[c](vbscript:msgbox)": "vbscript:msgbox",
    "[d](  JaVaScRiPt:alert(2))": "JaVaScRiPt:alert(2)",
    "[e](java&#115;cript:alert(3))": "javascript:alert(3)",
    "<javascript:alert(4)>": "javascript:alert(4)",
    "[f][ref]\n\n[ref]: javascript:alert(5)": "javascript:alert(5)",
    "![g](javascript:alert(6))": "javascript:alert(6)",
    "![h](data:image/svg+xml,<svg/onload=alert(7)>)": "data:image/svg+xml",
}


def _courses_with(tmp_path: Path, text: str) -> Path:
    courses = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES / "primary" / COURSE, courses / "primary" / COURSE)
    (courses / MODULE_DIR / "en.md").write_text(text, encoding="utf-8")
    return courses


@pytest.fixture
def hostile_app(tmp_path: Path, app_factory: Callable[..., Flask]) -> Flask:
    """The app serving a catalogue whose third module is hostile."""
    courses = _courses_with(tmp_path, HOSTILE_MODULE)
    report = build_catalogue(courses, tmp_path / "catalogue")
    assert report.ok, [str(d) for d in report.diagnostics if d.severity == "error"]
    return app_factory(CATALOGUE_DIR=tmp_path / "catalogue", COURSES_DIR=courses)


def _own_form(element: Element) -> bool:
    return element.tag == "form" and element.attrs.get("action", "").startswith("/en/")


def _html_values(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _html_values(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            yield from _html_values(inner, key)
    elif isinstance(value, str) and ("html" in key or key == "prompt"):  # prompt: sanitised HTML too
        yield value


def test_hostile_markdown_is_inert_on_the_page_and_in_get_module(
    hostile_app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("hostile-reader")
    client = hostile_app.test_client()
    sign_in(client, "hostile-reader")
    response = client.get(f"/en/courses/{COURSE}/{MODULE}/")
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    main = next(e for e in page.walk() if e.tag == "main")
    assert unsafe_markup(main, allowed=_own_form) == []
    text = main.all_text()
    for marker in (*MARKERS, "alert('prompt')", "alert('option')"):
        assert marker in text, marker  # shown as words, so the module really is on the page
    assert "alert('t')" in page.all_text()  # the title, in <title> and the navigation
    for element in page.walk():  # the head too: the title is there
        assert not [name for name in element.attrs if name.startswith("on")], element.tag
        if element.tag == "script":
            assert element.attrs.get("src", "").startswith("/static/") and not element.all_text().strip()

    api = client.get(f"/api/v1/courses/{COURSE}/modules/{MODULE}?locale=en")
    assert api.status_code == 200
    fragments = list(_html_values(api.get_json()))
    assert len(fragments) >= 4  # the body, the prompt and both options
    joined = "".join(fragments)
    for marker in MARKERS:
        assert marker in parse(joined).all_text(), marker
    for fragment in fragments:
        assert unsafe_markup(parse(fragment)) == [], fragment


def test_script_links_and_images_stop_the_build(tmp_path: Path) -> None:
    body = "\n\n".join(f"Line {n}: {markdown}" for n, markdown in enumerate(REFUSED))
    courses = _courses_with(tmp_path, f"---\ntitle: Links\nminutes: 5\n---\n\n# Links\n\n{body}\n")
    out = tmp_path / "catalogue"
    report = build_catalogue(courses, out)
    assert not report.ok
    errors = [str(d) for d in report.diagnostics if d.severity == "error"]
    for target in REFUSED.values():
        assert any(target in error and "en.md:" in error for error in errors), (target, errors)
    assert not out.exists()  # nothing was published


def test_the_checker_sees_live_markup() -> None:
    problems = unsafe_markup(parse(HOSTILE_MODULE.replace("*text*{", "<em ").replace(")\"}", ")\">")))
    for expected in ("<script>", "<img onerror>", "<div onclick>", "<iframe>", "<style>", "<svg>", "<form>",
                     "<em onmouseover>"):
        assert expected in problems, (expected, problems)
    assert '<a href="javascript:alert(\'a\')">' in problems and "<a href='data:text/html,hi'>" in problems
