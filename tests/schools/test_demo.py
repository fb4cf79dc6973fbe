"""`ailit demo` loads a lived-in school once; running it again changes nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from ailit.cli import main
from ailit.models import ClassMembership, ModuleProgress, School, User
from ailit.models.database import make_engine

ROOT = Path(__file__).resolve().parents[2]


def test_demo_is_idempotent_and_prints_sign_ins(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("AILIT_DATABASE_URL", database_url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AILIT_CATALOGUE_DIR", str(tmp_path / "catalogue"))
    monkeypatch.setenv("AILIT_COURSES_DIR", str(ROOT / "courses"))
    first = CliRunner().invoke(main, ["demo"])
    assert first.exit_code == 0, first.output
    assert "demo-school-admin" in first.output and "demo-password-1" in first.output
    second = CliRunner().invoke(main, ["demo"])
    assert second.exit_code == 0 and "already loaded" in second.output
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(School)) == 1
            assert conn.scalar(select(func.count()).select_from(ClassMembership)) == 30
            assert conn.scalar(select(func.count()).select_from(User)) == 34
            assert conn.scalar(select(func.count()).select_from(ModuleProgress)) > 30
    finally:
        engine.dispose()
