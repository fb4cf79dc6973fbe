"""The content commands through click: exit codes, output, stamping and scaffolding."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from ailit.content.catalogue import load_catalogue
from ailit.content.hashing import source_hash
from ailit.content.starter import STARTERS
from ailit.locales import LOCALES

from .cases import copy_sample_courses, run_cli

ROBOTS = Path("primary/sample-robots")


@pytest.fixture()
def courses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_sample_courses(tmp_path, monkeypatch)  # build/ and the revision store land there


run = run_cli


def test_build_then_up_to_date(courses: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run("build", "--courses", str(courses), "--out", str(out))
    assert code == 0 and "7 rendered, 0 reused" in stdout
    code, stdout, _ = run("build", "--courses", str(courses), "--out", str(out))
    assert code == 0 and "up to date: 0 rendered, 7 reused" in stdout


def test_build_uses_environment_defaults(courses: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AILIT_COURSES_DIR", str(courses))
    monkeypatch.setenv("AILIT_CATALOGUE_DIR", str(tmp_path / "env-out"))
    assert run("build")[0] == 0
    assert (tmp_path / "env-out" / "catalogue.json").is_file()


def test_build_failure_exit_code(courses: Path, tmp_path: Path) -> None:
    (courses / ROBOTS / "course.yaml").write_text("id: sample-robots\npass_mark: 2\n")
    code, _, stderr = run("build", "--courses", str(courses), "--out", str(tmp_path / "out"))
    assert code == 1 and "error: pass_mark: must be between 0 and 1, got 2" in stderr
    assert "build failed" in stderr and "Traceback" not in stderr


def test_check_and_strict(courses: Path) -> None:
    code, _, stderr = run("check", "--courses", str(courses))
    assert code == 0 and "0 errors" in stderr
    assert "fr.md:1: warning: stale" in stderr
    code, _, stderr = run("check", "--courses", str(courses), "--strict")
    assert code == 1 and "fr.md:1: error: stale" in stderr


def test_check_reports_sorted_lines(courses: Path) -> None:
    (courses / ROBOTS / "02-learning-from-examples" / "en.md").write_text("no front matter\n")
    (courses / ROBOTS / "01-what-is-ai" / "en.md").write_bytes(b"\xff\xfe")
    code, _, stderr = run("check", "--courses", str(courses))
    lines = [line for line in stderr.splitlines() if ": error: " in line]
    assert code == 1 and lines == sorted(lines) and len(lines) == 2


def test_i18n_status(courses: Path) -> None:
    code, stdout, _ = run("i18n", "status", "--courses", str(courses))
    assert code == 0
    robots = next(line for line in stdout.splitlines() if line.startswith("sample-robots"))
    assert robots.split() == ["sample-robots", "1/3", "source", "missing", "0/3", "missing", "missing"]
    # Below the matrix, every locale that needs work names its modules.
    assert "  sample-robots fr: stale: learning-from-examples; missing: what-is-ai, robots-around-us" in stdout
    assert "  sample-robots ar: missing: learning-from-examples, robots-around-us" in stdout
    code, stdout, _ = run("i18n", "status", "--courses", str(courses), "--json")
    data = {c["course"]: c for c in json.loads(stdout)}
    assert data["sample-teaching"]["locales"]["en"] == {"source": 0, "complete": 2, "stale": 0, "missing": 0}
    assert data["sample-robots"]["modules"]["learning-from-examples"]["fr"] == "stale"


def test_i18n_stamp_changes_only_the_hash_line(courses: Path) -> None:
    module = courses / ROBOTS / "02-learning-from-examples"
    before = (module / "fr.md").read_bytes()
    code, stdout, _ = run("i18n", "stamp", str(module / "fr.md"))
    assert code == 0 and source_hash(module / "en.md") in stdout
    after = (module / "fr.md").read_bytes()
    assert after == before.replace(b"5ca1ab1e0000", source_hash(module / "en.md").encode())
    status = json.loads(run("i18n", "status", "--courses", str(courses), "--json")[1])
    assert status[0]["modules"]["learning-from-examples"]["fr"] == "complete"


def test_i18n_stamp_adds_a_missing_line_and_keeps_crlf(courses: Path) -> None:
    module = courses / ROBOTS / "03-robots-around-us"
    head = "---\r\ntitle: Robots\r\nminutes: 10\r\nobjectives:\r\n  - Nombrar tres máquinas.\r\n"
    (module / "es.md").write_bytes(f"{head}---\r\n\r\nTexto.\r\n".encode())
    assert run("i18n", "stamp", str(module / "es.md"))[0] == 0
    expected = f"{head}source_hash: {source_hash(module / 'en.md')}\r\n---\r\n\r\nTexto.\r\n"
    assert (module / "es.md").read_bytes() == expected.encode()


def test_i18n_stamp_refuses_the_source_and_other_files(courses: Path, tmp_path: Path) -> None:
    code, _, stderr = run("i18n", "stamp", str(courses / ROBOTS / "01-what-is-ai" / "en.md"))
    assert code == 1 and "this is the source (en) file" in stderr
    (tmp_path / "notes.txt").write_text("x")
    assert run("i18n", "stamp", str(tmp_path / "notes.txt"))[0] == 1


@pytest.mark.parametrize("locale", LOCALES)
def test_new_course_builds_and_checks(tmp_path: Path, locale: str) -> None:
    courses = tmp_path / "courses"
    args = ("--stage", "primary", "--id", "my-course", "--courses", str(courses))
    code, stdout, _ = run("new", "course", *args, "--locale", locale)
    assert code == 0 and "created" in stdout
    code, _, stderr = run("check", "--courses", str(courses))
    assert code == 0 and ": error:" not in stderr, stderr
    # The only warning allowed is about length (a starter lesson is short), even for the
    # youngest learners' reading level.
    warnings = [line for line in stderr.splitlines() if ": warning:" in line]
    assert len(warnings) == 1 and ": warning: lesson text is " in warnings[0], stderr
    code, _, stderr = run("build", "--courses", str(courses), "--out", str(tmp_path / "out"))
    assert code == 0, stderr
    catalogue = load_catalogue(tmp_path / "out")
    module_id = STARTERS[locale].module_id
    course, found = catalogue.course("my-course"), catalogue.module_text("my-course", module_id, locale)
    assert course is not None and found is not None and found[0].quiz is not None
    text = found[0]
    assert course.source_locale == locale
    assert course.title[locale] == STARTERS[locale].course_title.format(name="my course")
    assert text.title == STARTERS[locale].module_title and text.locale == locale
    assert [q.type for q in text.quiz.questions] == ["single", "multiple", "number", "text"]
    assert all(q.explanation_html for q in text.quiz.questions)
    assert (courses / "primary" / "my-course" / f"01-{module_id}" / f"{locale}.md").is_file()
    assert run("new", "course", *args)[0] == 1
    code, _, stderr = run("new", "course", "--stage", "primry", "--id", "x", "--courses", str(courses))
    assert code == 1 and "did you mean 'primary'" in stderr


def test_starter_text_is_translated() -> None:
    # Each locale's text is its own: no field left in English outside the English starter.
    english = STARTERS["en"]
    for locale in LOCALES:
        assert locale in STARTERS
        if locale != "en":
            for field in fields(english):
                assert getattr(STARTERS[locale], field.name) != getattr(english, field.name), (locale, field.name)


def test_content_package_imports_no_web_or_database_code() -> None:
    code = (
        "import sys, ailit.content.build, ailit.content.check, ailit.content.catalogue;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'werkzeug')"
        " or m.startswith(('ailit.web', 'ailit.models', 'ailit.services'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_course_keeps_the_title_as_typed(tmp_path: Path) -> None:
    courses = tmp_path / "courses"
    code, stdout, _ = run(
        "new", "course", "--stage", "teacher-pd", "--id", "ia-para-docentes", "--locale", "es",
        "--title", "IA para docentes: primeros pasos", "--courses", str(courses),
    )
    assert code == 0 and "01-primeros-pasos/es.md" in stdout
    text = (courses / "teacher-pd" / "ia-para-docentes" / "course.yaml").read_text(encoding="utf-8")
    assert "es: \"IA para docentes: primeros pasos\"" in text
    code, _, stderr = run("check", "--courses", str(courses))
    assert code == 0 and ": error:" not in stderr, stderr
