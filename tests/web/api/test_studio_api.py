"""The studio's API: every operation, validated against the OpenAPI document, and who may call it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from translate.storage.xliff2 import Xliff2File

from ailit.models import Role, User
from tests.services.test_studio import course_zip

from .conftest import ApiClient

COURSE = "/api/v1/studio/courses/studio-robots"
MODULE = "02-learning-from-examples"


@pytest.fixture
def studio_app(app_factory: Callable[..., Flask], tmp_path: Path) -> Flask:
    return app_factory(CATALOGUE_DIR=tmp_path / "catalogue", CATALOGUE_CHECK_SECONDS=0)


@pytest.fixture
def author(studio_app: Flask, api_factory: Callable[[Flask], ApiClient], make_user: Callable[..., User]) -> ApiClient:
    make_user("author1", role=Role.AUTHOR)
    client = api_factory(studio_app)
    client.login("author1")
    response = client.post("/api/v1/studio/courses", data={"package": (course_zip(), "robots.zip")})
    assert response.status_code == 201, response.get_json()
    return client


def _file(path: str) -> str:
    return f"{COURSE}/files/{quote(path, safe='')}"


def test_draft_publish_versions_rollback_unpublish(author: ApiClient) -> None:
    listing = author.get("/api/v1/studio/courses").get_json()
    assert listing["courses"] == [{"id": "studio-robots", "stage": "primary", "live_version": None, "role": "owner"}]
    stale = author.get(f"{COURSE}/preview/learning-from-examples?locale=fr").get_json()
    assert stale["locale"] == "en" and stale["fallback"] is True  # a stale translation: the source
    preview = author.get(f"{COURSE}/preview/what-is-ai?locale=ar").get_json()
    assert preview["locale"] == "ar" and preview["fallback"] is False and preview["quiz"]["questions"]
    assert "correct" not in str(preview["quiz"]) and "accepted" not in str(preview["quiz"])
    draft = author.get(f"{COURSE}/draft").get_json()
    assert draft["errors"] == 0 and "01-what-is-ai/en.md" in draft["files"]
    text = author.get(_file("03-robots-around-us/en.md")).get_json()["text"]
    broken = author.call("PUT", _file("03-robots-around-us/en.md"), json={"text": text.replace("::: discuss", "::: dicsuss")})
    assert broken.status_code == 200
    problems = [d for d in broken.get_json()["diagnostics"] if d["severity"] == "error"]
    assert problems and problems[0]["path"] == "03-robots-around-us/en.md" and problems[0]["line"] > 1
    refused = author.post(f"{COURSE}/publish")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "draft_has_errors"
    author.call("PUT", _file("03-robots-around-us/en.md"), json={"text": text})
    assert author.post(f"{COURSE}/publish").get_json() == {"course_id": "studio-robots", "version": 1}
    assert author.post(f"{COURSE}/publish").get_json()["version"] == 2
    rolled = author.post(f"{COURSE}/rollback", json={"version": 1})
    assert rolled.status_code == 201 and rolled.get_json()["version"] == 3
    versions = author.get(f"{COURSE}/versions").get_json()
    assert [v["number"] for v in versions["versions"]] == [3, 2, 1] and versions["live_version"] == 3
    assert author.get("/api/v1/courses/studio-robots").status_code == 200
    assert author.post(f"{COURSE}/unpublish").get_json() == {"course_id": "studio-robots", "version": None}
    assert author.get("/api/v1/courses/studio-robots").status_code == 404
    assert author.post(f"{COURSE}/rollback", json={"version": "one"}).status_code == 400


def test_translation_operations(author: ApiClient) -> None:
    status = author.get(f"{COURSE}/translations").get_json()
    row = next(m for m in status["modules"] if m["module"] == MODULE)
    assert row["locales"]["ar"]["status"] == "missing" and row["locales"]["ar"]["words"] > 0
    document = author.get(f"{COURSE}/translations/{MODULE}/ar/xliff")
    assert document.status_code == 200 and document.mimetype == "application/xliff+xml"
    store = Xliff2File.parsestring(document.data)
    for unit in store.units:
        unit.target = f"ع {unit.source}"
    imported = author.call(
        "PUT", f"{COURSE}/translations/{MODULE}/ar/xliff", data=bytes(store),
        headers={"Content-Type": "application/xliff+xml"},
    )
    assert imported.status_code == 200, imported.get_json()
    status = author.get(f"{COURSE}/translations").get_json()
    row = next(m for m in status["modules"] if m["module"] == MODULE)
    assert row["locales"]["ar"] == {"status": "complete", "words": 0}
    diff = author.get(f"{COURSE}/translations/{MODULE}/ar/diff").get_json()
    assert diff["from"] == diff["to"] and all(op == "equal" for op, _ in diff["runs"])
    tampered = bytes(store).replace(b"Many examples</source>", b"Many, many examples</source>")
    refused = author.call("PUT", f"{COURSE}/translations/{MODULE}/ar/xliff", data=tampered,
                          headers={"Content-Type": "application/xliff+xml"})
    assert refused.status_code == 400
    assert author.call("PUT", f"{COURSE}/translations/{MODULE}/ar/xliff", json={}).status_code == 415


def test_who_may_call_what(
    author: ApiClient, studio_app: Flask, api_factory: Callable[[Flask], ApiClient], make_user: Callable[..., User]
) -> None:
    make_user("learner1")
    learner = api_factory(studio_app)
    learner.login("learner1")
    assert learner.get("/api/v1/studio/courses").get_json() == {"courses": []}
    for method, path in [("GET", f"{COURSE}/draft"), ("POST", f"{COURSE}/publish"), ("GET", f"{COURSE}/versions"),
                         ("GET", f"{COURSE}/translations"), ("GET", f"{COURSE}/translations/{MODULE}/ar/xliff")]:
        assert learner.call(method, path).status_code == 404, path
    upload = learner.post("/api/v1/studio/courses", data={"package": (course_zip("mine"), "m.zip")})
    assert upload.status_code == 403
    bad = author.post("/api/v1/studio/courses", data={"package": (course_zip(extra={"../x.md": b"x"}), "bad.zip")})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_package"
