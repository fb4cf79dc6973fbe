"""The six learner stages, in teaching order: defined here once."""

from __future__ import annotations

from enum import StrEnum

from ailit.translations import N_


class Stage(StrEnum):
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower-secondary"
    UPPER_SECONDARY = "upper-secondary"
    HIGHER_ED = "higher-ed"
    TEACHER_PD = "teacher-pd"
    OLDER_LEARNERS = "older-learners"


STAGES: tuple[str, ...] = tuple(s.value for s in Stage)

# Each stage's name, in English; pages, PDFs and the API's readers see it translated through
# the UI catalogues (``gettext(STAGE_NAMES[stage])``).
STAGE_NAMES: dict[str, str] = {
    Stage.PRIMARY: N_("Primary school"),
    Stage.LOWER_SECONDARY: N_("Lower secondary"),
    Stage.UPPER_SECONDARY: N_("Upper secondary"),
    Stage.HIGHER_ED: N_("Higher education"),
    Stage.TEACHER_PD: N_("Teachers' professional development"),
    Stage.OLDER_LEARNERS: N_("Older learners"),
}


def is_stage(value: str) -> bool:
    return value in STAGES


# Stages whose learners read a lesson one screen at a time (split at its ``##`` headings, the
# quiz last). Another stage opts in by joining this set.
LESSONS_IN_STEPS: frozenset[str] = frozenset({Stage.PRIMARY})


def reads_in_steps(stage: str) -> bool:
    """True when a course of this stage shows its lessons in steps."""
    return stage in LESSONS_IN_STEPS
