"""Headers on every kind of response, CSRF on every write, no answers before grading, bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask import Flask

from ailit.locales import LOCALES
from ailit.web.extensions import content

from tests.conftest import PASSWORD, csrf_token
from tests.security.conftest import SecurityWorld, sign_in
from tests.security.routes import routes, url_for_rule


def _check_headers(response, *, what: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp, what
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy"), what


def test_headers_on_every_kind_of_response(app_factory: Callable[..., Flask], world: SecurityWorld) -> None:
    app = app_factory(TESTING=False, PROPAGATE_EXCEPTIONS=False, RATELIMIT_ENABLED=True,
                      SIGNIN_RATE_LIMIT="1 per minute")

    @app.get("/en/boom")
    def boom() -> str:
        raise RuntimeError("internals")

    client = app.test_client()
    sign_in(client, world.usernames["learner"])
    cases = {
        "page": client.get("/en/"),
        "404": client.get("/en/nowhere"),
        "api 404": client.get("/api/v1/nowhere"),
        "500": client.get("/en/boom"),
        "static": client.get("/static/ailit.css"),
        "media": client.get("/media/sample-robots/what-is-ai/robot.svg"),
        "json": client.get("/api/v1/courses"),
        "csv": client.get(f"/en/classes/{world.class_id}/report.csv"),
    }
    limited = app.test_client()
    for _ in range(3):
        cases["429"] = limited.post("/en/sign-in", data={"username": "x", "password": "y"})
    assert cases["429"].status_code == 429 and cases["429"].headers.get("Retry-After")
    api_limited = app.test_client()
    for _ in range(3):
        cases["api 429"] = api_limited.post("/api/v1/auth/login", json={"username": "x", "password": "y"})
    assert cases["api 429"].status_code == 429 and cases["api 429"].headers.get("Retry-After")
    assert cases["500"].status_code == 500 and "internals" not in cases["500"].get_data(as_text=True)
    for what, response in cases.items():
        _check_headers(response, what=what)


def test_pdf_responses_carry_the_headers(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    sign_in(client, world.usernames["learner"])
    response = client.get(f"/en/certificates/{world.certificate_code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    _check_headers(response, what="pdf")


def test_an_svg_from_media_cannot_run_script(client) -> None:
    response = client.get("/media/sample-robots/what-is-ai/robot.svg")
    assert response.mimetype == "image/svg+xml"
    csp = response.headers["Content-Security-Policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp and "script-src 'self'" not in csp


def test_cookies_over_https_are_secure_httponly_lax(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    response = client.post("/en/sign-in", data={"username": world.usernames["learner"], "password": PASSWORD},
                           base_url="https://ailit.example.org")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("role", ["learner", "teacher", "admin"])
def test_csrf_refuses_every_html_write_without_a_token(
    app_factory: Callable[..., Flask], world: SecurityWorld, role: str
) -> None:
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.post("/en/sign-in", data={"username": world.usernames[role], "password": PASSWORD,
                                     "csrf_token": csrf_token(client)})
    assert client.get("/en/account/").status_code == 200
    for rule, method in routes(app):
        if method == "GET":
            continue
        path = url_for_rule(rule, world)
        if rule.rule.startswith("/api/"):
            response = client.open(path, method=method, json={})
            # Signed in by cookie: refused without X-CSRFToken (login/register need no session).
            if rule.endpoint not in ("api.login", "api.register"):
                assert response.status_code == 403, (path, method, response.status_code)
        else:
            response = client.open(path, method=method, data={})
            assert response.status_code == 400, (path, method, response.status_code)


def test_bearer_api_writes_need_no_csrf_token(app_factory: Callable[..., Flask], world: SecurityWorld) -> None:
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = client.post("/api/v1/auth/login", json={"username": world.usernames["teacher"],
                                                    "password": PASSWORD}).get_json()["token"]
    response = client.post("/api/v1/classes", json={"name": "7A", "stage": "primary", "locale": "en"},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.get_json()


ANSWER_KEYS = re.compile(r'"(correct|accepted|explanation|answer_key|answers)"\s*:')


def test_no_answer_is_sent_before_grading(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    sign_in(client, world.usernames["other_learner"])
    with app.app_context():
        catalogue = content.catalogue
        modules = [(c.id, m.id) for c in map(catalogue.course, catalogue.courses) for m in c.modules]
        secrets: set[str] = set()
        for course_id, module_id in modules:
            for locale in LOCALES:
                found = catalogue.module_text(course_id, module_id, locale)
                if found and found[0].quiz:
                    for q in found[0].quiz.questions:
                        secrets.update(str(a) for a in getattr(q, "accepted", ()) if len(str(a)) > 12)
                        if getattr(q, "explanation", None):
                            secrets.add(q.explanation[:40])
    assert modules
    for course_id, module_id in modules:
        for locale in LOCALES:
            page = client.get(f"/{locale}/courses/{course_id}/{module_id}/").get_data(as_text=True)
            api = client.get(f"/api/v1/courses/{course_id}/modules/{module_id}?locale={locale}")
            body = api.get_data(as_text=True)
            assert not ANSWER_KEYS.search(body), (course_id, module_id, locale)
            assert "correct" not in json.dumps(api.get_json()).lower() or api.status_code != 200
            for secret in secrets:
                assert secret not in body, (course_id, module_id, locale, secret)
                # The lesson text may use the word itself; the quiz form must not carry it as a value.
                assert f'value="{secret}"' not in page, (course_id, module_id, locale, secret)


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/api/v1/auth/login", b"{not json", "application/json"),
        ("/api/v1/auth/login", b'{"username": 5, "password": []}', "application/json"),
        ("/api/v1/auth/register", b'{"username": "' + b"a" * 5000 + b'", "password": "x"}', "application/json"),
        ("/api/v1/auth/login", b"\xff\xfe\xfa", "application/json"),
        ("/en/sign-in", b"username=\xff\xfe&password=\xfa", "application/x-www-form-urlencoded"),
        ("/en/register", b"username=" + b"a" * 5000 + b"&password=x", "application/x-www-form-urlencoded"),
        ("/api/v1/auth/login", b"x" * (2 * 1024 * 1024), "application/json"),
        ("/en/sign-in", b"x" * (2 * 1024 * 1024), "application/x-www-form-urlencoded"),
    ],
)
def test_bad_input_is_a_4xx_never_a_5xx(app: Flask, path: str, body: bytes, content_type: str) -> None:
    response = app.test_client().post(path, data=body, content_type=content_type)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    if path.startswith("/api/"):
        assert response.is_json and response.get_json()["error"]["message"]


def test_unknown_locales_are_404(client) -> None:
    for path in ("/xx/", "/../courses/", "/en-GB/courses/", "/api/v1/courses?locale=xx"):
        assert 400 <= client.get(path).status_code < 500, path
