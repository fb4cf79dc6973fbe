"""Where a learner stands in one module: defined here once."""

from __future__ import annotations

from enum import StrEnum


class ProgressStatus(StrEnum):
    """A module's state for one learner."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
