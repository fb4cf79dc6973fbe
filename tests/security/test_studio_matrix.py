"""Every studio operation × every kind of person, on a real studio course.

The course is uploaded by its owner; an editor, a translator for Arabic and a proofreader are
given roles; another author, a learner and a site admin have none (the admin needs none).
Each operation must answer: 2xx to those allowed, 403 to members whose role does not allow
it, 404 to everyone else (the course is hidden), 401 to anonymous callers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from sqlalchemy import select

from ailit.models import Role, User
from ailit.services import studio_access
from ailit.web.extensions import db
from tests.conftest import PASSWORD
from tests.services.test_studio import course_zip

BASE = "/api/v1/studio/courses/studio-robots"
PEOPLE = ("owner", "editor", "translator", "proofreader", "other_author", "learner", "admin", "anonymous")
MEMBERS = {"owner", "editor", "translator", "proofreader", "admin"}
EDITORS = {"owner", "editor", "admin"}
ARABIC = EDITORS | {"translator"}

# (method, path, body) -> who gets a 2xx; members outside it get 403, the rest 404 (or 401)
OPERATIONS: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("GET", f"{BASE}/draft", None, MEMBERS),
    ("GET", f"{BASE}/files/course.yaml", None, MEMBERS),
    ("GET", f"{BASE}/preview/learning-from-examples?locale=ar", None, MEMBERS),
    ("PUT", f"{BASE}/files/01-what-is-ai%2Far.md", {"text": "@ar"}, ARABIC),
    ("PUT", f"{BASE}/files/course.yaml", {"text": "@yaml"}, EDITORS),
    ("POST", f"{BASE}/publish", None, EDITORS),
    ("GET", f"{BASE}/versions", None, MEMBERS),
    ("POST", f"{BASE}/rollback", {"version": 1}, EDITORS),
    ("GET", f"{BASE}/translations", None, MEMBERS),
    ("GET", f"{BASE}/translations/01-what-is-ai/ar/diff", None, MEMBERS),
    ("GET", f"{BASE}/translations/01-what-is-ai/ar/xliff", None, ARABIC),
    ("POST", f"{BASE}/unpublish", None, EDITORS),
]


@pytest.fixture
def studio(app_factory: Callable[..., Flask], make_user: Callable[..., User], tmp_path: Path) -> Flask:
    app = app_factory(CATALOGUE_DIR=tmp_path / "catalogue", CATALOGUE_CHECK_SECONDS=0)
    for name, role in [("owner", Role.AUTHOR), ("editor", Role.LEARNER), ("translator", Role.LEARNER),
                       ("proofreader", Role.TEACHER), ("other_author", Role.AUTHOR), ("learner", Role.LEARNER),
                       ("admin", Role.ADMIN)]:
        make_user(name, role=role)
    owner = _client(app, "owner")
    assert owner.post("/api/v1/studio/courses", data={"package": (course_zip(), "c.zip")}).status_code == 201
    with app.app_context():
        actor = db.session.scalars(select(User).where(User.username == "owner")).one()
        for name, role, locales in [("editor", "editor", []), ("translator", "translator", ["ar"]),
                                    ("proofreader", "proofreader", [])]:
            studio_access.grant(db.session, actor, "studio-robots", name, role, locales)
        db.session.commit()
    return app


def _client(app: Flask, name: str) -> FlaskClient:
    client = app.test_client()
    if name != "anonymous":
        token = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD}).get_json()["token"]
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.mark.parametrize("person", PEOPLE)
def test_every_studio_operation_for_every_person(studio: Flask, person: str) -> None:
    owner = _client(studio, "owner")
    texts = {
        "@ar": owner.get(f"{BASE}/files/01-what-is-ai%2Far.md").get_json()["text"],
        "@yaml": owner.get(f"{BASE}/files/course.yaml").get_json()["text"],
    }
    client = _client(studio, person)
    wrong = []
    for method, path, body, allowed in OPERATIONS:
        if body is not None and isinstance(body.get("text"), str):
            body = {"text": texts[body["text"]]}
        if path.endswith("/rollback"):
            owner.post(f"{BASE}/publish")  # a version to go back to
        response = client.open(path, method=method, json=body)
        if person == "anonymous":
            expected = {401}
        elif person in allowed:
            expected = {200, 201}
        elif person in MEMBERS:
            expected = {403}
        else:
            expected = {404}
        if response.status_code not in expected:
            wrong.append((method, path, response.status_code, sorted(expected)))
    assert wrong == []
