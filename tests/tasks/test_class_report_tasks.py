"""The class report shows tasks waiting for review and their outcomes; the teacher reviews from it."""

from __future__ import annotations

import re

from flask import Flask

from ailit.models import User
from ailit.services import assignments
from ailit.web.extensions import content, db
from tests.security.conftest import TASK_COURSE, SecurityWorld, sign_in


def test_the_teacher_reviews_from_the_class_report(app: Flask, world: SecurityWorld) -> None:
    with app.app_context():
        teacher = db.session.get(User, world.user_ids["teacher"])
        assignments.create_assignment(db.session, teacher, world.class_id, content.catalogue,
                                      course_id=TASK_COURSE, confirm_other_stage=True)
    client = app.test_client()
    sign_in(client, world.usernames["teacher"])
    html = client.get(f"/en/classes/{world.class_id}/report").get_data(as_text=True)
    assert "1 practical task is waiting for your review" in html
    link = f"/en/tasks/{world.submission_id}"
    assert re.search(rf'<a href="{link}">Task: Waiting for review</a>', html)
    page = client.get(link).get_data(as_text=True)
    assert "My lesson plan." in page and 'name="score-2"' in page  # three criteria to score
    form = {"criterion": ["0", "1", "2"], "score-0": "0", "score-1": "1", "score-2": "0", "comment": "Add the goal."}
    response = client.post(f"{link}/review", data=form)
    assert response.status_code == 303
    html = client.get(f"/en/classes/{world.class_id}/report").get_data(as_text=True)
    assert "waiting for your review" not in html and "Task: Back for revision" in html
    # The learner is told on the dashboard, until they open the review.
    learner = app.test_client()
    sign_in(learner, world.usernames["learner"])
    dashboard = learner.get("/en/").get_data(as_text=True)
    assert "Your tasks have been reviewed" in dashboard and link in dashboard
    assert "Add the goal." in learner.get(link).get_data(as_text=True)
    assert "Your tasks have been reviewed" not in learner.get("/en/").get_data(as_text=True)


def test_a_bad_review_form_is_a_400_that_changes_nothing(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    sign_in(client, world.usernames["teacher"])
    form = {"criterion": ["0", "1", "2"], "score-0": "9", "score-1": "x", "score-2": "", "comment": "Hm."}
    response = client.post(f"/en/tasks/{world.submission_id}/review", data=form)
    assert response.status_code == 400 and "from 0 to its points" in response.get_data(as_text=True)
    assert client.get("/api/v1/reviews").get_json()["submissions"][0]["status"] == "submitted"
