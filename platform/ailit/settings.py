"""Settings: every ``AILIT_*`` environment variable, read here and nowhere else.

The web app (``ailit.web.config``) and the command line use the same ``Settings``, so both
find the same data folder, database, courses and catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ailit import resources

# templates/, static/, locales/, courses/: the checkout's folders, or an installed copy of them.
PROJECT_ROOT = resources.ROOT
# Data and the compiled catalogue: in the checkout, or (installed) in the folder ailit runs from.
WORK_ROOT = PROJECT_ROOT if resources.in_checkout() else Path.cwd()
METRICS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client reads it itself


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
    # Serving (ailit serve, docs/deploying.md): worker processes (0: from the CPU count),
    # seconds a request may take, request log format (text or json), the metrics path ("" turns
    # it off), the addresses that may read it, the folder workers share samples in, and the
    # number of reverse proxies in front (ProxyFix).
    # Rate-limit counters in a shared store (Redis) carry this prefix, so sites may share one.
    ratelimit_key_prefix: str = "ailit"
    workers: int = 0
    request_timeout: float = 30.0
    log_format: str = "text"
    metrics_path: str = "/metrics"
    metrics_allow: str = "127.0.0.1/32,::1/128"
    metrics_multiproc_dir: str | None = None
    trusted_proxies: int = 0
    # Seconds to connect to the database, and the longest a statement (PostgreSQL) or a wait
    # for SQLite's write lock may take; past either, requests answer 503 instead of hanging.
    db_connect_timeout: float = 5.0
    db_statement_timeout: float = 10.0
    # Days a QR code printed on a login card signs its learner in (docs/schools.md).
    card_sign_in_days: float = 30.0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings of ``environ`` (default: this process's environment)."""
        env = os.environ if environ is None else environ

        def path(name: str, default: Path) -> Path:
            value = env.get(name)
            return Path(value).resolve() if value else default

        def number(name: str, default: float) -> float:
            value = env.get(name, "").strip()
            try:
                return float(value) if value else default
            except ValueError:
                raise ValueError(f"{name} must be a number, not {value!r}") from None

        data_dir = path("AILIT_DATA_DIR", WORK_ROOT / "instance")
        catalogue_default = (
            WORK_ROOT / "build" / "catalogue" if resources.in_checkout() else data_dir / "catalogue"
        )
        return cls(
            data_dir=data_dir,
            database_url=env.get("AILIT_DATABASE_URL") or f"sqlite:///{data_dir / 'ailit.db'}",
            courses_dir=path("AILIT_COURSES_DIR", PROJECT_ROOT / "courses"),
            catalogue_dir=path("AILIT_CATALOGUE_DIR", catalogue_default),
            secret_key=env.get("AILIT_SECRET_KEY") or None,
            ratelimit_storage_url=env.get("AILIT_RATELIMIT_STORAGE_URL") or "memory://",
            secure_cookies=env.get("AILIT_SECURE_COOKIES", "").strip().lower()
            in ("1", "true", "yes", "on"),
            base_url=(env.get("AILIT_BASE_URL") or "").rstrip("/") or None,
            issuer_name=env.get("AILIT_ISSUER_NAME") or "ailit",
            ratelimit_key_prefix=env.get("AILIT_RATELIMIT_KEY_PREFIX") or "ailit",
            workers=int(number("AILIT_WORKERS", 0)),
            request_timeout=number("AILIT_REQUEST_TIMEOUT", 30),
            log_format=env.get("AILIT_LOG_FORMAT", "text").strip().lower() or "text",
            metrics_path=env.get("AILIT_METRICS_PATH", "/metrics").strip(),
            metrics_allow=env.get("AILIT_METRICS_ALLOW") or "127.0.0.1/32,::1/128",
            metrics_multiproc_dir=env.get(METRICS_DIR_VARIABLE) or None,
            trusted_proxies=int(number("AILIT_TRUSTED_PROXIES", 0)),
            db_connect_timeout=number("AILIT_DB_CONNECT_TIMEOUT", 5),
            db_statement_timeout=number("AILIT_DB_STATEMENT_TIMEOUT", 10),
            card_sign_in_days=number("AILIT_CARD_SIGN_IN_DAYS", 30),
        )


def settings() -> Settings:
    """The settings of this process's environment (read again on each call: tests change it)."""
    return Settings.from_environment()


def use_metrics_dir(path: str) -> None:
    """Tell prometheus_client (which reads its environment) where workers write samples."""
    os.environ[METRICS_DIR_VARIABLE] = path
