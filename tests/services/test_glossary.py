"""The glossary in one locale: sorted entries, the source's text where a locale lacks a term."""

from __future__ import annotations

from pathlib import Path

import pytest

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.services.errors import NotFound
from ailit.services.glossary import course_glossary
from tests.content.cases import course_with_module
from tests.content.test_glossary import GLOSSARY, SOURCE


def test_a_term_missing_in_the_locale_is_shown_in_the_source_locale(tmp_path: Path) -> None:
    courses = course_with_module(tmp_path / "courses", {"en.md": SOURCE.encode()})
    (courses / "primary/sample-course/glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    assert build_catalogue(courses, tmp_path / "out").ok
    catalogue = load_catalogue(tmp_path / "out")
    view = course_glossary(catalogue, "sample-course", "fr")
    shown = [(e.term, e.locale, e.fallback) for e in view.entries]
    assert shown == [("chatbot", "fr", False), ("données d'entraînement", "fr", False), ("model", "en", True)]
    assert view.entries[2].definition == "What a system learned from its data."
    with pytest.raises(NotFound):
        course_glossary(catalogue, "no-such-course", "fr")
