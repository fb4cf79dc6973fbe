"""`ailit db upgrade` and `ailit users create`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from ailit.cli import main
from ailit.models import Role, User
from ailit.models.database import make_engine
from ailit.services.passwords import verify_password


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AILIT_DATABASE_URL", database_url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    return database_url


def _user(url: str, name: str) -> User | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(User.__table__).where(User.username == name)).first()
            return row
    finally:
        engine.dispose()


def test_users_create_with_password_from_stdin(cli_env: str) -> None:
    result = CliRunner().invoke(
        main,
        ["users", "create", "Mme.Dupont", "--role", "teacher", "--display-name", "Mme Dupont"],
        input="a good password\n",
    )
    assert result.exit_code == 0, result.output
    assert "created mme.dupont (teacher)" in result.output
    row = _user(cli_env, "mme.dupont")
    assert row is not None and row.role == Role.TEACHER and row.display_name == "Mme Dupont"
    assert verify_password(row.password_hash, "a good password")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["users", "create", "x", "--password", "a good password"], "username:"),
        (["users", "create", "kid", "--password", "short"], "password:"),
        (["users", "create", "kid", "--role", "wizard", "--password", "a good password"], "Invalid value for '--role'"),
    ],
)
def test_users_create_refuses_bad_input(cli_env: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output


def test_db_upgrade_creates_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'ailit.db'}"
    monkeypatch.setenv("AILIT_DATABASE_URL", url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert _user(url, "nobody") is None  # the table exists
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600
