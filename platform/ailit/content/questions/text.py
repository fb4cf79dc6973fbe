"""``{text}``: each ``[x]`` item is an accepted answer (translations translate them).

Answers are compared after :func:`normalise_text`: "Pixels." matches "pixels".
"""

from __future__ import annotations

from typing import Any, ClassVar

from ailit.content.questions.base import (
    N_,
    AnswerError,
    FormValues,
    Presenter,
    Problem,
    Question,
    QuizItem,
    escape,
)
from ailit.content.questions.normalise import normalise_text
from ailit.content.questions.number import TypedAnswer
from ailit.content.questions.registry import register


@register
class TextAnswer(TypedAnswer):
    """A short text typed by the learner."""

    name = "text"
    max_length: ClassVar[int] = 500

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item)
        for option in item.options:
            if not normalise_text(option.source):
                problems.append(f"accepted answer '{option.source}' is only punctuation or spaces")
        return problems

    def parse(self, item: QuizItem) -> Question:
        return Question(
            type=self.name,
            prompt_html=item.prompt_html,
            accepted=tuple(o.source for o in item.options),
            explanation_html=item.explanation_html,
            line=item.line,
        )

    def parity(self, source: Question, translation: Question) -> list[str]:
        return []  # accepted answers are translated, so they may differ

    def answer_schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_length, "description": "text: the answer typed."}

    def read_form(self, public: dict[str, Any], values: FormValues, field: str) -> Any:
        typed = values(field)
        return typed[0] if typed else ""

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> str:
        if not isinstance(raw, str):
            raise AnswerError(N_("Expected a text answer."))
        if len(raw) > self.max_length:
            raise AnswerError(N_("Use at most %(count)d characters."), count=self.max_length)
        return raw

    def score(self, question: Question, answer: str) -> float:
        given = normalise_text(answer)
        return 1.0 if any(given == normalise_text(v) for v in question.accepted) else 0.0

    def describe(self, question: Question, answer: str) -> list[str]:
        return [escape(answer)]

    def right_answer(self, question: Question, presenter: Presenter) -> Any:
        return question.accepted[0]
