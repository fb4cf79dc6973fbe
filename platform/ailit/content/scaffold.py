"""``ailit new course``: a new course, in the chosen language, that builds and passes ``ailit check``."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ailit.content.diagnostics import did_you_mean
from ailit.content.schema import ID_PATTERN
from ailit.content.starter import STARTERS
from ailit.locales import LOCALES
from ailit.stages import STAGES

# A translation holding ": ", "#" or quotes must not break the YAML: course.yaml's values are
# always quoted (JSON strings are YAML), the front matter's only when they need it.
COURSE_TEMPLATE = """\
id: {id}
stage: {stage}
source_locale: {locale}
title: {{{locale}: {title}}}
summary: {{{locale}: {summary}}}
hours: 0.25
competencies: []
pass_mark: 0.7
certificate: false
"""

MODULE_TEMPLATE = """\
---
title: {module_title_yaml}
minutes: 10
objectives:
  - {objective_yaml}
---

# {module_title}

{lesson}

::: activity
{activity}
:::

::: quiz
1. {single[0]}
   - [x] {single[1]}
   - [ ] {single[2]}

   > {single[3]}

2. {multiple[0]} {{multiple}}
   - [x] {multiple[1]}
   - [x] {multiple[2]}
   - [ ] {multiple[3]}

   > {multiple[4]}

3. {number[0]} {{number}}
   - [x] 6

   > {number[1]}

4. {text[0]} {{text}}
   - [x] media

   > {text[1]}
:::
"""


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _yaml(text: str) -> str:
    try:
        plain = yaml.safe_load(f"value: {text}") == {"value": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else _quoted(text)


def course_yaml(course_id: str, stage: str, locale: str, title: str | None = None) -> str:
    """The new course.yaml, its title (given, or made from the id) and summary in ``locale``."""
    starter = STARTERS[locale]
    title = title or starter.course_title.format(name=course_id.replace("-", " "))
    return COURSE_TEMPLATE.format(
        id=course_id, stage=stage, locale=locale, title=_quoted(title), summary=_quoted(starter.summary)
    )


def module_markdown(locale: str) -> str:
    """The first module's lesson and sample quiz (one question of each type) in ``locale``."""
    starter = STARTERS[locale]
    return MODULE_TEMPLATE.format(
        module_title_yaml=_yaml(starter.module_title),
        objective_yaml=_yaml(starter.objective),
        module_title=starter.module_title,
        lesson=starter.lesson,
        activity=starter.activity,
        single=starter.single,
        multiple=starter.multiple,
        number=starter.number,
        text=starter.text,
    )


class ScaffoldError(Exception):
    """The course cannot be created; the message says why."""


def new_course(
    courses_dir: Path, stage: str, course_id: str, locale: str = "en", title: str | None = None
) -> Path:
    """Create ``<courses_dir>/<stage>/<course_id>/`` with course.yaml and one module.

    The first module's folder is named in ``locale`` (``01-primeros-pasos``); ``title`` is
    written as given, so its capitals (an acronym such as "IA") stay as the author typed them.
    """
    if stage not in STAGES:
        raise ScaffoldError(f"unknown stage '{stage}'{did_you_mean(stage, STAGES)}; use one of {', '.join(STAGES)}")
    if not ID_PATTERN.match(course_id):
        raise ScaffoldError(f"course id '{course_id}' must use only a-z, 0-9 and single hyphens")
    if locale not in LOCALES:
        raise ScaffoldError(f"unknown locale '{locale}'; use one of {', '.join(LOCALES)}")
    for existing in courses_dir.glob(f"*/{course_id}"):
        raise ScaffoldError(f"{existing} already exists")
    folder = courses_dir / stage / course_id
    if title is not None and (not title.strip() or "\n" in title):
        raise ScaffoldError("the title must be one line of text")
    module = folder / f"01-{STARTERS[locale].module_id}"
    module.mkdir(parents=True)
    (folder / "course.yaml").write_text(course_yaml(course_id, stage, locale, title), encoding="utf-8")
    (module / f"{locale}.md").write_text(module_markdown(locale), encoding="utf-8")
    return folder
