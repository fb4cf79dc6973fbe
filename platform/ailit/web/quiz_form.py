"""Reading a submitted quiz form into the JSON-shaped answers the quiz service grades.

Each question type reads its own fields (``QuestionType.read_form``); the service then
checks every answer with the same ``coerce`` as the API's.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from ailit.content.questions import QUESTION_TYPES, AnswerError

TOKEN_FIELD = "attempt_token"  # nosec B105  # a form field's name


class FormAnswerError(ValueError):
    """A question's answer cannot be read; ``number`` counts from 1, ``message`` is translated."""

    def __init__(self, number: int, message: str) -> None:
        super().__init__(message)
        self.number = number
        self.message = message


def field_name(index: int) -> str:
    """The form field (or the prefix of the fields) of question ``index`` (from 0)."""
    return f"q{index}"


def translated(message: str, params: dict[str, Any]) -> str:
    """A question type's message (marked with N_) in the page's language."""
    return gettext(message, **params)


def parse_answers(form: MultiDict[str, str], questions: list[dict[str, Any]]) -> list[Any]:
    """One answer per question shown, in the shape ``submitQuizAttempt`` takes."""
    answers: list[Any] = []
    for index, public in enumerate(questions):
        kind = QUESTION_TYPES[public["type"]]
        try:
            answers.append(kind.read_form(public, form.getlist, field_name(index)))
        except AnswerError as error:
            raise FormAnswerError(index + 1, translated(error.message, error.params)) from None
    return answers
