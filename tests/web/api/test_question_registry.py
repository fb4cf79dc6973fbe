"""The registry of question types is the only list: a type added in one place works everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from ailit.content.build import build_catalogue
from ailit.content.questions import QUESTION_TYPES, Presenter, Question, register
from ailit.content.questions.choice import SingleChoice
from ailit.web.openapi import load_document
from tests.conftest import PASSWORD

from .conftest import ApiClient
from .openapi_check import OpenAPIChecker

COURSE_YAML = "id: yes-no\nstage: primary\nsource_locale: en\ntitle: {en: Yes or no}\nhours: 1\n"
MODULE = """\
---
title: Yes or no
minutes: 5
objectives: [Say yes.]
---

::: quiz
1. Is a spam filter a machine that learns? {yesno}
   - [x] Yes
   - [ ] No
:::
"""


class YesNo(SingleChoice):
    """A type that exists only in this test: single choice whose answer may be "yes"/"no"."""

    name = "yesno"

    def answer_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": ["yes", "no"]}

    def coerce(self, question: Question, raw: Any, presenter: Presenter) -> list[int]:
        if isinstance(raw, str):
            raw = [{"yes": 0, "no": 1}.get(raw, -1)]
        return super().coerce(question, raw, presenter)


@pytest.fixture
def yes_no() -> Iterator[None]:
    register(YesNo)
    try:
        yield
    finally:
        del QUESTION_TYPES["yesno"]


def test_a_type_registered_once_compiles_shows_reads_grades_and_is_documented(
    yes_no: None,
    tmp_path: Path,
    app_factory: Callable[..., Flask],
    api_factory: Callable[[Flask], ApiClient],
    make_user,
) -> None:
    module = tmp_path / "courses" / "primary" / "yes-no" / "01-question"
    module.mkdir(parents=True)
    (module / "en.md").write_text(MODULE, encoding="utf-8")
    (module.parent / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    report = build_catalogue(tmp_path / "courses", tmp_path / "catalogue")
    assert report.ok, [str(d) for d in report.diagnostics]

    document = load_document()
    shapes = document["components"]["schemas"]["PublicQuestion"]["oneOf"]
    assert "yesno" in [shape["properties"]["type"]["const"] for shape in shapes]
    assert {"type": "string", "enum": ["yes", "no"]} in document["components"]["schemas"]["Answer"]["anyOf"]

    app = app_factory(CATALOGUE_DIR=tmp_path / "catalogue")
    make_user("ada")
    api = api_factory(app)
    api.checker = OpenAPIChecker(document)  # the document as it is with the new type
    api.login("ada")
    quiz = api.get("/api/v1/courses/yes-no/modules/question").get_json()["quiz"]
    assert quiz["questions"][0]["type"] == "yesno"
    graded = api.post("/api/v1/courses/yes-no/modules/question/attempts", json={"answers": ["yes"]})
    assert graded.status_code == 201 and graded.get_json()["passed"]

    page = app.test_client()
    page.post("/en/sign-in", data={"username": "ada", "password": PASSWORD})
    html = page.get("/en/courses/yes-no/question/").get_data(as_text=True)
    assert 'type="radio"' in html and 'name="q0"' in html  # its widget (the choice template)
    form_result = page.post(
        "/en/courses/yes-no/question/quiz",
        data={"q0": "1", "attempt_token": "form-token"},
    )
    assert form_result.status_code == 303


def test_an_unknown_type_is_named_with_the_registered_ones(tmp_path: Path) -> None:
    module = tmp_path / "courses" / "primary" / "yes-no" / "01-question"
    module.mkdir(parents=True)
    (module / "en.md").write_text(MODULE, encoding="utf-8")
    (module.parent / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    report = build_catalogue(tmp_path / "courses", tmp_path / "catalogue")
    names = ", ".join("{" + name + "}" for name in QUESTION_TYPES)
    assert any("unknown question type '{yesno}'" in str(d) and names in str(d) for d in report.diagnostics)
