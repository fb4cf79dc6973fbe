"""``ailit new course``: a new course folder that builds and passes ``ailit check`` at once."""

from __future__ import annotations

from pathlib import Path

from ailit.content.diagnostics import did_you_mean
from ailit.content.schema import ID_PATTERN
from ailit.locales import LOCALES
from ailit.stages import STAGES

COURSE_TEMPLATE = """\
id: {id}
stage: {stage}
source_locale: {locale}
title: {{{locale}: "{title}"}}
summary: {{{locale}: "One or two sentences saying what learners will be able to do."}}
hours: 1
competencies: []
pass_mark: 0.7
certificate: false
"""

MODULE_TEMPLATE = """\
---
title: Getting started
minutes: 10
objectives:
  - Say what this course is about.
---

# Getting started

Write the lesson here in plain Markdown: headings, lists, tables, links, images from
`media/` with alt text, and callouts.

::: activity
Describe an activity for the class.
:::

::: quiz
1. Which file holds this lesson?
   - [x] A Markdown file
   - [ ] A spreadsheet

   > Every lesson is a Markdown file named after its language.
:::
"""


class ScaffoldError(Exception):
    """The course cannot be created; the message says why."""


def new_course(courses_dir: Path, stage: str, course_id: str, locale: str = "en") -> Path:
    """Create ``<courses_dir>/<stage>/<course_id>/`` with course.yaml and one module."""
    if stage not in STAGES:
        raise ScaffoldError(f"unknown stage '{stage}'{did_you_mean(stage, STAGES)}; use one of {', '.join(STAGES)}")
    if not ID_PATTERN.match(course_id):
        raise ScaffoldError(f"course id '{course_id}' must use only a-z, 0-9 and single hyphens")
    if locale not in LOCALES:
        raise ScaffoldError(f"unknown locale '{locale}'; use one of {', '.join(LOCALES)}")
    for existing in courses_dir.glob(f"*/{course_id}"):
        raise ScaffoldError(f"{existing} already exists")
    folder = courses_dir / stage / course_id
    module = folder / "01-getting-started"
    module.mkdir(parents=True)
    title = course_id.replace("-", " ").capitalize()
    (folder / "course.yaml").write_text(
        COURSE_TEMPLATE.format(id=course_id, stage=stage, locale=locale, title=title), encoding="utf-8"
    )
    (module / f"{locale}.md").write_text(MODULE_TEMPLATE, encoding="utf-8")
    return folder
