"""Settings are read in one place: ``ailit.settings``; the web app and the CLI agree on them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ailit.settings import PROJECT_ROOT, Settings
from ailit.web import config

PACKAGE = Path(__file__).resolve().parents[1] / "platform" / "ailit"
SETTINGS_MODULE = PACKAGE / "settings.py"


def _environment_reads(path: Path) -> list[str]:
    """``os.environ``, ``os.getenv``, ``from os import environ/getenv``, click's ``envvar=``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb")
                and isinstance(node.value, ast.Name) and node.value.id == "os"):
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{path.name}:{node.lineno} from os import {a.name}" for a in node.names
                      if a.name in ("environ", "getenv", "environb")]
        elif isinstance(node, ast.keyword) and node.arg in ("envvar", "auto_envvar_prefix"):
            found.append(f"{path.name}:{node.lineno} {node.arg}=")
    return found


def test_nothing_but_the_settings_module_reads_the_environment() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != SETTINGS_MODULE:
            found += _environment_reads(path)
    assert found == []


def test_the_check_finds_each_way_of_reading_the_environment(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom os import getenv\nimport click\n"
        "a = os.environ.get('X')\nb = os.getenv('Y')\n@click.option('--z', envvar='Z')\ndef f(z): pass\n"
        "c = request.environ['wsgi.input']\n",  # a request's WSGI environ is not a setting
        encoding="utf-8",
    )
    assert len(_environment_reads(sample)) == 4
    assert _environment_reads(SETTINGS_MODULE)  # the one module that does


def test_the_cli_and_the_web_app_use_the_same_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AILIT_DATA_DIR", "AILIT_DATABASE_URL", "AILIT_COURSES_DIR", "AILIT_CATALOGUE_DIR"):
        monkeypatch.delenv(name, raising=False)
    web = config.from_environment()
    assert web["DATA_DIR"] == Settings.from_environment().data_dir == PROJECT_ROOT / "instance"
    assert web["DATABASE_URL"] == f"sqlite:///{PROJECT_ROOT / 'instance' / 'ailit.db'}"
    assert web["CATALOGUE_DIR"] == PROJECT_ROOT / "build" / "catalogue"


def test_settings_come_from_the_given_environment(tmp_path: Path) -> None:
    settings = Settings.from_environment(
        {"AILIT_DATA_DIR": str(tmp_path), "AILIT_BASE_URL": "https://ailit.example.org/",
         "AILIT_SECURE_COOKIES": "yes"}
    )
    assert settings.data_dir == tmp_path.resolve()
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'ailit.db'}"
    assert settings.base_url == "https://ailit.example.org"
    assert settings.secure_cookies is True
