"""getGlossary: a course's terms in the locale asked for, sorted; 404 without a glossary."""

from __future__ import annotations

from .conftest import ApiClient

GLOSSARY = "/api/v1/courses/sample-robots/glossary"


def test_glossary_in_the_locale_asked_for(api: ApiClient) -> None:
    body = api.get(GLOSSARY + "?locale=ru").get_json()
    assert (body["course_id"], body["locale"]) == ("sample-robots", "ru")
    assert [t["term"] for t in body["terms"]] == ["пример", "робот", "спам-фильтр"]
    spam = body["terms"][2]
    assert spam == {
        "id": "spam-filter",
        "term": "спам-фильтр",
        "definition": "Программа, которая скрывает нежелательные письма и улучшается, когда люди их отмечают.",
        "locale": "ru",
        "fallback": False,
    }
    assert api.get("/api/v1/courses/sample-robots?locale=ru").get_json()["has_glossary"] is True


def test_no_glossary_is_a_404_and_a_bad_locale_a_400(api: ApiClient) -> None:
    assert api.get("/api/v1/courses/sample-teaching").get_json()["has_glossary"] is False
    missing = api.get("/api/v1/courses/sample-teaching/glossary")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    assert api.get(GLOSSARY + "?locale=xx").status_code == 400
