"""schemathesis against the served OpenAPI document, in process (WSGI): every operation,
a few generated requests each (requests the schema allows, and requests it does not),
deterministic, with a bearer token of a real account.

Checks: no server error; status codes, content types, headers and bodies as documented;
a request the schema does not allow is refused; an operation that needs authentication
refuses a request without it. Not checked:
``positive_data_acceptance`` (a body the schema allows must be accepted): the schema cannot
say everything the services check (a join code that exists, a name without control
characters, a password that matches), so such a body is rightly a 4xx.

Figures (operations, cases, failures) are printed: run with ``-s`` to see them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ailit.models import User
from ailit.services import api_tokens
from ailit.web.extensions import db

EXAMPLES_PER_OPERATION = 5
SEED = 20261203


@pytest.mark.slow
def test_every_operation_keeps_the_documented_contract(app: Flask, make_user: Callable[..., User]) -> None:
    learner_id = make_user("schema-learner").id
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    @schema.auth(refresh_interval=None)  # a fresh token each time: logout revokes the last one
    class Bearer:
        def get(self, case: Any, ctx: Any) -> str:
            with app.app_context():
                user = db.session.get(User, learner_id)
                # deleteMyAccount may have succeeded: then the token belongs to nobody.
                return api_tokens.issue_token(db.session, user).value if user else "deleted"

        def set(self, case: Any, data: str, ctx: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}",
                            "Accept-Encoding": "identity"}

    failures: dict[str, str] = {}
    cases = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            nonlocal cases
            cases += 1
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Unsatisfiable:  # nothing to break: an operation without parameters or body
            assert mode is GenerationMode.NEGATIVE, operation.label
        except BaseException as error:  # a FailureGroup (an exception group) names every failure
            failures[f"{operation.label} ({mode.value})"] = str(error)[:2000]
    print(f"\nschemathesis: {len(operations)} operations, {cases} cases, {len(failures)} failing operations")
    assert len(operations) >= 20
    assert failures == {}
