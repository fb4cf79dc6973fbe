"""Translators' tools on the command line: check PATH, status by name, stamp, diff, XLIFF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from translate.storage.xliff2 import Xliff2File

from ailit.content.check import check_file_text
from ailit.content.hashing import source_hash
from ailit.content.segments import segment
from ailit.content.sourcediff import word_diff
from ailit.content.xliff import export_module

from .cases import copy_sample_courses, run_cli

ROOT = Path(__file__).resolve().parents[2]
ROBOTS = Path("primary/sample-robots")
EXAMPLES = ROBOTS / "02-learning-from-examples"


@pytest.fixture()
def courses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AILIT_CATALOGUE_DIR", str(tmp_path / "build" / "catalogue"))  # revisions beside it
    return copy_sample_courses(tmp_path, monkeypatch)


run = run_cli


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", *args],
        cwd=repo, check=True, capture_output=True,
    )


# --- ailit check PATH ------------------------------------------------------------------------


def test_check_one_file_reports_only_that_file(courses: Path) -> None:
    module = courses / EXAMPLES
    (courses / ROBOTS / "01-what-is-ai" / "ar.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    code, _, stderr = run("check", str(module / "fr.md"))
    assert code == 0, stderr
    assert "fr.md:1: warning: stale" in stderr and "ar.md" not in stderr
    code, _, stderr = run("check", str(courses / ROBOTS))
    assert code == 1 and any("01-what-is-ai/ar.md:" in line and ": error: " in line for line in stderr.splitlines())


def test_check_a_course_folder_outside_a_courses_tree(courses: Path, tmp_path: Path) -> None:
    alone = tmp_path / "unpacked" / "robots"
    shutil.copytree(courses / ROBOTS, alone)
    code, _, stderr = run("check", str(alone))
    assert code == 0 and "0 errors" in stderr, stderr


def test_check_a_path_outside_any_course(tmp_path: Path) -> None:
    code, _, stderr = run("check", str(tmp_path))
    assert code == 2 and "not inside a course" in stderr
    code, _, stderr = run("check", str(tmp_path / "nowhere.md"))
    assert code == 2 and "no such file or folder" in stderr


# --- status, stamp ---------------------------------------------------------------------------


def test_status_names_missing_course_texts(courses: Path) -> None:
    course_yaml = courses / ROBOTS / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text(encoding="utf-8").replace("  zh: 什么是人工智能，机器如何从例子中学习。\n", ""),
        encoding="utf-8",
    )
    code, stdout, _ = run("i18n", "status", "--courses", str(courses))
    assert code == 0 and "sample-robots zh: missing: what-is-ai, learning-from-examples, robots-around-us; course.yaml lacks: summary" in stdout


def test_stamp_refuses_a_translation_that_fails_parity(courses: Path) -> None:
    fr = courses / EXAMPLES / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace("- [x] De nombreux", "- [ ] De nombreux").replace("- [ ] D'un", "- [x] D'un"), encoding="utf-8")
    before = fr.read_bytes()
    code, _, stderr = run("i18n", "stamp", str(fr))
    assert code == 1 and "not stamped: fix these errors first" in stderr and "fr.md:" in stderr
    assert fr.read_bytes() == before


def test_stamp_refuses_a_stale_translation_nobody_updated(courses: Path, tmp_path: Path) -> None:
    en, fr = courses / EXAMPLES / "en.md", courses / EXAMPLES / "fr.md"
    out = tmp_path / "build" / "catalogue"
    code, _, stderr = run("i18n", "stamp", str(fr))
    assert code == 0, stderr  # no history yet: nothing to compare with
    assert run("build", "--courses", str(courses), "--out", str(out))[0] == 0  # history: fr as stamped
    en.write_text(en.read_text(encoding="utf-8").replace("find patterns", "find patterns in them"), encoding="utf-8")
    code, _, stderr = run("i18n", "stamp", str(fr))
    assert code == 1 and "has not been updated since" in stderr and "ailit i18n diff" in stderr
    fr.write_text(
        fr.read_text(encoding="utf-8").replace("y trouver des régularités", "y trouver des régularités dans ces images"),
        encoding="utf-8",
    )
    code, stdout, _ = run("i18n", "stamp", str(fr))
    assert code == 0 and source_hash(en) in stdout


def test_stamp_force_and_git_history(courses: Path) -> None:
    en, fr = courses / EXAMPLES / "en.md", courses / EXAMPLES / "fr.md"
    assert run("i18n", "stamp", str(fr))[0] == 0
    _git(courses, "init", "-q")
    _git(courses, "add", ".")
    _git(courses, "commit", "-qm", "first")
    en.write_text(en.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    _git(courses, "commit", "-qam", "source grows")
    code, _, stderr = run("i18n", "stamp", str(fr))
    assert code == 1 and "has not been updated since" in stderr
    assert run("i18n", "stamp", "--force", str(fr))[0] == 0


# --- diff ------------------------------------------------------------------------------------


def test_diff_shows_the_words_changed_since_the_translation(courses: Path, tmp_path: Path) -> None:
    en, fr = courses / EXAMPLES / "en.md", courses / EXAMPLES / "fr.md"
    assert run("i18n", "stamp", str(fr))[0] == 0
    out = tmp_path / "build" / "catalogue"
    assert run("build", "--courses", str(courses), "--out", str(out))[0] == 0
    en.write_text(en.read_text(encoding="utf-8").replace("cats and dogs", "cats, dogs and birds"), encoding="utf-8")
    code, stdout, stderr = run("i18n", "diff", str(fr))
    assert code == 0, stderr
    assert "{+birds+}" in stdout and "2 words added, 1 removed" in stdout
    assert "  11: A machine can look at many pictures of cats" in stdout
    assert run("i18n", "stamp", str(fr))[0] == 1  # still not updated


def test_diff_without_history_says_so(courses: Path) -> None:
    fr = courses / EXAMPLES / "fr.md"
    code, _, stderr = run("i18n", "diff", str(fr))
    assert code == 1 and "not in the revision store or in git history" in stderr


def test_word_diff_counts_chinese_characters_as_words() -> None:
    diff = word_diff("机器从例子中学习。", "机器从很多例子中学习。")
    assert diff.words("insert") == 2 and diff.words("delete") == 0


# --- XLIFF -----------------------------------------------------------------------------------


def _fill(document: bytes, translate: dict[str, str] | None = None) -> bytes:
    """What a CAT tool returns: every unit's target filled from a translation memory."""
    store = Xliff2File.parsestring(document)
    for unit in store.units:
        unit.target = (translate or {}).get(unit.getid(), f"[es] {unit.source}")
        unit.marktranslated()
    return bytes(store)


