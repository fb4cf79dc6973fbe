"""What every question type shares: the compiled question, the item as written, the base class.

A type class (one module per type in this package) owns everything about its questions:
checking and compiling the Markdown item, translation parity, the public shape a learner
sees (and its JSON schema), its page widget (``templates/questions/<name>.html``), reading an
answer from a form or from JSON, grading, and describing answers on the result page.
"""

from __future__ import annotations

import hashlib
import html
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar


def N_(message: str) -> str:
    """Mark a message for the UI catalogues; the web layer translates it when shown."""
    return message


class AnswerError(ValueError):
    """A submitted answer has the wrong shape for its question (a 400, not a wrong answer).

    ``message`` is an English msgid marked with :func:`N_`; ``params`` fill its placeholders.
    """

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class Image:
    """A picture option's image: its URL (under /media/) and its alt text."""

    src: str
    alt: str


@dataclass(frozen=True)
class Option:
    """One option, item or pair as compiled. ``position`` is its index in the source file.

    ``match_html`` is the right-hand side of a ``{matching}`` pair.
    """

    position: int
    html: str
    image: Image | None = None
    match_html: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"position": self.position, "html": self.html}
        if self.image is not None:
            data["image"] = {"src": self.image.src, "alt": self.image.alt}
        if self.match_html:
            data["match_html"] = self.match_html
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | list[Any]) -> Option:
        if isinstance(data, list):  # catalogues written before options carried images
            return cls(int(data[0]), str(data[1]))
        image = data.get("image")
        return cls(
            position=int(data["position"]),
            html=data["html"],
            image=Image(image["src"], image["alt"]) if image else None,
            match_html=data.get("match_html", ""),
        )


@dataclass(frozen=True)
class Question:
    """One compiled question. ``correct`` and ``accepted`` are the answer key: server only."""

    type: str
    prompt_html: str
    options: tuple[Option, ...] = ()
    correct: tuple[int, ...] = ()  # choice types: positions of the [x] options
    accepted: tuple[str, ...] = ()  # number/text types: accepted values as written
    tolerance: float = 0.0  # number type only
    partial: bool = False  # score the share right instead of all or nothing
    explanation_html: str = ""
    line: int = 0  # line in the Markdown source, for messages to authors

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "prompt_html": self.prompt_html,
            "options": [o.to_dict() for o in self.options],
            "correct": list(self.correct),
            "accepted": list(self.accepted),
            "tolerance": self.tolerance,
            "partial": self.partial,
            "explanation_html": self.explanation_html,
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            type=data["type"],
            prompt_html=data["prompt_html"],
            options=tuple(Option.from_dict(o) for o in data["options"]),
            correct=tuple(data["correct"]),
            accepted=tuple(data["accepted"]),
            tolerance=float(data["tolerance"]),
            partial=bool(data.get("partial", False)),
            explanation_html=data["explanation_html"],
            line=int(data.get("line", 0)),
        )


@dataclass(frozen=True)
class ItemOption:
    """A list item under a question as written.

    ``mark`` is ``"x"`` or ``" "`` for ``- [x]`` / ``- [ ]``, None for a plain item; ``source``
    is its Markdown (for number and text answers); ``pair`` is ``(left_html, right_html)`` when
    the item reads ``left :: right``.
    """

    mark: str | None
    html: str
    source: str
    line: int = 0
    image: Image | None = None
    pair: tuple[str, str] | None = None

    @property
    def checked(self) -> bool:
        return self.mark == "x"


@dataclass(frozen=True)
class QuizItem:
    """A question as written in Markdown, before its type class turns it into a Question."""

    type: str
    params: dict[str, str]
    prompt_html: str
    options: tuple[ItemOption, ...]
    explanation_html: str
    line: int
    flags: frozenset[str] = field(default_factory=frozenset)  # bare words: {multiple partial}


