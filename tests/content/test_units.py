"""Small units of the compiler: hashes, diagnostics, question types, the bundled curriculum."""

from __future__ import annotations

from pathlib import Path

import pytest

from ailit.content.check import check_courses
from ailit.content.diagnostics import Diagnostic, did_you_mean, sort_diagnostics
from ailit.content.hashing import hash_bytes, source_hash
from ailit.content.questions import QUESTION_TYPES, ItemOption, QuizItem

from .cases import TESTS, render

REPO = TESTS.parent.parent


def test_source_hash_ignores_line_endings(tmp_path: Path) -> None:
    (tmp_path / "unix.md").write_bytes(b"a\nb\n")
    (tmp_path / "dos.md").write_bytes(b"a\r\nb\r\n")
    assert source_hash(tmp_path / "unix.md") == source_hash(tmp_path / "dos.md") == hash_bytes(b"a\nb\n")
    assert len(hash_bytes(b"")) == 12 and hash_bytes(b"") == "e3b0c44298fc"


def test_diagnostic_format_and_order() -> None:
    a = Diagnostic("b.md", 3, "warning", "later")
    b = Diagnostic("a.md", 10, "error", "first file")
    c = Diagnostic("b.md", 1, "error", "earlier line")
    assert str(a) == "b.md:3: warning: later"
    assert sort_diagnostics([a, b, c, a]) == [b, c, a]
    assert did_you_mean("pass-mark", ["pass_mark", "hours"]) == " (did you mean 'pass_mark'?)"
    assert did_you_mean("zzz", ["pass_mark"]) == ""


def _item(type_name: str, options: list[tuple[bool, str]], **params: str) -> QuizItem:
    items = tuple(ItemOption("x" if c else " ", t, t) for c, t in options)
    return QuizItem(type_name, dict(params), "Prompt?", items, "", 7)


@pytest.mark.parametrize(
    ("item", "problems"),
    [
        (_item("single", [(True, "a"), (False, "b")]), []),
        (_item("single", [(False, "a"), (False, "b")]), ["exactly one [x]"]),
        (_item("multiple", [(True, "a"), (True, "b")]), []),
        (_item("multiple", []), ["no options"]),
        (_item("number", [(True, "1 000"), (True, "0,5")], tolerance="0.1"), []),
        (_item("number", [(True, "8")], tolerance="x"), ["tolerance 'x'"]),
        (_item("number", [(False, "8")]), ["accepted answers only"]),
        (_item("text", [(True, "data")]), []),
        (_item("text", []), ["no accepted answer"]),
        (_item("single", [(True, "a")], shuffle="yes"), ["takes no setting 'shuffle'"]),
    ],
)
def test_question_types_validate_items(item: QuizItem, problems: list[str]) -> None:
    found = QUESTION_TYPES[item.type].validate(item)
    assert len(found) == len(problems) and all(p in f for p, f in zip(problems, found, strict=True))


def test_question_types_parse_and_compare() -> None:
    kind = QUESTION_TYPES["number"]
    source = kind.parse(_item("number", [(True, "8")], tolerance="0.5"))
    assert (source.accepted, source.tolerance, source.line) == (("8",), 0.5, 7)
    assert kind.parity(source, kind.parse(_item("number", [(True, "8.0")], tolerance="0.5"))) == []
    assert kind.parity(source, kind.parse(_item("number", [(True, "9")]))) == [
        "accepts 9, the source 8",
        "tolerance is 0, in the source 0.5",
    ]
    single = QUESTION_TYPES["single"]
    question = single.parse(_item("single", [(False, "a"), (True, "b")]))
    assert question.correct == (1,) and [o.position for o in question.options] == [0, 1]


def test_callout_labels_follow_the_file_language() -> None:
    html, _ = render("::: warning\nحذار\n:::\n", locale="ar")
    assert '<p class="callout-label" data-callout="warning">تحذير</p>' in html


def test_bundled_curriculum_passes_strict_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert [str(d) for d in check_courses(Path("courses"), strict=True)] == []
