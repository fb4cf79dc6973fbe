"""Quizzes: the public form of an attempt (never the answer key) and grading a submission."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue
from ailit.content.questions import QUESTION_TYPES, AnswerError, grade
from ailit.models import ProgressStatus, QuizAttempt, utcnow
from ailit.models.database import begin_write
from ailit.models.quiz_attempt import IDEMPOTENCY_KEY_MAX
from ailit.services import completion
from ailit.services.errors import MalformedAnswer, NoAttemptsLeft, RetryLater, ValidationError
from ailit.services.progress import ensure_progress, get_progress, new_attempt_key, new_seed
from ailit.services.quiz_draw import module_quiz, present
from ailit.services.quiz_results import (
    AttemptResult,
    attempt_result,
    attempts_used,
    by_idempotency_key,
    last_attempt_at,
    retry_time,
)

__all__ = [
    "AttemptRef",
    "AttemptResult",
    "QuizForm",
    "attempt_result",
    "quiz_form",
    "recorded_attempt",
    "submit_attempt",
]


@dataclass(frozen=True)
class QuizForm:
    """What a learner may see before grading: the drawn questions' public shapes, in order."""

    locale: str
    questions: list[dict[str, Any]]  # each type's present(): never the answer key
    pass_mark: float
    max_attempts: int | None
    attempts_used: int
    retry_at: datetime | None  # the next attempt is possible from then (None: now)
    feedback: str
    token: str  # one-time attempt token: the idempotency key of the form's submission

    @property
    def attempts_left(self) -> int | None:
        """None when unlimited."""
        if self.max_attempts is None:
            return None
        return max(0, self.max_attempts - self.attempts_used)


def new_attempt_token() -> str:
    """A random one-time token for a quiz form (its idempotency key)."""
    return secrets.token_urlsafe(24)


def quiz_form(
    session: Session,
    user_id: int | None,
    catalogue: Catalogue,
    course_id: str,
    module_id: str,
    locale: str,
    *,
    attempt_key: str | None = None,
) -> QuizForm:
    """The learner's next attempt as shown; signed-out visitors get a throwaway one.

    ``attempt_key``: the learner's key when the caller has just read their progress row (for a
    signed-out preview, the key that draws the questions).
    """
    text, quiz = module_quiz(catalogue, course_id, module_id, locale)
    key, used, retry_at = attempt_key or secrets.token_hex(16), 0, None
    if user_id is not None:
        if attempt_key is None:
            row = get_progress(session, user_id, course_id, module_id)
            attempt_key = row.attempt_key if row is not None else None
        key = attempt_key or key
        used = attempts_used(session, user_id, course_id, module_id)
        retry_at = retry_time(quiz.settings, last_attempt_at(session, user_id, course_id, module_id))
    shown = present(quiz, key)
    return QuizForm(
        locale=text.locale,
        questions=shown.public,
        pass_mark=quiz.pass_mark,
        max_attempts=quiz.max_attempts,
        attempts_used=used,
        retry_at=retry_at,
        feedback=quiz.settings.feedback,
        token=new_attempt_token(),
    )


def recorded_attempt(session: Session, user_id: int, idempotency_key: str) -> AttemptRef | None:
    """The learner's attempt already recorded under this form token, if any.

    A form sent twice is answered with the first result even when the second copy can no
    longer be read (the next attempt has new item ids).
    """
    if not 1 <= len(idempotency_key) <= IDEMPOTENCY_KEY_MAX or "\x00" in idempotency_key:
        return None  # not a token this site made; submit_attempt says what is wrong with it
    found = by_idempotency_key(session, user_id, idempotency_key)
    return AttemptRef(found.id, found.course_id, found.module_id) if found is not None else None


@dataclass(frozen=True)
class AttemptRef:
    """Where a recorded attempt is: its id, course and module."""

    attempt_id: int
    course_id: str
    module_id: str


