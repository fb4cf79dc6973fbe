"""Courses for the lesson-in-steps tests: a primary course whose lessons have ``##`` sections
(with footnotes, a teacher note, a heading inside a callout and a picture question), and an
older-learners course for the reading-mode default."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ailit.content.build import build_catalogue

COURSE = "steps-course"
STEPPED, READ_ONLY, ONE_SCREEN = "three-ideas", "last-words", "one-screen"
READING_COURSE, READING_MODULE = "reading-course", "large-print"
TEACHER_NOTE = "TEACHER-NOTE"

COURSE_YAML = """\
id: steps-course
stage: primary
source_locale: en
title: {en: Steps course}
hours: 0.3
pass_mark: 0.5
certificate: true
"""

THREE_IDEAS = """\
---
title: Three ideas
minutes: 10
objectives: [Follow a lesson one idea at a time.]
---

INTRO-TEXT comes before the first heading.[^1]

## Machines follow rules

RULES-TEXT: a lamp does the same thing every time.

::: teacher
TEACHER-NOTE bring a lamp to class.
:::

## Machines learn from examples

EXAMPLES-TEXT: a photo app learns from many pictures.[^2]

::: tip
## Not a step
A heading inside a tip does not start a step.
:::

::: quiz
1. Which one is a cat?
   - [x] ![A grey cat with pointed ears](media/cat.svg)
   - [ ] ![A brown dog with floppy ears](media/dog.svg)
:::

[^1]: FOOTNOTE-ONE about the introduction.
[^2]: FOOTNOTE-TWO about photo apps.
"""

LAST_WORDS = """\
---
title: Last words
minutes: 5
objectives: [Finish the course.]
---

## What we learned

LEARNED-TEXT: machines follow rules or learn from examples.

## What comes next

NEXT-TEXT: keep asking how a machine learned.
"""

ONE_SCREEN_MODULE = """\
---
title: One screen
minutes: 5
objectives: [Read a short lesson.]
---

ONE-SCREEN-TEXT has no headings, so it is one screen with its quiz.

::: quiz
1. Does a lamp learn?
   - [ ] Yes
   - [x] No
:::
"""

READING_YAML = """\
id: reading-course
stage: older-learners
source_locale: en
title: {en: Reading course}
hours: 0.3
pass_mark: 0.5
"""

LARGE_PRINT = """\
---
title: Large print
minutes: 5
objectives: [Read comfortably.]
---

LARGE-PRINT-TEXT in reading mode.
"""

PICTURES = Path(__file__).resolve().parents[1] / "fixtures/courses/primary/sample-robots/02-learning-from-examples/media"


def write_steps_courses(root: Path) -> Path:
    """``root`` as a courses folder holding the two courses; returns ``root``."""
    course = root / "primary" / COURSE
    for folder, text in (("01-three-ideas", THREE_IDEAS), ("02-one-screen", ONE_SCREEN_MODULE), ("03-last-words", LAST_WORDS)):
        (course / folder).mkdir(parents=True)
        (course / folder / "en.md").write_text(text, encoding="utf-8")
    shutil.copytree(PICTURES, course / "01-three-ideas" / "media")
    (course / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    reading = root / "older-learners" / READING_COURSE
    (reading / "01-large-print").mkdir(parents=True)
    (reading / "01-large-print" / "en.md").write_text(LARGE_PRINT, encoding="utf-8")
    (reading / "course.yaml").write_text(READING_YAML, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def steps_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two courses compiled once per session (a plugin of tests/conftest.py)."""
    courses = write_steps_courses(tmp_path_factory.mktemp("steps-courses"))
    out = tmp_path_factory.mktemp("steps-catalogue") / "catalogue"
    report = build_catalogue(courses, out)
    assert report.ok, [str(d) for d in report.diagnostics]
    return out
