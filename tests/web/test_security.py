"""Safe defaults: security headers, cookie flags, CSRF on every form, no tracebacks."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import PASSWORD, csrf_token

PAGES = ["/en/", "/ar/courses/", "/en/courses/sample-robots/", "/en/courses/sample-robots/what-is-ai/", "/en/sign-in", "/en/nowhere"]


@pytest.mark.parametrize("path", PAGES)
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_scripts_or_styles_or_third_party_assets(client: FlaskClient, path: str) -> None:
    html = client.get(path).get_data(as_text=True)
    # Scripts only as our own files (the quiz's drag-and-drop), never inline.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert html.count("<script") == len(scripts)
    assert all(re.fullmatch(r' src="/static/[a-z_-]+(\.[0-9a-f]+)?\.js" defer', attrs) and not body for attrs, body in scripts)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_cookies_are_httponly_lax_and_secure_over_https(client: FlaskClient, auth, make_user) -> None:
    make_user("ada")
    response = auth.login("ada")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    client.post("/en/sign-out")
    response = client.post(
        "/en/sign-in", data={"username": "ada", "password": PASSWORD}, base_url="https://localhost"
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_csrf_is_enforced(app_factory: Callable[..., Flask], make_user) -> None:
    app = app_factory(WTF_CSRF_ENABLED=True)
    make_user("ada")
    client = app.test_client()
    data = {"username": "ada", "password": PASSWORD}
    refused = client.post("/en/sign-in", data=data)
    assert refused.status_code == 400
    assert "form has expired" in refused.get_data(as_text=True)
    response = client.post("/en/sign-in", data={**data, "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    # Signed in, other forms need the token too.
    quiz = client.post("/en/courses/sample-robots/robots-around-us/read")
    assert quiz.status_code == 400
    token = csrf_token(client, "/en/courses/sample-robots/robots-around-us/")
    read = client.post("/en/courses/sample-robots/robots-around-us/read", data={"csrf_token": token})
    assert read.status_code == 303
    sign_out = client.post("/en/sign-out")
    assert sign_out.status_code == 400


def test_server_error_page_has_no_traceback(app_factory: Callable[..., Flask]) -> None:
    app = app_factory(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/en/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/en/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and "secret internals" not in html
    assert "Something went wrong" in html
