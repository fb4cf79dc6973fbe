"""Choice questions: single choice (the default) and ``{multiple}``; options may be pictures."""

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

OPTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["position", "html"],
    "additionalProperties": False,
    "properties": {
        "position": {"type": "integer", "minimum": 0, "description": "Index of the option in the source file."},
        "html": {"type": "string", "description": "Sanitised HTML; a picture option's <img> included."},
        "image": {
            "type": "object",
            "description": "Picture options: the image and its text alternative.",
            "required": ["src", "alt"],
            "additionalProperties": False,
            "properties": {"src": {"type": "string"}, "alt": {"type": "string"}},
        },
    },
}


class ChoiceType(QuestionType):
    """Options shown as a list (pictures as large tiles); ``[x]`` marks the right ones."""

    @property
    def widget(self) -> str:
        return "questions/choice.html"

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item)
        if not item.options:
            problems.append("the question has no options: add a task list (- [ ] ... / - [x] ...)")
        for option in item.options:
            if option.mark is None:
                problems.append((option.line, "an option must start with [ ] or [x]"))
        return problems

    def parse(self, item: QuizItem) -> Question:
        return Question(
            type=self.name,
            prompt_html=item.prompt_html,
            options=tuple(Option(i, o.html, o.image) for i, o in enumerate(item.options)),
            correct=tuple(i for i, o in enumerate(item.options) if o.checked),
            partial="partial" in item.flags,
            explanation_html=item.explanation_html,
            line=item.line,
        )

    def parity(self, source: Question, translation: Question) -> list[str]:
        problems = []
        if len(source.options) != len(translation.options):
            problems.append(
                f"has {len(translation.options)} options, the source has {len(source.options)}"
            )
        if source.correct != translation.correct:
            problems.append(
                f"correct options are {_numbers(translation.correct)}, in the source "
                f"{_numbers(source.correct)}"
            )
        pictures = [o.image is not None for o in source.options]
        if len(source.options) == len(translation.options) and pictures != [
            o.image is not None for o in translation.options
        ]:
            problems.append("picture options differ from the source's")
        return problems

    def present(self, question: Question, presenter: Presenter) -> dict[str, Any]:
        options = []
        for option in presenter.arranged(question.options):
            shown: dict[str, Any] = {"position": option.position, "html": option.html}
            if option.image is not None:
                shown["image"] = {"src": option.image.src, "alt": option.image.alt}
            options.append(shown)
        return {"type": self.name, "prompt": question.prompt_html, "options": options}

    def public_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["type", "prompt", "options"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": self.name},
                "prompt": {"type": "string", "description": "Sanitised HTML."},
                "options": {"type": "array", "description": "In the order to show them.", "items": OPTION_SCHEMA},
            },
        }

    def answer_schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "description": "single, multiple: the positions of the options chosen.",
            "items": {"type": "integer", "minimum": 0},
            "maxItems": 100,
        }

    def read_form(self, public: dict[str, Any], values: FormValues, field: str) -> Any:
        try:
            return [int(v) for v in values(field)]
        except ValueError:
            raise AnswerError(N_("This option is not one of the question's options.")) from None

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> list[int]:
        if isinstance(raw, bool) or not isinstance(raw, list):
            raise AnswerError(N_("Expected a list of option positions."))
        valid = {o.position for o in question.options}
        positions: list[int] = []
        for item in raw:
            if isinstance(item, bool) or not isinstance(item, int) or item not in valid:
                raise AnswerError(N_("This option is not one of the question's options."))
            if item not in positions:
                positions.append(item)
        return positions

    def score(self, question: Question, answer: list[int]) -> float:
        return 1.0 if set(answer) == set(question.correct) else 0.0

    def describe(self, question: Question, answer: list[int]) -> list[str]:
        return [o.html for o in question.options if o.position in answer]

    def key(self, question: Question) -> list[str]:
        return [o.html for o in question.options if o.position in question.correct]

    def right_answer(self, question: Question, presenter: Presenter) -> Any:
        return list(question.correct)


@register
class SingleChoice(ChoiceType):
    """Single choice (the default): exactly one option is marked ``[x]``."""

    name = "single"

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item)
        checked = sum(o.checked for o in item.options)
        if item.options and checked == 0:
            problems.append("a single-choice question needs exactly one [x] option (the right answer): found none")
        elif item.options and checked > 1:
            problems.append(
                f"a single-choice question needs exactly one [x] option, found {checked} "
                "(add {multiple} after the question to allow several)"
            )
        return problems

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> list[int]:
        positions = super().coerce(question, raw, presenter)
        if len(positions) != 1:
            raise AnswerError(N_("Choose one answer."))
        return positions


@register
class MultipleChoice(ChoiceType):
    """``{multiple}``: one or more options are right ("choose all that apply").

    All or nothing; with ``partial``, right ticks minus wrong ticks over the right options.
    """

    name = "multiple"
    hint = N_("Choose all that apply.")

    def validate(self, item: QuizItem) -> list[Problem]:
        problems = super().validate(item)
        if item.options and not any(o.checked for o in item.options):
            problems.append("a {multiple} question needs at least one [x] option")
        return problems

    def score(self, question: Question, answer: list[int]) -> float:
        if not question.partial:
            return super().score(question, answer)
        right = sum(1 for p in answer if p in question.correct)
        wrong = len(answer) - right
        return max(0.0, (right - wrong) / len(question.correct))


def _numbers(positions: tuple[int, ...]) -> str:
    return ", ".join(str(p + 1) for p in positions) or "none"
