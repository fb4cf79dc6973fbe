"""An erased account's certificate stays withdrawn in the status list, and its index is never reused."""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from ailit.certificates.status import decode_bitstring, is_set
from ailit.models import Certificate, User
from ailit.web.extensions import content, db

from tests.conftest import PASSWORD
from tests.quiz_helpers import complete_course
from tests.security.conftest import COURSE


def _certified(app: Flask, user: User) -> tuple[FlaskClient, int]:
    """Sign ``user`` in, pass the course through the services, issue the certificate: its status index."""
    with app.app_context():
        catalogue = content.catalogue
        complete_course(db.session, user.id, catalogue, COURSE)
    client = app.test_client()
    assert client.post("/en/sign-in", data={"username": user.username, "password": PASSWORD}).status_code == 302
    response = client.post("/api/v1/certificates", json={"course_id": COURSE, "locale": "en"})
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        index = db.session.scalar(sa.select(Certificate.status_index).where(Certificate.user_id == user.id))
    assert index is not None
    return client, index


def _withdrawn(app: Flask, index: int) -> bool:
    bits = json.loads(app.test_client().get("/api/v1/certificates/status/1").data)
    return is_set(decode_bitstring(bits["credentialSubject"]["encodedList"]), index)


def test_erased_newest_certificate_stays_withdrawn(app: Flask, make_user: Callable[..., User]) -> None:
    first, second, third = (make_user(f"status-{n}") for n in (1, 2, 3))
    _, first_index = _certified(app, first)
    newest, newest_index = _certified(app, second)
    assert newest_index > first_index
    assert not _withdrawn(app, newest_index)

    token = newest.post("/api/v1/auth/login", json={"username": second.username, "password": PASSWORD})
    response = newest.delete("/api/v1/me", json={"password": PASSWORD},
                             headers={"Authorization": f"Bearer {token.get_json()['token']}"})
    assert response.status_code == 204
    # The erased certificate was the newest one: nothing above it, still withdrawn.
    assert _withdrawn(app, newest_index)
    assert not _withdrawn(app, first_index)

    _, later_index = _certified(app, third)
    assert later_index not in (first_index, newest_index)
    assert _withdrawn(app, newest_index)
    assert not _withdrawn(app, later_index)
    assert not _withdrawn(app, first_index)
