"""The six learner stages, in teaching order: defined here once."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower-secondary"
    UPPER_SECONDARY = "upper-secondary"
    HIGHER_ED = "higher-ed"
    TEACHER_PD = "teacher-pd"
    OLDER_LEARNERS = "older-learners"


STAGES: tuple[str, ...] = tuple(s.value for s in Stage)


def is_stage(value: str) -> bool:
    return value in STAGES