class Presenter:
    """One question as shown in one attempt: its shuffles and opaque ids.

    Everything derives from the attempt's secret ``key``, so a page reload shows the same
    attempt and the server can read the ids back when grading, while a learner cannot tell
    an item's source position from its id.
    """

    def __init__(self, key: str, index: int, shuffle: bool) -> None:
        self.key = key
        self.index = index
        self.shuffle = shuffle

    def _random(self, salt: str) -> random.Random:
        return random.Random(f"{self.key}:{self.index}:{salt}")  # nosec B311  # reproducible from the secret key

    def arranged(self, items: Sequence[Any], salt: str = "options") -> list[Any]:
        """``items`` in the order shown: shuffled only when the quiz says so."""
        result = list(items)
        if self.shuffle:
            self._random(salt).shuffle(result)
        return result

    def scrambled(self, items: Sequence[Any], salt: str) -> list[Any]:
        """``items`` always shuffled, and never in the written order when there are two or more."""
        result = list(items)
        if len(result) < 2:
            return result
        rng = self._random(salt)
        for _ in range(8):
            rng.shuffle(result)
            if result != list(items):
                return result
        return result[1:] + result[:1]

    def opaque_id(self, salt: str, position: int) -> str:
        digest = hashlib.blake2s(
            f"{self.key}:{self.index}:{salt}:{position}".encode(), digest_size=6
        )
        return "i" + digest.hexdigest()

    def positions_by_id(self, salt: str, positions: Sequence[int]) -> dict[str, int]:
        return {self.opaque_id(salt, p): p for p in positions}


FormValues = Callable[[str], list[str]]  # field name -> the values submitted under it
Problem = str | tuple[int, str]  # a sentence for the author, at the question's line or at its own


class QuestionType:
    """Base class. The defaults suit choice questions (options shown, ``[x]`` marks the right ones)."""

    name: ClassVar[str]
    params: ClassVar[frozenset[str]] = frozenset()  # allowed ``{type key=value}`` settings
    flags: ClassVar[frozenset[str]] = frozenset({"partial"})  # allowed bare words
    hint: ClassVar[str | None] = None  # said after the question (a msgid marked with N_)

    @property
    def widget(self) -> str:
        """The Jinja template that draws this type's answer field(s) on the module page."""
        return f"questions/{self.name}.html"

    # --- authoring -------------------------------------------------------------------------

    def validate(self, item: QuizItem) -> list[Problem]:
        """Problems with the item as written, each a sentence for the author."""
        problems: list[Problem] = [
            f"{{{self.name}}} takes no setting '{key}'" for key in item.params if key not in self.params
        ]
        problems += [
            f"{{{self.name}}} takes no word '{flag}'" for flag in sorted(item.flags - self.flags)
        ]
        if not item.prompt_html.strip():
            problems.append("the question has no text")
        return problems

    def parse(self, item: QuizItem) -> Question:
        """The compiled question (call only when :meth:`validate` found nothing)."""
        raise NotImplementedError

    def parity(self, source: Question, translation: Question) -> list[str]:
        """Differences a translation may not have from its source question."""
        if len(source.options) != len(translation.options):
            return [f"has {len(translation.options)} items, the source has {len(source.options)}"]
        return []

    # --- showing and reading ---------------------------------------------------------------

    def present(self, question: Question, presenter: Presenter) -> dict[str, Any]:
        """What a learner may see before grading (the API shape): never the answer key."""
        raise NotImplementedError

    def public_schema(self) -> dict[str, Any]:
        """JSON schema of :meth:`present`'s result (the OpenAPI document pulls it from here)."""
        raise NotImplementedError

    def answer_schema(self) -> dict[str, Any]:
        """JSON schema of one answer to this type in ``submitQuizAttempt``."""
        raise NotImplementedError

    def read_form(self, public: dict[str, Any], values: FormValues, field: str) -> Any:
        """The answer in its JSON shape, from a submitted page form (then :meth:`coerce`)."""
        raise NotImplementedError

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> Any:
        """Check a JSON-shaped answer; return it as stored (ids read back into positions)."""
        raise NotImplementedError

    # --- grading and feedback --------------------------------------------------------------

    def score(self, question: Question, answer: Any) -> float:
        """The share of the question's point earned, from 0 to 1."""
        raise NotImplementedError

    def describe(self, question: Question, answer: Any) -> list[str]:
        """The learner's stored answer as HTML fragments (for the result page)."""
        raise NotImplementedError

    def key(self, question: Question) -> list[str]:
        """The right answer as HTML fragments (shown only when feedback allows)."""
        raise NotImplementedError

    def right_answer(self, question: Question, presenter: Presenter) -> Any:
        """A JSON-shaped answer that scores 1 in this presentation (for tests and demos)."""
        raise NotImplementedError


def escape(text: str) -> str:
    """A learner's own text, safe to show in HTML."""
    return html.escape(text, quote=False)
