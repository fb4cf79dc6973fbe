"""Quiz settings: front matter ``quiz:`` over course.yaml's ``quiz:`` over the defaults.

| key            | meaning                                                   | default            |
|----------------|-----------------------------------------------------------|--------------------|
| pass_mark      | share of points to pass                                   | course's pass_mark |
| max_attempts   | attempts allowed; null: unlimited                         | null               |
| retry_after    | wait between attempts: 30s, 10m, 1h, 2d                   | none               |
| draw           | each attempt draws this many questions (a bank)           | all                |
| shuffle        | shuffle options (and drawn questions) per attempt         | false              |
| feedback       | always / on-pass / never: what an attempt's result shows | always             |
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from ailit.content import schema
from ailit.content.diagnostics import Problems
from ailit.content.schema import FieldError, FieldRule
from ailit.content.yamlfile import YamlDoc

FEEDBACK_ALWAYS, FEEDBACK_ON_PASS, FEEDBACK_NEVER = "always", "on-pass", "never"
FEEDBACK = (FEEDBACK_ALWAYS, FEEDBACK_ON_PASS, FEEDBACK_NEVER)
_DURATION = re.compile(r"^\s*(\d{1,6})\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_RETRY_AFTER = 30 * 86400


@dataclass(frozen=True)
class QuizSettings:
    """The settings of one module's quiz, defaults applied. ``retry_after`` is in seconds."""

    pass_mark: float
    max_attempts: int | None = None
    retry_after: int | None = None
    draw: int | None = None
    shuffle: bool = False
    feedback: str = FEEDBACK_ALWAYS

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizSettings:
        return cls(
            pass_mark=float(data["pass_mark"]),
            max_attempts=data.get("max_attempts"),
            retry_after=data.get("retry_after"),
            draw=data.get("draw"),
            shuffle=bool(data.get("shuffle", False)),
            feedback=data.get("feedback", FEEDBACK_ALWAYS),
        )


def duration(value: Any) -> int:
    """A wait such as ``30s``, ``10m``, ``1h`` or ``2d``, in seconds."""
    match = _DURATION.match(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if match is None:
        raise FieldError(f"'{value}' is not a duration; write a number and a unit, e.g. 10m, 1h or 2d")
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if not 0 < seconds <= MAX_RETRY_AFTER:
        raise FieldError(f"'{value}' must be more than 0 and at most 30d")
    return seconds


def feedback(value: Any) -> str:
    """One of ``always``, ``on-pass``, ``never``."""
    if value not in FEEDBACK:
        raise FieldError(f"unknown value '{value}'; use one of {', '.join(FEEDBACK)}")
    return str(value)


QUIZ_RULES: dict[str, FieldRule] = {
    "pass_mark": FieldRule(schema.fraction),
    "max_attempts": FieldRule(schema.positive_int),
    "retry_after": FieldRule(duration),
    "draw": FieldRule(schema.positive_int),
    "shuffle": FieldRule(schema.boolean),
    "feedback": FieldRule(feedback),
}


def read_quiz_settings(
    doc: YamlDoc, key: str, problems: Problems, *, offset: int = 0
) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The settings given under ``key`` of ``doc`` (only those set) and their lines.

    None when ``key`` is absent; every problem goes to ``problems`` with its line.
    """
    data = doc.data.get(key) if isinstance(doc.data, dict) else None
    if data is None:
        return None
    prefix = f"{key}."
    lines = {k[len(prefix):]: v for k, v in doc.lines.items() if k.startswith(prefix)}
    if not isinstance(data, dict):
        problems.error(doc.line(key) + offset, f"{key}: expected a mapping, e.g. {{max_attempts: 3, feedback: on-pass}}")
        return {}, {}
    cleaned = schema.validate_mapping(YamlDoc(data, lines), QUIZ_RULES, problems, what="quiz settings", offset=offset)
    given = {k: v for k, v in (cleaned or {}).items() if v is not None and k in data}
    return given, {k: v + offset for k, v in lines.items()}


def resolve(course_defaults: dict[str, Any], module: dict[str, Any], course_pass_mark: float) -> QuizSettings:
    """The module's settings: its own over the course's defaults over the built-in ones."""
    merged = {**course_defaults, **module}
    return QuizSettings(
        pass_mark=merged.get("pass_mark", course_pass_mark),
        max_attempts=merged.get("max_attempts"),
        retry_after=merged.get("retry_after"),
        draw=merged.get("draw"),
        shuffle=bool(merged.get("shuffle", False)),
        feedback=merged.get("feedback", FEEDBACK_ALWAYS),
    )
