"""The registry of question types: the one list every other part of ailit reads."""

from __future__ import annotations

from typing import Any

from ailit.content.questions.base import QuestionType

QUESTION_TYPES: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Class decorator: make a question type known to the compiler, the pages and the API."""
    QUESTION_TYPES[cls.name] = cls()
    return cls


def public_question_schema() -> dict[str, Any]:
    """One of the registered types' public shapes (OpenAPI ``PublicQuestion``)."""
    return {
        "description": "A question as a learner sees it; nothing here says which answer is right.",
        "oneOf": [kind.public_schema() for kind in QUESTION_TYPES.values()],
    }


def answer_schema() -> dict[str, Any]:
    """Any registered type's answer (OpenAPI ``Answer``)."""
    schemas: list[dict[str, Any]] = []
    for kind in QUESTION_TYPES.values():
        schema = kind.answer_schema()
        if schema not in schemas:
            schemas.append(schema)
    return {"anyOf": schemas}
