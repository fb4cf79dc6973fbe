"""The account page: preferences, download my data, delete my account (password, CSRF, confirmation)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.models import ModuleProgress, User
from tests.conftest import PASSWORD, AuthActions, csrf_token


def _users(db_session: Session) -> int:
    db_session.rollback()
    return db_session.scalar(select(func.count(User.id))) or 0


@pytest.fixture
def signed_in(client: FlaskClient, auth: AuthActions, make_user) -> FlaskClient:
    make_user("ada", display_name="Ada Lovelace")
    auth.login("ada")
    return client


def test_the_page_needs_a_signed_in_person(client: FlaskClient) -> None:
    response = client.get("/en/account/")
    assert response.status_code == 302
    assert "/en/sign-in" in response.headers["Location"]


def test_the_page_offers_language_download_and_delete(signed_in: FlaskClient) -> None:
    html = signed_in.get("/fr/account/").get_data(as_text=True)
    assert 'action="/fr/account/language"' in html
    assert 'href="/fr/account/export"' in html
    assert 'action="/fr/account/delete"' in html
    assert 'name="password"' in html and 'name="confirm"' in html


def test_download_is_a_json_attachment_with_my_data(signed_in: FlaskClient) -> None:
    signed_in.get("/en/courses/sample-robots/what-is-ai/")
    response = signed_in.get("/en/account/export")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="ailit-ada.json"'
    data = response.get_json()
    assert data["profile"]["display_name"] == "Ada Lovelace"
    assert [row["module_id"] for row in data["progress"]] == ["what-is-ai"]


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"password": "wrong password", "confirm": "y"}, "This is not your password."),
        ({"password": PASSWORD}, "Tick this box to confirm."),
    ],
)
def test_delete_needs_the_password_and_the_box(
    signed_in: FlaskClient, db_session: Session, form: dict[str, str], message: str
) -> None:
    response = signed_in.post("/en/account/delete", data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _users(db_session) == 1


def test_delete_removes_everything_and_signs_out(signed_in: FlaskClient, db_session: Session) -> None:
    signed_in.get("/en/courses/sample-robots/what-is-ai/")
    response = signed_in.post("/en/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 303
    assert _users(db_session) == 0
    assert db_session.scalar(select(func.count(ModuleProgress.id))) == 0
    home = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your account and all its data have been deleted." in home
    assert signed_in.get("/en/account/").status_code == 302  # signed out


def test_delete_is_protected_by_csrf(
    app_factory: Callable[..., Flask], make_user, db_session: Session
) -> None:
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    make_user("ada")
    client.post("/en/sign-in", data={"username": "ada", "password": PASSWORD,
                                     "csrf_token": csrf_token(client)})
    refused = client.post("/en/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert refused.status_code == 400
    assert _users(db_session) == 1
    token = csrf_token(client, "/en/account/")
    accepted = client.post(
        "/en/account/delete", data={"password": PASSWORD, "confirm": "y", "csrf_token": token}
    )
    assert accepted.status_code == 303
    assert _users(db_session) == 0
