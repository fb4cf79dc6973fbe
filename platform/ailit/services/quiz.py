"""Quizzes: the public form (never the answer key), grading an attempt, showing its result."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue, ModuleText, Quiz
from ailit.content.questions import QUESTION_TYPES, AnswerError, Question, grade
from ailit.models import ProgressStatus, QuizAttempt, utcnow
from ailit.models.database import begin_write
from ailit.models.quiz_attempt import IDEMPOTENCY_KEY_MAX
from ailit.services.errors import MalformedAnswer, NoAttemptsLeft, NoQuiz, NotFound, ValidationError
from ailit.services.progress import ensure_progress, get_progress, new_seed


@dataclass(frozen=True)
class QuizForm:
    """What a learner may see before grading: public questions, options in the order shown."""

    locale: str
    questions: list[dict[str, Any]]  # Question.public(), options possibly shuffled
    pass_mark: float
    max_attempts: int | None
    attempts_used: int
    token: str  # one-time attempt token: the idempotency key of the form's submission

    @property
    def attempts_left(self) -> int | None:
        """None when unlimited."""
        if self.max_attempts is None:
            return None
        return max(0, self.max_attempts - self.attempts_used)


@dataclass(frozen=True)
class QuestionResult:
    """One graded question, as shown after grading."""

    number: int
    prompt_html: str
    correct: bool
    explanation_html: str


@dataclass(frozen=True)
class AttemptResult:
    """A graded attempt; ``created`` is False when an earlier submission was returned."""

    attempt_id: int
    course_id: str
    module_id: str
    locale: str
    score: float
    passed: bool
    pass_mark: float
    questions: list[QuestionResult]
    attempts_left: int | None
    created: bool = True


def new_attempt_token() -> str:
    """A random one-time token for a quiz form (its idempotency key)."""
    return secrets.token_urlsafe(24)


def shuffled_order(quiz: Quiz, seed: int) -> list[list[int]]:
    """Option positions per question in the order shown; the same seed gives the same order."""
    order = []
    for index, question in enumerate(quiz.questions):
        positions = [o.position for o in question.options]
        if quiz.shuffle and positions:
            random.Random(f"{seed}:{index}").shuffle(positions)  # nosec B311  # display order, no secret
        order.append(positions)
    return order


def question_types(catalogue: Catalogue, course_id: str, module_id: str, locale: str) -> list[str]:
    """The type of each question of a module's quiz, in order (to parse a form)."""
    text = _text(catalogue, course_id, module_id, locale)
    return [q.type for q in _quiz(text).questions]


