"""Fixture-driven compiler tests: add a case by adding files, no Python needed.

- ``fixtures/render/<case>.md`` is rendered as a lesson and must equal ``<case>.html``, with
  no diagnostics, or exactly those listed in ``<case>.txt`` when there is one.
- ``fixtures/errors/<case>/`` is either a courses folder (``<stage>/<course>/...``) or the
  files of one module (``en.md``, ``fr.md``, ``media/``...) placed as
  ``primary/sample-course/01-lesson/`` beside a valid ``02-next`` module; ``expected.txt``
  lists the exact diagnostics, paths relative to the courses folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ailit.content.build import compile_tree

from .cases import FIXTURES, course_with_module, render

RENDER_CASES = sorted((FIXTURES / "render").glob("*.md"))
ERROR_CASES = sorted(p for p in (FIXTURES / "errors").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", RENDER_CASES, ids=lambda p: p.stem)
def test_render(case: Path) -> None:
    html, problems = render(case.read_text(encoding="utf-8"))
    listed = case.with_suffix(".txt")
    expected = listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []
    assert [str(d) for d in problems.items] == expected
    assert html == case.with_suffix(".html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda p: p.name)
def test_errors(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if any(case.glob("*.md")):
        course_with_module(tmp_path, case)
    else:
        shutil.copytree(case, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    monkeypatch.chdir(tmp_path)
    diagnostics = compile_tree(Path(".")).diagnostics
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(d) for d in diagnostics] == expected


def test_every_error_case_has_expectations() -> None:
    assert ERROR_CASES and all((case / "expected.txt").is_file() for case in ERROR_CASES)
    assert RENDER_CASES and all(case.with_suffix(".html").is_file() for case in RENDER_CASES)


if os.environ.get("AILIT_REGENERATE_FIXTURES"):  # pragma: no cover - a maintainer's tool
    def test_regenerate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Rewrite every expected file from the current output (review the diff!)."""
        for case in RENDER_CASES:
            html, problems = render(case.read_text(encoding="utf-8"))
            case.with_suffix(".html").write_text(html, encoding="utf-8")
            if case.with_suffix(".txt").is_file():  # only cases meant to show diagnostics
                case.with_suffix(".txt").write_text("".join(f"{d}\n" for d in problems.items), encoding="utf-8")
        for i, case in enumerate(ERROR_CASES):
            root = tmp_path / str(i)
            root.mkdir()
            if any(case.glob("*.md")):
                course_with_module(root, case)
            else:
                shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
            monkeypatch.chdir(root)
            lines = [str(d) + "\n" for d in compile_tree(Path(".")).diagnostics]
            (case / "expected.txt").write_text("".join(lines), encoding="utf-8")
