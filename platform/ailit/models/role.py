"""The roles an account can have: defined here once, imported everywhere else."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account may do on the platform."""

    LEARNER = "learner"
    TEACHER = "teacher"
    SCHOOL_ADMIN = "school-admin"
    AUTHOR = "author"
    REVIEWER = "reviewer"  # reviews practical tasks site-wide
    ADMIN = "admin"


ROLES: tuple[str, ...] = tuple(r.value for r in Role)
