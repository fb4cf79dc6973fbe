"""Grading: every question type, answers as learners type them, malformed answers."""

from __future__ import annotations

from typing import Any

import pytest

from ailit.content.questions import (
    AnswerError,
    Option,
    Question,
    grade,
    normalise_text,
    number_readings,
)


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("8", (8.0,)),
        (" 0.5 ", (0.5,)),
        ("0,5", (0.5,)),
        ("1 000", (1000.0,)),
        ("1\u202f000", (1000.0,)),
        ("60,000", (60000.0, 60.0)),
        ("1.000", (1.0, 1000.0)),
        ("1,234.5", (1234.5,)),
        ("1.234,5", (1234.5,)),
        ("1,000,000", (1000000.0,)),
        ("٨", (8.0,)),
        ("٨٫٥", (8.5,)),
        ("８", (8.0,)),
        ("-3", (-3.0,)),
    ],
)
def test_number_readings(typed: str, readings: tuple[float, ...]) -> None:
    assert number_readings(typed) == readings


@pytest.mark.parametrize("typed", ["", "eight", "1,2,3.4.5", "--1"])
def test_number_readings_refuse_non_numbers(typed: str) -> None:
    with pytest.raises(ValueError):
        number_readings(typed)


NUMBER = Question(type="number", prompt_html="?", accepted=("60000",), tolerance=0.0)
ROUGH = Question(type="number", prompt_html="?", accepted=("8",), tolerance=0.5)
TEXT = Question(type="text", prompt_html="?", accepted=("training data", "données"))
SINGLE = Question(
    type="single", prompt_html="?", options=(Option(0, "a"), Option(1, "b"), Option(2, "c")), correct=(1,)
)
MULTIPLE = Question(
    type="multiple", prompt_html="?", options=(Option(0, "a"), Option(1, "b"), Option(2, "c")), correct=(0, 2)
)


@pytest.mark.parametrize(
    ("question", "answer", "correct"),
    [
        (NUMBER, "60,000", True),
        (NUMBER, "60 000", True),
        (NUMBER, 60000, True),
        (NUMBER, "6000", False),
        (ROUGH, "8.4", True),
        (ROUGH, "8,5", True),
        (ROUGH, "8.6", False),
        (TEXT, "  Training   DATA ", True),
        (TEXT, "donnees", True),
        (TEXT, "data", False),
        (SINGLE, [1], True),
        (SINGLE, [0], False),
        (MULTIPLE, [2, 0], True),
        (MULTIPLE, [0], False),
        (MULTIPLE, [0, 1, 2], False),
    ],
)
def test_grade_each_type(question: Question, answer: Any, correct: bool) -> None:
    result = grade((question,), [answer], pass_mark=1.0)
    assert result.questions[0].correct is correct
    assert result.passed is correct


@pytest.mark.parametrize(
    ("question", "answer", "message"),
    [
        (SINGLE, [0, 1], "exactly one"),
        (SINGLE, [7], "option 7 is not an option"),
        (SINGLE, "1", "list of option positions"),
        (MULTIPLE, [True], "whole numbers"),
        (NUMBER, "lots", "expected a number"),
        (NUMBER, True, "expected a number"),
        (NUMBER, "inf", "finite"),
        (TEXT, 3, "text answer"),
        (TEXT, "x" * 501, "longer than 500"),
    ],
)
def test_malformed_answers_name_the_question(question: Question, answer: Any, message: str) -> None:
    with pytest.raises(AnswerError, match=r"answers\[0\] \(question 1\)") as caught:
        grade((question,), [answer], pass_mark=0.5)
    assert message in str(caught.value)


def test_wrong_number_of_answers() -> None:
    with pytest.raises(AnswerError, match="expected 2 answers, got 1"):
        grade((SINGLE, TEXT), [[1]], pass_mark=0.5)


def test_score_and_pass_mark() -> None:
    result = grade((SINGLE, TEXT, NUMBER, ROUGH, MULTIPLE), [[1], "data", "60000", "8", [0]], 0.6)
    assert result.score == pytest.approx(0.6)
    assert result.passed


def test_normalise_text_folds_case_accents_and_spaces() -> None:
    assert normalise_text("  Élève\tÉTOILE ") == "eleve etoile"
