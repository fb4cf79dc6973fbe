"""The Flask configuration: ``ailit.settings`` (the environment, read in one place) plus
defaults for one machine."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ailit.settings import PROJECT_ROOT, settings

SECRET_KEY_FILE = "secret_key"  # nosec B105  # a file name


def from_environment() -> dict[str, Any]:
    """The Flask config keys of ``settings()``."""
    current = settings()
    return {
        "DATA_DIR": current.data_dir,
        "DATABASE_URL": current.database_url,
        "COURSES_DIR": current.courses_dir,
        "CATALOGUE_DIR": current.catalogue_dir,
        "SECRET_KEY": current.secret_key,
        "RATELIMIT_STORAGE_URI": current.ratelimit_storage_url,
        "SECURE_COOKIES": current.secure_cookies,
        "BASE_URL": current.base_url,
        "ISSUER_NAME": current.issuer_name,
        "RATELIMIT_KEY_PREFIX": current.ratelimit_key_prefix,
        "WORKERS": current.workers,
        "REQUEST_TIMEOUT": current.request_timeout,
        "LOG_FORMAT": current.log_format,
        "METRICS_PATH": current.metrics_path,
        "METRICS_ALLOW": current.metrics_allow,
        "METRICS_MULTIPROC_DIR": current.metrics_multiproc_dir,
        "TRUSTED_PROXIES": current.trusted_proxies,
        "DB_CONNECT_TIMEOUT": current.db_connect_timeout,
        "DB_STATEMENT_TIMEOUT": current.db_statement_timeout,
        "CARD_SIGN_IN_DAYS": current.card_sign_in_days,
    }


DEFAULTS: dict[str, Any] = {
    "TEMPLATES_DIR": PROJECT_ROOT / "templates",
    "STATIC_DIR": PROJECT_ROOT / "static",
    "TRANSLATIONS_DIR": PROJECT_ROOT / "locales",
    "CATALOGUE_CHECK_SECONDS": 2.0,
    # Per address (Flask-Limiter syntax) and per account and address (failures before a wait
    # that doubles from SIGNIN_BACKOFF_SECONDS up to SIGNIN_LOCKOUT_SECONDS). A whole class
    # signs in at once from behind one school address, so the per-address limits leave room
    # for forty children and their typos; a guesser elsewhere never locks the class out.
    "SIGNIN_RATE_LIMIT": "120 per minute; 1000 per hour",
    "REGISTER_RATE_LIMIT": "60 per minute; 300 per hour",
    # Refused joins with a class code (successful joins are not counted).
    "JOIN_RATE_LIMIT_ADDRESS": "60 per minute; 300 per hour",
    "JOIN_RATE_LIMIT_ACCOUNT": "10 per minute; 50 per hour",
    "SIGNIN_MAX_FAILURES": 5,
    "SIGNIN_WINDOW_SECONDS": 15 * 60,
    "SIGNIN_LOCKOUT_SECONDS": 15 * 60,
    "SIGNIN_BACKOFF_SECONDS": 30,
    # Argon2id parameters (argon2-cffi defaults); tests lower them to stay fast.
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_COST": 65536,
    "ARGON2_PARALLELISM": 4,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "RATELIMIT_HEADERS_ENABLED": True,
    # If the shared store (Redis) fails, each process counts on its own until it is back.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
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


# Where `ailit serve` listens unless told otherwise: the base URL when nothing else is known.
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


class BaseUrlError(ValueError):
    """``AILIT_BASE_URL`` is not an absolute http(s) address."""


def normalise_base_url(value: str) -> str:
    """``value`` without a trailing slash, if it is an absolute http(s) URL without query."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BaseUrlError(
            f"AILIT_BASE_URL must be the site's public address, like https://ailit.example.org; got {value!r}"
        )
    return value.strip().rstrip("/")


def public_base_url(config: Mapping[str, Any]) -> str:
    """The site's public address: ``BASE_URL`` (``AILIT_BASE_URL``, or set by ``ailit serve`` to
    the address it listens on), else ``ailit serve``'s default address. Never a request's Host:
    certificates, QR codes and login cards signed or printed with it are read elsewhere."""
    configured = config.get("BASE_URL")
    if configured:
        return normalise_base_url(str(configured))
    return DEFAULT_BASE_URL
