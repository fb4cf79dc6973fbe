"""Quiz question types: a registry of classes, one module per type.

Each type (``choice``, ``number``, ``text``, ``ordering``, ``matching``) registers itself with
:func:`register`; the compiler, the pages, the API and its OpenAPI schema read
:data:`QUESTION_TYPES` and nothing else. Adding a type is adding one module here (with its
widget template in ``templates/questions/``) and importing it below, plus translations.
"""

from __future__ import annotations

from pathlib import Path

from ailit.content.questions import choice, matching, number, ordering, text  # noqa: F401  (they register)
from ailit.content.questions.base import (
    N_,
    AnswerError,
    FormValues,
    Image,
    ItemOption,
    Option,
    Presenter,
    Problem,
    Question,
    QuestionType,
    QuizItem,
)
from ailit.content.questions.grading import GradeResult, grade
from ailit.content.questions.normalise import normalise_text, number_readings, parse_number
from ailit.content.questions.registry import QUESTION_TYPES, answer_schema, public_question_schema, register

WIDGETS_DIR = Path(__file__).resolve().parent / "templates"

__all__ = [
    "N_",
    "QUESTION_TYPES",
    "WIDGETS_DIR",
    "AnswerError",
    "FormValues",
    "GradeResult",
    "Image",
    "ItemOption",
    "Option",
    "Presenter",
    "Problem",
    "Question",
    "QuestionType",
    "QuizItem",
    "answer_schema",
    "grade",
    "normalise_text",
    "number_readings",
    "parse_number",
    "public_question_schema",
    "register",
]
