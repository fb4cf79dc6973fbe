"""submitTask, getMyTasks, listReviewQueue, getSubmission, reviewSubmission: the whole loop."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from ailit.models import ModuleProgress, TaskFile, TaskSubmission
from ailit.web.extensions import content, db
from tests.conftest import PASSWORD
from tests.quiz_helpers import correct_answers

from .conftest import COURSE, JPEG, MODULE, PDF, PNG, People, submit, upload


def _status(app: Flask, user_id: int) -> str | None:
    with app.app_context():
        row = db.session.scalar(
            sa.select(ModuleProgress).where(ModuleProgress.user_id == user_id, ModuleProgress.module_id == MODULE)
        )
        return row.status.value if row else None


def test_submit_review_revise_pass_completes_the_module(app: Flask, people: People) -> None:
    # The quiz passed alone does not complete a module that has a task.
    with app.app_context():
        answers = correct_answers(content.catalogue, COURSE, MODULE, db.session, people.learner_id)
    response = people.learner.post(
        f"/api/v1/courses/{COURSE}/modules/{MODULE}/attempts", json={"answers": answers}
    )
    assert response.status_code == 201 and response.get_json()["passed"]
    assert _status(app, people.learner_id) == "in_progress"

    first = submit(people.learner, files=[upload(PNG, "plan.png", "image/png"), upload(PDF, "plan.pdf")])
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert body["status"] == "submitted" and body["learner"] == "Lena Learner"
    assert [(f["name"], f["media_type"]) for f in body["files"]] == [("plan.png", "image/png"), ("plan.pdf", "application/pdf")]
    assert [c["points"] for c in body["criteria"]] == [2, 1, 2] and body["score"] is None
    assert submit(people.learner).status_code == 409  # waiting for review: no second submission

    queue = people.reviewer.get("/api/v1/reviews").get_json()["submissions"]
    assert [s["id"] for s in queue] == [body["id"]]
    assert people.learner.get("/api/v1/reviews").get_json()["submissions"] == []

    review = f"/api/v1/submissions/{body['id']}/review"
    bad = people.reviewer.post(review, json={"scores": [2, 1], "comment": "Good."})
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "scores"
    over = people.reviewer.post(review, json={"scores": [3, 1, 2], "comment": "Good."})
    assert over.status_code == 400 and "criterion 1" in over.get_json()["error"]["message"]
    assert people.reviewer.post(review, json={"scores": [1, 1, 0], "comment": " "}).status_code == 400
    back = people.reviewer.post(review, json={"scores": [1, 1, 0], "comment": "Say how you protect data."})
    assert back.status_code == 200 and back.get_json()["status"] == "revision"
    assert back.get_json()["score"] == 0.4
    assert people.reviewer.post(review, json={"scores": [2, 1, 2], "comment": "Again"}).status_code == 409
    assert _status(app, people.learner_id) == "in_progress"

    mine = people.learner.get("/api/v1/me/tasks").get_json()["submissions"]
    assert [(s["status"], s["comment"]) for s in mine] == [("revision", "Say how you protect data.")]
    second = submit(people.learner, text="My plan, with no names in the tool.")
    assert second.status_code == 201
    passed = people.reviewer.post(
        f"/api/v1/submissions/{second.get_json()['id']}/review", json={"scores": [2, 0, 2], "comment": "Well done."}
    )
    assert passed.get_json()["status"] == "passed" and passed.get_json()["score"] == 0.8
    assert _status(app, people.learner_id) == "completed"
    assert submit(people.learner).status_code == 409  # passed: nothing more to submit


def test_a_passed_task_waits_for_the_quiz(app: Flask, people: People) -> None:
    created = submit(people.learner).get_json()
    people.reviewer.post(f"/api/v1/submissions/{created['id']}/review", json={"scores": [2, 1, 2], "comment": "Yes."})
    assert _status(app, people.learner_id) == "in_progress"
    with app.app_context():
        answers = correct_answers(content.catalogue, COURSE, MODULE, db.session, people.learner_id)
    people.learner.post(f"/api/v1/courses/{COURSE}/modules/{MODULE}/attempts", json={"answers": answers})
    assert _status(app, people.learner_id) == "completed"


def test_only_the_learner_and_reviewers_see_a_submission_and_its_files(app: Flask, people: People) -> None:
    created = submit(people.learner, files=[upload(JPEG, "photo.jpeg", "image/jpeg")]).get_json()
    path = f"/api/v1/submissions/{created['id']}"
    assert people.learner.get(path).status_code == 200
    assert people.reviewer.get(path).status_code == 200
    assert people.other.get(path).status_code == 404
    review = {"scores": [2, 1, 2], "comment": "Mine is perfect."}
    assert people.learner.post(f"{path}/review", json=review).status_code == 403  # never one's own
    assert people.other.post(f"{path}/review", json=review).status_code == 404
    file_id = created["files"][0]["id"]
    page = f"/en/tasks/{created['id']}/files/{file_id}"
    for username in ("lena", "rita"):
        with app.test_client() as browser:
            browser.post("/en/sign-in", data={"username": username, "password": PASSWORD})
            response = browser.get(page)
            assert response.status_code == 200 and response.data == JPEG
            assert response.headers["Content-Disposition"].startswith("attachment")
            assert response.headers["X-Content-Type-Options"] == "nosniff"
    with app.test_client() as browser:
        browser.post("/en/sign-in", data={"username": "otto", "password": PASSWORD})
        assert browser.get(page).status_code == 404
        assert browser.get(f"/en/tasks/{created['id']}").status_code == 404


def _nothing_stored(app: Flask) -> None:
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(TaskSubmission)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(TaskFile)) == 0
    uploads = Path(app.config["DATA_DIR"]) / "uploads"
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))


def test_a_file_that_is_not_what_it_claims_stores_nothing(app: Flask, people: People) -> None:
    fake = upload(b"<svg onload=alert(1)>", "picture.png", "image/png")
    response = submit(people.learner, files=[upload(PNG, "ok.png"), fake])
    assert response.status_code == 400 and "file 2" in response.get_json()["error"]["message"]
    _nothing_stored(app)


def test_too_many_files_store_nothing(app: Flask, people: People) -> None:
    response = submit(people.learner, files=[upload(PNG, f"{n}.png") for n in range(4)])
    assert response.status_code == 400
    _nothing_stored(app)


def test_a_file_over_10_mb_stores_nothing(app: Flask, people: People) -> None:
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = submit(people.learner, files=[upload(PNG, "ok.png"), upload(big, "big.pdf")])
    assert response.status_code == 413
    _nothing_stored(app)


def test_no_text_or_no_task_is_refused(app: Flask, people: People) -> None:
    assert submit(people.learner, text="   ").status_code == 400
    other = people.learner.post(
        "/api/v1/courses/sample-assessed/modules/reflect/submissions", data={"text": "x"},
        content_type="multipart/form-data",
    )
    assert other.status_code == 404
    _nothing_stored(app)
