"""What rendering one module file needs to know about its course, and what it found."""

from __future__ import annotations

from dataclasses import dataclass, field

from ailit.content.diagnostics import Problems
from ailit.content.questions import QuizItem
from ailit.content.task import Task


@dataclass
class RenderContext:
    """Passed to markdown-it as ``env["ailit"]``; the plugins read it and record into it.

    ``line_offset`` turns a token's 0-based line into the file's 1-based line.
    """

    course_id: str
    module_id: str
    locale: str
    media: frozenset[str]  # file names (posix, relative to media/) present in the module
    modules: dict[str, str]  # module folder name -> module id, for links between modules
    problems: Problems
    line_offset: int = 1
    quiz_items: list[QuizItem] | None = None  # None: the module has no quiz
    quiz_count: int = 0
    task: Task | None = None  # the module's ::: task, when it has a valid one
    task_count: int = 0
    lines: list[str] = field(default_factory=list)  # the source lines, for callout checks
    images: list[tuple[int, str]] = field(default_factory=list)  # (line, name under media/) shown

    def line(self, token_map: list[int] | None) -> int:
        return (token_map[0] if token_map else 0) + self.line_offset


def context_of(env: dict[str, object]) -> RenderContext | None:
    """The module's context, or None when markdown-it is used on its own (e.g. in a benchmark)."""
    ctx = env.get("ailit")
    return ctx if isinstance(ctx, RenderContext) else None
