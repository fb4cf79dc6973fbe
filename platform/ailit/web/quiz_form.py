"""Reading a submitted quiz form into the answers list the quiz service grades."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ailit.content.questions import parse_number

TOKEN_FIELD = "attempt_token"  # nosec B105  # a form field's name


class FormAnswerError(ValueError):
    """A question's answer cannot be read; ``number`` counts from 1, ``message`` is translated."""

    def __init__(self, number: int, message: str) -> None:
        super().__init__(message)
        self.number = number
        self.message = message


def field_name(index: int) -> str:
    """The form field of question ``index`` (from 0)."""
    return f"q{index}"


def parse_answers(form: MultiDict[str, str], types: list[str]) -> list[Any]:
    """One answer per question: option positions, a number as typed, or a text."""
    answers: list[Any] = []
    for index, kind in enumerate(types):
        number, values = index + 1, form.getlist(field_name(index))
        if kind in ("single", "multiple"):
            try:
                positions = [int(v) for v in values]
            except ValueError:
                message = _("This option is not one of the question's options.")
                raise FormAnswerError(number, message) from None
            if kind == "single" and len(positions) != 1:
                raise FormAnswerError(number, _("Choose one answer."))
            answers.append(positions)
        elif kind == "number":
            raw = values[0].strip() if values else ""
            try:
                parse_number(raw)
            except ValueError:
                raise FormAnswerError(number, _("Enter a number, for example 8 or 0.5.")) from None
            answers.append(raw)
        else:
            answers.append(values[0] if values else "")
    return answers
