"""How pages are shown to this reader: curriculum jargon for staff only (more to come here)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_login import current_user

from ailit.models import Role

# Competency codes and translation status are curriculum jargon: shown to these roles only.
CURRICULUM_ROLES = frozenset({Role.TEACHER, Role.AUTHOR, Role.SCHOOL_ADMIN, Role.ADMIN})


def sees_curriculum() -> bool:
    """True when the reader teaches, writes or runs the platform (not a learner or a visitor)."""
    return bool(current_user.is_authenticated and current_user.role in CURRICULUM_ROLES)


def init_app(app: Flask) -> None:
    @app.context_processor
    def experience_context() -> dict[str, Any]:
        return {"show_curriculum": sees_curriculum()}
