"""The Markdown pipeline: one markdown-it instance, configured once, every extension listed here."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ailit.content.bidi import bidi_plugin
from ailit.content.callouts import callouts_plugin
from ailit.content.links import links_plugin
from ailit.content.quiz import quiz_plugin
from ailit.content.task_block import task_plugin

MAX_NESTING = 20  # lists and quotes deeper than this are refused (markdown-it stops parsing)

# The whole pipeline, in order. Each entry is a markdown-it plugin ``plugin(md, **opts)``.
# Core rules run in this order after parsing: footnotes collected, callouts checked,
# links and images checked and rewritten, then the quiz and the task lifted out of the lesson.
PIPELINE = (
    (front_matter_plugin, {}),  # --- YAML --- at the top of the file
    (footnote_plugin, {}),  # text[^1] / [^1]: note
    (callouts_plugin, {}),  # ::: activity | note | tip | warning | discuss | quiz
    (links_plugin, {}),  # safe URLs, module links, media images
    (bidi_plugin, {}),  # right-to-left lessons: 3 / 6 and 4+4+4=12 isolated left to right
    (quiz_plugin, {}),  # ::: quiz → QuizItem records, out of the lesson HTML
    (task_plugin, {}),  # ::: task → a Task with its rubric, out of the lesson HTML
)


def create_markdown() -> MarkdownIt:
    """A new markdown-it with the ailit pipeline; raw HTML is escaped, never passed through."""
    md = MarkdownIt(
        "commonmark",
        {"html": False, "linkify": False, "typographer": False, "maxNesting": MAX_NESTING},
    )
    md.enable(["table", "strikethrough"])
    for plugin, options in PIPELINE:
        md.use(plugin, **options)
    return md


@cache
def markdown() -> MarkdownIt:
    """The shared instance: building one costs more than rendering a lesson."""
    return create_markdown()
