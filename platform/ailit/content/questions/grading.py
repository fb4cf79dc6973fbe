"""Grading one attempt: every question's score, the attempt's score, passed or not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ailit.content.questions.base import Question
from ailit.content.questions.registry import QUESTION_TYPES


@dataclass(frozen=True)
class GradeResult:
    score: float  # 0..1: the mean of the questions' scores
    passed: bool
    scores: tuple[float, ...]  # one per question, each 0..1


def grade(questions: Sequence[Question], answers: Sequence[Any], pass_mark: float) -> GradeResult:
    """Grade answers already read by their types' ``coerce`` (one per question, in order)."""
    scores = tuple(
        min(1.0, max(0.0, QUESTION_TYPES[q.type].score(q, a)))
        for q, a in zip(questions, answers, strict=True)
    )
    score = sum(scores) / len(scores) if scores else 1.0
    return GradeResult(score=score, passed=score + 1e-9 >= pass_mark, scores=scores)
