"""Question types: reading answers, grading with and without partial credit, text and numbers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ailit.content.questions import (
    QUESTION_TYPES,
    AnswerError,
    Option,
    Presenter,
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
        ("85%", (85.0,)),
        ("85 %", (85.0,)),
        ("٨٥٪", (85.0,)),
        ("８５％", (85.0,)),
    ],
)
def test_number_readings(typed: str, readings: tuple[float, ...]) -> None:
    assert number_readings(typed) == readings


@pytest.mark.parametrize("typed", ["", "eight", "1,2,3.4.5", "--1", "%", "8%5"])
def test_number_readings_refuse_non_numbers(typed: str) -> None:
    with pytest.raises(ValueError):
        number_readings(typed)


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("Pixels.", "pixels"),
        ("  Training   DATA ", "training data"),
        ("Élève", "eleve"),
        ("ＰＩＸＥＬＳ", "pixels"),  # full-width letters (NFKC)
        ("بِكْسِل", "بكسل"),  # Arabic harakat
        ("بكـــسل", "بكسل"),  # tatweel
        ("«données»", "donnees"),
        ("训练数据。", "训练数据"),
        ("AI 伴侣", "AI伴侣"),  # no spaces in Chinese writing
        ("训练 数据", "训练数据"),
        ("machine-learning!", "machine learning"),
    ],
)
def test_text_answers_ignore_case_accents_harakat_punctuation_and_spacing(typed: str, accepted: str) -> None:
    assert normalise_text(typed) == normalise_text(accepted)


def test_text_normalisation_keeps_different_words_apart() -> None:
    assert normalise_text("pixel") != normalise_text("pixels")
    assert normalise_text("كتب") != normalise_text("كتاب")
    assert normalise_text("training data") != normalise_text("trainingdata")


KEY = Presenter("attempt-key", 0, shuffle=False)
OPTIONS = tuple(Option(i, f"option {i}") for i in range(4))
SINGLE = Question(type="single", prompt_html="?", options=OPTIONS[:3], correct=(1,))
MULTIPLE = Question(type="multiple", prompt_html="?", options=OPTIONS, correct=(0, 2))
NUMBER = Question(type="number", prompt_html="?", accepted=("60000",))
ROUGH = Question(type="number", prompt_html="?", accepted=("8",), tolerance=0.5)
TEXT = Question(type="text", prompt_html="?", accepted=("pixels", "des pixels"))
ORDERING = Question(type="ordering", prompt_html="?", options=OPTIONS, correct=(0, 1, 2, 3))
MATCHING = Question(
    type="matching",
    prompt_html="?",
    options=tuple(Option(i, f"left {i}", match_html=f"right {i}") for i in range(3)),
    correct=(0, 1, 2),
)


def _ids(question: Question, presenter: Presenter = KEY) -> dict[int, str]:
    salt = "item" if question.type == "ordering" else "right"
    return {o.position: presenter.opaque_id(salt, o.position) for o in question.options}


def _score(question: Question, raw: Any, presenter: Presenter = KEY) -> float:
    kind = QUESTION_TYPES[question.type]
    return kind.score(question, kind.coerce(question, raw, presenter))


@pytest.mark.parametrize(
    ("question", "answer", "score"),
    [
        (NUMBER, "60,000", 1.0),
        (NUMBER, "60 000", 1.0),
        (NUMBER, 60000, 1.0),
        (NUMBER, "6000", 0.0),
        (ROUGH, "8.4", 1.0),
        (ROUGH, "8,5", 1.0),
        (ROUGH, "8.6", 0.0),
        (TEXT, "Pixels.", 1.0),
        (TEXT, "Des  PIXELS", 1.0),
        (TEXT, "dots", 0.0),
        (SINGLE, [1], 1.0),
        (SINGLE, [0], 0.0),
        (MULTIPLE, [2, 0], 1.0),
        (MULTIPLE, [0], 0.0),
        (MULTIPLE, [0, 1, 2], 0.0),
    ],
)
def test_each_type_grades_what_learners_type(question: Question, answer: Any, score: float) -> None:
    assert _score(question, answer) == score


def test_ordering_and_matching_read_opaque_ids_never_positions() -> None:
    order = _ids(ORDERING)
    assert _score(ORDERING, [order[p] for p in range(4)]) == 1.0
    assert _score(ORDERING, [order[p] for p in (1, 0, 2, 3)]) == 0.0
    assert _score(replace_partial(ORDERING), [order[p] for p in (1, 0, 2, 3)]) == 0.5
    with pytest.raises(AnswerError):
        _score(ORDERING, [0, 1, 2, 3])  # source positions are not ids
    with pytest.raises(AnswerError):
        _score(ORDERING, [order[0]] * 4)  # each item once
    other = Presenter("another attempt", 0, shuffle=False)
    with pytest.raises(AnswerError):
        _score(ORDERING, [order[p] for p in range(4)], other)  # ids belong to their attempt
    right = _ids(MATCHING)
    assert _score(MATCHING, [right[0], right[1], right[2]]) == 1.0
    assert _score(MATCHING, [right[0], None, right[1]]) == 0.0
    assert _score(replace_partial(MATCHING), [right[0], None, right[1]]) == pytest.approx(1 / 3)
    with pytest.raises(AnswerError):
        _score(MATCHING, [right[0], right[1]])


def test_partial_multiple_is_right_ticks_minus_wrong_ticks_never_below_zero() -> None:
    partial = replace_partial(MULTIPLE)
    assert _score(partial, [0]) == 0.5
    assert _score(partial, [0, 1]) == 0.0
    assert _score(partial, [1, 3]) == 0.0
    assert _score(partial, [0, 2]) == 1.0


def test_shown_items_carry_no_source_position() -> None:
    shown = QUESTION_TYPES["ordering"].present(ORDERING, KEY)
    assert [item["text"] for item in shown["items"]] != [o.html for o in ORDERING.options]
    assert all(set(item) == {"id", "text"} for item in shown["items"])
    assert not any(item["id"] in {"0", "1", "2", "3"} for item in shown["items"])
    matching = QUESTION_TYPES["matching"].present(MATCHING, KEY)
    assert [left["text"] for left in matching["left"]] == ["left 0", "left 1", "left 2"]
    assert [right["text"] for right in matching["right"]] != ["right 0", "right 1", "right 2"]


@pytest.mark.parametrize(
    ("question", "answer", "message"),
    [
        (SINGLE, [0, 1], "Choose one answer."),
        (SINGLE, [7], "not one of the question's options"),
        (SINGLE, "1", "list of option positions"),
        (MULTIPLE, [True], "not one of the question's options"),
        (NUMBER, "lots", "Enter a number"),
        (NUMBER, True, "Enter a number"),
        (NUMBER, "inf", "Enter a number"),
        (TEXT, 3, "text answer"),
        (TEXT, "x" * 501, "at most 500 characters"),
        (ORDERING, "abc", "each of them once"),
        (MATCHING, {"a": 1}, "each of the 3 items"),
    ],
)
def test_answers_of_the_wrong_shape_are_refused(question: Question, answer: Any, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        QUESTION_TYPES[question.type].coerce(question, answer, KEY)
    assert message in caught.value.detail


def test_attempt_score_is_the_mean_of_question_scores() -> None:
    answers = [[1], "pixels", "60000", "9", [0], [0, 1, 2, 3]]  # as coerce() stores them
    result = grade((SINGLE, TEXT, NUMBER, ROUGH, MULTIPLE, ORDERING), answers, 0.6)
    assert result.scores == (1.0, 1.0, 1.0, 0.0, 0.0, 1.0)
    assert result.score == pytest.approx(4 / 6) and result.passed


def replace_partial(question: Question) -> Question:
    return Question(**{**question.__dict__, "partial": True})


# --- properties of every type's grading -------------------------------------------------------

QUESTIONS = {
    "single": SINGLE,
    "multiple": MULTIPLE,
    "number": ROUGH,
    "text": TEXT,
    "ordering": ORDERING,
    "matching": MATCHING,
}


def _answers(question: Question) -> st.SearchStrategy[Any]:
    """Well-shaped answers to ``question``, right and wrong."""
    positions = [o.position for o in question.options]
    if question.type == "single":
        return st.sampled_from(positions).map(lambda p: [p])
    if question.type == "multiple":
        return st.lists(st.sampled_from(positions), min_size=0, max_size=4, unique=True)
    if question.type == "number":
        return st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
    if question.type == "text":
        return st.one_of(st.text(max_size=20), st.sampled_from(["Pixels.", "des pixels", "PIXELS"]))
    ids = _ids(question)
    if question.type == "ordering":
        return st.permutations(positions).map(lambda order: [ids[p] for p in order])
    choice = st.one_of(st.none(), st.sampled_from(list(ids.values())))
    return st.lists(choice, min_size=len(positions), max_size=len(positions))


def test_every_registered_type_has_grading_properties_checked() -> None:
    assert set(QUESTIONS) == set(QUESTION_TYPES)


@pytest.mark.parametrize("name", sorted(QUESTIONS))
@settings(deadline=None, max_examples=60)  # a shared machine: no timing in tests
@given(data=st.data())
def test_grading_is_a_share_deterministic_and_partial_never_below_all_or_nothing(name: str, data: st.DataObject) -> None:
    question = QUESTIONS[name]
    raw = data.draw(_answers(question))
    score = _score(question, raw)
    assert 0.0 <= score <= 1.0
    assert score == _score(question, raw)  # deterministic
    partial = _score(replace_partial(question), raw)
    assert score <= partial <= 1.0
    assert score in (0.0, 1.0)  # without partial: all or nothing


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_the_right_answer_scores_full_marks_in_any_attempt(name: str) -> None:
    question = QUESTIONS[name]
    for key in ("one", "two", "three"):
        presenter = Presenter(key, 3, shuffle=True)
        raw = QUESTION_TYPES[name].right_answer(question, presenter)
        assert _score(question, raw, presenter) == 1.0