def test_xliff_round_trip_makes_a_fresh_translation(courses: Path, tmp_path: Path) -> None:
    module = courses / EXAMPLES
    xlf = tmp_path / "examples.es.xlf"
    code, stdout, _ = run("i18n", "export", str(module), "--locale", "es", "-o", str(xlf))
    assert code == 0 and "wrote" in stdout
    document = xlf.read_bytes()
    assert b'version="2.1"' in document and b'trgLang="es"' in document
    assert b"[x]" not in document and b"{multiple}" not in document  # structure is not offered
    xlf.write_bytes(_fill(document))
    code, stdout, stderr = run("i18n", "import", str(xlf), "--courses", str(courses))
    assert code == 0, stderr
    es = (module / "es.md").read_text(encoding="utf-8")
    assert "[es] Learning from examples" in es and "- [x] [es] Many examples" in es
    assert f"source_hash: {source_hash(module / 'en.md')}" in es
    code, stdout, _ = run("i18n", "status", "--courses", str(courses), "--json")
    assert '"learning-from-examples": {' in stdout
    assert [d for d in check_file_text(module / "es.md", es.encode()) if d.is_error] == []


def test_xliff_import_refuses_documents_that_do_not_fit(courses: Path, tmp_path: Path) -> None:
    module = courses / EXAMPLES
    document = export_module(module, "es")
    xlf = tmp_path / "x.xlf"

    def refused(data: bytes, message: str) -> None:
        xlf.write_bytes(data)
        code, _, stderr = run("i18n", "import", str(xlf), "--courses", str(courses))
        assert code == 1 and message in stderr, stderr
        assert not (module / "es.md").exists()

    filled = _fill(document)
    refused(filled.replace(b"learning-from-examples@", b"robots-around-us@"), "no module sample-robots/02-robots-around-us")
    refused(filled.replace(b"<source>Many examples</source>", b"<source>Many, many examples</source>"), "differs from the module")
    paragraph = next(u.id for u in segment((module / "en.md").read_text(encoding="utf-8")).units if u.kind == "paragraph")
    refused(_fill(document, {paragraph: "- Una lista"}), "changes the file's structure")
    refused(b"<xliff version='1.2'/>", "not an XLIFF 2 document")
    refused(b"not xml at all", "not an XLIFF 2 document")
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + filled.split(b"?>", 1)[1].replace(b"[es] Many examples", b"&e;")
    refused(entity, "")
    en = module / "en.md"
    en.write_text(en.read_text(encoding="utf-8") + "\nNew line.\n", encoding="utf-8")
    refused(filled, "export again")


def test_every_bundled_source_rebuilds_to_the_same_quiz() -> None:
    """The segmenter keeps each bundled module's structure: a rebuilt file compiles cleanly."""
    sources = sorted(ROOT.glob("courses/*/*/*/en.md"))
    assert sources
    for path in sources:
        segmented = segment(path.read_text(encoding="utf-8-sig"))
        rebuilt = segmented.rebuild({u.id: u.text for u in segmented.units}, source_hash(path))
        errors = [d for d in check_file_text(path.parent / "es.md", rebuilt.encode()) if d.is_error]
        assert errors == [], (path, errors[:3])
