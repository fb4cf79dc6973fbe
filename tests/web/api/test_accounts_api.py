"""API accounts: register, login tokens (hashed, expiring), sign-in limits, CSRF by auth kind."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.models import User, utcnow
from ailit.models.api_token import ApiToken
from tests.conftest import PASSWORD, csrf_token

from .conftest import ApiClient

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"
GOOD = {"username": "ada", "password": PASSWORD, "display_name": "Ada", "locale": "en"}


def _users(db_session: Session) -> int:
    db_session.rollback()
    return db_session.scalar(select(func.count(User.id))) or 0


def test_register_returns_the_account_without_secrets(api: ApiClient) -> None:
    response = api.post(REGISTER, json={**GOOD, "username": " Ada.L ", "display_name": "李小龍"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["username"], body["display_name"], body["role"]) == ("ada.l", "李小龍", "learner")
    assert "password" not in response.get_data(as_text=True)


def test_a_taken_username_is_a_conflict(api: ApiClient) -> None:
    api.post(REGISTER, json=GOOD)
    response = api.post(REGISTER, json={**GOOD, "display_name": "Another"})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "username_taken"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"username": 42}, "username", "invalid_type"),
        ({"username": "x" * 41}, "username", "too_long"),
        ({"username": "a b"}, "username", "username_format"),
        ({"password": "short"}, "password", "password_short"),
        ({"password": "p" * 1025}, "password", "too_long"),
        ({"display_name": "A\u202eB"}, "display_name", "display_name_bidi"),
        ({"display_name": ["Ada"]}, "display_name", "invalid_type"),
        ({"locale": "de"}, "locale", "locale_unknown"),
        ({"locale": None}, "locale", "invalid_type"),
        ({"email": "ada@example.org"}, "email", "unknown_field"),
    ],
)
def test_register_names_the_bad_field_and_saves_nothing(
    api: ApiClient, db_session: Session, change: dict[str, Any], field: str, code: str
) -> None:
    response = api.post(REGISTER, json={**GOOD, **change})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"].startswith(f"{field}: ")
    assert _users(db_session) == 0


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"data": '{"username": "ada",', "content_type": "application/json"}, "invalid_json"),
        ({"data": b"\xff\xfe", "content_type": "application/json"}, "invalid_json"),
        ({"data": "[1, 2]", "content_type": "application/json"}, "invalid_body"),
        ({"data": "username=ada", "content_type": "application/x-www-form-urlencoded"},
         "unsupported_content_type"),
        ({"json": {"username": "ada", "password": PASSWORD, "locale": "en"}}, "missing_field"),
        ({"data": "[" * 100_000 + "]" * 100_000, "content_type": "application/json"}, "invalid_json"),
    ],
)
def test_malformed_bodies_are_400s(
    api: ApiClient, db_session: Session, kwargs: dict[str, Any], code: str
) -> None:
    response = api.post(REGISTER, **kwargs)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code
    assert _users(db_session) == 0


def test_an_oversized_body_is_a_json_413(api: ApiClient) -> None:
    response = api.post(REGISTER, data="x" * (1024 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


def test_login_returns_a_token_stored_only_as_its_hash(api: ApiClient, db_session: Session) -> None:
    api.register()
    token = api.login()
    rows = db_session.scalars(select(ApiToken)).all()
    assert len(rows) == 1
    assert rows[0].token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in rows[0].token_hash
    assert rows[0].expires_at > utcnow() + timedelta(days=29)
    assert api.get("/api/v1/me/progress").status_code == 200


def test_a_bearer_request_sets_no_session_cookie(api: ApiClient) -> None:
    api.register()
    api.login()
    response = api.get("/api/v1/me/progress")
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("password", ["wrong password", PASSWORD + " "])
def test_wrong_credentials_are_a_401(api: ApiClient, password: str) -> None:
    api.register()
    response = api.post(LOGIN, json={"username": "ada", "password": password})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_credentials"


@pytest.mark.parametrize(
    "header", ["Bearer not-a-token", "Bearer ", "Basic YWRhOnB3", "Bearer " + "x" * 500]
)
def test_bad_authorization_headers_are_401s(api: ApiClient, header: str) -> None:
    response = api.get("/api/v1/me/progress", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_without_credentials_personal_endpoints_are_401s(api: ApiClient) -> None:
    for method, path in [("GET", "/api/v1/me/progress"), ("GET", "/api/v1/me/export")]:
        response = api.call(method, path)
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthenticated"


def test_an_expired_token_is_refused(api: ApiClient, db_session: Session) -> None:
    api.register()
    api.login()
    row = db_session.scalars(select(ApiToken)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db_session.commit()
    assert api.get("/api/v1/me/progress").status_code == 401


def test_logout_revokes_the_token(api: ApiClient) -> None:
    api.register()
    api.login()
    assert api.post("/api/v1/auth/logout").status_code == 204
    assert api.get("/api/v1/me/progress").status_code == 401


def test_per_account_throttle_is_shared_with_the_sign_in_page(
    app_factory: Callable[..., Flask], api_factory: Callable[[Flask], ApiClient]
) -> None:
    app = app_factory(SIGNIN_MAX_FAILURES=3, SIGNIN_BACKOFF_SECONDS=600, SIGNIN_LOCKOUT_SECONDS=600)
    api = api_factory(app)
    api.register()
    for _ in range(2):  # two failures on the HTML page...
        api.client.post("/en/sign-in", data={"username": "ada", "password": "wrong password"})
    api.post(LOGIN, json={"username": "ada", "password": "wrong password"})  # ...one here
    response = api.post(LOGIN, json={"username": "ada", "password": PASSWORD})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too_many_attempts"
    assert int(response.headers["Retry-After"]) > 500


def test_per_address_limit_is_a_json_429_with_retry_after(
    app_factory: Callable[..., Flask], api_factory: Callable[[Flask], ApiClient]
) -> None:
    app = app_factory(RATELIMIT_ENABLED=True, SIGNIN_RATE_LIMIT="2 per minute", SIGNIN_MAX_FAILURES=100)
    api = api_factory(app)
    for number in range(2):
        response = api.post(LOGIN, json={"username": f"user{number}", "password": "nope nope"})
        assert response.status_code == 401
    response = api.post(LOGIN, json={"username": "user9", "password": "nope nope"})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too_many_requests"
    assert int(response.headers["Retry-After"]) > 0


class TestCsrf:
    """Cookie requests that change things need X-CSRFToken; bearer requests need none."""

    @pytest.fixture
    def app(self, app_factory: Callable[..., Flask]) -> Flask:
        return app_factory(WTF_CSRF_ENABLED=True)

    def test_a_bearer_request_needs_no_csrf_token(self, api: ApiClient, make_user) -> None:
        make_user("ada")
        api.login()
        response = api.post(
            "/api/v1/courses/sample-robots/modules/what-is-ai/attempts",
            json={"answers": [[1], [0, 2], 8, "data"]},
        )
        assert response.status_code == 201

    def test_register_and_login_work_without_one(self, api: ApiClient) -> None:
        assert api.register().status_code == 201
        assert api.login()

    def test_a_cookie_request_without_the_header_is_refused(self, api: ApiClient, make_user) -> None:
        make_user("ada")
        token = csrf_token(api.client)
        signed_in = api.client.post(
            "/en/sign-in", data={"username": "ada", "password": PASSWORD, "csrf_token": token}
        )
        assert signed_in.status_code == 302
        response = api.delete("/api/v1/me", json={"password": PASSWORD})
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "csrf_failed"
        header = api.get("/api/v1/auth/csrf-token").get_json()["csrf_token"]
        response = api.delete(
            "/api/v1/me", json={"password": PASSWORD}, headers={"X-CSRFToken": header}
        )
        assert response.status_code == 204
        # The session ended with the account.
        assert api.get("/api/v1/me/progress").status_code == 401
