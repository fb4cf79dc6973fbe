"""SQLAlchemy 2.0 models, one module per concept. Import them from here."""

from __future__ import annotations

from ailit.models.base import Base, utcnow
from ailit.models.certificate import Certificate
from ailit.models.login_throttle import LoginThrottle
from ailit.models.module_progress import ModuleProgress
from ailit.models.progress_status import ProgressStatus
from ailit.models.quiz_attempt import QuizAttempt
from ailit.models.role import ROLES, Role
from ailit.models.user import User

__all__ = [
    "Base",
    "Certificate",
    "LoginThrottle",
    "ModuleProgress",
    "ProgressStatus",
    "QuizAttempt",
    "ROLES",
    "Role",
    "User",
    "utcnow",
]
