"""Quiz question types: a registry of classes, each knowing how to parse, check and grade.

The compiler (``ailit.content.quiz``) turns a Markdown list item into a :class:`QuizItem`;
the item's type class validates it (:meth:`QuestionType.validate`), builds the
:class:`Question` (:meth:`QuestionType.parse`) and compares a translation with its source
(:meth:`QuestionType.parity`). The web app grades submitted answers with :func:`grade`.
Adding a type means adding one class here and registering it in ``QUESTION_TYPES``.
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


@dataclass(frozen=True)
class ItemOption:
    """An option as written: ``- [x] text``. ``source`` is its Markdown, for number/text answers."""

    checked: bool
    html: str
    source: str


@dataclass(frozen=True)
class QuizItem:
    """A question as written in Markdown, before its type class turns it into a Question."""

    type: str
    params: dict[str, str]
    prompt_html: str
    options: tuple[ItemOption, ...]
    explanation_html: str
    line: int


def normalise_text(value: str) -> str:
    """Case-, accent- and whitespace-insensitive form used to compare {text} answers."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


class QuestionType:
    """Base class: subclasses say how a question is parsed and checked, and an answer graded.

    The defaults suit choice questions (options shown, ``[x]`` marks the correct ones).
    """

    name: ClassVar[str]
    has_options: ClassVar[bool] = True
    params: ClassVar[frozenset[str]] = frozenset()  # allowed ``{type key=value}`` settings

    def validate(self, item: QuizItem) -> list[str]:
        """Problems with the item as written, each a sentence for the author."""
        problems = [
            f"{{{self.name}}} takes no setting '{key}'" for key in item.params if key not in self.params
        ]
        if not item.prompt_html.strip():
            problems.append("the question has no text")
        if not item.options:
            problems.append("the question has no options: add a task list (- [ ] ... / - [x] ...)")
        return problems

    def parse(self, item: QuizItem) -> Question:
        """The compiled question (call only when :meth:`validate` found nothing)."""
        return Question(
            type=self.name,
            prompt_html=item.prompt_html,
            options=tuple(Option(i, o.html) for i, o in enumerate(item.options)),
            correct=tuple(i for i, o in enumerate(item.options) if o.checked),
            explanation_html=item.explanation_html,
            line=item.line,
        )

    def parity(self, source: Question, translation: Question) -> list[str]:
        """Differences a translation may not have from its source question."""
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
        return problems

    def coerce(self, question: Question, raw: Any) -> Any:
        raise NotImplementedError

    def grade(self, question: Question, answer: Any) -> bool:
        raise NotImplementedError


class SingleChoice(QuestionType):
    """Single choice (the default): exactly one option is marked ``[x]``."""

    name = "single"

    def validate(self, item: QuizItem) -> list[str]:
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

    def coerce(self, question: Question, raw: Any) -> list[int]:
        positions = _positions(question, raw)
        if len(positions) != 1:
            raise AnswerError("choose exactly one option")
        return positions

    def grade(self, question: Question, answer: list[int]) -> bool:
        return set(answer) == set(question.correct)


class MultipleChoice(QuestionType):
    """``{multiple}``: one or more options are correct; graded all or nothing."""

    name = "multiple"

    def validate(self, item: QuizItem) -> list[str]:
        problems = super().validate(item)
        if item.options and not any(o.checked for o in item.options):
            problems.append("a {multiple} question needs at least one [x] option")
        return problems

    def coerce(self, question: Question, raw: Any) -> list[int]:
        return _positions(question, raw)

    def grade(self, question: Question, answer: list[int]) -> bool:
        # All or nothing: exactly the set of correct options.
        return set(answer) == set(question.correct)


