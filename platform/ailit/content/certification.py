"""What a course's certificate kind asks of it: the rules of an ``assessed`` course, honest hours.

An ``assessed`` certificate says the learner's knowledge and practice were assessed, so every
quiz limits attempts, holds feedback back until it is passed (or never gives it), and draws
each attempt from a larger bank; and at least one module has a practical task. Any course's
``hours`` should not be far above what its modules take.
"""

from __future__ import annotations

import math
import re

from ailit.content.catalogue import Course
from ailit.content.diagnostics import Diagnostic

ASSESSED = "assessed"
HELD_BACK_FEEDBACK = ("on-pass", "never")
BANK_FACTOR = 1.5  # an assessed quiz's bank holds at least this many times `draw` questions
HOURS_FACTOR = 1.5  # `hours` may be this much above the modules' minutes
HOURS_PER_TASK = 2.0


def assessed_quiz_problems(settings: dict[str, object], questions: int) -> list[str]:
    """Why a quiz, with its settings (course defaults applied), falls short of an assessed course."""
    problems = []
    if settings.get("max_attempts") is None:
        problems.append("an assessed course limits attempts: set max_attempts in this quiz's settings or in course.yaml's quiz:")
    feedback = settings.get("feedback", "always")
    if feedback not in HELD_BACK_FEEDBACK:
        problems.append(f"an assessed course holds answers back: set feedback: on-pass or never (it is {feedback})")
    draw = settings.get("draw")
    largest = math.floor(questions / BANK_FACTOR)
    if not isinstance(draw, int) or questions < BANK_FACTOR * draw:
        fix = f"set draw: {largest} or fewer" if largest else "write more questions"
        problems.append(
            f"an assessed course draws each attempt from a bank of at least {BANK_FACTOR:g} × draw "
            f"questions; this quiz has {questions} ({fix})"
        )
    return problems


def course_problems(course: Course, yaml_path: str, yaml_text: str) -> list[Diagnostic]:
    """The course-wide checks: an assessed course has a task; ``hours`` is honest."""
    found = []
    if course.certificate == ASSESSED and not any(m.has_task for m in course.modules):
        found.append(
            Diagnostic(
                yaml_path, _line_of("certificate", yaml_text), "error",
                "an assessed course needs a practical task (::: task) in at least one module",
            )
        )
    tasks = sum(1 for m in course.modules if m.has_task)
    honest = sum(m.minutes for m in course.modules) / 60 + HOURS_PER_TASK * tasks
    if course.modules and course.hours > HOURS_FACTOR * honest:
        found.append(
            Diagnostic(
                yaml_path, _line_of("hours", yaml_text), "warning",
                f"hours: {course.hours:g} is more than {HOURS_FACTOR:g} × what the modules take "
                f"({honest:.1f} h: their minutes plus {HOURS_PER_TASK:g} h per task); certificates "
                f"print this figure, so make it honest",
            )
        )
    return found


def _line_of(key: str, text: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1