def submit_attempt(
    session: Session,
    user_id: int,
    catalogue: Catalogue,
    course_id: str,
    module_id: str,
    locale: str,
    answers: list[Any],
    idempotency_key: str,
) -> AttemptResult:
    """Grade and record one attempt with its progress update, in one transaction.

    ``answers`` holds one JSON-shaped answer per drawn question, in the order shown. The
    same ``idempotency_key`` again returns the first attempt's result without recording
    another. Raises NotFound, NoQuiz, NoAttemptsLeft, RetryLater, MalformedAnswer or
    ValidationError.
    """
    if not 1 <= len(idempotency_key) <= IDEMPOTENCY_KEY_MAX:
        raise ValidationError(
            "idempotency_key",
            "idempotency_key_length",
            f"the attempt token must have 1 to {IDEMPOTENCY_KEY_MAX} characters",
        )
    text, quiz = module_quiz(catalogue, course_id, module_id, locale)
    course = catalogue.course(course_id)
    info = course.module(module_id) if course else None
    assert info is not None
    # Attempts are counted under a lock so that max_attempts holds for concurrent requests:
    # SQLite's write lock taken up front, and the progress row locked on PostgreSQL.
    begin_write(session)
    earlier = by_idempotency_key(session, user_id, idempotency_key)
    if earlier is not None:
        session.rollback()
        return attempt_result(session, user_id, catalogue, earlier.id, created=False)
    row = ensure_progress(session, user_id, course_id, module_id, info.version, lock=True)
    used = attempts_used(session, user_id, course_id, module_id)
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        session.rollback()
        raise NoAttemptsLeft(f"all {quiz.max_attempts} attempts have been used")
    now = utcnow()
    retry_at = retry_time(quiz.settings, last_attempt_at(session, user_id, course_id, module_id), now)
    if retry_at is not None:
        session.rollback()
        raise RetryLater(retry_at, max(1, int((retry_at - now) / timedelta(seconds=1))))
    shown = present(quiz, row.attempt_key or new_attempt_key())
    if not isinstance(answers, list) or len(answers) != len(shown.questions):
        session.rollback()
        raise MalformedAnswer(
            0,
            "expected %(count)d answers, one per question, got %(got)d",
            count=len(shown.questions),
            got=len(answers) if isinstance(answers, list) else 0,
        )
    coerced = []
    for number, (question, presenter, raw) in enumerate(
        zip(shown.questions, shown.presenters, answers), start=1
    ):
        try:
            coerced.append(QUESTION_TYPES[question.type].coerce(question, raw, presenter))
        except AnswerError as exc:
            session.rollback()
            raise MalformedAnswer(number, exc.message, **exc.params) from None
    graded = grade(shown.questions, coerced, quiz.pass_mark)
    attempt = QuizAttempt(
        user_id=user_id,
        course_id=course_id,
        module_id=module_id,
        version=info.version,
        locale=text.locale,
        answers=coerced,
        results=list(graded.scores),
        score=graded.score,
        passed=graded.passed,
        shuffle_seed=row.quiz_seed,
        option_order=[[o["position"] for o in q.get("options", [])] for q in shown.public],
        questions=[q.to_dict() for q in shown.questions],
        drawn=shown.indices,
        idempotency_key=idempotency_key,
        created_at=now,
    )
    session.add(attempt)
    row.last_seen_at = now
    row.quiz_seed, row.attempt_key = new_seed(), new_attempt_key()  # the next attempt differs
    row.best_score = max(row.best_score or 0.0, graded.score)
    if graded.passed and completion.settle(session, row, info, now, quiz_passed=True):
        pass
    elif row.status == ProgressStatus.NOT_STARTED:
        row.status = ProgressStatus.IN_PROGRESS
    try:
        session.commit()
    except IntegrityError:  # the same form was submitted twice at the same moment
        session.rollback()
        earlier = by_idempotency_key(session, user_id, idempotency_key)
        if earlier is None:
            raise
        return attempt_result(session, user_id, catalogue, earlier.id, created=False)
    return attempt_result(session, user_id, catalogue, attempt.id)
