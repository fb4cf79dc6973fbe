"""Quizzes are graded on the server only: no answer key in any page, attempts limited, idempotent."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from ailit.content.catalogue import load_catalogue
from ailit.models import QuizAttempt
from tests.conftest import AuthActions

MODULE = "/en/courses/sample-robots/what-is-ai/"
QUIZ = MODULE + "quiz"
RIGHT = {"q0": "1", "q1": ["0", "2"], "q2": "8", "q3": "Training  DATA"}
WRONG = {"q0": "0", "q1": ["1"], "q2": "3", "q3": "robots"}


class _Inputs(HTMLParser):
    """Collects the quiz form's inputs with all their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            self.inputs.append(dict(attrs))


def _inputs(html: str) -> list[dict[str, str | None]]:
    parser = _Inputs()
    parser.feed(html)
    return parser.inputs


def _form(client: FlaskClient, path: str = MODULE) -> tuple[str, str]:
    html = client.get(path).get_data(as_text=True)
    token = re.search(r'name="attempt_token" value="([^"]+)"', html)
    assert token, "no quiz form"
    return html, token.group(1)


def _submit(client: FlaskClient, answers: dict, path: str = QUIZ):
    _, token = _form(client, path.removesuffix("quiz"))
    return client.post(path, data={**answers, "attempt_token": token})


@pytest.fixture
def learner(auth: AuthActions, make_user) -> None:
    make_user("ada")
    auth.login("ada")


def test_no_page_before_grading_reveals_the_answers(client: FlaskClient, learner, catalogue_dir: Path) -> None:
    catalogue = load_catalogue(catalogue_dir)
    for locale in ("en", "ar"):
        html, _ = _form(client, f"/{locale}/courses/sample-robots/what-is-ai/")
        text, _fallback = catalogue.module_text("sample-robots", "what-is-ai", locale)
        assert text.quiz is not None
        for question in text.quiz.questions:
            # Typed answers and explanations appear nowhere in the page.
            for accepted in question.accepted:
                assert f'value="{accepted}"' not in html
            if question.explanation_html:
                assert question.explanation_html.strip() not in html
        # No element marks correctness (in a tag's attributes or classes).
        assert not re.search(r"<[^>]*(correct|checked|answer|right)[^>]*>", html, re.IGNORECASE)
        # The correct option is indistinguishable: every option input has the same attribute names.
        choice_inputs = [i for i in _inputs(html) if i.get("type") in ("radio", "checkbox")]
        assert choice_inputs
        assert len({tuple(sorted(i)) for i in choice_inputs}) == 1
        for item in choice_inputs:
            assert item["value"] is not None and item["value"].isdigit()
            assert item["id"] == f"{item['name']}-{item['value']}"


def test_passing_attempt_shows_results_after_redirect(client: FlaskClient, learner) -> None:
    response = _submit(client, RIGHT)
    assert response.status_code == 303
    result = client.get(response.headers["Location"])
    html = result.get_data(as_text=True)
    assert "you passed with 100%" in html
    assert "Spiders have eight legs." in html
    assert html.count("✓") == 4
    course = client.get("/en/courses/sample-robots/").get_data(as_text=True)
    assert "33% complete" in course


