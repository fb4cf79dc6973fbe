"""``{number}`` / ``{number tolerance=0.5}``: each ``[x]`` item is an accepted value."""

from __future__ import annotations

import math
from typing import Any

from ailit.content.questions.base import (
    N_,
    AnswerError,
    FormValues,
    Presenter,
    Problem,
    Question,
    QuestionType,
    QuizItem,
    escape,
)
from ailit.content.questions.normalise import number_readings, parse_number
from ailit.content.questions.registry import register


class TypedAnswer(QuestionType):
    """Base of the types answered by typing: accepted answers listed as ``- [x]`` items."""

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item)
        if not item.options:
            problems.append("the question has no accepted answer: list them as - [x] items")
        if any(not o.checked for o in item.options):
            problems.append(f"a {{{self.name}}} question lists accepted answers only, each as - [x] ...")
        return problems

    def present(self, question: Question, presenter: Presenter) -> dict[str, Any]:
        return {"type": self.name, "prompt": question.prompt_html, "options": []}

    def public_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["type", "prompt", "options"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": self.name},
                "prompt": {"type": "string", "description": "Sanitised HTML."},
                "options": {"type": "array", "maxItems": 0},
            },
        }

    def key(self, question: Question) -> list[str]:
        return [escape(question.accepted[0])] if question.accepted else []


@register
class NumberAnswer(TypedAnswer):
    """A number typed by the learner, within ``tolerance`` of an accepted value."""

    name = "number"
    params = frozenset({"tolerance"})

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item)
        for option in item.options:
            try:
                if not math.isfinite(parse_number(option.source)):
                    raise ValueError
            except ValueError:
                problems.append(f"accepted value '{option.source}' is not a number")
        if "tolerance" in item.params:
            try:
                tolerance = parse_number(item.params["tolerance"])
                if not (math.isfinite(tolerance) and tolerance >= 0):
                    raise ValueError
            except ValueError:
                problems.append(f"tolerance '{item.params['tolerance']}' must be a number >= 0")
        return problems

    def parse(self, item: QuizItem) -> Question:
        return Question(
            type=self.name,
            prompt_html=item.prompt_html,
            accepted=tuple(o.source for o in item.options),
            tolerance=parse_number(item.params.get("tolerance", "0")),
            explanation_html=item.explanation_html,
            line=item.line,
        )

    def parity(self, source: Question, translation: Question) -> list[str]:
        problems = []
        ours = sorted(parse_number(v) for v in translation.accepted)
        theirs = sorted(parse_number(v) for v in source.accepted)
        if ours != theirs:
            problems.append(
                f"accepts {', '.join(translation.accepted)}, the source {', '.join(source.accepted)}"
            )
        if translation.tolerance != source.tolerance:
            problems.append(
                f"tolerance is {translation.tolerance:g}, in the source {source.tolerance:g}"
            )
        return problems

    def answer_schema(self) -> dict[str, Any]:
        return {"type": ["number", "string"], "maxLength": 100, "description": "number: the value (a string as typed is read like the page's field)."}

    def read_form(self, public: dict[str, Any], values: FormValues, field: str) -> Any:
        typed = values(field)
        raw = typed[0].strip() if typed else ""
        try:
            parse_number(raw)
        except ValueError:
            raise AnswerError(N_("Enter a number, for example 8 or 0.5.")) from None
        return raw

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> float | str:
        """A number, or the text as typed once it reads as a number (``60,000`` has two readings)."""
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise AnswerError(N_("Enter a number, for example 8 or 0.5."))
        try:
            readings = _readings(raw)
        except (ValueError, OverflowError):
            raise AnswerError(N_("Enter a number, for example 8 or 0.5.")) from None
        if not all(math.isfinite(value) for value in readings):
            raise AnswerError(N_("Enter a number, for example 8 or 0.5."))
        return float(raw) if not isinstance(raw, str) else raw.strip()

    def score(self, question: Question, answer: float | str) -> float:
        tolerance = question.tolerance + 1e-9
        accepted = [parse_number(v) for v in question.accepted]
        hit = any(abs(value - a) <= tolerance for value in _readings(answer) for a in accepted)
        return 1.0 if hit else 0.0

    def describe(self, question: Question, answer: float | str) -> list[str]:
        return [escape(answer if isinstance(answer, str) else f"{answer:g}")]

    def right_answer(self, question: Question, presenter: Presenter) -> Any:
        return parse_number(question.accepted[0])


def _readings(answer: float | str) -> tuple[float, ...]:
    return number_readings(answer) if isinstance(answer, str) else (float(answer),)
