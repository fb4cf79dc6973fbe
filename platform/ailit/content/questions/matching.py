"""``{matching}``: ``left :: right`` pairs written matched; the learner matches them again.

Left items are shown in order, right items scrambled, each right item with an opaque id for
the attempt. Without JavaScript each left item has a select of the right items.
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
from ailit.content.questions.ordering import ID_SCHEMA, Ordering, plain_items_problems
from ailit.content.questions.registry import register

SALT = "right"
ARROW = ": "  # "left: right" reads the same way in right-to-left scripts


@register
class Matching(QuestionType):
    """Match each left item to a right one; with ``partial``, the share matched right."""

    name = "matching"

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item) + plain_items_problems(self, item, "pair")
        problems += [
            (o.line, "a {matching} item is a pair: write 'left :: right'")
            for o in item.options
            if o.pair is None
        ]
        rights = [o.pair[1] for o in item.options if o.pair is not None]
        if len(set(rights)) != len(rights):
            problems.append("two pairs have the same right-hand side: make each one different")
        return problems

    def parse(self, item: QuizItem) -> Question:
        return Question(
            type=self.name,
            prompt_html=item.prompt_html,
            options=tuple(
                Option(i, o.pair[0], match_html=o.pair[1])
                for i, o in enumerate(item.options)
                if o.pair is not None
            ),
            correct=tuple(range(len(item.options))),
            partial="partial" in item.flags,
            explanation_html=item.explanation_html,
            line=item.line,
        )

    def parity(self, source: Question, translation: Question) -> list[str]:
        if len(source.options) != len(translation.options):
            return [f"has {len(translation.options)} pairs, the source has {len(source.options)}"]
        return []

    def present(self, question: Question, presenter: Presenter) -> dict[str, Any]:
        rights = presenter.scrambled(question.options, SALT)
        return {
            "type": self.name,
            "prompt": question.prompt_html,
            "left": [{"text": o.html} for o in question.options],
            "right": [{"id": presenter.opaque_id(SALT, o.position), "text": o.match_html} for o in rights],
        }

    def public_schema(self) -> dict[str, Any]:
        text = {"type": "string", "description": "Sanitised HTML."}
        return {
            "type": "object",
            "required": ["type", "prompt", "left", "right"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": self.name},
                "prompt": text,
                "left": {
                    "type": "array",
                    "items": {"type": "object", "required": ["text"], "additionalProperties": False,
                              "properties": {"text": text}},
                },
                "right": {
                    "type": "array",
                    "description": "Shuffled; ids are opaque and valid for this attempt only.",
                    "items": {"type": "object", "required": ["id", "text"], "additionalProperties": False,
                              "properties": {"id": ID_SCHEMA, "text": text}},
                },
            },
        }

    def answer_schema(self) -> dict[str, Any]:
        return Ordering().answer_schema()

    def read_form(self, public: dict[str, Any], values: FormValues, field: str) -> Any:
        chosen = []
        for index in range(len(public["left"])):
            typed = values(f"{field}-{index}")
            chosen.append(typed[0] if typed and typed[0] else None)
        return chosen

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> list[int | None]:
        by_id = presenter.positions_by_id(SALT, [o.position for o in question.options])
        if (
            not isinstance(raw, list)
            or len(raw) != len(question.options)
            or not all(i is None or (isinstance(i, str) and i in by_id) for i in raw)
        ):
            raise AnswerError(
                N_("Choose a match from the list for each of the %(count)d items."),
                count=len(question.options),
            )
        return [None if i is None else by_id[i] for i in raw]

    def score(self, question: Question, answer: list[int | None]) -> float:
        right = sum(1 for index, position in enumerate(answer) if position == index)
        if question.partial:
            return right / len(question.options)
        return 1.0 if right == len(question.options) else 0.0

    def describe(self, question: Question, answer: list[int | None]) -> list[str]:
        rights = {o.position: o.match_html for o in question.options}
        return [
            o.html + ARROW + (rights.get(chosen, "\u2014") if chosen is not None else "\u2014")
            for o, chosen in zip(question.options, answer)
        ]

    def key(self, question: Question) -> list[str]:
        return [o.html + ARROW + o.match_html for o in question.options]

    def right_answer(self, question: Question, presenter: Presenter) -> Any:
        return [presenter.opaque_id(SALT, o.position) for o in question.options]
