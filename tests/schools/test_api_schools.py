"""The schools API: classes, join codes, assignments, class progress; every response checked
against the OpenAPI document by the API tests' client."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from ailit.models import AuditEvent, JoinCode, ModuleProgress, ProgressStatus, User, utcnow
from ailit.services import classes, progress
from ailit.web.openapi import load_document, operation_ids
from tests.conftest import PASSWORD
from tests.web.api.conftest import ApiClient
from tests.web.api.openapi_check import OpenAPIChecker

SCHOOLS_OPERATIONS = {
    "listClasses", "createClass", "joinClass", "createAssignment", "getClassProgress"
}
NEW_CLASS = {"name": "5C", "stage": "primary", "locale": "ar"}


@pytest.fixture(scope="module")
def checker() -> OpenAPIChecker:
    return OpenAPIChecker(load_document())


@pytest.fixture
def as_user(app: Flask, world, checker: OpenAPIChecker):
    """An API client holding a bearer token for a user of the school world."""

    def login(username: str, password: str = PASSWORD) -> ApiClient:
        api = ApiClient(app.test_client(), checker)
        api.login(username, password)
        return api

    return login


def _join_code(app: Flask, class_id: int) -> str:
    with app.app_context():
        from ailit.web.extensions import db

        code = classes.current_join_code(db.session, class_id)
        assert code is not None
        return code.code


def test_the_operations_are_documented_and_every_route_is_in_the_document(app: Flask) -> None:
    document = load_document()
    assert SCHOOLS_OPERATIONS <= set(operation_ids(document))
    documented = {(m, p) for p, item in document["paths"].items() for m in item}
    routes = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/classes")]
    assert len(routes) == 5
    for rule in routes:
        path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method.lower(), path) in documented, f"{method} {path}"


def test_teacher_creates_a_class_and_lists_it(as_user) -> None:
    teacher = as_user("teacher")
    created = teacher.post("/api/v1/classes", json={**NEW_CLASS, "name": " 5C "})
    assert created.status_code == 201
    body = created.get_json()
    assert (body["name"], body["stage"], body["locale"], body["learners"]) == ("5C", "primary", "ar", 0)
    assert body["join_code"] is not None
    listed = teacher.get("/api/v1/classes").get_json()["classes"]
    assert [c["name"] for c in listed] == ["5B", "5C"]
    assert {c["id"]: c["join_code"] for c in listed}[body["id"]] == body["join_code"]
    assert listed[0]["learners"] == 3

    # The school admin sees the school's classes, without their join codes.
    seen = as_user("school-admin").get("/api/v1/classes").get_json()["classes"]
    assert {c["name"] for c in seen} == {"5B", "5C"}
    assert all(c["join_code"] is None for c in seen)
    # Another school's teacher sees only their own.
    assert [c["name"] for c in as_user("stranger").get("/api/v1/classes").get_json()["classes"]] == [
        "Other 5"
    ]


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({**NEW_CLASS, "stage": "kindergarten"}, "stage", "stage_unknown"),
        ({**NEW_CLASS, "locale": "de"}, "locale", "locale_unknown"),
        ({**NEW_CLASS, "name": "  "}, "name", None),
        ({**NEW_CLASS, "name": "x" * 101}, "name", "class_name_length"),
        ({**NEW_CLASS, "stage": 3}, "stage", "invalid_type"),
        ({"name": "5C", "stage": "primary"}, "locale", "missing_field"),
        ({**NEW_CLASS, "colour": "blue"}, "colour", "unknown_field"),
    ],
)
def test_a_bad_class_is_refused_naming_the_field(as_user, body, field, code) -> None:
    response = as_user("teacher").post("/api/v1/classes", json=body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == field and error["message"].startswith(f"{field}: ")
    if code is not None:
        assert error["code"] == code


@pytest.mark.parametrize("username", ["school-admin", "site-admin", "outsider"])
def test_only_teachers_create_classes(as_user, username) -> None:
    response = as_user(username).post("/api/v1/classes", json=NEW_CLASS)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_a_learner_joins_with_the_code_in_any_case(app: Flask, as_user, world) -> None:
    code = _join_code(app, world.class_id)
    learner = as_user("outsider")
    joined = learner.post("/api/v1/classes/join", json={"code": f"{code[:4].lower()} {code[4:]}"})
    assert joined.status_code == 200
    assert joined.get_json()["class"]["id"] == world.class_id
    assert joined.get_json()["class"]["join_code"] is None  # a learner is not shown the code
    again = learner.post("/api/v1/classes/join", json={"code": code})
    assert again.status_code == 200
    listed = as_user("teacher").get("/api/v1/classes").get_json()["classes"]
    assert listed[0]["learners"] == 4  # three made by the teacher, one joined (once)
    assert learner.get("/api/v1/classes").status_code == 403


def test_join_code_errors_are_clear(app: Flask, as_user, world) -> None:
    learner = as_user("outsider")
    old_code = _join_code(app, world.class_id)

    def join(code: str) -> tuple[int, dict]:
        response = learner.post("/api/v1/classes/join", json={"code": code})
        return response.status_code, response.get_json()["error"]

    status, error = join("ABC")
    assert (status, error["code"], error["field"]) == (400, "join_code_malformed", "code")
    status, error = join("ZZZZ-ZZZZ")
    assert (status, error["code"]) == (404, "join_code_wrong")
    assert "teacher" in error["message"]

    with app.app_context():
        from ailit.web.extensions import db

        teacher = db.session.scalar(select(User).where(User.username == "teacher"))
        new_code = classes.rotate_join_code(db.session, teacher, world.class_id).code
        other_code = _join_code(app, world.other_class_id)
        db.session.execute(
            update(JoinCode)
            .where(JoinCode.code == other_code)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
    # Replaced and expired codes get the very answer a code that never existed gets.
    assert join(old_code) == (404, error)
    assert join(other_code) == (404, error)
    assert learner.post("/api/v1/classes/join", json={"code": new_code}).status_code == 200

    # Staff do not join classes.
    response = as_user("teacher").post("/api/v1/classes/join", json={"code": new_code})
    assert response.status_code == 403


def test_assignments_check_the_stage_course_and_modules(as_user, world) -> None:
    teacher = as_user("teacher")
    url = f"/api/v1/classes/{world.class_id}/assignments"
    whole = teacher.post(url, json={"course_id": "sample-robots", "due_on": "2031-05-01"})
    assert whole.status_code == 201
    assert whole.get_json()["module_ids"] is None and whole.get_json()["due_on"] == "2031-05-01"

    some = teacher.post(url, json={"course_id": "sample-robots", "module_ids": ["robots-around-us", "what-is-ai"]})
    assert some.status_code == 201
    assert some.get_json()["module_ids"] == ["what-is-ai", "robots-around-us"]  # course order

    mismatch = teacher.post(url, json={"course_id": "sample-teaching"})
    assert mismatch.status_code == 409
    assert mismatch.get_json()["error"]["code"] == "stage_mismatch"
    assert "confirm_other_stage" in mismatch.get_json()["error"]["message"]
    confirmed = teacher.post(url, json={"course_id": "sample-teaching", "confirm_other_stage": True})
    assert confirmed.status_code == 201

    for body, field in [
        ({"course_id": "no-such-course"}, "course_id"),
        ({"course_id": "sample-robots", "module_ids": ["nope"]}, "module_ids"),
        ({"course_id": "sample-robots", "module_ids": "what-is-ai"}, "module_ids"),
        ({"course_id": "sample-robots", "module_ids": [7]}, "module_ids[0]"),
        ({"course_id": "sample-robots", "due_on": "next week"}, "due_on"),
        ({"course_id": "sample-robots", "confirm_other_stage": "yes"}, "confirm_other_stage"),
    ]:
        response = teacher.post(url, json=body)
        assert response.status_code == 400, body
        assert response.get_json()["error"]["field"] == field


def test_assignments_only_by_the_class_teacher(as_user, world) -> None:
    url = f"/api/v1/classes/{world.class_id}/assignments"
    body = {"course_id": "sample-robots"}
    assert as_user("school-admin").post(url, json=body).status_code == 403
    assert as_user("colleague").post(url, json=body).status_code == 404
    assert as_user("stranger").post(url, json=body).status_code == 404
    assert as_user("outsider").post(url, json=body).status_code == 404
    assert as_user("teacher").post("/api/v1/classes/999999/assignments", json=body).status_code == 404


def test_class_progress_shows_learners_by_module_and_is_audited(app: Flask, as_user, world) -> None:
    teacher = as_user("teacher")
    teacher.post(f"/api/v1/classes/{world.class_id}/assignments", json={"course_id": "sample-robots", "due_on": "2000-01-01"})
    with app.app_context():
        from ailit.web.extensions import content, db

        first, second = world.learner_ids[:2]
        progress.record_visit(db.session, first, content.catalogue, "sample-robots", "what-is-ai")
        row = db.session.scalar(select(ModuleProgress).where(ModuleProgress.user_id == second))
        assert row is None
        progress.record_visit(db.session, second, content.catalogue, "sample-robots", "what-is-ai")
        row = db.session.scalar(select(ModuleProgress).where(ModuleProgress.user_id == second))
        row.status, row.best_score = ProgressStatus.COMPLETED, 0.75
        db.session.commit()

    response = teacher.get(f"/api/v1/classes/{world.class_id}/progress?locale=ar")
    assert response.status_code == 200
    report = response.get_json()
    assert report["locale"] == "ar" and len(report["learners"]) == 3
    assert [m["module_id"] for m in report["modules"]][0] == "what-is-ai"
    by_id = {learner["user_id"]: learner for learner in report["learners"]}
    assert by_id[first]["modules"][0] == {"status": "in_progress", "best_score": None, "overdue": True}
    assert by_id[second]["modules"][0] == {"status": "completed", "best_score": 0.75, "overdue": False}
    assert by_id[second]["completed"] == 1
    assert report["modules"][0]["average_score"] == 0.75
    assert report["modules"][0]["completed_share"] == pytest.approx(1 / 3)

    assert as_user("school-admin").get(f"/api/v1/classes/{world.class_id}/progress").status_code == 200
    with app.app_context():
        from ailit.web.extensions import db

        events = db.session.scalars(select(AuditEvent).where(AuditEvent.classroom_id == world.class_id)).all()
        assert [e.action for e in events].count("viewed_class_report") == 2
        assert all(e.count == 3 for e in events if e.action == "viewed_class_report")


def test_cookie_requests_need_the_csrf_token(app_factory, world, checker: OpenAPIChecker) -> None:
    app = app_factory(WTF_CSRF_ENABLED=True)
    client: FlaskClient = app.test_client()
    api = ApiClient(client, checker)
    page = client.get("/en/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    client.post("/en/sign-in", data={"username": "teacher", "password": PASSWORD, "csrf_token": token})
    assert api.get("/api/v1/classes").status_code == 200
    refused = api.post("/api/v1/classes", json=NEW_CLASS)
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "csrf_failed"
    csrf = api.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
    assert api.post("/api/v1/classes", json=NEW_CLASS, headers={"X-CSRFToken": csrf}).status_code == 201
