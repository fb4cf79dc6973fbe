"""Settings: every ``AILIT_*`` environment variable, read here and nowhere else.

The web app (``ailit.web.config``) and the command line use the same ``Settings``, so both
find the same data folder, database, courses and catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# The repository checkout: templates/, static/, locales/, courses/ live beside platform/.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    """Every ``AILIT_*`` environment variable, read once; the web app and the CLI share it."""

    data_dir: Path
    database_url: str
    courses_dir: Path
    catalogue_dir: Path
    secret_key: str | None
    ratelimit_storage_url: str
    secure_cookies: bool
    base_url: str | None
    issuer_name: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings of ``environ`` (default: this process's environment)."""
        env = os.environ if environ is None else environ

        def path(name: str, default: Path) -> Path:
            value = env.get(name)
            return Path(value).resolve() if value else default

        data_dir = path("AILIT_DATA_DIR", PROJECT_ROOT / "instance")
        return cls(
            data_dir=data_dir,
            database_url=env.get("AILIT_DATABASE_URL") or f"sqlite:///{data_dir / 'ailit.db'}",
            courses_dir=path("AILIT_COURSES_DIR", PROJECT_ROOT / "courses"),
            catalogue_dir=path("AILIT_CATALOGUE_DIR", PROJECT_ROOT / "build" / "catalogue"),
            secret_key=env.get("AILIT_SECRET_KEY") or None,
            ratelimit_storage_url=env.get("AILIT_RATELIMIT_STORAGE_URL") or "memory://",
            secure_cookies=env.get("AILIT_SECURE_COOKIES", "").strip().lower()
            in ("1", "true", "yes", "on"),
            base_url=(env.get("AILIT_BASE_URL") or "").rstrip("/") or None,
            issuer_name=env.get("AILIT_ISSUER_NAME") or "ailit",
        )


def settings() -> Settings:
    """The settings of this process's environment (read again on each call: tests change it)."""
    return Settings.from_environment()
