"""Configuration from environment variables (all optional), with defaults for one machine."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

# The repository checkout: templates/, static/, locales/, courses/ live beside platform/.
PROJECT_ROOT = Path(__file__).resolve().parents[3]

SECRET_KEY_FILE = "secret_key"


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).resolve() if value else default


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def from_environment() -> dict[str, Any]:
    """Settings read from ``AILIT_*`` environment variables."""
    data_dir = _path("AILIT_DATA_DIR", PROJECT_ROOT / "instance")
    return {
        "DATA_DIR": data_dir,
        "DATABASE_URL": os.environ.get("AILIT_DATABASE_URL")
        or f"sqlite:///{data_dir / 'ailit.db'}",
        "COURSES_DIR": _path("AILIT_COURSES_DIR", PROJECT_ROOT / "courses"),
        "CATALOGUE_DIR": _path("AILIT_CATALOGUE_DIR", PROJECT_ROOT / "build" / "catalogue"),
        "SECRET_KEY": os.environ.get("AILIT_SECRET_KEY") or None,
        "RATELIMIT_STORAGE_URI": os.environ.get("AILIT_RATELIMIT_STORAGE_URL") or "memory://",
        "SECURE_COOKIES": _flag("AILIT_SECURE_COOKIES"),
    }


DEFAULTS: dict[str, Any] = {
    "TEMPLATES_DIR": PROJECT_ROOT / "templates",
    "STATIC_DIR": PROJECT_ROOT / "static",
    "TRANSLATIONS_DIR": PROJECT_ROOT / "locales",
    "CATALOGUE_CHECK_SECONDS": 2.0,
    # Per address (Flask-Limiter syntax) and per account (failures before a lockout). A whole
    # class signs in at once from behind one school address, so the per-address limits leave
    # room for forty children and their typos; the per-account lockout stops password guessing.
    "SIGNIN_RATE_LIMIT": "120 per minute; 1000 per hour",
    "REGISTER_RATE_LIMIT": "60 per minute; 300 per hour",
    "SIGNIN_MAX_FAILURES": 5,
    "SIGNIN_WINDOW_SECONDS": 15 * 60,
    "SIGNIN_LOCKOUT_SECONDS": 15 * 60,
    # Argon2id parameters (argon2-cffi defaults); tests lower them to stay fast.
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_COST": 65536,
    "ARGON2_PARALLELISM": 4,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "RATELIMIT_HEADERS_ENABLED": True,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
}


def ensure_secret_key(data_dir: Path) -> str:
    """The key kept in ``data_dir/secret_key``, created once (mode 0600) when absent."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()
