"""Upload checks by content, stored names, and the command line's reviewer and mentor accounts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.cli import main
from ailit.models import School, SchoolMembership, User
from ailit.models.database import make_engine
from ailit.services.uploads import (
    IncomingFile,
    UploadRejected,
    UploadTooLarge,
    check_files,
    clean_name,
    store,
    stored_path,
)

from .conftest import JPEG, PDF, PNG


@pytest.mark.parametrize(
    ("data", "media_type"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")]
)
def test_the_type_comes_from_the_content(data: bytes, media_type: str) -> None:
    (checked,) = check_files([IncomingFile("whatever.exe", data)])
    assert checked.media_type == media_type and checked.name == f"whatever.{checked.extension}"


@pytest.mark.parametrize(
    "data", [b"x", b"GIF89a....", b"<html><script>", b"PK\x03\x04 a zip", b" %PDF-1.4 after a space"]
)
def test_other_content_is_refused_whatever_its_name(data: bytes) -> None:
    with pytest.raises(UploadRejected):
        check_files([IncomingFile("plan.pdf", data)])


def test_limits() -> None:
    with pytest.raises(UploadRejected):
        check_files([IncomingFile(f"{n}.png", PNG) for n in range(4)])
    with pytest.raises(UploadTooLarge):
        check_files([IncomingFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))])
    assert check_files([IncomingFile("", b"")]) == []  # an empty file input is no file


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../etc/passwd", "passwd.pdf"), ("C:\\Users\\me\\plan.PDF", "plan.pdf"), ("\u202egnp.exe", "gnp.pdf"),
     ("", "file.pdf"), ("a" * 300 + ".pdf", "a" * 196 + ".pdf"), ("план урока.pdf", "план урока.pdf")],
)
def test_names_are_cleaned(name: str, expected: str) -> None:
    assert clean_name(name, "pdf") == expected


def test_stored_files_stay_in_the_learners_folder(tmp_path: Path) -> None:
    (checked,) = check_files([IncomingFile("plan.png", PNG)])
    name = store(tmp_path, 7, checked)
    assert stored_path(tmp_path, 7, name) == (tmp_path / "uploads" / "tasks" / "7" / name).resolve()
    assert stored_path(tmp_path, 8, name) is None  # another learner's folder
    assert stored_path(tmp_path, 7, "../8/" + name) is None


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AILIT_DATABASE_URL", database_url)
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path / "data"))
    return database_url


def test_reviewer_and_mentor_accounts_from_the_command_line(cli_env: str) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["users", "create", "rita", "--role", "reviewer", "--password", "a good password"])
    assert made.exit_code == 0 and "created rita (reviewer)" in made.output, made.output
    engine = make_engine(cli_env)
    with Session(engine) as session:
        school = School(name="Mentor School")
        session.add(school)
        session.commit()
        school_id = school.id
    mentor = runner.invoke(main, ["users", "create", "mona", "--role", "teacher", "--school", str(school_id),
                                  "--mentor", "--password", "a good password"])
    assert mentor.exit_code == 0, mentor.output
    alone = runner.invoke(main, ["users", "create", "max", "--role", "teacher", "--mentor", "--password", "a good password"])
    assert alone.exit_code != 0 and "--mentor needs --school" in alone.output
    try:
        with engine.connect() as conn:
            mona = conn.execute(select(User.id).where(User.username == "mona")).scalar_one()
            assert conn.execute(select(SchoolMembership.mentor).where(SchoolMembership.user_id == mona)).scalar_one()
    finally:
        engine.dispose()
