"""Readability: what counts as lesson text, how it is measured, and the warnings per stage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ailit.content import readability
from ailit.content.readability import (
    TARGETS,
    lesson_source,
    lesson_warnings,
    measure,
    split_sentences,
    text_units,
)
from ailit.stages import STAGES

SIMPLE = "The cat sat on the mat. "  # 6 short words, grade well below 1
HARD = (
    "Institutional accountability necessitates comprehensive documentation of algorithmic "
    "decision-making infrastructures, particularly regarding discriminatory consequences "
    "affecting marginalized communities internationally. "
)


def test_targets_cover_every_stage() -> None:
    assert set(TARGETS) == set(STAGES)
    assert TARGETS["primary"].words_min == 250 and TARGETS["upper-secondary"].fk_grade_max == 10.5


def test_lesson_source_drops_quiz_fences_and_footnotes() -> None:
    body = (
        "Intro text.[^1]\n\n"
        "::: activity\nDraw a robot.\n:::\n\n"
        "::: quiz\n1. Which one?\n   - [x] This one\n   - [ ] That one\n\n   > Because.\n:::\n\n"
        "[^1]: UNESCO, 2024.\n    More of the note.\n\n"
        "After.\n"
    )
    source = lesson_source(body)
    assert ":::" not in source
    assert "Which one" not in source and "This one" not in source
    assert "UNESCO" not in source and "More of the note" not in source and "[^1]" not in source
    assert "Draw a robot." in source and "After." in source


def test_text_units_are_blocks_as_plain_text() -> None:
    body = (
        "# Is it *AI*?\n\n"
        "A [spam filter](https://example.org) learns `rules`.\n\n"
        "- first item\n- second item\n\n"
        "> A quoted line.\n\n"
        "| a | b |\n|---|---|\n| cell one | cell two |\n\n"
        "![a long picture description](media/x.png)\n\n"
        "```\ncode is not lesson text\n```\n\n"
        "<div>raw html</div>\n"
    )
    assert text_units(body) == [
        "Is it AI?",
        "A spam filter learns rules.",
        "first item",
        "second item",
        "A quoted line.",
        "a",
        "b",
        "cell one",
        "cell two",
    ]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("It costs 3.5 dollars, e.g. the small one.", ["It costs 3.5 dollars, e.g. the small one."]),
        ('He said "Stop." Then left.', ['He said "Stop."', "Then left."]),
        ("机器会学习。它看例子！对吗？", ["机器会学习。", "它看例子！", "对吗？"]),
        ("هل هذا ذكاء اصطناعي؟ نعم.", ["هل هذا ذكاء اصطناعي؟", "نعم."]),
        ("Wait… what happened?", ["Wait… what happened?"]),
    ],
)
def test_split_sentences(unit: str, expected: list[str]) -> None:
    assert split_sentences(unit) == expected


def test_a_heading_or_list_item_always_ends_a_sentence() -> None:
    body = "## Machines that can learn\n\nThey learn from examples.\n\n- cats\n- dogs\n"
    m = measure("en", body)
    assert m.sentences == 4
    assert m.words == 4 + 4 + 1 + 1
    assert m.mean_sentence_length == 2.5


def test_words_skip_punctuation_only_tokens() -> None:
    m = measure("fr", "L'IA — c'est un outil bien connu.")
    assert (m.words, m.sentences, m.fk_grade, m.unit) == (6, 1, None, "words")


def test_chinese_is_counted_in_characters() -> None:
    m = measure("zh", "机器会学习。AI 看 2024 年的例子！")
    assert m.unit == "characters"
    assert m.words == 5 + (1 + 1 + 1 + 1 + 3)  # AI and 2024 count as one each
    assert m.sentences == 2
    assert m.fk_grade is None


def test_fk_grade_is_for_english_only() -> None:
    assert measure("en", SIMPLE * 5).fk_grade < 1
    assert measure("en", HARD * 5).fk_grade > 15
    assert measure("es", SIMPLE * 5).fk_grade is None
    assert measure("en", "").fk_grade is None


def test_fk_grade_needs_no_download(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("readability must not download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    assert measure("en", "A brand new sentence about zebras jumping. " * 3).fk_grade is not None


def test_well_written_primary_text_has_no_warnings() -> None:
    body = "# Robots\n\n" + SIMPLE * 50
    m = measure("en", body)
    assert 250 <= m.words <= 500
    assert lesson_warnings("primary", "en", body) == []


def test_too_short_primary_text() -> None:
    body = SIMPLE * 10
    assert lesson_warnings("primary", "en", body) == ["lesson text is 60 words; primary modules should have 250–500"]


def test_hard_long_sentences_warn_on_grade_and_length() -> None:
    body = HARD * 30  # 17 words a sentence
    messages = lesson_warnings("primary", "en", body)
    assert len(messages) == 3
    assert messages[0] == "lesson text is 510 words; primary modules should have 250–500"
    assert messages[1].startswith("Flesch-Kincaid grade ") and messages[1].endswith(" is above 5 for primary")
    assert messages[2] == "mean sentence length 17.0 words is above 10 for primary"


def test_thousands_are_grouped_in_messages() -> None:
    [message] = lesson_warnings("lower-secondary", "en", SIMPLE * 20)
    assert message == "lesson text is 120 words; lower-secondary modules should have 700–1,200"


def test_sentence_length_is_checked_for_every_locale() -> None:
    sentence = "Ceci est une phrase vraiment très longue qui continue encore et encore sans aucune pause. "
    messages = lesson_warnings("primary", "fr", sentence * 20)
    assert messages == ["mean sentence length 15.0 words is above 10 for primary"]


def test_chinese_targets_are_scaled_by_one_and_a_half() -> None:
    sentence = "机器从很多例子里学习。"  # 10 characters
    assert lesson_warnings("primary", "zh", sentence * 40) == []  # 400 characters, 10 a sentence
    [message] = lesson_warnings("primary", "zh", sentence * 80)  # 800 > 750
    assert message == (
        "lesson text is 800 characters; primary modules should have 375–750 characters"
        " (250–500 words at 1.5 characters a word)"
    )
    long_sentence = "机器从很多很多很多很多很多的例子里学习。"  # 19 characters > 15
    assert lesson_warnings("primary", "zh", long_sentence * 25) == [
        "mean sentence length 19.0 characters is above 15 for primary"
    ]


def test_unknown_stage_or_locale_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown stage 'kindergarten'"):
        lesson_warnings("kindergarten", "en", SIMPLE)
    with pytest.raises(ValueError, match="unknown locale 'de'"):
        measure("de", SIMPLE)


# --- python -m ailit.content.readability -----------------------------------------------------


def _module_file(root: Path, stage: str = "primary", name: str = "en.md", body: str = SIMPLE * 10) -> Path:
    folder = root / "courses" / stage / "meet" / "01-intro"
    folder.mkdir(parents=True)
    path = folder / name
    path.write_text(f"---\ntitle: Intro\nobjectives:\n  - Learn. A lot. Really.\n---\n\n{body}", encoding="utf-8")
    return path


def test_command_infers_stage_and_prints_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _module_file(tmp_path)
    assert readability.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path} (primary, en)" in out
    assert "words: 60 (target 250–500)" in out  # the front matter is not lesson text
    assert f"{path}:1: warning: lesson text is 60 words; primary modules should have 250–500" in out


def test_command_stage_option_and_course_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "elsewhere" / "01-intro"
    folder.mkdir(parents=True)
    (tmp_path / "elsewhere" / "course.yaml").write_text("stage: older-learners\n", encoding="utf-8")
    path = folder / "ru.md"
    path.write_text(SIMPLE, encoding="utf-8")
    assert readability.main([str(path)]) == 0
    assert "(older-learners, ru)" in capsys.readouterr().out
    assert readability.main([str(path), "--stage", "higher-ed"]) == 0
    assert "(higher-ed, ru)" in capsys.readouterr().out


def test_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert readability.main([str(tmp_path / "en.md")]) == 2
    assert "en.md: error: cannot read the file" in capsys.readouterr().err
    notes = tmp_path / "notes.md"
    notes.write_text("x", encoding="utf-8")
    assert readability.main([str(notes)]) == 2
    assert "pass --locale" in capsys.readouterr().err
    binary = tmp_path / "en.md"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert readability.main([str(binary)]) == 2


def test_runs_as_a_module_without_flask_or_sqlalchemy(tmp_path: Path) -> None:
    path = _module_file(tmp_path, stage="teacher-pd")
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['readability', {str(path)!r}]\n"
        "try:\n    runpy.run_module('ailit.content.readability', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "import ailit.content.competencies\n"
        "assert not {'flask', 'sqlalchemy'} & set(sys.modules), 'content must stay a pure library'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "(teacher-pd, en)" in result.stdout
    assert "teacher-pd modules should have 1,200–2,500" in result.stdout
