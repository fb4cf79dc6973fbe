"""Progress: modules completed by quiz or by reading, course percentage, dashboard, rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ailit.content.build import build_catalogue
from ailit.models import ModuleProgress, ProgressStatus
from tests.conftest import FIXTURE_COURSES
from tests.web.test_quiz import RIGHT, _submit


@pytest.fixture
def learner(auth, make_user) -> None:
    make_user("ada")
    auth.login("ada")


def test_mark_as_read_completes_a_module_without_quiz(client: FlaskClient, learner) -> None:
    page = client.get("/en/courses/sample-robots/robots-around-us/").get_data(as_text=True)
    assert "Mark as read" in page
    response = client.post("/en/courses/sample-robots/robots-around-us/read")
    assert response.status_code == 303
    course = client.get("/en/courses/sample-robots/").get_data(as_text=True)
    assert "33% complete" in course
    assert "Mark as read" not in client.get("/en/courses/sample-robots/robots-around-us/").get_data(as_text=True)


def test_a_module_with_a_quiz_cannot_be_marked_as_read(client: FlaskClient, learner) -> None:
    assert client.post("/en/courses/sample-robots/what-is-ai/read").status_code == 400


def test_course_percentage_and_dashboard(client: FlaskClient, learner) -> None:
    assert "You have not started a course yet." in client.get("/en/").get_data(as_text=True)
    _submit(client, RIGHT)
    client.post("/en/courses/sample-robots/robots-around-us/read")
    client.get("/en/courses/sample-robots/learning-from-examples/")
    dashboard = client.get("/en/").get_data(as_text=True)
    assert "Robots That Learn" in dashboard
    assert "67% complete" in dashboard
    assert "2 of 3 modules completed" in dashboard
    # Continue where you left off: the last module seen (not completed yet).
    assert 'href="/en/courses/sample-robots/learning-from-examples/">Continue where you left off' in dashboard


def test_failed_quiz_keeps_module_in_progress(client: FlaskClient, learner, app: Flask) -> None:
    _submit(client, {**RIGHT, "q0": "0", "q1": ["1"]})
    with app.app_context():
        from ailit.web.extensions import db

        row = db.session.scalars(select(ModuleProgress)).one()
        assert row.status == ProgressStatus.IN_PROGRESS and row.best_score == 0.5
        assert row.completed_at is None
    _submit(client, RIGHT)
    with app.app_context():
        from ailit.web.extensions import db

        row = db.session.scalars(select(ModuleProgress)).one()
        assert row.status == ProgressStatus.COMPLETED and row.best_score == 1.0
        assert row.completed_at is not None


def test_progress_survives_a_rebuild_with_a_changed_module(
    app_factory, make_user, tmp_path: Path
) -> None:
    courses = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, courses)
    out = tmp_path / "catalogue"
    assert build_catalogue(courses, out).ok
    app = app_factory(CATALOGUE_DIR=out, CATALOGUE_CHECK_SECONDS=0)
    make_user("ada")
    client = app.test_client()
    client.post("/en/sign-in", data={"username": "ada", "password": "correct horse battery"})
    _submit(client, RIGHT)
    client.post("/en/courses/sample-robots/robots-around-us/read")
    with app.app_context():
        from ailit.web.extensions import content

        old_version = content.catalogue.course("sample-robots").module("robots-around-us").version

    source = courses / "primary" / "sample-robots" / "03-robots-around-us" / "en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    assert build_catalogue(courses, out).ok
    with app.app_context():
        from ailit.web.extensions import content, db

        assert content.catalogue.course("sample-robots").module("robots-around-us").version != old_version
        rows = {r.module_id: r for r in db.session.scalars(select(ModuleProgress))}
        assert rows["robots-around-us"].version == old_version  # kept as completed
    page = client.get("/en/courses/sample-robots/").get_data(as_text=True)
    assert "67% complete" in page
    assert "A new paragraph." in client.get("/en/courses/sample-robots/robots-around-us/").get_data(as_text=True)
