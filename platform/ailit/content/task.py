"""Practical tasks: one ``::: task`` per module, a rubric of criteria with points.

The records here are what the compiler writes into the catalogue and the web app reads;
``ailit.content.task_block`` lifts the block out of the lesson Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_POINTS = 100  # per criterion: a rubric item worth more is a typo


@dataclass(frozen=True)
class Criterion:
    """One rubric item: what a reviewer looks for, and how many points it is worth."""

    html: str
    points: int


@dataclass(frozen=True)
class Task:
    """A module's practical task. ``pass_mark`` None: the course's pass mark applies."""

    title: str
    html: str  # the instructions
    criteria: tuple[Criterion, ...]
    pass_mark: float | None = None
    line: int = 0  # line of the ``::: task`` in the Markdown source, for messages to authors

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.criteria)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "html": self.html,
            "criteria": [[c.html, c.points] for c in self.criteria],
            "pass_mark": self.pass_mark,
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        return cls(
            title=data["title"],
            html=data["html"],
            criteria=tuple(Criterion(h, int(p)) for h, p in data["criteria"]),
            pass_mark=None if data.get("pass_mark") is None else float(data["pass_mark"]),
            line=int(data.get("line", 0)),
        )


def task_parity(translation: Task | None, source: Task | None, source_name: str) -> list[tuple[int, str]]:
    """How a translation's task differs from the source's: ``(line, message)`` errors."""
    if translation is None and source is None:
        return []
    if translation is None:
        return [(1, f"the source ({source_name}) has a task; this translation has none")]
    if source is None:
        return [(translation.line, f"this translation has a task; the source ({source_name}) has none")]
    line = translation.line
    ours, theirs = translation.criteria, source.criteria
    if len(ours) != len(theirs):
        return [(line, f"the task's rubric has {len(ours)} criteria, the source has {len(theirs)}")]
    problems = [
        (line, f"rubric criterion {number} is worth {{{mine.points}}}, in the source {{{original.points}}}")
        for number, (mine, original) in enumerate(zip(ours, theirs, strict=True), start=1)
        if mine.points != original.points
    ]
    if translation.pass_mark != source.pass_mark:
        problems.append((line, "the task's pass_mark differs from the source's; keep the same {pass_mark=...}"))
    return problems
