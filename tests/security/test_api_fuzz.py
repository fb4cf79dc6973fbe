"""Random JSON bodies on the API's write operations: never a 5xx, every 4xx a proper error body.

Bounded so it stays fast: at most 50 bodies per operation, no deadline. Bodies mix arbitrary
JSON with objects built from the operation's own field names, so the fields' own checks are
reached, not only the "expected an object" one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import COURSE, QUIZ_MODULE, SecurityWorld, sign_in

EXAMPLES = 50
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=60)
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
# Plausible values too, so that some bodies pass the type checks and reach the services.
PLAUSIBLE = st.sampled_from(["en", "ar", "xx", "primary", "teacher-pd", COURSE, QUIZ_MODULE, "2026-13-45",
                             "2030-01-01", "ABCD-EFGH", "secret-password-1", "a" * 300, "", "\u202e", "\x00"])

# operation -> (who asks, path in the world, the fields of its request body)
OPERATIONS: dict[str, tuple[str, Callable[[SecurityWorld], str], tuple[str, ...]]] = {
    "register": ("anonymous", lambda w: "/api/v1/auth/register", ("username", "password", "display_name", "locale")),
    "login": ("anonymous", lambda w: "/api/v1/auth/login", ("username", "password")),
    "submitQuizAttempt": ("learner", lambda w: f"/api/v1/courses/{COURSE}/modules/{QUIZ_MODULE}/attempts?locale=en",
                          ("answers",)),
    "createClass": ("teacher", lambda w: "/api/v1/classes", ("name", "stage", "locale")),
    "joinClass": ("other_learner", lambda w: "/api/v1/classes/join", ("code",)),
    "createAssignment": ("teacher", lambda w: f"/api/v1/classes/{w.class_id}/assignments",
                         ("course_id", "module_ids", "due_on")),
}


def _bodies(fields: tuple[str, ...]) -> st.SearchStrategy[Any]:
    value = JSON | PLAUSIBLE | st.lists(PLAUSIBLE | SCALARS, max_size=5)
    shaped = st.fixed_dictionaries({}, optional={name: value for name in (*fields, "extra")})
    return shaped | JSON


def _assert_well_formed(operation: str, body: Any, response: Any) -> None:
    assert response.status_code < 500, (operation, body, response.status_code, response.get_data(as_text=True))
    if response.status_code >= 400:
        error = response.get_json()["error"]
        assert isinstance(error["code"], str) and error["code"], (operation, body, error)
        assert isinstance(error["message"], str) and error["message"], (operation, body, error)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_random_bodies_never_break_an_operation(app: Flask, world: SecurityWorld, operation: str) -> None:
    role, path_of, fields = OPERATIONS[operation]
    client: FlaskClient = app.test_client()
    if role != "anonymous":
        sign_in(client, world.usernames[role])
    path = path_of(world)

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(body=_bodies(fields), idempotency=st.uuids())
    def run(body: Any, idempotency: Any) -> None:
        response = client.post(path, json=body, headers={"Idempotency-Key": idempotency.hex})
        _assert_well_formed(operation, body, response)

    run()
