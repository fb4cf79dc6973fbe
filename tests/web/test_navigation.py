"""The main navigation leads each role to its own pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from ailit.models import Role, User

from tests.conftest import AuthActions


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (Role.LEARNER, [], ["/en/classes/", "/en/schools/", "/en/admin/certificates"]),
        (Role.TEACHER, ["/en/classes/"], ["/en/schools/", "/en/admin/certificates"]),
        (Role.SCHOOL_ADMIN, ["/en/schools/"], ["/en/classes/", "/en/admin/certificates"]),
        (Role.ADMIN, ["/en/schools/", "/en/admin/certificates"], ["/en/classes/"]),
    ],
)
def test_role_links_in_the_navigation(
    client: FlaskClient,
    auth: AuthActions,
    make_user: Callable[..., User],
    role: Role,
    present: list[str],
    absent: list[str],
) -> None:
    make_user("someone", role=role)
    auth.login("someone")
    nav = client.get("/en/courses/").get_data(as_text=True).split("</nav>")[0]
    for href in present:
        assert f'href="{href}"' in nav
    for href in absent:
        assert f'href="{href}"' not in nav
    for href in present:
        assert client.get(href).status_code == 200
