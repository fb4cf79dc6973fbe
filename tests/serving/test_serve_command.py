"""`ailit serve`: gunicorn settings, the shared-limits warning, the base URL it announces."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ailit import server
from ailit.cli import main


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, database_url: str, catalogue_dir: Path, tmp_path: Path) -> list[server.Server]:
    """Run `ailit serve` up to the point where gunicorn would start; keep the server object."""
    runs: list[server.Server] = []
    monkeypatch.setattr(server.Server, "run", lambda self: runs.append(self))
    monkeypatch.setenv("AILIT_DATABASE_URL", database_url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AILIT_CATALOGUE_DIR", str(catalogue_dir))
    monkeypatch.setenv("AILIT_COURSES_DIR", str(Path(__file__).parents[1] / "fixtures" / "courses"))
    monkeypatch.delenv("AILIT_BASE_URL", raising=False)
    # `ailit serve` points prometheus_client at a fresh folder; undone after the test.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    monkeypatch.delenv("AILIT_RATELIMIT_STORAGE_URL", raising=False)
    return runs


def test_serve_runs_gunicorn_preloaded_with_sync_workers(served: list[server.Server]) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "8123", "--workers", "3"])
    assert result.exit_code == 0, result.output
    (gunicorn,) = served
    options = gunicorn.options
    assert options["workers"] == 3 and options["worker_class"] == "sync" and options["preload_app"] is True
    assert options["bind"] == "127.0.0.1:8123" and options["timeout"] == 30
    assert options["graceful_timeout"] > 0
    # Without AILIT_BASE_URL, the address served on becomes the base URL, and it says so.
    assert gunicorn.app.config["BASE_URL"] == "http://127.0.0.1:8123"
    assert "AILIT_BASE_URL is not set" in result.output and "http://127.0.0.1:8123" in result.output
    # Three workers counting rate limits each in its own memory: a warning names the fix.
    assert "warning: 3 workers count rate limits each on their own" in result.output
    assert "AILIT_RATELIMIT_STORAGE_URL" in result.output


def test_serve_keeps_a_configured_base_url_and_shared_limits_quietly(
    served: list[server.Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AILIT_BASE_URL", "https://learn.example")
    monkeypatch.setenv("AILIT_RATELIMIT_STORAGE_URL", "redis://127.0.0.1:6379/0")
    result = CliRunner().invoke(main, ["serve", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert served[0].app.config["BASE_URL"] == "https://learn.example"
    assert "warning" not in result.output and "AILIT_BASE_URL is not set" not in result.output


def test_default_workers_follow_the_cpu_count() -> None:
    assert server.default_workers(1) == 3
    assert server.default_workers(2) == 5
    assert server.default_workers(64) == server.MAX_WORKERS
    assert server.bind_address("::1", 80) == "[::1]:80"
