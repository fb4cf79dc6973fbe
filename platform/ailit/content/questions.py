"""Quiz question types: a registry of classes, each knowing how to check and grade an answer.

The compiler (``ailit.content.quiz``) fills :class:`Question` records from Markdown; the
web app grades submitted answers with :func:`grade`. Adding a type means adding one class
here and registering it in ``QUESTION_TYPES``.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar


class AnswerError(ValueError):
    """A submitted answer has the wrong shape for its question (a 400, not a wrong answer)."""


@dataclass(frozen=True)
class Option:
    """One option as shown to a learner. ``position`` is its index in the source file."""

    position: int
    html: str


@dataclass(frozen=True)
class Question:
    """One compiled question. ``correct`` and ``accepted`` are the answer key: server only."""

    type: str
    prompt_html: str
    options: tuple[Option, ...] = ()
    correct: tuple[int, ...] = ()  # choice types: positions of the [x] options
    accepted: tuple[str, ...] = ()  # number/text types: accepted values as written
    tolerance: float = 0.0  # number type only
    explanation_html: str = ""
    line: int = 0  # line in the Markdown source, for messages to authors

    def public(self) -> dict[str, Any]:
        """What a learner may see before grading: never which options are correct."""
        kind = QUESTION_TYPES[self.type]
        return {
            "type": self.type,
            "prompt": self.prompt_html,
            "options": (
                [{"position": o.position, "html": o.html} for o in self.options]
                if kind.has_options
                else []
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "prompt_html": self.prompt_html,
            "options": [[o.position, o.html] for o in self.options],
            "correct": list(self.correct),
            "accepted": list(self.accepted),
            "tolerance": self.tolerance,
            "explanation_html": self.explanation_html,
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            type=data["type"],
            prompt_html=data["prompt_html"],
            options=tuple(Option(p, h) for p, h in data["options"]),
            correct=tuple(data["correct"]),
            accepted=tuple(data["accepted"]),
            tolerance=float(data["tolerance"]),
            explanation_html=data["explanation_html"],
            line=int(data.get("line", 0)),
        )


def normalise_text(value: str) -> str:
    """Case-, accent- and whitespace-insensitive form used to compare {text} answers."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


class QuestionType:
    """Base class: subclasses say how an answer is coerced and graded."""

    name: ClassVar[str]
    has_options: ClassVar[bool] = True

    def coerce(self, question: Question, raw: Any) -> Any:
        raise NotImplementedError

    def grade(self, question: Question, answer: Any) -> bool:
        raise NotImplementedError


class SingleChoice(QuestionType):
    name = "single"

    def coerce(self, question: Question, raw: Any) -> list[int]:
        positions = _positions(question, raw)
        if len(positions) != 1:
            raise AnswerError("choose exactly one option")
        return positions

    def grade(self, question: Question, answer: list[int]) -> bool:
        return set(answer) == set(question.correct)


class MultipleChoice(QuestionType):
    name = "multiple"

    def coerce(self, question: Question, raw: Any) -> list[int]:
        return _positions(question, raw)

    def grade(self, question: Question, answer: list[int]) -> bool:
        # All or nothing: exactly the set of correct options.
        return set(answer) == set(question.correct)


class NumberAnswer(QuestionType):
    name = "number"
    has_options = False

    def coerce(self, question: Question, raw: Any) -> float:
        if isinstance(raw, bool):
            raise AnswerError("expected a number")
        if isinstance(raw, (int, float)):
            value = float(raw)
        elif isinstance(raw, str):
            try:
                value = parse_number(raw)
            except ValueError:
                raise AnswerError("expected a number") from None
        else:
            raise AnswerError("expected a number")
        if not math.isfinite(value):
            raise AnswerError("expected a finite number")
        return value

    def grade(self, question: Question, answer: float) -> bool:
        tolerance = question.tolerance + 1e-9
        return any(abs(answer - parse_number(v)) <= tolerance for v in question.accepted)


class TextAnswer(QuestionType):
    name = "text"
    has_options = False
    max_length: ClassVar[int] = 500

    def coerce(self, question: Question, raw: Any) -> str:
        if not isinstance(raw, str):
            raise AnswerError("expected a text answer")
        if len(raw) > self.max_length:
            raise AnswerError(f"answer is longer than {self.max_length} characters")
        return raw

    def grade(self, question: Question, answer: str) -> bool:
        given = normalise_text(answer)
        return any(given == normalise_text(v) for v in question.accepted)


def parse_number(text: str) -> float:
    """Parse a number as a learner may type it: ``8``, ``0.5``, ``0,5``, ``1 000``."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def _positions(question: Question, raw: Any) -> list[int]:
    if isinstance(raw, bool) or not isinstance(raw, list):
        raise AnswerError("expected a list of option positions")
    valid = {o.position for o in question.options}
    positions: list[int] = []
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, int):
            raise AnswerError("option positions must be whole numbers")
        if item not in valid:
            raise AnswerError(f"option {item} is not an option of this question")
        if item not in positions:
            positions.append(item)
    return positions


QUESTION_TYPES: dict[str, QuestionType] = {
    t.name: t for t in (SingleChoice(), MultipleChoice(), NumberAnswer(), TextAnswer())
}


@dataclass(frozen=True)
class GradedQuestion:
    correct: bool
    explanation_html: str


@dataclass(frozen=True)
class GradeResult:
    score: float  # 0..1
    passed: bool
    questions: list[GradedQuestion] = field(default_factory=list)


def grade(questions: tuple[Question, ...], answers: list[Any], pass_mark: float) -> GradeResult:
    """Grade one attempt. Raises AnswerError (with the question number) on a malformed answer."""
    if not isinstance(answers, list):
        raise AnswerError("answers must be a list, one entry per question")
    if len(answers) != len(questions):
        raise AnswerError(f"expected {len(questions)} answers, got {len(answers)}")
    results: list[GradedQuestion] = []
    for number, (question, raw) in enumerate(zip(questions, answers, strict=True), start=1):
        kind = QUESTION_TYPES[question.type]
        try:
            value = kind.coerce(question, raw)
        except AnswerError as exc:
            raise AnswerError(f"answers[{number - 1}] (question {number}): {exc}") from None
        results.append(GradedQuestion(kind.grade(question, value), question.explanation_html))
    score = sum(r.correct for r in results) / len(results) if results else 1.0
    return GradeResult(score=score, passed=score + 1e-9 >= pass_mark, questions=results)
