"""Quiz settings through the API and the pages: banks, feedback on-pass and never, retry_after."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.models import ModuleProgress, QuizAttempt
from ailit.services.quiz_draw import drawn_indices
from tests.conftest import PASSWORD
from tests.web.bank_course import COURSE, write_bank_course

from .conftest import ApiClient

MODULES = f"/api/v1/courses/{COURSE}/modules"
LEAKS = re.compile(r"EXPLAIN-|pixelsecret|\"correct\"|your_answer|correct_answer|✓|✗|The right answer")


@pytest.fixture(scope="session")
def bank_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    courses = write_bank_course(tmp_path_factory.mktemp("bank-courses"))
    out = tmp_path_factory.mktemp("bank-catalogue") / "catalogue"
    report = build_catalogue(courses, out)
    assert report.ok, [str(d) for d in report.diagnostics]
    return out


@pytest.fixture
def bank_app(app_factory: Callable[..., Flask], bank_catalogue: Path) -> Flask:
    return app_factory(CATALOGUE_DIR=bank_catalogue)


@pytest.fixture
def learner(bank_app: Flask, api_factory: Callable[[Flask], ApiClient], make_user) -> ApiClient:
    make_user("ada")
    api = api_factory(bank_app)
    api.login("ada")
    return api


def wrong_answers(questions: list[dict[str, Any]]) -> list[Any]:
    """What a learner who knows nothing types: first options, items as shown, no matches."""
    answers: list[Any] = []
    for question in questions:
        kind = question["type"]
        if kind == "single":
            answers.append([question["options"][0]["position"]])
        elif kind == "multiple":
            answers.append([])
        elif kind == "number":
            answers.append(3)
        elif kind == "text":
            answers.append("rocks")
        elif kind == "ordering":
            answers.append([item["id"] for item in question["items"]])
        else:
            answers.append([None] * len(question["left"]))
    return answers


def test_a_bank_draws_its_number_stable_within_an_attempt_and_recorded(
    learner: ApiClient, db_session: Session, bank_catalogue: Path
) -> None:
    first = learner.get(f"{MODULES}/bank").get_json()["quiz"]
    again = learner.get(f"{MODULES}/bank").get_json()["quiz"]
    assert len(first["questions"]) == 4
    assert first["questions"] == again["questions"]  # a reload shows the same attempt
    db_session.rollback()
    key = db_session.scalar(select(ModuleProgress.attempt_key).where(ModuleProgress.module_id == "bank"))
    quiz = load_catalogue(bank_catalogue).module_text(COURSE, "bank", "en")[0].quiz
    expected = drawn_indices(quiz, key)
    assert [q["prompt"] for q in first["questions"]] == [quiz.questions[i].prompt_html for i in expected]
    response = learner.post(f"{MODULES}/bank/attempts", json={"answers": wrong_answers(first["questions"])})
    assert response.status_code == 201
    db_session.rollback()
    attempt = db_session.scalars(select(QuizAttempt)).one()
    assert attempt.drawn == expected and len(attempt.questions) == 4
    assert [q["prompt_html"] for q in attempt.questions] == [quiz.questions[i].prompt_html for i in expected]
    new_key = db_session.scalar(select(ModuleProgress.attempt_key).where(ModuleProgress.module_id == "bank"))
    assert new_key != key  # the next attempt draws again
    following = learner.get(f"{MODULES}/bank").get_json()["quiz"]["questions"]
    assert [q["prompt"] for q in following] == [
        quiz.questions[i].prompt_html for i in drawn_indices(quiz, new_key)
    ]


def test_on_pass_a_learner_who_fails_every_attempt_learns_nothing_before_the_last(
    learner: ApiClient, bank_app: Flask
) -> None:
    page = bank_app.test_client()
    page.post("/en/sign-in", data={"username": "ada", "password": PASSWORD})
    seen: list[str] = []
    result: dict[str, Any] = {}
    for attempt in range(1, 4):
        module = learner.get(f"{MODULES}/bank")
        seen.append(module.get_data(as_text=True))
        seen.append(page.get(f"/en/courses/{COURSE}/bank/").get_data(as_text=True))
        questions = module.get_json()["quiz"]["questions"]
        response = learner.post(f"{MODULES}/bank/attempts", json={"answers": wrong_answers(questions)})
        assert response.status_code == 201
        result = response.get_json()
        assert not result["passed"] and result["feedback"] == "on-pass"
        assert result["attempts_left"] == 3 - attempt
        if attempt < 3:
            seen.append(response.get_data(as_text=True))
            seen.append(page.get(f"/en/courses/{COURSE}/bank/attempts/{result['attempt_id']}").get_data(as_text=True))
            seen.append(learner.get("/api/v1/me/export").get_data(as_text=True))
            seen.append(learner.get("/api/v1/me/progress").get_data(as_text=True))
            seen.append(page.get("/en/").get_data(as_text=True))
            seen.append(page.get(f"/en/courses/{COURSE}/").get_data(as_text=True))
            assert result["questions"] == []
    leaks = [LEAKS.search(text).group(0) for text in seen if LEAKS.search(text)]
    assert leaks == []
    # Out of attempts: now the result teaches.
    assert len(result["questions"]) == 4
    assert all(q["correct_answer"] and "explanation" in q for q in result["questions"])
    assert any("EXPLAIN-" in q["explanation"] for q in result["questions"])
    html = page.get(f"/en/courses/{COURSE}/bank/attempts/{result['attempt_id']}").get_data(as_text=True)
    assert "The right answer" in html and "EXPLAIN-" in html


def test_feedback_never_shows_the_score_only(learner: ApiClient, bank_app: Flask) -> None:
    questions = learner.get(f"{MODULES}/never").get_json()["quiz"]["questions"]
    body = learner.post(f"{MODULES}/never/attempts", json={"answers": [[questions[0]["options"][0]["position"]]]}).get_json()
    assert body["questions"] == [] and body["feedback"] == "never"
    right = learner.post(f"{MODULES}/never/attempts", json={"answers": [[1]]}).get_json()
    assert right["passed"] and right["questions"] == []
    assert "EXPLAIN-NEVER" not in learner.get("/api/v1/me/export").get_data(as_text=True)


def test_feedback_always_shows_answers_and_the_next_module(learner: ApiClient, bank_app: Flask) -> None:
    body = learner.post(f"{MODULES}/wait/attempts", json={"answers": [[0]]}).get_json()
    (question,) = body["questions"]
    assert question["correct"] is False and question["your_answer"] == ["A light switch"]
    assert question["correct_answer"] == ["A spam filter"] and "EXPLAIN-WAIT" in question["explanation"]
    assert body["next_module_id"] == "never"
    assert body["retry_at"] is not None


def test_retry_after_refuses_an_early_attempt_with_429(learner: ApiClient, db_session: Session) -> None:
    assert learner.post(f"{MODULES}/wait/attempts", json={"answers": [[0]]}).status_code == 201
    early = learner.post(f"{MODULES}/wait/attempts", json={"answers": [[1]]})
    assert early.status_code == 429
    assert early.get_json()["error"]["code"] == "retry_later"
    assert 3500 <= int(early.headers["Retry-After"]) <= 3600
    module = learner.get(f"{MODULES}/wait").get_json()["quiz"]
    assert module["retry_at"] is not None and module["attempts_left"] == 4
    db_session.rollback()
    assert len(db_session.scalars(select(QuizAttempt)).all()) == 1


@pytest.mark.parametrize(
    ("index", "answer", "message"),
    [
        ("ordering", ["x", "y", "z"], "Put every item in order"),
        ("matching", "sorts messages", "Choose a match"),
        ("single", [9], "not one of the question's options"),
    ],
)
def test_answers_of_the_wrong_shape_name_the_question(
    learner: ApiClient, db_session: Session, bank_catalogue: Path, index: str, answer: Any, message: str
) -> None:
    learner.get(f"{MODULES}/bank")
    # Choose the attempt's key so that its draw holds the single, ordering and matching questions.
    quiz = load_catalogue(bank_catalogue).module_text(COURSE, "bank", "en")[0].quiz
    key = next(f"key{n}" for n in range(10_000) if {0, 4, 5} <= set(drawn_indices(quiz, f"key{n}")))
    db_session.rollback()
    db_session.execute(update(ModuleProgress).values(attempt_key=key))
    db_session.commit()
    questions = learner.get(f"{MODULES}/bank").get_json()["quiz"]["questions"]
    answers = wrong_answers(questions)
    position = [q["type"] for q in questions].index(index)
    answers[position] = answer
    response = learner.post(f"{MODULES}/bank/attempts", json={"answers": answers})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == f"answers[{position}]" and message in error["message"]
    db_session.rollback()
    assert db_session.scalars(select(QuizAttempt)).all() == []


def test_a_past_result_is_shown_against_the_questions_it_was_taken_on(
    learner: ApiClient,
    app_factory: Callable[..., Flask],
    tmp_path: Path,
) -> None:
    taken = learner.post(f"{MODULES}/wait/attempts", json={"answers": [[0]]}).get_json()
    # The module is republished: the question and its options are rewritten.
    courses = write_bank_course(tmp_path / "courses")
    module = courses / "primary" / COURSE / "02-wait" / "en.md"
    module.write_text(
        module.read_text(encoding="utf-8")
        .replace("Which one learns from examples?", "Which one is a robot?")
        .replace("A light switch", "A vacuum robot")
        .replace("EXPLAIN-WAIT", "EXPLAIN-NEW"),
        encoding="utf-8",
    )
    assert build_catalogue(courses, tmp_path / "catalogue").ok
    republished = app_factory(CATALOGUE_DIR=tmp_path / "catalogue").test_client()
    republished.post("/en/sign-in", data={"username": "ada", "password": PASSWORD})
    html = republished.get(f"/en/courses/{COURSE}/wait/attempts/{taken['attempt_id']}").get_data(as_text=True)
    assert "Which one learns from examples?" in html and "A light switch" in html and "EXPLAIN-WAIT" in html
    assert "Which one is a robot?" not in html and "A vacuum robot" not in html and "EXPLAIN-NEW" not in html
    new_form = republished.get(f"{MODULES}/wait").get_json()["quiz"]["questions"]
    assert new_form[0]["prompt"] == "Which one is a robot?"  # the next attempt is on the new version
