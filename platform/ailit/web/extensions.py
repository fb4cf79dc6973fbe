"""Extensions, created unbound here and bound to an app in ``create_app`` with ``init_app``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from flask import Flask, current_app, g
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ailit.content.catalogue import Catalogue
from ailit.models.database import make_engine, make_session_factory
from ailit.services.accounts import ThrottlePolicy
from ailit.services.catalogue_store import CatalogueStore


class Database:
    """One engine per app; one session per app context, closed (and rolled back) at teardown."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(
            app.config["DATABASE_URL"],
            connect_timeout=app.config.get("DB_CONNECT_TIMEOUT"),
            statement_timeout=app.config.get("DB_STATEMENT_TIMEOUT"),
        )
        app.extensions["ailit.db"] = (engine, make_session_factory(engine))
        app.teardown_appcontext(self._close)

    @property
    def engine(self) -> Engine:
        """The current app's engine."""
        return current_app.extensions["ailit.db"][0]

    @property
    def session(self) -> Session:
        """The current app context's session."""
        if "db_session" not in g:
            factory: sessionmaker[Session] = current_app.extensions["ailit.db"][1]
            g.db_session = factory()
            # Erasers of personal data find files (certificate PDFs) under the data directory.
            g.db_session.info["ailit.data_dir"] = current_app.config["DATA_DIR"]
        return g.db_session

    @staticmethod
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()  # uncommitted work is rolled back: nothing half-saved


class Content:
    """The compiled catalogue, loaded once per process and reloaded when a new build lands."""

    def init_app(self, app: Flask) -> None:
        app.extensions["ailit.catalogue"] = CatalogueStore(
            app.config["CATALOGUE_DIR"], app.config["CATALOGUE_CHECK_SECONDS"]
        )

    @property
    def catalogue(self) -> Catalogue:
        """The current catalogue (empty until ``ailit build`` has run)."""
        store: CatalogueStore = current_app.extensions["ailit.catalogue"]
        return store.get()

    def refresh(self) -> Catalogue:
        """Load a catalogue this process has just built (other processes notice it within seconds)."""
        store: CatalogueStore = current_app.extensions["ailit.catalogue"]
        return store.refresh()


class Security:
    """Password hashing parameters and the sign-in throttle (per account and address), from the config."""

    def init_app(self, app: Flask) -> None:
        cfg = app.config
        app.extensions["ailit.hasher"] = PasswordHasher(
            time_cost=cfg["ARGON2_TIME_COST"],
            memory_cost=cfg["ARGON2_MEMORY_COST"],
            parallelism=cfg["ARGON2_PARALLELISM"],
        )
        app.extensions["ailit.throttle"] = ThrottlePolicy(
            max_failures=cfg["SIGNIN_MAX_FAILURES"],
            window=_seconds(cfg["SIGNIN_WINDOW_SECONDS"]),
            lockout=_seconds(cfg["SIGNIN_LOCKOUT_SECONDS"]),
            backoff=_seconds(cfg["SIGNIN_BACKOFF_SECONDS"]),
        )

    @property
    def hasher(self) -> PasswordHasher:
        """The app's Argon2id hasher."""
        return current_app.extensions["ailit.hasher"]

    @property
    def throttle(self) -> ThrottlePolicy:
        """The app's sign-in throttle policy."""
        return current_app.extensions["ailit.throttle"]


def _seconds(value: Any) -> timedelta:
    return timedelta(seconds=float(value))


db = Database()
content = Content()
security = Security()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)
