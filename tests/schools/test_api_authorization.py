"""Every schools API route × every role × ownership, with bearer tokens and valid bodies:
no 2xx where the role has no business, and a 2xx where it has (the matrix is not vacuous).

Routes come from ``app.url_map``: a new API route without an entry here fails the test.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from ailit.services import classes
from ailit.web.openapi import load_document
from tests.conftest import PASSWORD
from tests.web.api.conftest import ApiClient
from tests.web.api.openapi_check import OpenAPIChecker

ROLES = ("anonymous", "learner", "stranger", "colleague", "teacher", "school_admin", "admin")
STAFF = frozenset({"stranger", "colleague", "teacher", "school_admin", "admin"})
TEACHERS = frozenset({"stranger", "colleague", "teacher"})
CLASS_VIEWERS = frozenset({"teacher", "school_admin", "admin"})

# endpoint -> (roles that may get a 2xx, a body that would succeed for them)
ALLOWED: dict[str, tuple[frozenset[str], dict[str, Any] | None]] = {
    "api.list_classes": (STAFF, None),
    "api.create_class": (TEACHERS, {"name": "New", "stage": "primary", "locale": "en"}),
    "api.join_class": (frozenset({"learner"}), {"code": "<join code>"}),
    "api.create_assignment": (frozenset({"teacher"}), {"course_id": "sample-robots"}),
    "api.get_class_progress": (CLASS_VIEWERS, None),
}


@pytest.fixture
def clients(app: Flask, world) -> dict[str, ApiClient]:
    """One schema-checked API client per role, signed in with a bearer token."""
    checker = OpenAPIChecker(load_document())
    result = {}
    for role in ROLES:
        api = ApiClient(app.test_client(), checker)
        if role != "anonymous":
            api.login(world.usernames[role], PASSWORD)
        result[role] = api
    return result


def _requests(app: Flask, world) -> list[tuple[str, str, str, dict[str, Any] | None]]:
    with app.app_context():
        from ailit.web.extensions import db

        code = classes.current_join_code(db.session, world.class_id)
        assert code is not None
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/classes"):
            continue
        path = rule.rule.replace("<int:class_id>", str(world.class_id))
        body = ALLOWED[rule.endpoint][1]
        if body is not None and "code" in body:
            body = {"code": code.code}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, path, body))
    return found


def test_every_api_route_is_in_the_matrix(app: Flask) -> None:
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/classes")}
    assert endpoints == set(ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_no_unexpected_success(app: Flask, world, clients, role: str) -> None:
    unexpected = []
    for endpoint, method, path, body in _requests(app, world):
        response = clients[role].call(method, path, json=body)
        if 200 <= response.status_code < 300 and role not in ALLOWED[endpoint][0]:
            unexpected.append((method, path, response.status_code))
        if role == "anonymous":
            assert response.status_code == 401, (method, path)
    assert unexpected == []


def test_allowed_roles_do_get_through(app: Flask, world, clients) -> None:
    for endpoint, method, path, body in _requests(app, world):
        for role in sorted(ALLOWED[endpoint][0]):
            response = clients[role].call(method, path, json=body)
            assert 200 <= response.status_code < 300, (path, method, role, response.get_json())


@pytest.mark.parametrize("role", ["teacher", "school_admin"])
def test_another_schools_class_is_not_found(world, clients, role: str) -> None:
    other = world.other_class_id
    assert clients[role].get(f"/api/v1/classes/{other}/progress").status_code == 404
    response = clients[role].post(
        f"/api/v1/classes/{other}/assignments", json={"course_id": "sample-robots"}
    )
    assert response.status_code == 404
