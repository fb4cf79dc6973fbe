"""Sign-in is limited per address (Flask-Limiter) and per account (in the database)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from tests.conftest import PASSWORD


def test_per_address_limit_gives_429_with_retry_after(app_factory: Callable[..., Flask], make_user) -> None:
    app = app_factory(RATELIMIT_ENABLED=True, SIGNIN_RATE_LIMIT="3 per minute", SIGNIN_MAX_FAILURES=100)
    client = app.test_client()
    # Different usernames: only the address is common to these attempts.
    for number in range(3):
        response = client.post("/en/sign-in", data={"username": f"user{number}", "password": "nope nope"})
        assert response.status_code == 400
    response = client.post("/en/sign-in", data={"username": "user9", "password": "nope nope"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many attempts" in response.get_data(as_text=True)
    # Another address is not affected.
    other = client.post(
        "/en/sign-in",
        data={"username": "user9", "password": "nope nope"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other.status_code == 400


def test_per_account_limit_holds_across_addresses(app_factory: Callable[..., Flask], make_user) -> None:
    app = app_factory(SIGNIN_MAX_FAILURES=3, SIGNIN_LOCKOUT_SECONDS=600)
    make_user("ada")
    client = app.test_client()
    for number in range(3):
        response = client.post(
            "/en/sign-in",
            data={"username": "ada", "password": "wrong password"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{number}"},
        )
        assert response.status_code == 400
    # Even the right password is refused while the account is locked.
    response = client.post(
        "/fr/sign-in",
        data={"username": "ada", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
    )
    assert response.status_code == 429
    assert 590 <= int(response.headers["Retry-After"]) <= 600
    assert "<html lang=\"fr\"" in response.get_data(as_text=True)
    # Other accounts can still sign in.
    make_user("bea")
    assert client.post("/en/sign-in", data={"username": "bea", "password": PASSWORD}).status_code == 302


def test_success_clears_the_failure_count(app_factory: Callable[..., Flask], make_user) -> None:
    app = app_factory(SIGNIN_MAX_FAILURES=3)
    make_user("ada")
    client = app.test_client()
    for _ in range(2):
        client.post("/en/sign-in", data={"username": "ada", "password": "wrong password"})
    assert client.post("/en/sign-in", data={"username": "ada", "password": PASSWORD}).status_code == 302
    client.post("/en/sign-out")
    for _ in range(2):
        assert client.post("/en/sign-in", data={"username": "ada", "password": "wrong"}).status_code == 400
    assert client.post("/en/sign-in", data={"username": "ada", "password": PASSWORD}).status_code == 302