def quiz_form(
    session: Session,
    user_id: int | None,
    catalogue: Catalogue,
    course_id: str,
    module_id: str,
    locale: str,
    *,
    seed: int | None = None,
) -> QuizForm:
    """The quiz as a learner sees it; signed-out visitors see the source order.

    ``seed``: the learner's shuffle seed when the caller has just read their progress row.
    """
    text = _text(catalogue, course_id, module_id, locale)
    quiz = _quiz(text)
    used = 0
    if user_id is not None:
        if seed is None:
            row = get_progress(session, user_id, course_id, module_id)
            seed = row.quiz_seed if row else 0
        used = _attempts_used(session, user_id, course_id, module_id)
    seed = seed or 0
    order = shuffled_order(quiz, seed)
    return QuizForm(
        locale=text.locale,
        questions=[_public(q, positions) for q, positions in zip(quiz.questions, order)],
        pass_mark=quiz.pass_mark,
        max_attempts=quiz.max_attempts,
        attempts_used=used,
        token=new_attempt_token(),
    )


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

    The same ``idempotency_key`` again returns the first attempt's result without recording
    another. Raises NotFound, NoQuiz, NoAttemptsLeft, MalformedAnswer or ValidationError.
    """
    if not 1 <= len(idempotency_key) <= IDEMPOTENCY_KEY_MAX:
        raise ValidationError(
            "idempotency_key",
            "idempotency_key_length",
            f"the attempt token must have 1 to {IDEMPOTENCY_KEY_MAX} characters",
        )
    course = catalogue.course(course_id)
    info = course.module(module_id) if course else None
    text = _text(catalogue, course_id, module_id, locale)
    quiz = _quiz(text)
    assert info is not None
    # Attempts are counted under a lock so that max_attempts holds for concurrent requests:
    # SQLite's write lock taken up front, and the progress row locked on PostgreSQL.
    begin_write(session)
    earlier = _by_key(session, user_id, idempotency_key)
    if earlier is not None:
        session.rollback()
        return attempt_result(session, user_id, catalogue, earlier.id, created=False)
    row = ensure_progress(session, user_id, course_id, module_id, info.version, lock=True)
    used = _attempts_used(session, user_id, course_id, module_id)
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        session.rollback()
        raise NoAttemptsLeft(f"all {quiz.max_attempts} attempts have been used")
    if not isinstance(answers, list) or len(answers) != len(quiz.questions):
        session.rollback()
        raise MalformedAnswer(0, f"expected {len(quiz.questions)} answers, one per question")
    coerced = _coerce(quiz.questions, answers, session)
    graded = grade(quiz.questions, coerced, quiz.pass_mark)
    now = utcnow()
    attempt = QuizAttempt(
        user_id=user_id,
        course_id=course_id,
        module_id=module_id,
        version=info.version,
        locale=text.locale,
        answers=coerced,
        results=[q.correct for q in graded.questions],
        score=graded.score,
        passed=graded.passed,
        shuffle_seed=row.quiz_seed,
        option_order=shuffled_order(quiz, row.quiz_seed),
        idempotency_key=idempotency_key,
        created_at=now,
    )
    session.add(attempt)
    row.last_seen_at = now
    row.quiz_seed = new_seed()  # the next attempt shows a new order
    row.best_score = max(row.best_score or 0.0, graded.score)
    if graded.passed and row.status != ProgressStatus.COMPLETED:
        row.status, row.completed_at, row.version = ProgressStatus.COMPLETED, now, info.version
    elif row.status == ProgressStatus.NOT_STARTED:
        row.status = ProgressStatus.IN_PROGRESS
    try:
        session.commit()
    except IntegrityError:  # the same form was submitted twice at the same moment
        session.rollback()
        earlier = _by_key(session, user_id, idempotency_key)
        if earlier is None:
            raise
        return attempt_result(session, user_id, catalogue, earlier.id, created=False)
    return attempt_result(session, user_id, catalogue, attempt.id)


def attempt_result(
    session: Session, user_id: int, catalogue: Catalogue, attempt_id: int, *, created: bool = True
) -> AttemptResult:
    """One of the learner's own attempts, with explanations; raises NotFound otherwise."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise NotFound(f"no attempt {attempt_id}")
    text = _text(catalogue, attempt.course_id, attempt.module_id, attempt.locale)
    quiz = _quiz(text)
    questions = [
        QuestionResult(
            number=number,
            prompt_html=question.prompt_html,
            correct=bool(correct),
            explanation_html=question.explanation_html,
        )
        for number, (question, correct) in enumerate(
            zip(quiz.questions, attempt.results), start=1
        )
    ]
    used = _attempts_used(session, user_id, attempt.course_id, attempt.module_id)
    left = None if quiz.max_attempts is None else max(0, quiz.max_attempts - used)
    return AttemptResult(
        attempt_id=attempt.id,
        course_id=attempt.course_id,
        module_id=attempt.module_id,
        locale=attempt.locale,
        score=attempt.score,
        passed=attempt.passed,
        pass_mark=quiz.pass_mark,
        questions=questions,
        attempts_left=left,
        created=created,
    )


def _coerce(questions: tuple[Question, ...], answers: list[Any], session: Session) -> list[Any]:
    coerced = []
    for number, (question, raw) in enumerate(zip(questions, answers), start=1):
        try:
            coerced.append(QUESTION_TYPES[question.type].coerce(question, raw))
        except AnswerError as exc:
            session.rollback()
            raise MalformedAnswer(number, str(exc)) from None
    return coerced


def _public(question: Question, positions: list[int]) -> dict[str, Any]:
    public = question.public()
    by_position = {o["position"]: o for o in public["options"]}
    public["options"] = [by_position[p] for p in positions if p in by_position]
    return public


def _attempts_used(session: Session, user_id: int, course_id: str, module_id: str) -> int:
    return session.scalar(
        select(func.count(QuizAttempt.id)).where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.course_id == course_id,
            QuizAttempt.module_id == module_id,
        )
    ) or 0


def _by_key(session: Session, user_id: int, key: str) -> QuizAttempt | None:
    return session.scalar(
        select(QuizAttempt).where(
            QuizAttempt.user_id == user_id, QuizAttempt.idempotency_key == key
        )
    )


def _text(catalogue: Catalogue, course_id: str, module_id: str, locale: str) -> ModuleText:
    found = catalogue.module_text(course_id, module_id, locale)
    if found is None:
        raise NotFound(f"no module {module_id!r} in course {course_id!r}")
    return found[0]


def _quiz(text: ModuleText) -> Quiz:
    if text.quiz is None:
        raise NoQuiz(f"module {text.module_id!r} has no quiz")
    return text.quiz