def test_failing_attempt_marks_each_question(client: FlaskClient, learner) -> None:
    response = _submit(client, {**RIGHT, "q0": "0", "q3": "no idea"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "you scored 50%" in html and "70% is needed" in html
    assert html.count("✗") == 2 and html.count("✓") == 2


def test_max_attempts_is_enforced(client: FlaskClient, learner, app: Flask) -> None:
    for _ in range(3):
        assert _submit(client, WRONG).status_code == 303
    html = client.get(MODULE).get_data(as_text=True)
    assert "You have used all your attempts" in html
    assert 'name="attempt_token"' not in html
    refused = client.post(QUIZ, data={**RIGHT, "attempt_token": "a-fresh-token"})
    assert refused.status_code == 403
    assert "You have used all your attempts" in refused.get_data(as_text=True)
    with app.app_context():
        from ailit.web.extensions import db

        assert db.session.scalar(select(func.count(QuizAttempt.id))) == 3


def test_double_submit_records_one_attempt(client: FlaskClient, learner, app: Flask) -> None:
    _, token = _form(client)
    first = client.post(QUIZ, data={**WRONG, "attempt_token": token})
    second = client.post(QUIZ, data={**RIGHT, "attempt_token": token})
    assert first.headers["Location"] == second.headers["Location"]
    with app.app_context():
        from ailit.web.extensions import db

        attempts = db.session.scalars(select(QuizAttempt)).all()
        assert len(attempts) == 1 and attempts[0].passed is False


def _option_order(html: str) -> list[list[str]]:
    order: dict[str, list[str]] = {}
    for item in _inputs(html):
        if item.get("type") in ("radio", "checkbox"):
            order.setdefault(str(item["name"]), []).append(str(item["value"]))
    return list(order.values())


def test_shuffle_is_stable_within_an_attempt_and_values_are_source_positions(client: FlaskClient, learner) -> None:
    first = _option_order(client.get(MODULE).get_data(as_text=True))
    assert first == _option_order(client.get(MODULE).get_data(as_text=True))
    assert [sorted(q) for q in first] == [["0", "1", "2"], ["0", "1", "2"]]
    orders = {str(first)}
    for _ in range(2):
        _submit(client, WRONG)
        orders.add(str(_option_order(client.get(MODULE).get_data(as_text=True))))
    # Each attempt draws a new seed; with 36 possible orders, three equal draws would be a bug.
    assert len(orders) > 1


def test_stored_attempt_keeps_seed_order_and_locale(client: FlaskClient, learner, app: Flask) -> None:
    html, token = _form(client, "/ar/courses/sample-robots/what-is-ai/")
    shown = _option_order(html)
    client.post("/ar/courses/sample-robots/what-is-ai/quiz", data={**RIGHT, "attempt_token": token})
    with app.app_context():
        from ailit.web.extensions import db

        attempt = db.session.scalars(select(QuizAttempt)).one()
        assert attempt.locale == "ar"
        assert [[str(p) for p in q] for q in attempt.option_order if q] == shown
        # {text} answers are translated: the English one is wrong in Arabic.
        assert attempt.results == [True, True, True, False]
        assert attempt.answers == [[1], [0, 2], "8", "Training  DATA"]


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({**RIGHT, "q0": "first"}, 1),
        ({**RIGHT, "q0": ["0", "1"]}, 1),
        ({k: v for k, v in RIGHT.items() if k != "q0"}, 1),
        ({**RIGHT, "q1": ["7"]}, 2),
        ({**RIGHT, "q2": "eight"}, 3),
        ({**RIGHT, "q3": "x" * 501}, 4),
    ],
)
def test_malformed_answer_is_a_400_naming_the_question(client: FlaskClient, learner, app: Flask, answers: dict, question: int) -> None:
    response = _submit(client, answers)
    assert response.status_code == 400
    assert f"Question {question}:" in response.get_data(as_text=True)
    with app.app_context():
        from ailit.web.extensions import db

        assert db.session.scalar(select(func.count(QuizAttempt.id))) == 0


def test_someone_elses_attempt_is_not_found(client: FlaskClient, auth: AuthActions, learner, make_user) -> None:
    location = _submit(client, RIGHT).headers["Location"]
    auth.logout()
    make_user("eve")
    auth.login("eve")
    assert client.get(location).status_code == 404


def test_signed_out_visitors_see_the_quiz_but_cannot_submit(client: FlaskClient) -> None:
    html = client.get(MODULE).get_data(as_text=True)
    assert "Sign in to take the quiz" in html
    assert 'name="attempt_token"' not in html


def test_a_form_sent_twice_after_its_attempt_gets_the_first_result(client: FlaskClient, learner, app: Flask) -> None:
    """The second copy cannot be read any more (the next attempt has new item ids): no 400."""
    module = "/en/courses/sample-robots/learning-from-examples/"
    html, token = _form(client, module)
    fields = {name: "1" for name in re.findall(r'<select id="(q2-i[0-9a-f]+)"', html)}
    for place, name in enumerate(fields, start=1):
        fields[name] = str(place)
    data = {"q0": "1", "q1": ["0"], **fields, "q4": "0", "q5": "pixels", "attempt_token": token}
    first = client.post(module + "quiz", data=data)
    second = client.post(module + "quiz", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    with app.app_context():
        from ailit.web.extensions import db

        assert len(db.session.scalars(select(QuizAttempt)).all()) == 1
