"""Malformed requests are a clear 4xx naming what is wrong, on every route: never a 5xx.

Each class of input is tried on every route it can reach (from ``app.url_map``), so a new
route cannot escape: JSON bodies that are not objects, integers of thousands of digits, lone
surrogates, NUL characters in addresses and fields, ids beyond the database's range, and
open redirects after sign-in.
"""

from __future__ import annotations

import itertools
import json
import re
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ailit.models import QuizAttempt
from ailit.web.extensions import db

from tests.conftest import PASSWORD
from tests.security.conftest import COURSE, QUIZ_MODULE, SecurityWorld, sign_in
from tests.security.routes import routes, url_for_rule

WRITES = ("POST", "PUT", "PATCH", "DELETE")
HUGE_INTEGER = "9" * 5000
HALF_EMOJI = "\\ud83d"  # as JSON spells it: the first half of 😀

# operation -> (who asks, path in the world, a body whose fields each reach the decoder)
BODIES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "register": ("anonymous", "/api/v1/auth/register",
                 {"username": "newcomer", "password": PASSWORD, "display_name": "New", "locale": "en"}),
    "login": ("anonymous", "/api/v1/auth/login", {"username": "learner", "password": PASSWORD}),
    "changePassword": ("learner", "/api/v1/auth/password",
                       {"current_password": PASSWORD, "new_password": "a new long password"}),
    "submitQuizAttempt": ("learner", f"/api/v1/courses/{COURSE}/modules/{QUIZ_MODULE}/attempts?locale=en",
                          {"answers": []}),
    "deleteMyAccount": ("learner", "/api/v1/me", {"password": PASSWORD}),
    "createClass": ("teacher", "/api/v1/classes", {"name": "7A", "stage": "primary", "locale": "en"}),
    "joinClass": ("other_learner", "/api/v1/classes/join", {"code": "ABCD-EFGH"}),
    "createAssignment": ("teacher", "/api/v1/classes/{class_id}/assignments",
                         {"course_id": COURSE, "module_ids": [QUIZ_MODULE], "due_on": "2030-01-01"}),
    "issueCertificate": ("learner", "/api/v1/certificates", {"course_id": COURSE, "locale": "en"}),
    "revokeCertificate": ("admin", "/api/v1/certificates/{code}/revoke", {"reason": "Copied"}),
    "saveDraftFile": ("admin", f"/api/v1/studio/courses/{COURSE}/files/course.yaml", {"text": "id: x"}),
    "rollbackCourse": ("admin", f"/api/v1/studio/courses/{COURSE}/rollback", {"version": 1}),
    "reviewSubmission": ("reviewer", "/api/v1/submissions/{submission_id}/review",
                         {"scores": [2, 1, 2], "comment": "A clear plan."}),
}
METHODS = {"deleteMyAccount": "DELETE", "saveDraftFile": "PUT"}  # the others are POSTs
# Writes that read no JSON body: logout, publishing (no body), a zip upload, an XLIFF document,
# a practical task's multipart form (tests/tasks checks it).
NO_JSON_BODY = {
    ("/api/v1/auth/logout", "POST"),
    (f"/api/v1/studio/courses/{COURSE}/publish", "POST"),
    (f"/api/v1/studio/courses/{COURSE}/unpublish", "POST"),
    ("/api/v1/studio/courses", "POST"),
    (f"/api/v1/studio/courses/{COURSE}/translations/01-what-is-ai/ar/xliff", "PUT"),
    (f"/api/v1/courses/{COURSE}/modules/{QUIZ_MODULE}/submissions", "POST"),
}


def _bearer(client: FlaskClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def _send(app: Flask, world: SecurityWorld, operation: str, raw: str) -> Any:
    role, path, _ = BODIES[operation]
    client = app.test_client()
    headers = {} if role == "anonymous" else _bearer(client, world.usernames[role])
    path = path.format(class_id=world.class_id, code=world.certificate_code, submission_id=world.submission_id)
    method = METHODS.get(operation, "POST")
    return client.open(path, method=method, data=raw, content_type="application/json", headers=headers)


def _error(response: Any) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data(as_text=True))
    error: dict[str, Any] = response.get_json()["error"]
    assert error["code"] and error["message"]
    return error


