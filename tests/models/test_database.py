"""SQLite is configured for concurrent use: WAL, foreign keys on, a busy timeout."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from ailit.models.database import SQLITE_BUSY_TIMEOUT_MS, make_engine


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() == SQLITE_BUSY_TIMEOUT_MS
    engine.dispose()
