"""API catalogue, modules and quizzes: no answer key, stable shuffle, strict answers, idempotency."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.models import QuizAttempt

from .conftest import ApiClient

COURSE = "/api/v1/courses/sample-robots"
MODULE = COURSE + "/modules/what-is-ai"
ATTEMPTS = MODULE + "/attempts"
RIGHT = [[1], [0, 2], 8, "Training  DATA"]
WRONG = [[0], [1], 3, "robots"]


@pytest.fixture
def learner(api: ApiClient, make_user) -> ApiClient:
    make_user("ada")
    api.login("ada")
    return api


def _attempts(db_session: Session) -> int:
    db_session.rollback()
    return db_session.scalar(select(func.count(QuizAttempt.id))) or 0


def test_courses_are_grouped_by_stage_in_the_locale_asked_for(api: ApiClient) -> None:
    body = api.get("/api/v1/courses?locale=fr").get_json()
    assert body["locale"] == "fr"
    assert [g["stage"] for g in body["stages"]] == ["primary", "teacher-pd"]
    assert body["stages"][0]["courses"][0]["title"] == "Des robots qui apprennent"
    only = api.get("/api/v1/courses?stage=teacher-pd").get_json()["stages"]
    assert [g["stage"] for g in only] == ["teacher-pd"]


@pytest.mark.parametrize(("query", "field"), [("locale=xx", "locale"), ("stage=adults", "stage")])
def test_bad_query_parameters_are_400s(api: ApiClient, query: str, field: str) -> None:
    response = api.get(f"/api/v1/courses?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(f"{field}: choose one of")


def test_a_course_shows_statuses_only_when_signed_in(api: ApiClient, make_user) -> None:
    visitor = api.get(COURSE + "?locale=ar").get_json()
    assert visitor["title"] == "روبوتات تتعلم"
    assert [m["status"] for m in visitor["modules"]] == [None, None, None]
    assert visitor["languages"]["ar"] == "stale"
    make_user("ada")
    api.login()
    api.get(MODULE)
    statuses = [m["status"] for m in api.get(COURSE).get_json()["modules"]]
    assert statuses == ["in_progress", "not_started", "not_started"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/courses/nope"),
        ("GET", COURSE + "/modules/nope"),
        ("POST", COURSE + "/modules/nope/attempts"),
        ("POST", "/api/v1/courses/nope/modules/what-is-ai/attempts"),
    ],
)
def test_unknown_courses_and_modules_are_json_404s(learner: ApiClient, method: str, path: str) -> None:
    response = learner.call(method, path, json={"answers": []})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_a_module_never_says_which_options_are_correct(learner: ApiClient) -> None:
    module = learner.get(MODULE).get_json()
    assert not _keys(module) & {"correct", "accepted", "tolerance", "explanation", "explanation_html"}
    assert "spam filter changes" not in str(module)  # explanations come after grading
    quiz = module["quiz"]
    assert [q["type"] for q in quiz["questions"]] == ["single", "multiple", "number", "text"]
    assert quiz["questions"][2]["options"] == [] and quiz["questions"][3]["options"] == []
    assert (quiz["pass_mark"], quiz["max_attempts"], quiz["attempts_left"]) == (0.7, 3, 3)


def test_shuffled_options_keep_source_positions_and_order_until_the_next_attempt(
    learner: ApiClient,
) -> None:
    def order() -> list[list[int]]:
        questions = learner.get(MODULE).get_json()["quiz"]["questions"]
        return [[o["position"] for o in q["options"]] for q in questions[:2]]

    first = order()
    assert [sorted(p) for p in first] == [[0, 1, 2], [0, 1, 2]]
    assert order() == first  # stable while the learner answers
    texts = {o["position"]: o["html"] for o in learner.get(MODULE).get_json()["quiz"]["questions"][0]["options"]}
    assert "spam filter" in texts[1]  # position 1 is the source's second option
    learner.post(ATTEMPTS, json={"answers": WRONG})
    assert [sorted(p) for p in order()] == [[0, 1, 2], [0, 1, 2]]  # a new order, same positions


def test_a_fallback_module_says_so(api: ApiClient) -> None:
    body = api.get(COURSE + "/modules/learning-from-examples?locale=ru").get_json()
    assert (body["locale"], body["fallback"]) == ("en", True)
    translated = api.get(MODULE + "?locale=ar").get_json()
    assert (translated["locale"], translated["fallback"]) == ("ar", False)


def test_a_module_without_quiz_has_quiz_null(api: ApiClient) -> None:
    body = api.get(COURSE + "/modules/robots-around-us").get_json()
    assert body["quiz"] is None
    assert body["previous_id"] == "learning-from-examples" and body["next_id"] is None


def test_grading_returns_correctness_and_explanations(learner: ApiClient) -> None:
    response = learner.post(ATTEMPTS, json={"answers": [[1], [0], 8.2, "data"]})
    assert response.status_code == 201
    body = response.get_json()
    assert [q["correct"] for q in body["questions"]] == [True, False, True, True]
    assert (body["score"], body["passed"], body["attempts_left"]) == (0.75, True, 2)
    assert "spam filter" in body["questions"][0]["explanation"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([[1], [0, 2], True, "data"], "answers[2]: Enter a number, for example 8 or 0.5."),
        ([[1], [0, 2], "eight", "data"], "answers[2]: Enter a number, for example 8 or 0.5."),
        ([1, [0, 2], 8, "data"], "answers[0]: Expected a list of option positions."),
        ([[True], [0, 2], 8, "data"], "answers[0]: This option is not one of the question's options."),
        ([[7], [0, 2], 8, "data"], "answers[0]: This option is not one of the question's options."),
        ([[0, 1], [0, 2], 8, "data"], "answers[0]: Choose one answer."),
        ([[1], [0, -1], 8, "data"], "answers[1]: This option is not one of the question's options."),
        ([[1], [0, 2], 8, ["data"]], "answers[3]: Expected a text answer."),
        ([[1], [0, 2], 8, "d" * 501], "answers[3]: Use at most 500 characters."),
        ([[1], [0, 2], 8], "answers: expected 4 answers, one per question, got 3"),
        ({"0": [1]}, "answers: expected a list, not an object"),
    ],
)
def test_malformed_answers_are_400s_naming_the_answer_and_record_nothing(
    learner: ApiClient, db_session: Session, answers: Any, message: str
) -> None:
    response = learner.post(ATTEMPTS, json={"answers": answers})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == message
    assert _attempts(db_session) == 0


def test_attempts_need_a_signed_in_learner(api: ApiClient) -> None:
    response = api.post(ATTEMPTS, json={"answers": RIGHT})
    assert response.status_code == 401


def test_a_module_without_quiz_takes_no_attempt(learner: ApiClient) -> None:
    response = learner.post(COURSE + "/modules/robots-around-us/attempts", json={"answers": []})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "no_quiz"


def test_attempts_stop_at_max_attempts(learner: ApiClient, db_session: Session) -> None:
    for _ in range(3):
        assert learner.post(ATTEMPTS, json={"answers": WRONG}).status_code == 201
    response = learner.post(ATTEMPTS, json={"answers": RIGHT})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "no_attempts_left"
    assert _attempts(db_session) == 3


def test_the_same_idempotency_key_returns_the_first_result(
    learner: ApiClient, db_session: Session
) -> None:
    headers = {"Idempotency-Key": "attempt-1"}
    first = learner.post(ATTEMPTS, json={"answers": WRONG}, headers=headers)
    again = learner.post(ATTEMPTS, json={"answers": RIGHT}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    assert _attempts(db_session) == 1
    other = learner.post(COURSE + "/modules/learning-from-examples/attempts",
                         json={"answers": [[1], [0, 2]]}, headers=headers)
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "idempotency_key_reused"
    too_long = learner.post(ATTEMPTS, json={"answers": RIGHT}, headers={"Idempotency-Key": "k" * 101})
    assert too_long.status_code == 400


def test_concurrent_requests_with_one_idempotency_key_record_one_attempt(
    learner: ApiClient, db_session: Session
) -> None:
    learner.get(MODULE)  # as a learner would: the quiz is read before it is answered
    app = learner.client.application
    token = learner.token
    barrier = threading.Barrier(2)
    statuses: list[int] = []
    bodies: list[dict[str, Any]] = []

    def submit() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post(
            ATTEMPTS,
            json={"answers": RIGHT},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "same-key"},
        )
        learner.checker.check("POST", ATTEMPTS, response.status_code, response.get_data(),
                              response.content_type or "")
        statuses.append(response.status_code)
        bodies.append(response.get_json())

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 201]
    assert bodies[0]["attempt_id"] == bodies[1]["attempt_id"]
    assert _attempts(db_session) == 1


def test_progress_lists_courses_with_modules_and_where_to_continue(learner: ApiClient) -> None:
    assert learner.get("/api/v1/me/progress").get_json() == {"courses": []}
    learner.post(ATTEMPTS, json={"answers": RIGHT})
    course = learner.get("/api/v1/me/progress?locale=fr").get_json()["courses"][0]
    assert (course["course_id"], course["title"]) == ("sample-robots", "Des robots qui apprennent")
    assert (course["completed"], course["total"], course["percent"]) == (1, 3, 33.3)
    assert [(m["id"], m["status"], m["best_score"]) for m in course["modules"]] == [
        ("what-is-ai", "completed", 1.0),
        ("learning-from-examples", "not_started", None),
        ("robots-around-us", "not_started", None),
    ]
    assert course["continue"] == {
        "module_id": "learning-from-examples",
        "page_url": "/fr/courses/sample-robots/learning-from-examples/",
        "api_url": "/api/v1/courses/sample-robots/modules/learning-from-examples?locale=fr",
    }
