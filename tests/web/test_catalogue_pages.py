"""Catalogue, course and module pages: stages, languages, fallback notice, media, page weight."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from markupsafe import escape

from ailit.content.competencies import load_competencies
from ailit.models import Role


def test_courses_grouped_by_stage_and_filterable(client: FlaskClient) -> None:
    html = client.get("/en/courses/").get_data(as_text=True)
    assert html.index('id="stage-primary"') < html.index('id="stage-teacher-pd"')
    assert "Robots That Learn" in html and "AI in the Classroom" in html
    only = client.get("/en/courses/?stage=teacher-pd").get_data(as_text=True)
    assert "AI in the Classroom" in only and "Robots That Learn" not in only
    assert client.get("/en/courses/?stage=nursery").status_code == 404


def test_stage_names_and_titles_are_translated(client: FlaskClient) -> None:
    html = client.get("/es/courses/?stage=primary").get_data(as_text=True)
    assert "Primaria" in html and "Robots que aprenden" in html


def test_course_page(client: FlaskClient, auth, make_user) -> None:
    html = client.get("/en/courses/sample-robots/").get_data(as_text=True)
    assert "2 hours" in html and "3 modules" in html
    for module in ("what-is-ai", "learning-from-examples", "robots-around-us"):
        assert f'href="/en/courses/sample-robots/{module}/"' in html
    # Learners and visitors see no curriculum jargon: no codes, no translation status.
    assert "S3.U" not in html and "not translated" not in html and "original" not in html
    assert 'src="/covers/sample-robots"' in html
    make_user("teacher", role=Role.TEACHER)
    auth.login("teacher")
    html = client.get("/en/courses/sample-robots/").get_data(as_text=True)
    assert "S3.U" in html
    languages = re.search(r'<ul class="languages">(.*?)</ul>', html, re.S).group(1)
    assert re.search(r'lang="en"[^<]*>English</span>:\s*original', languages)
    assert re.search(r'lang="ar"[^<]*>العربية</span>:\s*incomplete or out of date', languages)  # 1 of 3
    assert re.search(r'lang="zh"[^<]*>中文</span>:\s*not translated', languages)
    teaching = client.get("/en/courses/sample-teaching/").get_data(as_text=True)
    assert re.search(r"English</span>:\s*complete", teaching)
    assert re.search(r"Français</span>:\s*original", teaching)


def test_module_page_in_its_language(client: FlaskClient) -> None:
    html = client.get("/ar/courses/sample-robots/what-is-ai/").get_data(as_text=True)
    assert '<article class="lesson" id="lesson-text" lang="ar" dir="rtl">' in html
    assert "not yet available" not in html
    assert 'data-callout="activity">نشاط</p>' in html  # label in the UI language
    assert 'rel="next" href="/ar/courses/sample-robots/learning-from-examples/"' in html


def test_fallback_notice_for_stale_and_missing_translations(client: FlaskClient) -> None:
    stale = client.get("/fr/courses/sample-robots/learning-from-examples/").get_data(as_text=True)
    assert "Ce module n’est pas encore disponible en Français ; il est affiché en English." in stale
    assert '<article class="lesson" id="lesson-text" lang="en" dir="ltr">' in stale
    missing = client.get("/ar/courses/sample-robots/robots-around-us/").get_data(as_text=True)
    assert "هذه الوحدة غير متاحة بعد باللغة العربية" in missing
    assert '<html lang="ar" dir="rtl">' in missing
    assert '<article class="lesson" id="lesson-text" lang="en" dir="ltr">' in missing
    assert 'rel="prev"' in missing and 'rel="next"' not in missing


def test_callout_label_follows_the_ui_language(client: FlaskClient) -> None:
    html = client.get("/zh/courses/sample-robots/robots-around-us/").get_data(as_text=True)
    assert 'data-callout="discuss">讨论</p>' in html


def test_cover_served_from_the_catalogue(client: FlaskClient) -> None:
    response = client.get("/covers/sample-robots")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert client.get("/covers/sample-teaching").status_code == 404  # no cover: none served
    assert client.get("/covers/nope").status_code == 404


def test_media_served_from_the_catalogue_only(client: FlaskClient) -> None:
    response = client.get("/media/sample-robots/what-is-ai/robot.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]  # media run nothing
    for path in [
        "/media/sample-robots/what-is-ai/../../../catalogue.json",
        "/media/sample-robots/what-is-ai/%2e%2e/%2e%2e/catalogue.json",
        "/media/sample-robots/what-is-ai/nope.png",
        "/media/nope/what-is-ai/robot.svg",
    ]:
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/en/courses/sample-robots/what-is-ai/", "/ar/courses/sample-robots/what-is-ai/"])
def test_lesson_page_weighs_under_100_kb(client: FlaskClient, path: str) -> None:
    html = client.get(path).data
    # Everything the page loads but its images: stylesheets and our own scripts included.
    assets = re.findall(rb'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"', html)
    assert len(assets) >= 3  # ailit.css, ailit.js, read-aloud.js
    loaded = sum(len(client.get(src.decode()).data) for src in assets)
    images = sum(len(client.get(src.decode()).data) for src in re.findall(rb'<img src="([^"]+)"', html))
    total = len(html) + loaded + images
    assert total < 100 * 1024, f"{path}: {total} bytes"


def test_unknown_course_and_module_are_404(client: FlaskClient) -> None:
    assert client.get("/en/courses/nope/").status_code == 404
    assert client.get("/en/courses/sample-robots/nope/").status_code == 404
    assert client.get("/en/courses/sample-robots/nope/attempts/1").status_code in (302, 404)


def test_course_page_names_its_competencies_in_the_page_language(client: FlaskClient, auth, make_user) -> None:
    make_user("author", role=Role.AUTHOR)
    auth.login("author", locale="fr")
    html = client.get("/fr/courses/sample-robots/").get_data(as_text=True)
    assert "S3.U" in html and "BI3" in html
    names = load_competencies()
    assert escape(names["BI3"].name["fr"]) in html
    assert escape(names["S3.U"].name["fr"]) in html
