"""A primary lesson in steps: one ``##`` section per screen, the quiz last, ``?step=all`` whole;
bad steps are a 404; teacher notes stay out of learners' steps; forms come back on the last step."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ailit import stages
from ailit.models import Role
from ailit.web.quiz_form import TOKEN_FIELD
from tests.conftest import AuthActions
from tests.web.steps_course import COURSE, ONE_SCREEN, READ_ONLY, STEPPED, TEACHER_NOTE

PAGE = f"/en/courses/{COURSE}/{STEPPED}/"
STEP_COUNT = re.compile(r'<p class="step-count" id="step" tabindex="-1">([^<]+)</p>')


@pytest.fixture
def steps_app(app_factory: Callable[..., Flask], steps_catalogue: Path) -> Flask:
    return app_factory(CATALOGUE_DIR=steps_catalogue)


@pytest.fixture
def steps_client(steps_app: Flask) -> FlaskClient:
    return steps_app.test_client()


@pytest.fixture
def kid(steps_client: FlaskClient, make_user: Callable[..., object]) -> FlaskClient:
    """The client, signed in as a learner."""
    make_user("kid")
    AuthActions(steps_client).login("kid")
    return steps_client


def _get(client: FlaskClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.get_data(as_text=True)


def test_each_section_is_a_screen_and_the_quiz_the_last(steps_client: FlaskClient) -> None:
    first = _get(steps_client, PAGE)
    assert STEP_COUNT.search(first).group(1) == "Step 1 of 4"
    assert "<title>Step 1 of 4 · Three ideas · ailit</title>" in first
    assert "INTRO-TEXT" in first and "RULES-TEXT" not in first and "quiz-title" not in first
    assert "In this module you will" in first  # the objectives open the lesson
    assert 'rel="next" href="/en/courses/steps-course/three-ideas/?step=2#step"' in first
    assert 'rel="prev"' not in first.split('class="step-pager"')[1]
    second = _get(steps_client, f"{PAGE}?step=2")
    assert "RULES-TEXT" in second and "INTRO-TEXT" not in second and "EXAMPLES-TEXT" not in second
    assert 'rel="prev" href="/en/courses/steps-course/three-ideas/#step"' in second  # step 1 has one address
    assert 'aria-current="step"' in second and second.count("step-done") == 1
    third = _get(steps_client, f"{PAGE}?step=3")
    assert "EXAMPLES-TEXT" in third and "Not a step" in third and "FOOTNOTE-TWO" in third and "FOOTNOTE-ONE" not in third
    quiz = _get(steps_client, f"{PAGE}?step=4")
    assert STEP_COUNT.search(quiz).group(1) == "Step 4 of 4"
    assert "quiz-title" in quiz and "EXAMPLES-TEXT" not in quiz and "<h1>Three ideas</h1>" in quiz
    assert 'class="step-pager"' in quiz and "?step=5" not in quiz
    assert 'class="pager"' in quiz and 'class="pager"' not in third  # modules' pager: last step only


def test_the_whole_lesson_is_one_address_away(steps_client: FlaskClient) -> None:
    whole = _get(steps_client, f"{PAGE}?step=all")
    for marker in ("INTRO-TEXT", "RULES-TEXT", "EXAMPLES-TEXT", "FOOTNOTE-ONE", "FOOTNOTE-TWO", "quiz-title"):
        assert marker in whole
    assert "step-count" not in whole and "step-pager" not in whole and "data-print" in whole
    assert 'href="/en/courses/steps-course/three-ideas/">Show the lesson in steps</a>' in whole
    assert 'href="/en/courses/steps-course/three-ideas/?step=all">Show the whole lesson</a>' in _get(steps_client, PAGE)


BAD_STEPS = ["0", "5", "abc", "", "-1", "1.5", "٣", "9" * 5000]


@pytest.mark.parametrize("step", BAD_STEPS)
def test_a_step_the_lesson_lacks_is_a_404_with_a_message(steps_client: FlaskClient, step: str) -> None:
    assert "This lesson has no such step." in _get(steps_client, f"{PAGE}?step={step}", 404)


def test_a_signed_in_reader_gets_the_same_404s(kid: FlaskClient) -> None:
    for step in BAD_STEPS:
        assert "This lesson has no such step." in _get(kid, f"{PAGE}?step={step}", 404)


def test_a_lesson_without_headings_stays_one_screen_and_ignores_step(steps_client: FlaskClient) -> None:
    page = _get(steps_client, f"/en/courses/{COURSE}/{ONE_SCREEN}/?step=7")
    assert "ONE-SCREEN-TEXT" in page and "quiz-title" in page and "step-count" not in page


def test_only_the_stages_that_read_in_steps_get_steps(
    steps_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stages, "LESSONS_IN_STEPS", frozenset())
    page = _get(steps_client, f"{PAGE}?step=2")
    assert "step-count" not in page and "INTRO-TEXT" in page and "EXAMPLES-TEXT" in page


def test_teacher_notes_stay_out_of_a_learners_steps(kid: FlaskClient, make_user: Callable[..., object]) -> None:
    for step in ("", "?step=2", "?step=all"):
        page = _get(kid, f"{PAGE}{step}")
        assert TEACHER_NOTE not in page and "callout-teacher" not in page
    auth = AuthActions(kid)
    auth.logout()
    make_user("teach", role=Role.TEACHER)
    auth.login("teach")
    page = _get(kid, f"{PAGE}?step=2")
    assert TEACHER_NOTE in page and STEP_COUNT.search(page).group(1) == "Step 2 of 4"
    edition = _get(kid, f"/en/courses/{COURSE}/{STEPPED}/teacher-edition")
    assert all(m in edition for m in ("INTRO-TEXT", "RULES-TEXT", "EXAMPLES-TEXT", TEACHER_NOTE))
    assert "step-count" not in edition


def test_mark_as_read_is_on_the_last_step_and_completes_the_module(kid: FlaskClient) -> None:
    module = f"/en/courses/{COURSE}/{READ_ONLY}/"
    first = _get(kid, module)
    assert STEP_COUNT.search(first).group(1) == "Step 1 of 2" and "mark-read" not in first
    last = _get(kid, f"{module}?step=2")
    assert 'action="/en/courses/steps-course/last-words/read"' in last
    response = kid.post(f"{module}read")
    assert response.status_code == 303
    assert "Completed" in _get(kid, f"{module}?step=2")


def test_a_quiz_sent_back_with_an_error_is_on_the_quiz_step(kid: FlaskClient) -> None:
    page = _get(kid, f"{PAGE}?step=4")
    token = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)
    response = kid.post(f"{PAGE}quiz", data={TOKEN_FIELD: token, "q0": "7"})  # no option 7
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "error-summary" in html and STEP_COUNT.search(html).group(1) == "Step 4 of 4" and "INTRO-TEXT" not in html


def test_arabic_steps_point_next_to_the_left(steps_client: FlaskClient) -> None:
    page = _get(steps_client, f"/ar/courses/{COURSE}/{STEPPED}/?step=2")
    pager = page.split('class="step-pager"')[1].split("</nav>")[0]
    assert '<span aria-hidden="true">→</span> السابق' in pager and 'التالي <span aria-hidden="true">←</span>' in pager
    assert "الخطوة 2 من 4" in page
