"""Engines and sessions: SQLite tuned for a single machine, PostgreSQL for many servers."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000


def make_engine(
    url: str,
    *,
    connect_timeout: float | None = None,
    statement_timeout: float | None = None,
    **kwargs: Any,
) -> Engine:
    """An engine for ``url``; on SQLite: WAL journal, foreign keys on, a busy timeout.

    ``connect_timeout`` (seconds) bounds how long PostgreSQL may take to answer a new
    connection; ``statement_timeout`` (seconds) bounds each PostgreSQL statement, and on SQLite
    the wait for another writer's lock. Past either, the query raises ``OperationalError``.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        busy_ms = SQLITE_BUSY_TIMEOUT_MS if statement_timeout is None else int(statement_timeout * 1000)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", lambda conn, _record: _configure_sqlite(conn, busy_ms))
        return engine
    connect_args = dict(kwargs.pop("connect_args", {}))
    if connect_timeout is not None and "connect_timeout" not in parsed.query:
        # libpq takes whole seconds (at least 2); it bounds the connection and its start-up.
        connect_args["connect_timeout"] = max(2, round(connect_timeout))
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    if statement_timeout is not None:
        timeout_ms = int(statement_timeout * 1000)
        event.listen(engine, "connect", lambda conn, _record: _set_statement_timeout(conn, timeout_ms))
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (views render them afterwards)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _set_statement_timeout(dbapi_connection: Any, timeout_ms: int) -> None:
    # A session setting (not the URL's options, which may already carry a search_path).
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(timeout_ms)}")
    dbapi_connection.commit()


def _configure_sqlite(dbapi_connection: sqlite3.Connection, busy_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers proceed while one writer commits; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def begin_write(session: Session) -> None:
    """Take the database's write lock now, before reading what the write depends on.

    SQLite otherwise starts a transaction only at the first write, so two requests could both
    count rows, then both insert. ``BEGIN IMMEDIATE`` makes the second wait for the first's
    commit. PostgreSQL callers lock the rows they depend on (``SELECT ... FOR UPDATE``).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    # A transaction the driver has already begun has written, so it holds the lock already.
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