def test_every_api_write_is_in_the_table_of_bodies(app: Flask, world: SecurityWorld) -> None:
    writes = {(url_for_rule(rule, world).split("?")[0], method) for rule, method in routes(app)
              if rule.rule.startswith("/api/") and method in WRITES}
    # logout takes no body; every other write reads one through the decoder.
    covered = {(path.format(class_id=world.class_id, code=world.certificate_code,
                            submission_id=world.submission_id).split("?")[0],
                METHODS.get(op, "POST")) for op, (_, path, _) in BODIES.items()}
    assert writes - covered == NO_JSON_BODY


NOT_OBJECTS = ("[]", "[1, 2]", '"text"', "42", "null", "true")
BAD_VALUES = {  # JSON text -> the error code
    HUGE_INTEGER: "number_too_large",
    f'"{HALF_EMOJI}"': "invalid_text",
    '"a\\u0000b"': "invalid_text",
    "NaN": "invalid_number",
    "1e999": "number_too_large",
}


@pytest.mark.parametrize("operation", sorted(BODIES))
def test_a_body_that_is_not_an_object_is_a_400(app: Flask, world: SecurityWorld, operation: str) -> None:
    for body in NOT_OBJECTS:
        error = _error(_send(app, world, operation, body))
        assert error["code"] == "invalid_body", (operation, body, error)


@pytest.mark.parametrize("operation", sorted(BODIES))
def test_a_bad_value_in_any_field_is_a_400_naming_it(app: Flask, world: SecurityWorld, operation: str) -> None:
    fields = BODIES[operation][2]
    for bad, code in BAD_VALUES.items():
        for field in fields:
            raw = json.dumps(fields).replace(f'"{field}": {json.dumps(fields[field])}', f'"{field}": {bad}')
            assert bad in raw
            error = _error(_send(app, world, operation, raw))
            assert (error["code"], error["field"]) == (code, field), (operation, field, bad[:20], error)
            assert error["message"].startswith(f"{field}: ")


def test_a_lone_surrogate_inside_a_list_is_named_by_position(app: Flask, world: SecurityWorld) -> None:
    raw = f'{{"answers": [[0], "{HALF_EMOJI}"]}}'
    error = _error(_send(app, world, "submitQuizAttempt", raw))
    assert error["field"] == "answers[1]"


def test_whole_emoji_are_welcome(app: Flask, world: SecurityWorld) -> None:
    raw = '{"name": "Robots \\ud83d\\ude00", "stage": "primary", "locale": "en"}'
    response = _send(app, world, "createClass", raw)
    assert response.status_code == 201
    assert response.get_json()["name"] == "Robots 😀"


def test_half_a_character_stored_earlier_breaks_no_page_and_no_export(app: Flask, world: SecurityWorld) -> None:
    # A text answer stored before bodies were checked: the JSON column keeps the escape.
    with app.app_context():
        attempt = db.session.get(QuizAttempt, world.attempt_id)
        assert attempt is not None
        attempt.answers = [*attempt.answers[:-1], "half an emoji \ud83d"]
        db.session.commit()
    client = app.test_client()
    sign_in(client, world.usernames["learner"])
    for path in ("/api/v1/me/export", "/en/account/export"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "half an emoji \ufffd" in json.dumps(json.loads(response.get_data()), ensure_ascii=False)
    page = client.get(f"/en/courses/{COURSE}/{QUIZ_MODULE}/attempts/{world.attempt_id}")
    assert page.status_code == 200
    with app.app_context():  # the stored row is left as it was: only what is written out changes
        answers = db.session.scalar(select(QuizAttempt.answers).where(QuizAttempt.id == world.attempt_id))
        assert answers[-1] == "half an emoji \ud83d"


def test_a_page_prints_half_a_character_as_a_replacement(app: Flask) -> None:
    with app.test_request_context("/en/"):
        html = app.jinja_env.from_string("<p>{{ text }}</p>").render(text="a\ud83db")
    assert html == "<p>a\ufffdb</p>"


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "learner", "admin"])
def test_an_id_beyond_the_database_range_is_a_404_on_every_route(
    app: Flask, world: SecurityWorld, role: str
) -> None:
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.usernames[role])
    tried = 0
    for (rule, method), number in itertools.product(routes(app), (2**31, 2**63, 10**40)):
        ints = set(re.findall(r"<int:(\w+)>", rule.rule))
        if not ints:
            continue
        beyond = SimpleNamespace(rule=re.sub(r"<int:\w+>", str(number), rule.rule), endpoint=rule.endpoint,
                                 arguments=rule.arguments - ints)
        url = url_for_rule(beyond, world)  # type: ignore[arg-type]
        response = client.open(url, method=method, json={} if url.startswith("/api/") else None)
        assert response.status_code == 404, (method, url, response.status_code)
        tried += 1
    assert tried >= 30


