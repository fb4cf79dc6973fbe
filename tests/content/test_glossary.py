"""A course's glossary.yaml: loading and validation, the catalogue, status, English forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.content.check import check_courses
from ailit.content.diagnostics import Problems
from ailit.content.glossary import english_form_warnings, read_glossary, sort_key
from ailit.content.hashing import hash_bytes
from ailit.content.status import i18n_status

from .cases import MODULE_DIR, course_with_module

GLOSSARY = """\
terms:
  - id: training-data
    term:
      en: training data
      fr: données d'entraînement
    definition:
      en: "The examples a machine learning system learns from."
      fr: "Les exemples à partir desquels un système apprend."
    also:
      en: [training set]
  - id: chatbot
    term: {en: chatbot, fr: chatbot}
    also: {en: [chatbots]}
    definition: {en: "A program you talk with in words.", fr: "Un programme avec qui l'on parle."}
  - id: model
    term: {en: model}
    definition: {en: "What a system learned from its data."}
"""

SOURCE = """\
---
title: Data
minutes: 10
objectives: [Say what training data is.]
---

Training data is what a model learns from.

::: quiz
1. What is "training data" in French? {text}
   - [x] données d'entraînement

2. What is a training set?
   - [x] Examples
   - [ ] A computer
:::
"""

FRENCH = """\
---
title: Données
minutes: 10
objectives: [Dire ce que sont les données d'entraînement.]
source_hash: {hash}
---

Les données d'entraînement, en anglais « training data », nourrissent le modèle.

Un chatbot répond ; des chatbots aussi. Voir `training data` dans le code et [la page](https://example.org/training-data).

Les données d'entraînement (training data) : lire *Training Data for Everyone* (2024).

Le TRAINING SET aussi.

::: quiz
1. Comment dit-on « données d'entraînement » en anglais ? {{text}}
   - [x] training data

2. Qu'est-ce qu'un training set ?
   - [x] Des exemples
   - [ ] Un ordinateur
:::
"""


@pytest.fixture()
def courses(tmp_path: Path) -> Path:
    source = SOURCE.encode()
    root = course_with_module(
        tmp_path / "courses",
        {"en.md": source, "fr.md": FRENCH.format(hash=hash_bytes(source)).encode()},
    )
    (root / "primary/sample-course/glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


def _read(text: str, source_locale: str = "en") -> tuple[list[str], list[str]]:
    problems = Problems("glossary.yaml")
    terms = read_glossary(text, source_locale, problems)
    return [t.id for t in terms], sorted(f"{d.line}: {d.severity}: {d.message}" for d in problems.items)


def test_glossary_goes_into_the_catalogue(courses: Path, tmp_path: Path) -> None:
    out = tmp_path / "catalogue"
    report = build_catalogue(courses, out)
    assert report.ok, [str(d) for d in report.diagnostics]
    course = load_catalogue(out).courses["sample-course"]
    assert [t.id for t in course.glossary] == ["training-data", "chatbot", "model"]
    data = course.glossary[0]
    assert data.term["fr"] == "données d'entraînement" and data.also == {"en": ("training set",)}
    assert data.definition["en"] == "The examples a machine learning system learns from."
    before = course.version
    glossary = courses / "primary/sample-course/glossary.yaml"
    glossary.write_text(GLOSSARY.replace("learns from.", "learns from!"), encoding="utf-8")
    assert build_catalogue(courses, out).changed
    assert load_catalogue(out).courses["sample-course"].version != before


def test_english_forms_in_a_translation_are_warned_outside_code_urls_and_typed_answers(courses: Path) -> None:
    found = [d for d in check_courses(courses) if "glossary" in d.message]
    french = str(courses / MODULE_DIR / "fr.md")
    says = "this course's fr glossary says \"données d'entraînement\""
    assert [(d.path, d.line, d.severity, d.message) for d in found] == [
        (french, 8, "warning", f"'training data' is the English form of a glossary term; {says}"),
        (french, 14, "warning", f"'training set' is the English form of a glossary term; {says}"),
        (french, 20, "warning", f"'training set' is the English form of a glossary term; {says}"),
    ]


def test_status_names_the_terms_a_locale_lacks(courses: Path) -> None:
    (status,) = i18n_status(courses)
    assert status.missing_terms["fr"] == ["model"]
    assert status.missing_terms["ar"] == ["training-data", "chatbot", "model"]
    assert status.missing_terms["en"] == []
    assert not status.complete("fr")


@pytest.mark.parametrize(
    ("text", "ids", "problems"),
    [
        (GLOSSARY, ["training-data", "chatbot", "model"], []),
        ("terms: []\n", [], []),
        ("words: []\n", [], ["1: error: terms: expected a list of terms, each starting '- id: ...'",
                            "1: error: unknown key 'words'; glossary.yaml holds only 'terms:'"]),
        ("- a\n", [], ["1: error: glossary.yaml must be a mapping with a list of terms: 'terms:'"]),
        ("terms:\n  - id: ai\n    term: {en: AI}\n    definition: {en: Machines.}\n"
         "  - id: ai\n    term: {en: A.I.}\n    definition: {en: Machines.}\n",
         ["ai"], ["5: error: term id 'ai' is used twice (first at line 2)"]),
        ("terms:\n  - id: Bad Id\n    term: {en: x}\n    definition: {en: y}\n    defintion: {en: z}\n",
         [], ["2: error: id: 'Bad Id' must use only a-z, 0-9 and single hyphens",
              "5: error: unknown key 'defintion' (did you mean 'definition'?)"]),
        ("terms:\n  - id: ai\n    term: {fr: IA}\n    definition: {en: y, xx: z}\n",
         [], ["3: error: term needs the source locale's text (en: ...)",
              "4: error: definition: unknown locale 'xx'; use one of ar, en, es, fr, ru, zh"]),
        ("terms:\n  - id: ai\n    term: {en: AI}\n", [], ["2: error: a term needs 'definition'"]),
        ("terms:\n  - id: ai\n    term: {en: AI}\n    definition: {en: y}\n    also: [AI]\n",
         [], ["5: error: also: expected a mapping of locale to a list of forms, e.g. {en: [training set]}"]),
        ("terms: [\n", [], ["2: error: invalid YAML: did not find expected node content"]),
    ],
)
def test_glossary_validation(text: str, ids: list[str], problems: list[str]) -> None:
    assert _read(text) == (ids, problems)


def test_a_term_identical_in_both_locales_is_never_warned() -> None:
    problems = Problems("glossary.yaml")
    terms = read_glossary(GLOSSARY, "en", problems)
    assert english_form_warnings("fr", "Le chatbot et les Chatbots.", 7, terms) == []
    # The English form alone in brackets after the French word is a gloss; in italics, a title.
    assert english_form_warnings("fr", "données d'entraînement（Training Data）", 7, terms) == []
    assert english_form_warnings("fr", "Voir _Training data at scale_.", 7, terms) == []
    assert len(english_form_warnings("fr", "Les **training data** (données).", 7, terms)) == 1
    assert english_form_warnings("en", "training data", 7, terms) == []
    # Whole words only: "retraining datasets" holds no English form of the term.
    assert english_form_warnings("fr", "Les retraining datasets.", 7, terms) == []
    # A locale without the term has nothing to suggest instead.
    assert english_form_warnings("ar", "training data", 7, terms) == []


def test_terms_sort_by_their_letters_whatever_the_case_and_accents() -> None:
    words = ["Zèbre", "éthique", "données", "Apprentissage", "biais"]
    assert sorted(words, key=sort_key) == ["Apprentissage", "biais", "données", "éthique", "Zèbre"]
