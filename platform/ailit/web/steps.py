"""A module page in steps (``?step=N``, ``?step=all`` for the whole lesson) for the stages that
read lessons one screen at a time: the lesson's steps, then the quiz as the last step."""

from __future__ import annotations

from dataclasses import dataclass

from ailit.content.steps import LessonStep, split_lesson
from ailit.stages import reads_in_steps

WHOLE = "all"


class NoSuchStep(LookupError):
    """The address names a step the lesson does not have (or no step at all)."""


@dataclass(frozen=True)
class StepView:
    """Which screen of a lesson in steps is shown; ``number`` None is the whole lesson."""

    steps: tuple[LessonStep, ...]
    quiz_step: bool  # the quiz is a step of its own, after the lesson's
    number: int | None

    @property
    def total(self) -> int:
        return len(self.steps) + int(self.quiz_step)

    @property
    def whole(self) -> bool:
        return self.number is None

    @property
    def on_quiz(self) -> bool:
        return self.quiz_step and self.number == self.total

    @property
    def last(self) -> bool:
        """True on the step that ends the module (its quiz, mark as read, its task), or whole."""
        return self.number is None or self.number == self.total

    def lesson_html(self, whole: str) -> str:
        """The lesson HTML this screen shows: ``whole`` as written, one step, or "" (the quiz)."""
        if self.number is None:
            return whole
        return self.steps[self.number - 1].html if self.number <= len(self.steps) else ""

    def heading(self, number: int) -> str | None:
        """Step ``number``'s heading (None for the introduction and for the quiz step)."""
        return self.steps[number - 1].heading if number <= len(self.steps) else None


def step_view(stage: str, html: str, has_quiz: bool, requested: str | None) -> StepView | None:
    """The screen asked for, or None when the module is read whole (its stage does not read in
    steps, or its lesson has no ``##`` heading). Raises NoSuchStep for a step out of range or
    not a number."""
    if not reads_in_steps(stage):
        return None
    steps = split_lesson(html)
    if len(steps) < 2:
        return None
    view = StepView(steps, has_quiz, None)
    if requested == WHOLE:
        return view
    if requested is None:
        return StepView(steps, has_quiz, 1)
    if not (requested.isascii() and requested.isdigit() and len(requested) <= 3) or not 1 <= int(requested) <= view.total:
        raise NoSuchStep(requested)
    return StepView(steps, has_quiz, int(requested))


def last_step(view: StepView | None) -> StepView | None:
    """The same lesson at its last step (where the quiz, mark-as-read and the task are)."""
    return None if view is None else StepView(view.steps, view.quiz_step, view.total)
