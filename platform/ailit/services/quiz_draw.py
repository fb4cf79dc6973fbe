"""One attempt's questions: drawn from the bank, shuffled, with opaque ids, from its secret key."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from ailit.content.catalogue import Catalogue, ModuleText, Quiz
from ailit.content.questions import QUESTION_TYPES, Presenter, Question
from ailit.services.errors import NoQuiz, NotFound


@dataclass(frozen=True)
class Presentation:
    """The drawn questions in the order shown, their public shapes and their presenters."""

    indices: list[int]  # positions in the quiz's list of questions
    questions: list[Question]
    public: list[dict[str, Any]]
    presenters: list[Presenter]


def drawn_indices(quiz: Quiz, key: str) -> list[int]:
    """Which questions an attempt asks, in order: ``draw`` of them (all by default).

    The same key gives the same draw, so reloading the page keeps the attempt's questions.
    With ``shuffle``, drawn questions come in a shuffled order too; a quiz without a bank
    keeps the author's order (later questions may build on earlier ones).
    """
    indices = list(range(len(quiz.questions)))
    draw = quiz.settings.draw
    if draw is None:
        return indices
    rng = random.Random(f"{key}:draw")  # nosec B311  # reproducible from the secret key, by design
    indices = sorted(rng.sample(indices, min(draw, len(indices))))
    if quiz.settings.shuffle:
        rng.shuffle(indices)
    return indices


def present(quiz: Quiz, key: str) -> Presentation:
    """The attempt of ``key``: its questions, each shown by its type."""
    indices = drawn_indices(quiz, key)
    questions = [quiz.questions[i] for i in indices]
    presenters = [Presenter(key, i, quiz.settings.shuffle) for i in indices]
    public = [
        QUESTION_TYPES[q.type].present(q, p) for q, p in zip(questions, presenters, strict=True)
    ]
    return Presentation(indices, questions, public, presenters)


def module_quiz(
    catalogue: Catalogue, course_id: str, module_id: str, locale: str
) -> tuple[ModuleText, Quiz]:
    """The module in ``locale`` (or its source) and its quiz; raises NotFound or NoQuiz."""
    found = catalogue.module_text(course_id, module_id, locale)
    if found is None:
        raise NotFound(f"no module {module_id!r} in course {course_id!r}")
    text = found[0]
    if text.quiz is None:
        raise NoQuiz(f"module {module_id!r} has no quiz")
    return text, text.quiz
