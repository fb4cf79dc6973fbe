"""Who may review a practical task: the class's teacher, the school's admin or mentor (teachers'
training), a site reviewer; never the learner, another teacher, another school or the site admin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from ailit.models import Role, User
from ailit.services import schools, tasks
from ailit.web.extensions import content, db
from tests.security.conftest import TASK_COURSE, TASK_MODULE, SecurityWorld, sign_in

REVIEW = {"scores": [2, 1, 2], "comment": "A clear plan that keeps data safe."}


@pytest.mark.parametrize(
    ("role", "status"),
    [("learner", 403), ("other_learner", 404), ("other_teacher", 404), ("other_school_admin", 404), ("admin", 404)],
)
def test_nobody_else_reviews(app: Flask, world: SecurityWorld, role: str, status: int) -> None:
    client = app.test_client()
    sign_in(client, world.usernames[role])
    response = client.post(f"/api/v1/submissions/{world.submission_id}/review", json=REVIEW)
    assert response.status_code == status, response.get_json()
    queue = client.get("/api/v1/reviews").get_json()["submissions"]
    assert world.submission_id not in [s["id"] for s in queue]


@pytest.mark.parametrize("role", ["teacher", "school_admin", "reviewer"])
def test_the_reviewers_see_it_queued_and_review_it(app: Flask, world: SecurityWorld, role: str) -> None:
    client = app.test_client()
    sign_in(client, world.usernames[role])
    queue = client.get("/api/v1/reviews").get_json()["submissions"]
    assert [s["id"] for s in queue] == [world.submission_id]
    response = client.post(f"/api/v1/submissions/{world.submission_id}/review", json=REVIEW)
    assert response.status_code == 200 and response.get_json()["status"] == "passed"


def test_a_mentor_reviews_the_schools_teachers(app: Flask, world: SecurityWorld, make_user: Callable[..., User]) -> None:
    mentor = make_user("mona-mentor", role=Role.TEACHER)
    colleague = make_user("carl-colleague", role=Role.TEACHER)
    with app.app_context():
        schools.add_staff(db.session, db.session.get(User, mentor.id), world.school_id, mentor=True)
        schools.add_staff(db.session, db.session.get(User, colleague.id), world.school_id)
        teacher = db.session.get(User, world.user_ids["teacher"])
        own = tasks.submit(db.session, teacher, content.catalogue, TASK_COURSE, TASK_MODULE, "en",
                           "The plan of a teacher in training.", [], Path(app.config["DATA_DIR"]))
    path = f"/api/v1/submissions/{own.id}/review"
    for username, status in (("carl-colleague", 404), (world.usernames["other_school_admin"], 404),
                             (world.usernames["teacher"], 403)):
        client = app.test_client()
        sign_in(client, username)
        assert client.post(path, json=REVIEW).status_code == status, username
    client = app.test_client()
    sign_in(client, "mona-mentor")
    assert own.id in [s["id"] for s in client.get("/api/v1/reviews").get_json()["submissions"]]
    assert client.post(path, json=REVIEW).status_code == 200
