"""Bad input of every kind yields diagnostics, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from ailit.content.build import compile_tree
from ailit.content.sources import MAX_FILE_BYTES

from .cases import COURSE_YAML, MODULE_DIR, course_with_module

FRONT = b"---\ntitle: Lesson\nminutes: 5\nobjectives: [Learn.]\n---\n\n"
LESSON = str(MODULE_DIR / "en.md")


def lesson_diagnostics(tmp_path: Path, data: bytes) -> list[str]:
    course_with_module(tmp_path, {"en.md": data})
    return [str(d) for d in compile_tree(tmp_path).diagnostics]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRONT + b"caf\xe9\n", f"{LESSON}:7: error: not valid UTF-8 (byte 0xe9): save the file as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", f"{LESSON}:3: error: binary file (it contains NUL bytes): expected UTF-8 text"),
        (b"", f"{LESSON}:1: error: empty file"),
        (b"  \n\n", f"{LESSON}:1: error: empty file"),
        (b"x" * (MAX_FILE_BYTES + 1), f"{LESSON}:1: error: file is 1,000,001 bytes; the limit is 1,000,000 bytes: split it into modules"),
        (b"---\ntitle: [unclosed\n---\n", f"{LESSON}:3: error: front matter: invalid YAML: did not find expected ',' or ']'"),
        (b"---\n- a\n- list\n---\n", f"{LESSON}:2: error: front matter must be a mapping of keys to values"),
    ],
    ids=["non-utf8", "binary", "empty", "blank", "huge", "malformed-yaml", "yaml-list"],
)
def test_bad_module_file(tmp_path: Path, data: bytes, expected: str) -> None:
    assert expected in [line.replace(str(tmp_path) + "/", "") for line in lesson_diagnostics(tmp_path, data)]


@pytest.mark.parametrize(
    "body",
    [
        "> " * 5000 + "deep quote",
        "\n".join("  " * i + "- item" for i in range(400)),
        "\n".join("   " * i + "1. item" for i in range(400)),
        "[" * 20000 + "x" + "]" * 20000,
        "*" * 50000 + "x",
        "::: note\n" * 2000,
    ],
    ids=["quotes", "bullets", "numbers", "brackets", "stars", "callouts"],
)
def test_deep_nesting_is_refused_or_rendered(tmp_path: Path, body: str) -> None:
    diagnostics = lesson_diagnostics(tmp_path, FRONT + body.encode())
    assert all("internal" not in line for line in diagnostics)
    if body.startswith(("> ", " ", "-")):
        assert any("nested more than" in line for line in diagnostics)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\xff\xfe\x00i\x00d", "binary file"),
        (b"id: caf\xe9\n", "not valid UTF-8"),
        (b"- just\n- a list\n", "course.yaml must be a mapping of keys to values"),
        (b"id: [a, b\n", "invalid YAML"),
        (b"a: &a [*a, *a]\nid: x\n", "unknown key 'a'"),
    ],
    ids=["empty", "binary", "non-utf8", "list", "malformed", "recursive-alias"],
)
def test_bad_course_file(tmp_path: Path, data: bytes, message: str) -> None:
    course_with_module(tmp_path, {"en.md": FRONT + b"Text.\n"})
    (tmp_path / "primary" / "sample-course" / "course.yaml").write_bytes(data)
    diagnostics = compile_tree(tmp_path).diagnostics
    assert any(message in d.message and d.path.endswith("course.yaml") for d in diagnostics)


def test_missing_courses_folder(tmp_path: Path) -> None:
    diagnostics = compile_tree(tmp_path / "nowhere").diagnostics
    assert [d.message for d in diagnostics] == ["no courses folder here (set --courses or AILIT_COURSES_DIR)"]


def test_stray_files_are_warnings(tmp_path: Path) -> None:
    course_with_module(tmp_path, {"en.md": FRONT + b"Text.\n", "draft.docx": b"PK\x03\x04"})
    (tmp_path / "README.md").write_text("Notes about the courses.\n")
    diagnostics = compile_tree(tmp_path).diagnostics
    assert [(d.severity, Path(d.path).name) for d in diagnostics] == [("warning", "draft.docx")]


def test_course_yaml_is_valid_in_helper() -> None:
    assert "stage: primary" in COURSE_YAML
