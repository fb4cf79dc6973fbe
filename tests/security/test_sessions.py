"""Passwords and sessions: argon2 hashes, a fresh session at sign-in, none after sign-out or reset."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask

from tests.conftest import PASSWORD
from tests.security.conftest import SecurityWorld, sign_in

NEW = "a brand new passphrase"


def test_every_stored_password_is_an_argon2id_hash(app: Flask, world: SecurityWorld) -> None:
    from ailit.web.extensions import db

    with app.app_context():
        hashes = db.session.scalars(sa.text("SELECT password_hash FROM user_account")).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_sign_in_starts_a_new_session_and_sign_out_ends_it(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    client.get("/en/sign-in")
    before = client.get_cookie("session")
    sign_in(client, world.usernames["learner"])
    after = client.get_cookie("session")
    assert after is not None and (before is None or before.value != after.value)
    copied = after.value
    client.post("/en/sign-out")
    assert client.get("/en/account/").status_code == 302
    # The copied cookie, replayed elsewhere, is signed out too: the server forgot the session.
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/en/account/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert thief.get("/api/v1/me/progress").status_code == 401


def test_anonymous_visits_store_no_session(app: Flask, world: SecurityWorld) -> None:
    from ailit.web.extensions import db

    client = app.test_client()
    for path in ("/en/", "/en/courses/", "/en/sign-in"):
        client.get(path)
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM sign_in_session")) == 0
    sign_in(client, world.usernames["learner"])
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM sign_in_session")) == 1


def test_changing_ones_password_needs_the_current_one_and_ends_every_other_access(
    app: Flask, world: SecurityWorld
) -> None:
    username = world.usernames["learner"]
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, username)
    sign_in(elsewhere, username)
    token = _token(app, username)
    wrong = here.post("/en/account/password", data={
        "current_password": "not my password", "new_password": NEW, "repeat_password": NEW})
    assert wrong.status_code == 400
    assert "This is not your current password." in wrong.get_data(as_text=True)
    assert _bearer_works(app, token)
    changed = here.post("/en/account/password", data={
        "current_password": PASSWORD, "new_password": NEW, "repeat_password": NEW})
    assert changed.status_code == 303
    assert here.get("/en/account/").status_code == 200  # this browser stays signed in
    assert elsewhere.get("/en/account/").status_code == 302  # every other one is signed out
    assert not _bearer_works(app, token)
    assert app.test_client().post("/en/sign-in", data={"username": username, "password": NEW}).status_code == 302


def test_change_password_through_the_api_revokes_every_token(app: Flask, world: SecurityWorld) -> None:
    username = world.usernames["learner"]
    first, second = _token(app, username), _token(app, username)
    browser = app.test_client()
    sign_in(browser, username)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {first}"}
    wrong = client.post("/api/v1/auth/password", headers=headers,
                        json={"current_password": "nope nope", "new_password": NEW})
    assert wrong.status_code == 400
    assert wrong.get_json()["error"]["code"] == "password_wrong"
    assert wrong.get_json()["error"]["field"] == "current_password"
    response = client.post("/api/v1/auth/password", headers=headers,
                           json={"current_password": PASSWORD, "new_password": NEW})
    assert response.status_code == 204
    assert not _bearer_works(app, first) and not _bearer_works(app, second)
    assert browser.get("/en/account/").status_code == 302
    login = client.post("/api/v1/auth/login", json={"username": username, "password": NEW})
    assert login.status_code == 200


def test_the_first_password_page_is_only_for_one_time_passwords(app: Flask, world: SecurityWorld) -> None:
    """A borrowed session cannot set a new password without knowing the current one."""
    client = app.test_client()
    sign_in(client, world.usernames["learner"])
    response = client.post("/en/account/new-password", data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/account/")
    fresh = app.test_client()
    assert fresh.post("/en/sign-in", data={"username": world.usernames["learner"], "password": NEW}).status_code == 400
    sign_in(fresh, world.usernames["learner"])


def test_a_one_time_password_opens_nothing_until_replaced(app: Flask, world: SecurityWorld) -> None:
    teacher = app.test_client()
    sign_in(teacher, world.usernames["teacher"])
    page = teacher.post(f"/en/classes/{world.class_id}/learners/{world.user_ids['learner']}/password")
    one_time = _one_time_password(page.get_data(as_text=True), world.usernames["learner"])
    api = app.test_client()
    login = api.post("/api/v1/auth/login", json={"username": world.usernames["learner"], "password": one_time})
    assert login.status_code == 403
    assert login.get_json()["error"]["code"] == "password_change_required"
    assert "token" not in login.get_json()
    browser = app.test_client()
    sign_in(browser, world.usernames["learner"], one_time)
    blocked = browser.get("/api/v1/me/progress")
    assert blocked.status_code == 403 and blocked.get_json()["error"]["code"] == "password_change_required"
    assert browser.get("/en/courses/").headers["Location"].endswith("/en/account/new-password")
    # Reprinted cards replace the one-time password: the session signed in with it ends.
    teacher.post(f"/en/classes/{world.class_id}/login-cards")
    assert browser.get("/en/account/new-password").status_code == 302
    assert browser.get("/en/account/new-password").headers["Location"].startswith("/en/sign-in")


def test_an_operator_reset_from_the_command_line(app: Flask, world: SecurityWorld, database_url, tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from ailit.cli import main

    username = world.usernames["teacher"]
    token = _token(app, username)
    browser = app.test_client()
    sign_in(browser, username)
    monkeypatch.setenv("AILIT_DATABASE_URL", database_url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(main, ["users", "reset-password", username])
    assert result.exit_code == 0, result.output
    one_time = result.output.strip().rsplit(" ", 1)[-1]
    assert not _bearer_works(app, token)
    assert browser.get("/en/account/").status_code == 302
    fresh = app.test_client()
    sign_in(fresh, username, one_time)
    assert fresh.get("/en/classes/").headers["Location"].endswith("/en/account/new-password")
    unknown = CliRunner().invoke(main, ["users", "reset-password", "nobody-here"])
    assert unknown.exit_code != 0 and "no account called" in unknown.output


def test_a_teachers_password_reset_ends_the_learners_existing_sessions(app: Flask, world: SecurityWorld) -> None:
    learner = app.test_client()
    sign_in(learner, world.usernames["learner"])
    assert learner.get("/en/account/").status_code == 200
    teacher = app.test_client()
    sign_in(teacher, world.usernames["teacher"])
    url = f"/en/classes/{world.class_id}/learners/{world.user_ids['learner']}/password"
    assert teacher.post(url).status_code == 200
    response = learner.get("/en/account/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert learner.get("/api/v1/me/progress").status_code == 401


def test_a_password_reset_revokes_the_learners_bearer_tokens(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    body = {"username": world.usernames["learner"], "password": PASSWORD}
    token = client.post("/api/v1/auth/login", json=body).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me/progress", headers=headers).status_code == 200
    teacher = app.test_client()
    sign_in(teacher, world.usernames["teacher"])
    teacher.post(f"/en/classes/{world.class_id}/learners/{world.user_ids['learner']}/password")
    assert client.get("/api/v1/me/progress", headers=headers).status_code == 401


def test_choosing_ones_own_password_keeps_this_session(app: Flask, world: SecurityWorld) -> None:
    teacher = app.test_client()
    sign_in(teacher, world.usernames["teacher"])
    page = teacher.post(f"/en/classes/{world.class_id}/learners/{world.user_ids['learner']}/password")
    one_time = _one_time_password(page.get_data(as_text=True), world.usernames["learner"])
    learner = app.test_client()
    sign_in(learner, world.usernames["learner"], one_time)
    new = "a brand new passphrase"
    response = learner.post("/en/account/new-password", data={"password": new, "confirm": new})
    assert response.status_code == 302
    assert learner.get("/en/account/").status_code == 200


def _token(app: Flask, username: str) -> str:
    response = app.test_client().post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["token"]


def _bearer_works(app: Flask, token: str) -> bool:
    return app.test_client().get("/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def _one_time_password(html: str, username: str) -> str:
    match = re.search(rf'<code dir="ltr">{re.escape(username)}</code></td><td><code dir="ltr" class="secret">([^<]+)<', html)
    assert match, "the one-time password is not on the page"
    return match.group(1)
