"""Shared helpers for the compiler tests: sample courses, fixture cases, module courses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ailit.cli import main
from ailit.content.context import RenderContext
from ailit.content.diagnostics import Problems
from ailit.content.markdown import markdown

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
SAMPLE_COURSES = TESTS.parent / "fixtures" / "courses"

COURSE_YAML = """\
id: sample-course
stage: primary
source_locale: en
title: {en: Sample course}
hours: 0.1
pass_mark: 0.7
"""

NEXT_MODULE = """\
---
title: Next
minutes: 5
objectives: [Learn more.]
---

The next lesson.
"""

MODULE_DIR = Path("primary/sample-course/01-lesson")


def course_with_module(root: Path, files: dict[str, bytes] | Path) -> Path:
    """A courses folder with one course: ``01-lesson`` holds ``files``, ``02-next`` a lesson.

    ``files`` maps names (``en.md``, ``media/x.png``) to bytes, or is a folder to copy.
    """
    course = root / "primary" / "sample-course"
    module = root / MODULE_DIR
    if isinstance(files, Path):
        shutil.copytree(files, module, ignore=shutil.ignore_patterns("expected.txt"))
    else:
        module.mkdir(parents=True)
        for name, data in files.items():
            (module / name).parent.mkdir(parents=True, exist_ok=True)
            (module / name).write_bytes(data)
    (course / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (course / "02-next").mkdir()
    (course / "02-next" / "en.md").write_text(NEXT_MODULE, encoding="utf-8")
    return root


def render(text: str, locale: str = "en") -> tuple[str, Problems]:
    """Render a lesson body as module ``lesson`` of course ``course`` (media: picture.png)."""
    problems = Problems("lesson.md")
    ctx = RenderContext(
        course_id="course",
        module_id="lesson",
        locale=locale,
        media=frozenset({"picture.png"}),
        modules={"01-lesson": "lesson", "02-next": "next"},
        problems=problems,
        lines=text.split("\n"),
    )
    env = {"ailit": ctx}
    md = markdown()
    return md.renderer.render(md.parse(text, env), md.options, env), problems


def run_cli(*args: str) -> tuple[int, str, str]:
    """``ailit ARGS`` through click: exit code, standard output, standard error (no traceback)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def copy_sample_courses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample courses in ``tmp_path``, which becomes the current folder (build/ lands there)."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "courses"
    shutil.copytree(SAMPLE_COURSES, target)
    return target
