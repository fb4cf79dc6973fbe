"""Every error under /api/ is JSON with a stable code, never a page or a traceback."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from ailit.services import courses

from .conftest import ApiClient


def test_an_unknown_api_path_is_a_json_404(api: ApiClient) -> None:
    response = api.get("/api/v1/nothing/here")
    assert response.status_code == 404
    assert response.get_json() == {
        "error": {"code": "not_found", "message": "there is nothing at this address"}
    }


def test_a_wrong_method_is_a_json_405_with_allow(api: ApiClient) -> None:
    response = api.call("PUT", "/api/v1/courses")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_an_unexpected_failure_is_a_json_500_without_traceback(
    api: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /srv/ailit/db.py line 42")

    monkeypatch.setattr(courses, "list_courses", broken)
    response = api.get("/api/v1/courses")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    text = response.get_data(as_text=True)
    assert "secret internals" not in text and "Traceback" not in text


def test_pages_outside_the_api_still_get_html_errors(client: FlaskClient) -> None:
    response = client.get("/en/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
