"""Practical-task fixtures: files of each kind, a learner, a site reviewer, API clients for both."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask

from ailit.models import Role, User
from tests.security.conftest import world  # noqa: F401
from tests.web.api.conftest import ApiClient, api_factory, openapi_checker  # noqa: F401

COURSE = "sample-assessed"
MODULE = "plan-a-lesson"
SUBMIT = f"/api/v1/courses/{COURSE}/modules/{MODULE}/submissions"

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def upload(data: bytes, name: str, content_type: str = "application/octet-stream") -> tuple[io.BytesIO, str, str]:
    """One multipart file part for the test client."""
    return io.BytesIO(data), name, content_type


@dataclass
class People:
    learner: ApiClient
    reviewer: ApiClient
    other: ApiClient
    learner_id: int
    reviewer_id: int


@pytest.fixture
def people(app: Flask, make_user: Callable[..., User], api_factory: Callable[[Flask], ApiClient]) -> People:  # noqa: F811
    """A learner, another learner and a site reviewer, each signed in with a bearer token."""
    learner = make_user("lena", display_name="Lena Learner")
    make_user("otto")
    reviewer = make_user("rita", role=Role.REVIEWER)
    clients = []
    for name in ("lena", "rita", "otto"):
        client = api_factory(app)
        client.login(name)
        clients.append(client)
    return People(clients[0], clients[1], clients[2], learner.id, reviewer.id)


def submit(client: ApiClient, text: str = "My plan: the class asks a chatbot.", files: list | None = None):
    """submitTask as multipart."""
    data: dict[str, object] = {"text": text}
    if files:
        data["files"] = files
    return client.post(SUBMIT, data=data, content_type="multipart/form-data")