class NumberAnswer(QuestionType):
    """``{number}`` / ``{number tolerance=0.5}``: each ``[x]`` item is an accepted value."""

    name = "number"
    has_options = False
    params = frozenset({"tolerance"})

    def validate(self, item: QuizItem) -> list[str]:
        problems = _free_answer_problems(self, item, super().validate(item))
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

    def coerce(self, question: Question, raw: Any) -> float | str:
        """A number, or the text as typed once it reads as a number (``60,000`` has two readings)."""
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise AnswerError("expected a number")
        try:
            readings = _readings(raw)
        except ValueError:
            raise AnswerError("expected a number") from None
        if not all(math.isfinite(value) for value in readings):
            raise AnswerError("expected a finite number")
        return float(raw) if not isinstance(raw, str) else raw.strip()

    def grade(self, question: Question, answer: float | str) -> bool:
        tolerance = question.tolerance + 1e-9
        accepted = [parse_number(v) for v in question.accepted]
        return any(abs(value - a) <= tolerance for value in _readings(answer) for a in accepted)


def _readings(answer: float | str) -> tuple[float, ...]:
    return number_readings(answer) if isinstance(answer, str) else (float(answer),)


class TextAnswer(QuestionType):
    """``{text}``: each ``[x]`` item is an accepted answer (translations translate them)."""

    name = "text"
    has_options = False
    max_length: ClassVar[int] = 500

    def validate(self, item: QuizItem) -> list[str]:
        return _free_answer_problems(self, item, super().validate(item))

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

    def coerce(self, question: Question, raw: Any) -> str:
        if not isinstance(raw, str):
            raise AnswerError("expected a text answer")
        if len(raw) > self.max_length:
            raise AnswerError(f"answer is longer than {self.max_length} characters")
        return raw

    def grade(self, question: Question, answer: str) -> bool:
        given = normalise_text(answer)
        return any(given == normalise_text(v) for v in question.accepted)


# Separators learners type: spaces of every width and apostrophes group thousands; the Arabic
# decimal and thousands separators are mapped to their Latin counterparts.
_GROUPING = str.maketrans({" ": "", "\u00a0": "", "\u202f": "", "\u2009": "", "'": "", "\u066c": ","})
_ARABIC_DECIMAL = "\u066b"


def number_readings(text: str) -> tuple[float, ...]:
    """Every value a typed number may mean, the likeliest first.

    ``8``, ``0.5``, ``0,5``, ``1 000``, ``٨``, ``８`` have one reading; ``60,000`` and ``1.000``
    have two (thousands or decimals), because learners write both. Raises ValueError.
    """
    cleaned = text.strip().translate(_GROUPING).replace(_ARABIC_DECIMAL, ".")
    if not cleaned:
        raise ValueError("empty")
    commas, dots = cleaned.count(","), cleaned.count(".")
    if commas and dots:
        # The separator that comes last is the decimal one: 1,234.5 or 1.234,5.
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return (float(cleaned.replace(grouping, "").replace(decimal, ".")),)
    for separator, count in ((",", commas), (".", dots)):
        if count > 1:
            return (float(cleaned.replace(separator, "")),)
        if count == 1:
            whole, fraction = cleaned.split(separator)
            as_decimal = float(f"{whole}.{fraction}")
            if len(fraction) == 3 and whole.lstrip("+-").isdigit():
                as_thousands = float(whole + fraction)
                first = as_thousands if separator == "," else as_decimal
                second = as_decimal if separator == "," else as_thousands
                return (first, second)
            return (as_decimal,)
    return (float(cleaned),)


def parse_number(text: str) -> float:
    """The likeliest value of a typed number (see :func:`number_readings`)."""
    return number_readings(text)[0]


def _free_answer_problems(kind: QuestionType, item: QuizItem, problems: list[str]) -> list[str]:
    """Number and text questions list accepted answers, all marked ``[x]``."""
    problems = [
        "the question has no accepted answer: list them as - [x] items" if "has no options" in p else p
        for p in problems
    ]
    if any(not o.checked for o in item.options):
        problems.append(f"a {{{kind.name}}} question lists accepted answers only, each as - [x] ...")
    return problems


def _numbers(positions: tuple[int, ...]) -> str:
    return ", ".join(str(p + 1) for p in positions) or "none"


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
