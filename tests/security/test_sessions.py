"""Passwords and sessions: argon2 hashes, a fresh session at sign-in, none after sign-out or reset."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask

from tests.conftest import PASSWORD
from tests.security.conftest import SecurityWorld, sign_in


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
    stolen = after.value
    client.post("/en/sign-out")
    assert client.get("/en/account/").status_code == 302
    # The old cookie, replayed, is no longer signed in either (it names no user after sign-out? no:
    # a cookie session cannot be revoked server-side, so sign-out must at least clear this client).
    assert client.get_cookie("session") is None or client.get_cookie("session").value != stolen


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


def _one_time_password(html: str, username: str) -> str:
    match = re.search(rf'<code dir="ltr">{re.escape(username)}</code></td><td><code dir="ltr" class="secret">([^<]+)<', html)
    assert match, "the one-time password is not on the page"
    return match.group(1)
