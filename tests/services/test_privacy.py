"""Personal data: export everything, delete everything, and the registry other capabilities use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.models import LoginThrottle, ModuleProgress, QuizAttempt, User, utcnow
from ailit.models.api_token import ApiToken
from ailit.services import api_tokens, privacy, quiz
from ailit.services.errors import ServiceError, ValidationError
from ailit.web.extensions import content
from tests.conftest import PASSWORD


@pytest.fixture
def ada(db_session: Session, make_user) -> User:
    """A learner with a quiz attempt, a progress row, a token and a throttle row."""
    user = make_user("ada")
    user = db_session.get(User, user.id)
    quiz.submit_attempt(
        db_session, user.id, content.catalogue, "sample-robots", "what-is-ai", "en",
        [[1], [0, 2], 8, "data"], "key-1",
    )
    api_tokens.issue_token(db_session, user)
    db_session.add(LoginThrottle(username="ada", address="192.0.2.1", failures=1, window_start=utcnow()))
    db_session.commit()
    return user


def _count(session: Session, column: Any) -> int:
    return session.scalar(select(func.count(column))) or 0


@pytest.fixture
def extra_section() -> Iterator[list[str]]:
    """A section another capability would register; removed afterwards."""
    calls: list[str] = []

    def export(session: Session, user: User) -> list[dict[str, str]]:
        calls.append("export")
        return [{"name": f"badge of {user.username}"}]

    def erase(session: Session, user: User) -> None:
        calls.append("erase")

    privacy.register("badges", exporter=export, eraser=erase)
    yield calls
    del privacy._SECTIONS["badges"]


def test_export_has_profile_progress_attempts_and_tokens(db_session: Session, ada: User) -> None:
    data = privacy.export_user_data(db_session, ada)
    assert data["format"] == "ailit-personal-data/1"
    assert data["profile"]["username"] == "ada"
    assert [(r["module_id"], r["status"]) for r in data["progress"]] == [("what-is-ai", "completed")]
    assert data["quiz_attempts"][0]["answers"] == [[1], [0, 2], 8.0, "data"]
    assert len(data["api_tokens"]) == 1 and "token_hash" not in data["api_tokens"][0]
    assert "password_hash" not in str(data)


def test_registered_sections_are_exported_and_erased(
    db_session: Session, ada: User, extra_section: list[str]
) -> None:
    assert privacy.export_user_data(db_session, ada)["badges"] == [{"name": "badge of ada"}]
    privacy.delete_account(db_session, ada, PASSWORD)
    assert extra_section == ["export", "erase"]


def test_reserved_names_cannot_be_registered() -> None:
    with pytest.raises(ValueError, match="reserved"):
        privacy.register("profile", exporter=lambda s, u: None)


def test_delete_removes_the_account_and_all_its_rows(db_session: Session, ada: User) -> None:
    privacy.delete_account(db_session, ada, PASSWORD)
    for column in (User.id, ModuleProgress.id, QuizAttempt.id, ApiToken.id, LoginThrottle.username):
        assert _count(db_session, column) == 0, column


def test_a_wrong_password_deletes_nothing(db_session: Session, ada: User) -> None:
    with pytest.raises(ValidationError) as raised:
        privacy.delete_account(db_session, ada, "not my password")
    assert raised.value.field == "password"
    assert _count(db_session, User.id) == 1
    assert _count(db_session, QuizAttempt.id) == 1


def test_an_eraser_that_refuses_leaves_everything_in_place(db_session: Session, ada: User) -> None:
    def refuse(session: Session, user: User) -> None:
        raise ServiceError("a school's last admin must hand over first")

    # Registered last: the core erasers have already deleted rows when this one refuses.
    privacy.register("schools-test", exporter=lambda s, u: [], eraser=refuse)
    try:
        with pytest.raises(ServiceError):
            privacy.delete_account(db_session, ada, PASSWORD)
    finally:
        del privacy._SECTIONS["schools-test"]
    assert _count(db_session, User.id) == 1
    assert _count(db_session, ModuleProgress.id) == 1
    assert _count(db_session, QuizAttempt.id) == 1
    assert _count(db_session, ApiToken.id) == 1
