"""A graded attempt as its learner may see it: what the quiz's ``feedback`` setting allows.

``always``: each question right or wrong, the learner's answer, the right answer and the
explanation. ``on-pass``: the score only, until the learner has passed the quiz or used every
attempt. ``never``: the score only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue, Quiz
from ailit.content.questions import QUESTION_TYPES, Question
from ailit.content.quiz_settings import FEEDBACK_ALWAYS, FEEDBACK_ON_PASS, QuizSettings
from ailit.models import QuizAttempt, utcnow
from ailit.services.errors import NotFound
from ailit.services.quiz_draw import module_quiz


@dataclass(frozen=True)
class QuestionResult:
    """One graded question with what the learner answered and the right answer (HTML)."""

    number: int
    prompt_html: str
    score: float  # 0..1
    your_answer: list[str]
    correct_answer: list[str]
    explanation_html: str

    @property
    def correct(self) -> bool:
        return self.score >= 1.0


@dataclass(frozen=True)
class AttemptResult:
    """A graded attempt; ``questions`` is empty unless the feedback setting allows it.

    ``created`` is False when an earlier submission was returned.
    """

    attempt_id: int
    course_id: str
    module_id: str
    locale: str
    score: float
    passed: bool
    pass_mark: float
    feedback: str
    questions: list[QuestionResult]
    attempts_left: int | None
    retry_at: datetime | None
    next_module_id: str | None
    created: bool = True

    @property
    def feedback_shown(self) -> bool:
        return bool(self.questions)


def feedback_allowed(settings: QuizSettings, passed_before: bool, attempts_left: int | None) -> bool:
    """Whether the learner may now see which questions were right, and the right answers."""
    if settings.feedback == FEEDBACK_ALWAYS:
        return True
    if settings.feedback == FEEDBACK_ON_PASS:
        return passed_before or attempts_left == 0
    return False


def retry_time(
    settings: QuizSettings, last: datetime | None, now: datetime | None = None
) -> datetime | None:
    """When the next attempt is allowed, if that is still to come (``retry_after``)."""
    if settings.retry_after is None or last is None:
        return None
    at = last + timedelta(seconds=settings.retry_after)
    return at if at > (now or utcnow()) else None


def attempt_result(
    session: Session, user_id: int, catalogue: Catalogue, attempt_id: int, *, created: bool = True
) -> AttemptResult:
    """One of the learner's own attempts, as feedback allows; raises NotFound otherwise."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise NotFound(f"no attempt {attempt_id}")
    _, quiz = module_quiz(catalogue, attempt.course_id, attempt.module_id, attempt.locale)
    used = attempts_used(session, user_id, attempt.course_id, attempt.module_id)
    left = None if quiz.max_attempts is None else max(0, quiz.max_attempts - used)
    passed = _passed_ever(session, user_id, attempt.course_id, attempt.module_id)
    questions: list[QuestionResult] = []
    if feedback_allowed(quiz.settings, passed, left):
        questions = _question_results(attempt, quiz, catalogue)
    retry_at = None
    if left != 0:
        retry_at = retry_time(quiz.settings, last_attempt_at(session, user_id, attempt.course_id, attempt.module_id))
    return AttemptResult(
        attempt_id=attempt.id,
        course_id=attempt.course_id,
        module_id=attempt.module_id,
        locale=attempt.locale,
        score=attempt.score,
        passed=attempt.passed,
        pass_mark=quiz.pass_mark,
        feedback=quiz.settings.feedback,
        questions=questions,
        attempts_left=left,
        retry_at=retry_at,
        next_module_id=_next_module(catalogue, attempt.course_id, attempt.module_id),
        created=created,
    )


def _question_results(attempt: QuizAttempt, quiz: Quiz, catalogue: Catalogue) -> list[QuestionResult]:
    """The attempt's questions as they were when it was taken, with its answers."""
    if attempt.questions is not None:
        questions = [Question.from_dict(q) for q in attempt.questions]
    else:
        # Recorded before attempts kept their questions: only the same version still matches.
        course = catalogue.course(attempt.course_id)
        info = course.module(attempt.module_id) if course else None
        if info is None or info.version != attempt.version:
            return []
        questions = list(quiz.questions)
    results = []
    for number, (question, answer, score) in enumerate(
        zip(questions, attempt.answers, attempt.results, strict=False), start=1
    ):
        kind = QUESTION_TYPES.get(question.type)
        if kind is None:
            continue
        results.append(
            QuestionResult(
                number=number,
                prompt_html=question.prompt_html,
                score=float(score),
                your_answer=kind.describe(question, answer),
                correct_answer=kind.key(question),
                explanation_html=question.explanation_html,
            )
        )
    return results


def _next_module(catalogue: Catalogue, course_id: str, module_id: str) -> str | None:
    course = catalogue.course(course_id)
    ids = [m.id for m in course.modules] if course else []
    index = ids.index(module_id) if module_id in ids else -1
    return ids[index + 1] if 0 <= index < len(ids) - 1 else None


def attempts_used(session: Session, user_id: int, course_id: str, module_id: str) -> int:
    return session.scalar(
        select(func.count(QuizAttempt.id)).where(*_of(user_id, course_id, module_id))
    ) or 0


def last_attempt_at(session: Session, user_id: int, course_id: str, module_id: str) -> datetime | None:
    return session.scalar(
        select(func.max(QuizAttempt.created_at)).where(*_of(user_id, course_id, module_id))
    )


def _passed_ever(session: Session, user_id: int, course_id: str, module_id: str) -> bool:
    found = session.scalar(
        select(QuizAttempt.id).where(*_of(user_id, course_id, module_id), QuizAttempt.passed).limit(1)
    )
    return found is not None


def by_idempotency_key(session: Session, user_id: int, key: str) -> QuizAttempt | None:
    return session.scalar(
        select(QuizAttempt).where(QuizAttempt.user_id == user_id, QuizAttempt.idempotency_key == key)
    )


def _of(user_id: int, course_id: str, module_id: str) -> tuple:
    return (
        QuizAttempt.user_id == user_id,
        QuizAttempt.course_id == course_id,
        QuizAttempt.module_id == module_id,
    )
