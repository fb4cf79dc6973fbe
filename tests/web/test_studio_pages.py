"""The studio's pages: an author uploads, fixes an error seen in the page, publishes; a
translator translates beside the source; roles decide who sees and does what."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from translate.storage.xliff2 import Xliff2File

from ailit.models import Role, User
from tests.conftest import PASSWORD
from tests.services.test_studio import course_zip


@pytest.fixture
def studio_app(app_factory: Callable[..., Flask], tmp_path: Path) -> Flask:
    """An app whose catalogue folder is its own: publishing rebuilds it."""
    return app_factory(CATALOGUE_DIR=tmp_path / "catalogue", CATALOGUE_CHECK_SECONDS=0)


def sign_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/en/sign-in", data={"username": username, "password": PASSWORD})
    assert response.status_code in (302, 303), response.status_code
    return client


def _make(app: Flask, make_user: Callable[..., User], name: str, role: Role = Role.LEARNER) -> FlaskClient:
    make_user(name, role=role)
    return sign_in(app, name)


def test_author_uploads_fixes_publishes_and_learners_see_it(
    studio_app: Flask, make_user: Callable[..., User]
) -> None:
    author = _make(studio_app, make_user, "author1", Role.AUTHOR)
    assert author.get("/en/studio/").status_code == 200
    response = author.post("/en/studio/upload", data={"package": (course_zip(), "robots.zip")})
    assert response.status_code == 302
    page = author.get("/en/studio/studio-robots/").get_data(as_text=True)
    assert "No errors: the draft can be published." in page
    # An error typed in the browser is shown beside its line; the draft cannot be published.
    path = "03-robots-around-us/en.md"
    text = author.get(f"/en/studio/studio-robots/edit?file={path}").get_data(as_text=True)
    assert "::: discuss" in text
    response = author.post(
        "/en/studio/studio-robots/edit", data={"file": path, "text": "---\ntitle: Robots\nminutes: 5\nobjectives: [A]\n---\n\n::: dicsuss\nHi\n:::\n"}
    )
    body = response.get_data(as_text=True)
    assert "Line 7" in body and "did you mean &#39;discuss&#39;" in body
    author.post("/en/studio/studio-robots/publish")
    assert "studio-robots" not in author.get("/en/courses/").get_data(as_text=True)
    author.post("/en/studio/studio-robots/edit", data={"file": path, "text": "---\ntitle: Robots\nminutes: 5\nobjectives: [A]\n---\n\n::: discuss\nHi\n:::\n"})
    response = author.post("/en/studio/studio-robots/publish")
    assert response.status_code == 303
    learner = _make(studio_app, make_user, "learner1")
    assert learner.get("/en/courses/studio-robots/").status_code == 200
    # Unpublishing hides it again; a learner cannot reach any studio page.
    author.post("/en/studio/studio-robots/unpublish")
    assert learner.get("/en/courses/studio-robots/").status_code == 404
    assert learner.get("/en/studio/studio-robots/").status_code == 404
    assert learner.post("/en/studio/upload", data={"package": (course_zip("other"), "o.zip")}).status_code == 403


def test_translator_brings_a_module_to_fresh_in_arabic(
    studio_app: Flask, make_user: Callable[..., User]
) -> None:
    author = _make(studio_app, make_user, "author1", Role.AUTHOR)
    author.post("/en/studio/upload", data={"package": (course_zip(), "robots.zip")})
    translator = _make(studio_app, make_user, "translator1")
    author.post("/en/studio/studio-robots/roles", data={"username": "translator1", "role": "translator", "locales": ["ar"]})
    dashboard = translator.get("/ar/studio/studio-robots/translations")
    assert dashboard.status_code == 200
    module = "02-learning-from-examples"
    editor = translator.get(f"/ar/studio/studio-robots/translate/{module}/ar")
    assert editor.status_code == 200 and 'dir="rtl"' in editor.get_data(as_text=True)
    assert translator.get(f"/ar/studio/studio-robots/translate/{module}/fr").status_code == 403
    document = translator.get(f"/ar/studio/studio-robots/translate/{module}/ar.xlf")
    assert document.status_code == 200 and document.mimetype == "application/xliff+xml"
    store = Xliff2File.parsestring(document.data)
    for unit in store.units:
        unit.target = f"ع {unit.source}"
    response = translator.post(
        f"/ar/studio/studio-robots/translate/{module}/ar/xliff",
        data={"file": (io.BytesIO(bytes(store)), "m.ar.xlf")},
    )
    assert response.status_code == 303
    matrix = translator.get("/en/studio/studio-robots/translations").get_data(as_text=True)
    row = matrix.split(module, 1)[1].split("</tr>", 1)[0]
    assert "complete" in row


def test_preview_shows_the_draft_in_any_language_and_grades_without_recording(
    studio_app: Flask, make_user: Callable[..., User]
) -> None:
    author = _make(studio_app, make_user, "author1", Role.AUTHOR)
    author.post("/en/studio/upload", data={"package": (course_zip(), "robots.zip")})
    page = author.get("/en/studio/studio-robots/preview/what-is-ai?lang=ar")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="ar"' in body and "/en/studio/studio-robots/preview-media/what-is-ai/robot.svg" in body
    assert author.get("/en/studio/studio-robots/preview-media/what-is-ai/robot.svg").status_code == 200
    form = author.get("/en/studio/studio-robots/preview/learning-from-examples?lang=en").get_data(as_text=True)
    assert "Check my answers" in form and "/en/studio/studio-robots/preview/learning-from-examples?lang=en" in form
    choices = _fill_form(form)
    graded = author.post("/en/studio/studio-robots/preview/learning-from-examples?lang=en", data=choices)
    assert graded.status_code == 200, re.findall(r"role=\"alert\"><p>([^<]*)", graded.get_data(as_text=True))
    text = graded.get_data(as_text=True)
    assert graded.status_code == 200 and "Score:" in text
    with studio_app.app_context():
        from ailit.models import QuizAttempt
        from ailit.web.extensions import db
        assert db.session.query(QuizAttempt).count() == 0
    learner = _make(studio_app, make_user, "learner1")
    assert learner.get("/en/studio/studio-robots/preview/what-is-ai").status_code == 404


def _fill_form(html: str) -> dict[str, str]:
    """What a browser sends for a quiz form left as shown, with the first choice of each question."""
    fields: dict[str, str] = {}
    for name, value in re.findall(r'<input type="(?:radio|checkbox)" id="[^"]+" name="([^"]+)" value="([^"]+)"', html):
        fields.setdefault(name, value)
    for name in re.findall(r'<input type="text"[^>]* name="([^"]+)"', html):
        fields[name] = "pixels"
    for name, options in re.findall(r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]+)" selected', options) or re.search(r'<option value="([^"]+)"', options)
        assert chosen is not None
        fields[name] = chosen.group(1)
    assert fields
    return fields
