"""``ailit check``: validate every course without writing anything, readability included."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ailit.content.build import compile_tree
from ailit.content.diagnostics import ERROR, Diagnostic
from ailit.content.readability import lesson_warnings


def check_courses(courses_dir: Path, *, strict: bool = False) -> list[Diagnostic]:
    """Every problem in ``courses_dir``, sorted; with ``strict`` warnings are reported as errors."""
    compiled = compile_tree(Path(courses_dir), lesson_check=lesson_warnings)
    if strict:
        return [replace(d, severity=ERROR) for d in compiled.diagnostics]
    return compiled.diagnostics
