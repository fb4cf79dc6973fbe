"""Sign-in is limited per address (Flask-Limiter) and per account and address (in the database)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from ailit.models import LoginThrottle, utcnow

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


def test_guesses_from_one_address_never_lock_the_account_elsewhere(
    app_factory: Callable[..., Flask], make_user
) -> None:
    app = app_factory(SIGNIN_MAX_FAILURES=3, SIGNIN_BACKOFF_SECONDS=600, SIGNIN_LOCKOUT_SECONDS=600)
    make_user("ada")
    attacker, classroom = app.test_client(), app.test_client()
    guess = {"username": "ada", "password": "wrong password"}
    for _ in range(3):
        response = attacker.post("/en/sign-in", data=guess, environ_base={"REMOTE_ADDR": "203.0.113.9"})
        assert response.status_code == 400
    # The guesser's address now waits, even with the right password...
    response = attacker.post(
        "/fr/sign-in", data={"username": "ada", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )
    assert response.status_code == 429
    assert 590 <= int(response.headers["Retry-After"]) <= 600
    assert "<html lang=\"fr\"" in response.get_data(as_text=True)
    # ...while the learner, from the classroom, signs in as usual.
    response = classroom.post(
        "/en/sign-in", data={"username": "ada", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "198.51.100.1"}
    )
    assert response.status_code == 302


def test_the_wait_doubles_with_each_further_failure(app_factory: Callable[..., Flask], make_user) -> None:
    app = app_factory(SIGNIN_MAX_FAILURES=2, SIGNIN_BACKOFF_SECONDS=30, SIGNIN_LOCKOUT_SECONDS=100)
    make_user("ada")
    from ailit.services import accounts
    from ailit.services.errors import InvalidCredentials, Throttled
    from ailit.web.extensions import db, security

    start = utcnow()
    with app.app_context():
        policy = replace(security.throttle, window=timedelta(days=1))

        def attempt(seconds: int) -> str:
            try:
                accounts.authenticate(db.session, username="ada", password="wrong password", address="192.0.2.1",
                                      now=start + timedelta(seconds=seconds), policy=policy, hasher=security.hasher)
            except InvalidCredentials:
                return "wrong"
            except Throttled as error:
                return f"wait {error.retry_after}"
            return "signed in"

        # Two free failures, then 30 s, 60 s, and never more than 100 s.
        outcomes = [attempt(t) for t in (0, 1, 2, 100, 101, 200, 201, 400, 401)]
    assert outcomes == ["wrong", "wrong", "wait 29", "wrong", "wait 59", "wrong", "wait 99", "wrong", "wait 99"]


def test_parallel_guesses_are_all_counted(app_factory: Callable[..., Flask], make_user) -> None:
    """32 wrong passwords at once, from one address: every one is counted (one atomic UPDATE)."""
    app = app_factory(SIGNIN_MAX_FAILURES=1000)
    make_user("ada")
    guesses = 32
    barrier = threading.Barrier(guesses)
    statuses: list[int] = []

    def guess() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post("/en/sign-in", data={"username": "ada", "password": "wrong password"},
                               environ_base={"REMOTE_ADDR": "203.0.113.9"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [400] * guesses
    with app.app_context():
        from ailit.web.extensions import db

        counted = db.session.scalar(
            select(LoginThrottle.failures).where(LoginThrottle.username == "ada", LoginThrottle.address == "203.0.113.9")
        )
    assert counted == guesses


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
