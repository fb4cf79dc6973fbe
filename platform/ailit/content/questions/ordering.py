"""``{ordering}``: items written in the right order, shown scrambled; the learner orders them.

Each item carries an opaque id for the attempt, never its source position (which would give
the order away). Without JavaScript the page asks for each item's place with a select; with
it, items can also be dragged or moved with the keyboard.
"""

from __future__ import annotations

from typing import Any

from ailit.content.questions.base import (
    N_,
    AnswerError,
    FormValues,
    Option,
    Presenter,
    Problem,
    Question,
    QuestionType,
    QuizItem,
)
from ailit.content.questions.registry import register

SALT = "item"
ID_SCHEMA: dict[str, Any] = {"type": "string", "maxLength": 40}


def plain_items_problems(kind: QuestionType, item: QuizItem, what: str) -> list[Problem]:
    """Ordering and matching items are a plain list (no boxes), at least two of them."""
    article = "an" if kind.name[0] in "aeiou" else "a"
    problems: list[Problem] = [
        (o.line, f"{article} {{{kind.name}}} {what} has no box: write '- text', not '- [ ] text'")
        for o in item.options
        if o.mark is not None
    ]
    if len(item.options) < 2:
        problems.append(
            f"{article} {{{kind.name}}} question needs at least two {what}s, found {len(item.options)}"
        )
    return problems


@register
class Ordering(QuestionType):
    """Put the items in order; with ``partial``, the share of items in their right place."""

    name = "ordering"
    hint = N_("Give each item its place: 1 is first.")

    def validate(self, item: QuizItem) -> list[Problem]:
        return super().validate(item) + plain_items_problems(self, item, "item")

    def parse(self, item: QuizItem) -> Question:
        return Question(
            type=self.name,
            prompt_html=item.prompt_html,
            options=tuple(Option(i, o.html, o.image) for i, o in enumerate(item.options)),
            correct=tuple(range(len(item.options))),
            partial="partial" in item.flags,
            explanation_html=item.explanation_html,
            line=item.line,
        )

    def present(self, question: Question, presenter: Presenter) -> dict[str, Any]:
        items = presenter.scrambled(question.options, SALT)
        return {
            "type": self.name,
            "prompt": question.prompt_html,
            "items": [{"id": presenter.opaque_id(SALT, o.position), "text": o.html} for o in items],
        }

    def public_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["type", "prompt", "items"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": self.name},
                "prompt": {"type": "string", "description": "Sanitised HTML."},
                "items": {
                    "type": "array",
                    "description": "Shuffled; ids are opaque and valid for this attempt only.",
                    "items": {
                        "type": "object",
                        "required": ["id", "text"],
                        "additionalProperties": False,
                        "properties": {"id": ID_SCHEMA, "text": {"type": "string", "description": "Sanitised HTML."}},
                    },
                },
            },
        }

    def answer_schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "description": "ordering: every item id once, in the learner's order; matching: per "
            "left item, the id of the right item chosen (null: none).",
            "items": {"anyOf": [ID_SCHEMA, {"type": "null"}]},
            "maxItems": 100,
        }

    def read_form(self, public: dict[str, Any], values: FormValues, field: str) -> Any:
        ids = [item["id"] for item in public["items"]]
        places: dict[int, str] = {}
        for item_id in ids:
            typed = values(f"{field}-{item_id}")
            try:
                place = int(typed[0]) if typed else 0
            except ValueError:
                place = 0
            if not 1 <= place <= len(ids) or place in places:
                raise AnswerError(
                    N_("Give each item a different place, from 1 to %(count)d."), count=len(ids)
                )
            places[place] = item_id
        return [places[place] for place in sorted(places)]

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> list[int]:
        by_id = presenter.positions_by_id(SALT, [o.position for o in question.options])
        if (
            not isinstance(raw, list)
            or len(raw) != len(by_id)
            or not all(isinstance(i, str) and i in by_id for i in raw)
            or len(set(raw)) != len(raw)
        ):
            raise AnswerError(N_("Put every item in order, each of them once."))
        return [by_id[i] for i in raw]

    def score(self, question: Question, answer: list[int]) -> float:
        right = sum(1 for place, position in enumerate(answer) if position == place)
        if question.partial:
            return right / len(question.options)
        return 1.0 if right == len(question.options) else 0.0

    def describe(self, question: Question, answer: list[int]) -> list[str]:
        by_position = {o.position: o.html for o in question.options}
        return [by_position[p] for p in answer if p in by_position]

    def key(self, question: Question) -> list[str]:
        return [o.html for o in question.options]

    def right_answer(self, question: Question, presenter: Presenter) -> Any:
        return [presenter.opaque_id(SALT, o.position) for o in question.options]
