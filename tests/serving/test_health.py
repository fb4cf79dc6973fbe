"""/healthz, /readyz, and 503 with Retry-After when the database cannot be reached."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from ailit.models.database import make_engine

PAGE_AND_API = [
    # A signed-in lookup (bearer token), a sign-in form post: both need the database.
    ("GET", "/api/v1/me/progress", {"headers": {"Authorization": "Bearer not-a-real-token"}}),
    ("POST", "/ar/sign-in", {"data": {"username": "ada", "password": "a good password"}}),
]


def test_healthz_and_readyz_answer_200(client) -> None:
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["checks"] == {"database": "ok", "catalogue": "ok"}
    assert ready.headers["Cache-Control"] == "no-store"


def test_readyz_is_503_without_a_catalogue(app_factory: Callable[..., Flask], tmp_path: Path) -> None:
    app = app_factory(CATALOGUE_DIR=tmp_path / "nothing-built")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.json["checks"]["catalogue"] == "empty"


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nobody listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts TCP connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)  # connections complete in the kernel; nothing ever reads them
        yield sock.getsockname()[1]


def _unreachable_app(app_config: dict, port: int) -> Flask:
    from ailit.web import create_app

    return create_app(
        {
            **app_config,
            "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{port}/ailit",
            "DB_CONNECT_TIMEOUT": 2,
        }
    )


@pytest.mark.parametrize("which", ["refused", "not answering"])
def test_unreachable_database_answers_503_with_retry_after(
    which: str, closed_port: int, black_hole: int, catalogue_dir: Path, translations_dir: Path, tmp_path: Path
) -> None:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "CATALOGUE_DIR": catalogue_dir,
        "DATA_DIR": tmp_path / "data",
        "BABEL_TRANSLATION_DIRECTORIES": str(translations_dir),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
    }
    app = _unreachable_app(config, closed_port if which == "refused" else black_hole)
    client = app.test_client()
    try:
        for method, path, kwargs in PAGE_AND_API:
            response = client.open(path, method=method, **kwargs)
            assert response.status_code == 503, (path, response.get_data(as_text=True)[:300])
            assert int(response.headers["Retry-After"]) > 0
            if path.startswith("/api/"):
                assert response.json["error"]["code"] == "unavailable"
            else:
                html = response.get_data(as_text=True)
                assert '<html lang="ar" dir="rtl">' in html
                assert "Traceback" not in html
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json["checks"]["database"] == "unreachable"
        # Pages that need no database still work.
        assert client.get("/en/courses/").status_code == 200
        assert client.get("/healthz").status_code == 200
    finally:
        app.extensions["ailit.db"][0].dispose()


def test_a_statement_over_the_timeout_is_cut_off(database_url: str, tmp_path: Path) -> None:
    """PostgreSQL: statement_timeout; SQLite: the wait for another writer's lock."""
    engine = make_engine(database_url, connect_timeout=2, statement_timeout=0.3)
    try:
        if engine.dialect.name == "postgresql":
            with pytest.raises(sa.exc.OperationalError, match="statement timeout"):
                with engine.connect() as conn:
                    conn.execute(sa.text("SELECT pg_sleep(3)"))
        else:
            other = make_engine(database_url)
            with other.connect() as holder:
                holder.exec_driver_sql("BEGIN IMMEDIATE")  # holds the write lock
                with pytest.raises(sa.exc.OperationalError, match="locked"):
                    with engine.begin() as conn:
                        conn.execute(sa.text("CREATE TABLE lock_probe (x INTEGER)"))
                holder.rollback()
            other.dispose()
    finally:
        engine.dispose()
