"""API fixtures: a client whose every response is validated against the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from ailit.web.openapi import load_document
from tests.conftest import PASSWORD

from .openapi_check import OpenAPIChecker


@pytest.fixture(scope="session")
def openapi_checker() -> OpenAPIChecker:
    """The merged document, as the app serves it."""
    return OpenAPIChecker(load_document())


class ApiClient:
    """JSON requests through a Flask test client; every response is checked against the document."""

    def __init__(self, client: FlaskClient, checker: OpenAPIChecker) -> None:
        self.client = client
        self.checker = checker
        self.token: str | None = None  # sent as a bearer token when set

    def call(self, method: str, path: str, **kwargs: Any) -> TestResponse:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.token is not None and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        self.checker.check(
            method, path, response.status_code, response.get_data(), response.content_type or ""
        )
        return response

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("DELETE", path, **kwargs)

    def register(self, username: str = "ada", **fields: Any) -> TestResponse:
        body = {"username": username, "password": PASSWORD, "display_name": "Ada", "locale": "en"}
        return self.post("/api/v1/auth/register", json={**body, **fields})

    def login(self, username: str = "ada", password: str = PASSWORD) -> str:
        """Log in and keep the token for the next requests."""
        response = self.post(
            "/api/v1/auth/login", json={"username": username, "password": password}
        )
        assert response.status_code == 200, response.get_json()
        self.token = response.get_json()["token"]
        return self.token


@pytest.fixture
def api(client: FlaskClient, openapi_checker: OpenAPIChecker) -> ApiClient:
    """An API client on the app's test client."""
    return ApiClient(client, openapi_checker)


@pytest.fixture
def api_factory(openapi_checker: OpenAPIChecker) -> Callable[[Flask], ApiClient]:
    """API clients for apps built with other settings (``app_factory``)."""

    def factory(app: Flask) -> ApiClient:
        return ApiClient(app.test_client(), openapi_checker)

    return factory
