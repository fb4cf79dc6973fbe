"""Property tests: whatever an author writes, the compiler answers with diagnostics only."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ailit.content.build import compile_tree
from ailit.content.diagnostics import Diagnostic

from .cases import course_with_module

FRONT = "---\ntitle: Lesson\nminutes: 5\nobjectives: [Learn.]\n---\n\n"
# Characters that matter to Markdown, YAML and the ailit extensions, plus any text.
SYNTAX = st.sampled_from(
    ["\n", " ", "  ", "- ", "1. ", "> ", "::: ", "quiz", "note", ":::", "[x] ", "[ ] ", "{", "}",
     "number", "text", "multiple", "tolerance=", "![", "](", ")", "media/", "../", "#", "*", "`",
     "|", "---", "[^1]", ": ", "&", "<", "\t", "0.5", "\r\n"]
)
MARKDOWN = st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=60).map("".join)
YAML_BITS = st.sampled_from(
    ["id: ", "stage: ", "source_locale: ", "title: ", "hours: ", "pass_mark: ", "{", "}", "[", "]",
     "en", "primary", "sample-course", "\n", ": ", "- ", "&a ", "*a", "!!python/object ", "'", '"', "1.5", "-1"]
)
YAML = st.lists(st.one_of(YAML_BITS, st.text(max_size=6)), max_size=40).map("".join)


def _compile(files: dict[str, bytes], course_yaml: bytes | None = None) -> list[Diagnostic]:
    with tempfile.TemporaryDirectory() as folder:
        root = course_with_module(Path(folder), files)
        if course_yaml is not None:
            (root / "primary" / "sample-course" / "course.yaml").write_bytes(course_yaml)
        return compile_tree(root).diagnostics


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=MARKDOWN, with_front=st.booleans())
def test_any_module_text_gives_only_diagnostics(body: str, with_front: bool) -> None:
    text = (FRONT if with_front else "") + body
    diagnostics = _compile({"en.md": text.encode("utf-8", "surrogatepass")})
    assert all(d.severity in ("error", "warning") and d.line >= 1 for d in diagnostics)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_any_bytes_give_only_diagnostics(data: bytes) -> None:
    for diagnostic in _compile({"en.md": data}):
        assert diagnostic.severity in ("error", "warning")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(course_yaml=YAML)
def test_any_course_yaml_gives_only_diagnostics(course_yaml: str) -> None:
    diagnostics = _compile({"en.md": (FRONT + "Text.\n").encode()}, course_yaml.encode("utf-8", "surrogatepass"))
    assert all(d.line >= 1 for d in diagnostics)
