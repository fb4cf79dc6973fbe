"""Building the catalogue: records, incremental rebuilds, atomic swaps, failed builds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue, manifest_stamp
from ailit.content.hashing import source_hash
from ailit.content.questions import QUESTION_TYPES, Presenter, grade

from .cases import SAMPLE_COURSES

ROBOTS = Path("primary/sample-robots")
TEACHING = Path("teacher-pd/sample-teaching")


@pytest.fixture()
def courses(tmp_path: Path) -> Path:
    """A writable copy of the sample courses."""
    target = tmp_path / "courses"
    shutil.copytree(SAMPLE_COURSES, target)
    return target


@pytest.fixture()
def built(courses: Path, tmp_path: Path) -> Path:
    out = tmp_path / "catalogue"
    report = build_catalogue(courses, out)
    assert report.ok, [str(d) for d in report.diagnostics]
    return out


def test_sample_catalogue(courses: Path, built: Path) -> None:
    catalogue = load_catalogue(built)
    robots = catalogue.courses["sample-robots"]
    assert (robots.stage, robots.source_locale, robots.pass_mark, robots.hours) == ("primary", "en", 0.7, 2)
    assert robots.certificate and robots.competencies == ("S3.U", "BI3")
    assert set(robots.title) == {"ar", "en", "es", "fr", "ru", "zh"}
    first, second, third = robots.modules
    assert first.locales == {"ar": "complete", "en": "source"}
    assert first.version == source_hash(courses / ROBOTS / "01-what-is-ai" / "en.md")
    assert second.locales == {"en": "source", "fr": "stale"}
    assert (third.has_quiz, third.locales) == (False, {"en": "source"})
    text, fallback = catalogue.module_text("sample-robots", "learning-from-examples", "fr")
    assert fallback and text.locale == "en"
    arabic, fallback = catalogue.module_text("sample-robots", "what-is-ai", "ar")
    assert not fallback and arabic.status == "complete" and "/media/sample-robots/what-is-ai/robot.svg" in arabic.html
    assert catalogue.media_path("sample-robots", "what-is-ai", "robot.svg") is not None


def test_quiz_records_grade_the_answers_written_in_markdown(built: Path) -> None:
    catalogue = load_catalogue(built)
    text, _ = catalogue.module_text("sample-robots", "what-is-ai", "en")
    quiz = text.quiz
    assert quiz is not None and (quiz.max_attempts, quiz.shuffle, quiz.pass_mark) == (3, True, 0.7)
    assert [q.type for q in quiz.questions] == ["single", "multiple", "number", "text"]
    presenter = Presenter("key", 0, quiz.shuffle)
    shown = [QUESTION_TYPES[q.type].present(q, presenter) for q in quiz.questions]
    assert all("correct" not in q and "accepted" not in q for q in shown)
    result = grade(quiz.questions, [[1], [0, 2], 8.4, "Training  DATA"], quiz.pass_mark)
    assert result.passed and result.score == 1.0
    assert quiz.questions[0].explanation_html.startswith("<p>A spam filter")
    assert not grade(quiz.questions, [[0], [0], 9, "rules"], quiz.pass_mark).passed
    assert "quiz" not in text.html and "[x]" not in text.html


def test_french_source_course(built: Path) -> None:
    catalogue = load_catalogue(built)
    course = catalogue.courses["sample-teaching"]
    assert course.source_locale == "fr" and course.pass_mark == 0.8
    assert [m.locales for m in course.modules] == [{"en": "complete", "fr": "source"}] * 2
    english, fallback = catalogue.module_text("sample-teaching", "assessing-with-ai", "en")
    assert not fallback and english.quiz is not None and english.quiz.pass_mark == 0.8
    assert [q.accepted for q in english.quiz.questions][1:] == [("bias", "a bias"), ("15",)]


def test_noop_rebuild_rewrites_nothing(courses: Path, built: Path) -> None:
    before = manifest_stamp(built)
    files = {p: p.stat().st_mtime_ns for p in built.rglob("*")}
    report = build_catalogue(courses, built)
    assert report.ok and not report.changed
    assert (report.rendered, report.reused) == (0, 7)
    assert manifest_stamp(built) == before
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*")} == files


def test_changed_file_is_the_only_one_rendered(courses: Path, built: Path) -> None:
    before = manifest_stamp(built)
    old_version = load_catalogue(built).version
    lesson = courses / ROBOTS / "03-robots-around-us" / "en.md"
    lesson.write_text(lesson.read_text() + "\nOne more line.\n")
    report = build_catalogue(courses, built)
    assert report.ok and report.changed and (report.rendered, report.reused) == (1, 6)
    assert manifest_stamp(built) != before
    catalogue = load_catalogue(built)
    assert catalogue.version != old_version
    assert "One more line." in catalogue.module_text("sample-robots", "robots-around-us", "en")[0].html
    assert not [p for p in built.parent.iterdir() if p.name.startswith(".catalogue")]


def test_source_change_makes_translation_stale(courses: Path, built: Path) -> None:
    source = courses / ROBOTS / "01-what-is-ai" / "en.md"
    source.write_text(source.read_text().replace("fixed rules", "fixed, simple rules"))
    report = build_catalogue(courses, built)
    assert report.ok
    assert any("ar.md" in d.path and "stale" in d.message for d in report.diagnostics)
    module = load_catalogue(built).courses["sample-robots"].modules[0]
    assert module.locales["ar"] == "stale" and module.version == source_hash(source)


def test_failed_build_keeps_the_last_good_catalogue(courses: Path, built: Path) -> None:
    manifest = (built / "catalogue.json").read_bytes()
    before = manifest_stamp(built)
    (courses / ROBOTS / "03-robots-around-us" / "en.md").write_text("---\ntitle: [broken\n---\n")
    report = build_catalogue(courses, built)
    assert not report.ok and not report.changed
    assert any(d.is_error for d in report.diagnostics)
    assert (built / "catalogue.json").read_bytes() == manifest and manifest_stamp(built) == before
    assert load_catalogue(built).courses["sample-robots"]
    assert sorted(p.name for p in built.parent.iterdir()) == ["catalogue", "courses"]


def test_first_failed_build_writes_nothing(tmp_path: Path, courses: Path) -> None:
    (courses / TEACHING / "course.yaml").write_text("id: [\n")
    report = build_catalogue(courses, tmp_path / "out")
    assert not report.ok and not (tmp_path / "out").exists()


def test_deleted_module_and_new_catalogue_inode(courses: Path, built: Path) -> None:
    inode = os.stat(built / "catalogue.json").st_ino
    shutil.rmtree(courses / ROBOTS / "03-robots-around-us")
    report = build_catalogue(courses, built)
    assert report.ok and report.changed
    assert os.stat(built / "catalogue.json").st_ino != inode
    assert [m.id for m in load_catalogue(built).courses["sample-robots"].modules] == [
        "what-is-ai",
        "learning-from-examples",
    ]
    assert not (built / "modules" / "sample-robots" / "robots-around-us.en.json").exists()


def test_media_change_rebuilds_the_module(courses: Path, built: Path) -> None:
    picture = courses / ROBOTS / "01-what-is-ai" / "media" / "robot.svg"
    picture.write_text(picture.read_text().replace("#4a90d9", "#d94a4a"))
    report = build_catalogue(courses, built)
    assert report.ok and report.rendered == 1
    assert "#d94a4a" in (built / "media" / "sample-robots" / "what-is-ai" / "robot.svg").read_text()


def test_corrupt_cache_means_full_rebuild(courses: Path, built: Path) -> None:
    (built / ".build-cache.json").write_text("{not json")
    report = build_catalogue(courses, built)
    assert report.ok and (report.rendered, report.reused) == (7, 0)


def test_refuses_to_replace_a_folder_that_is_not_a_catalogue(courses: Path, tmp_path: Path) -> None:
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.md").write_text("keep me")
    report = build_catalogue(courses, precious)
    assert not report.ok and "is not a catalogue" in report.diagnostics[-1].message
    assert (precious / "notes.md").read_text() == "keep me"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_catalogue(courses, empty).ok


def test_absolute_courses_path_inside_the_current_folder_is_shown_relative(
    courses: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    report = build_catalogue(courses.resolve(), tmp_path / "out")
    assert report.diagnostics and all(d.path.startswith("courses/") for d in report.diagnostics)


def test_task_and_certificate_kind_are_compiled(built: Path) -> None:
    catalogue = load_catalogue(built)
    course = catalogue.courses["sample-assessed"]
    assert course.certificate == "assessed" and course.gives_certificate
    assert [m.has_task for m in course.modules] == [True, False]
    text, _ = catalogue.module_text("sample-assessed", "plan-a-lesson", "en")
    assert text.task is not None and text.task.title == "Plan a lesson that uses AI"
    assert [c.points for c in text.task.criteria] == [2, 1, 2] and text.task.pass_mark == 0.6
    assert "rubric" not in text.html and "{2}" not in text.html
    # v1's `certificate: true` reads as a completion certificate.
    assert catalogue.courses["sample-teaching"].certificate == "completion"
