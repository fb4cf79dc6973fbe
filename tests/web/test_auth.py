"""Registration, sign-in and sign-out through the HTML forms."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ailit.models import User
from ailit.services.passwords import hash_password
from tests.conftest import PASSWORD, AuthActions


def test_register_signs_in_and_stores_the_locale(client: FlaskClient, auth: AuthActions, app: Flask) -> None:
    response = auth.register("amira", display_name="أميرة", locale="ar")
    assert response.status_code == 302
    assert response.headers["Location"] == "/ar/"
    page = client.get("/ar/").get_data(as_text=True)
    assert "أميرة" in page
    with app.app_context():
        from ailit.web.extensions import db

        user = db.session.scalar(select(User).where(User.username == "amira"))
        assert user is not None and user.locale == "ar"
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("username", "password", "display_name", "field"),
    [
        ("ab", PASSWORD, "Ab", "Username"),
        ("a" * 41, PASSWORD, "A", "Username"),
        ("Has Space", PASSWORD, "Name", "Username"),
        ("émile", PASSWORD, "Émile", "Username"),
        ("bob", "short", "Bob", "Password"),
        ("bob", "x" * 1025, "Bob", "Password"),
        ("bob", PASSWORD, "", "Your name"),
        ("bob", PASSWORD, "x" * 201, "Your name"),
        ("bob", PASSWORD, "Bob\u202eevil", "Your name"),
        ("bob", PASSWORD, "Bob\u2066x\u2069", "Your name"),
        ("bob", PASSWORD, "\u200fBob", "Your name"),
        ("bob", PASSWORD, "Bob\u061c", "Your name"),
    ],
)
def test_bad_registration_is_a_400_naming_the_field(
    client: FlaskClient, auth: AuthActions, username: str, password: str, display_name: str, field: str
) -> None:
    response = auth.register(username, password=password, display_name=display_name)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"{field}:" in page
    assert client.get("/en/").get_data(as_text=True).count("Sign out") == 0


@pytest.mark.parametrize("name", ["José Müller", "李小龙", "Анна", "محمد", "Zoë O'Brien", "Nguyễn Văn A"])
def test_display_names_in_any_script_are_kept_in_nfc(auth: AuthActions, app: Flask, name: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", name)
    assert auth.register("someone", display_name=decomposed).status_code == 302
    with app.app_context():
        from ailit.web.extensions import db

        user = db.session.scalar(select(User).where(User.username == "someone"))
        assert user is not None and user.display_name == unicodedata.normalize("NFC", name)


def test_username_taken(auth: AuthActions, make_user) -> None:
    make_user("ada")
    response = auth.register("ADA")
    assert response.status_code == 400
    assert "already taken" in response.get_data(as_text=True)


def test_sign_in_and_out(client: FlaskClient, auth: AuthActions, make_user) -> None:
    make_user("ada", locale="fr")
    response = auth.login("ada")
    assert response.status_code == 302 and response.headers["Location"] == "/fr/"
    assert "Se déconnecter" in client.get("/fr/").get_data(as_text=True) or "Sign out" in client.get("/fr/").get_data(as_text=True)
    auth.logout()
    assert client.get("/en/").get_data(as_text=True).count("Sign out") == 0


@pytest.mark.parametrize(("username", "password"), [("ada", "wrong password"), ("nobody", PASSWORD), ("", ""), ("ada", "")])
def test_wrong_credentials(auth: AuthActions, make_user, username: str, password: str) -> None:
    make_user("ada")
    response = auth.login(username, password)
    assert response.status_code == 400
    assert "Wrong username or password" in response.get_data(as_text=True)


def test_sign_in_starts_a_fresh_session(client: FlaskClient, auth: AuthActions, make_user) -> None:
    make_user("ada")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login("ada")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")


def test_next_only_goes_to_this_site(client: FlaskClient, make_user) -> None:
    make_user("ada")
    data = {"username": "ada", "password": PASSWORD}
    response = client.post("/en/sign-in?next=//evil.example/", data=data)
    assert response.headers["Location"] == "/en/"
    client.post("/en/sign-out")
    response = client.post("/en/sign-in?next=/en/courses/", data=data)
    assert response.headers["Location"] == "/en/courses/"


def test_password_is_rehashed_when_parameters_change(app: Flask, auth: AuthActions, make_user) -> None:
    from argon2 import PasswordHasher

    make_user("ada")
    with app.app_context():
        from ailit.web.extensions import db

        user = db.session.scalar(select(User).where(User.username == "ada"))
        user.password_hash = hash_password(PASSWORD, PasswordHasher(time_cost=2, memory_cost=16, parallelism=1))
        db.session.commit()
        old = user.password_hash
    assert auth.login("ada").status_code == 302
    with app.app_context():
        from ailit.web.extensions import db

        user = db.session.scalar(select(User).where(User.username == "ada"))
        assert user.password_hash != old and "m=8,t=1,p=1" in user.password_hash


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.post("/en/courses/sample-robots/what-is-ai/quiz", data={})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/sign-in")