@pytest.mark.parametrize("role", ["anonymous", "learner"])
def test_a_nul_in_any_part_of_an_address_is_a_404(app: Flask, world: SecurityWorld, role: str) -> None:
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.usernames[role])
    tried = 0
    for rule, method in routes(app):
        url = url_for_rule(rule, world)
        for value in {COURSE, QUIZ_MODULE, world.certificate_code, "robot.svg", "ailit.css"}:
            if f"/{value}" in url:
                bad = url.replace(f"/{value}", f"/{value}%00x", 1)
                response = client.open(bad, method=method)
                assert response.status_code in (400, 404), (method, bad, response.status_code)
                tried += 1
    assert tried >= 15


def test_a_nul_in_a_media_path_is_a_404(client: FlaskClient) -> None:
    assert client.get(f"/media/{COURSE}/{QUIZ_MODULE}/robot%00.svg").status_code == 404
    assert client.get(f"/media/{COURSE}/{QUIZ_MODULE}/{'a' * 5000}.svg").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "teacher", "learner"])
def test_a_nul_in_a_form_field_or_query_is_a_400_naming_it(app: Flask, world: SecurityWorld, role: str) -> None:
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.usernames[role])
    tried = 0
    for rule, method in routes(app):
        if rule.rule.startswith(("/api/", "/static", "/media")) or method not in WRITES:
            continue
        url = url_for_rule(rule, world)
        response = client.open(url, method=method, data={"name": "a\x00b", "username": "x\x00"})
        assert response.status_code == 400, (method, url, response.status_code)
        assert "NUL" in response.get_data(as_text=True), url
        tried += 1
    assert tried >= 20
    response = app.test_client().get("/api/v1/courses?locale=e%00n")
    assert _error(response)["field"] == "locale"


def test_posting_a_quiz_to_a_module_without_one_is_a_404(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    sign_in(client, world.usernames["learner"])
    page = client.post(f"/en/courses/{COURSE}/robots-around-us/quiz", data={"q1": "0"})
    assert page.status_code == 404
    assert "no quiz" in page.get_data(as_text=True)
    api = client.post(f"/api/v1/courses/{COURSE}/modules/robots-around-us/attempts",
                      json={"answers": []}, headers=_bearer(client, world.usernames["learner"]))
    assert _error(api)["code"] == "no_quiz"


# --- where sign-in goes next ----------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["//evil.example/", "/%09/evil.example", "/%0A/x", "/%0D%0A/evil.example", "%5C%5Cevil.example",
     "/%5Cevil.example", "/%5C/evil.example", "https:evil.example", "https://evil.example/",
     "javascript:alert(1)", "%20//evil.example", "/%7F/evil.example",
     "/%C2%85/evil.example", "evil.example", "", "http:/evil.example"],
)
def test_sign_in_never_leaves_the_site(client: FlaskClient, make_user: Any, target: str) -> None:
    make_user("ada")
    response = client.post(f"/en/sign-in?next={target}", data={"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/"


@pytest.mark.parametrize("target", ["/en/courses/", "/en/courses/sample-robots/what-is-ai/", "/fr/?tab=1"])
def test_sign_in_follows_a_path_on_this_site(client: FlaskClient, make_user: Any, target: str) -> None:
    make_user("ada")
    response = client.post(f"/en/sign-in?next={target}", data={"username": "ada", "password": PASSWORD})
    assert response.headers["Location"] == target
