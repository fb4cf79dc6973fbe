"""A course built for assessment tests: a bank of every question type, each feedback setting."""

from __future__ import annotations

from pathlib import Path

COURSE = "bank-course"

COURSE_YAML = """\
id: bank-course
stage: primary
source_locale: en
title: {en: Bank course}
hours: 1
pass_mark: 0.99
quiz: {feedback: on-pass, max_attempts: 3}
"""

# Every question's explanation and right answer carry markers a leak test looks for.
BANK = """\
---
title: A bank of questions
minutes: 10
objectives: [Answer questions of every type.]
quiz: {draw: 4, shuffle: true}
---

A lesson.

::: quiz
1. Which one learns from examples?
   - [ ] A light switch
   - [x] A spam filter
   - [ ] A ruler

   > EXPLAIN-1 the spam filter learns.

2. Which are pets? {multiple partial}
   - [x] A cat
   - [ ] A cloud
   - [x] A dog

   > EXPLAIN-2 cats and dogs.

3. How many legs does a spider have? {number}
   - [x] 8

   > EXPLAIN-3 eight legs.

4. What are the dots of a picture called? {text}
   - [x] pixelsecret

   > EXPLAIN-4 pixels.

5. Put the steps in order. {ordering}
   - Collect examples
   - Label them
   - Train the model

   > EXPLAIN-5 collect, label, train.

6. Match each system to what it does. {matching}
   - Spam filter :: sorts messages
   - Route planner :: finds the shortest way

   > EXPLAIN-6 filters sort, planners search.
:::
"""



def one_question(title: str, settings: str, marker: str) -> str:
    """A module whose quiz has one single-choice question and the given settings."""
    return f"""\
---
title: {title}
minutes: 5
objectives: [Learn.]
quiz: {{{settings}}}
---

A lesson.

::: quiz
1. Which one learns from examples?
   - [ ] A light switch
   - [x] A spam filter

   > {marker} the spam filter learns.
:::
"""


WAIT = one_question("Wait between attempts", "feedback: always, retry_after: 1h, max_attempts: 5", "EXPLAIN-WAIT")
NEVER = one_question("Score only", "feedback: never", "EXPLAIN-NEVER")

END = """\
---
title: The end
minutes: 5
objectives: [Finish.]
---

Well done.
"""


def write_bank_course(root: Path) -> Path:
    """The courses folder with the bank course in it."""
    course = root / "primary" / COURSE
    for folder, text in (("01-bank", BANK), ("02-wait", WAIT), ("03-never", NEVER), ("04-end", END)):
        (course / folder).mkdir(parents=True)
        (course / folder / "en.md").write_text(text, encoding="utf-8")
    (course / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    return root
