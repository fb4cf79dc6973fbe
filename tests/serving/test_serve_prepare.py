"""``ailit serve`` starts on the last good catalogue when a course has errors, and says which."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest

from ailit.cli.serve import prepare
from ailit.content.catalogue import load_catalogue
from ailit.web import create_app

FIXTURE_COURSES = Path(__file__).resolve().parents[1] / "fixtures" / "courses"


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    courses = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, courses)
    monkeypatch.setenv("AILIT_COURSES_DIR", str(courses))
    monkeypatch.setenv("AILIT_CATALOGUE_DIR", str(tmp_path / "catalogue"))
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AILIT_DATABASE_URL", f"sqlite:///{tmp_path / 'data' / 'ailit.db'}")
    return tmp_path


def _break_a_course(courses: Path) -> None:
    lesson = courses / "primary" / "sample-robots" / "03-robots-around-us" / "en.md"
    lesson.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")


def test_serve_keeps_the_last_good_catalogue(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prepare(create_app())
    version = load_catalogue(site / "catalogue").version
    _break_a_course(site / "courses")
    prepare(create_app())
    err = capsys.readouterr().err
    assert "03-robots-around-us/en.md:3: error: front matter: invalid YAML" in err
    assert "not rebuilt: primary/sample-robots has errors" in err
    assert "serving the last good catalogue" in err
    assert load_catalogue(site / "catalogue").version == version


def test_serve_without_any_catalogue_refuses_broken_courses(site: Path) -> None:
    _break_a_course(site / "courses")
    with pytest.raises(click.ClickException, match="the courses have errors"):
        prepare(create_app())
