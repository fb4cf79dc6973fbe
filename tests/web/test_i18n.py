"""Six languages: complete UI catalogues, negotiation, the switcher, lang/dir, localized errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from ailit.locales import LOCALES

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_PLURALS = {"ar": 6, "en": 2, "es": 2, "fr": 2, "ru": 3, "zh": 1}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_and_not_fuzzy(locale: str) -> None:
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=locale)
    assert catalog.num_plurals == EXPECTED_PLURALS[locale]
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings) or len(strings) != (catalog.num_plurals if message.pluralizable else 1):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == [], f"{path}: translate these (then run pybabel compile)"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_template_string_is_in_the_catalogue(locale: str) -> None:
    """Strings of this capability's templates were extracted (pybabel update was run)."""
    with open(ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh, locale=locale)}
    for name in ["base.html", "learning/module.html", "catalogue/course.html", "auth/register.html"]:
        source = (ROOT / "templates" / name).read_text(encoding="utf-8")
        for found in re.findall(r"_\('((?:[^'\\]|\\.)+)'", source):
            assert found.replace("\\'", "'") in ids, f"{name}: {found!r} is not in {locale}"


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"}, None, "/fr/"),
        ({"Accept-Language": "zh-TW,zh;q=0.9"}, None, "/zh/"),
        ({"Accept-Language": "ar-EG"}, None, "/ar/"),
        ({"Accept-Language": "de-DE, ru;q=0.5"}, None, "/ru/"),
        ({"Accept-Language": "de-DE"}, None, "/en/"),
        ({}, None, "/en/"),
        ({"Accept-Language": "fr"}, "es", "/es/"),
        ({"Accept-Language": "fr"}, "xx", "/fr/"),
    ],
)
def test_root_negotiates(client: FlaskClient, headers: dict, cookie: str | None, expected: str) -> None:
    if cookie:
        client.set_cookie("locale", cookie)
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_signed_in_preference_wins(client: FlaskClient, auth, make_user) -> None:
    make_user("ada", locale="ru")
    auth.login("ada")
    client.set_cookie("locale", "es")
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"] == "/ru/"
    client.post("/ru/account/language", data={"locale": "zh"})
    assert client.get("/").headers["Location"] == "/zh/"


def test_visiting_a_locale_remembers_it(client: FlaskClient) -> None:
    response = client.get("/es/courses/")
    assert "locale=es" in response.headers["Set-Cookie"]
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"] == "/es/"


@pytest.mark.parametrize("locale", LOCALES)
def test_lang_and_dir_on_every_page(client: FlaskClient, locale: str) -> None:
    html = client.get(f"/{locale}/courses/").get_data(as_text=True)
    direction = "rtl" if locale == "ar" else "ltr"
    assert f'<html lang="{locale}" dir="{direction}">' in html


def test_switcher_keeps_the_page_and_query(client: FlaskClient) -> None:
    html = client.get("/en/courses/?stage=primary").get_data(as_text=True)
    for locale in LOCALES:
        assert f'href="/{locale}/courses/?stage=primary"' in html
    html = client.get("/fr/courses/sample-robots/what-is-ai/").get_data(as_text=True)
    assert 'href="/ar/courses/sample-robots/what-is-ai/" lang="ar" dir="rtl"' in html


def test_ui_is_translated(client: FlaskClient) -> None:
    assert "Cours" in client.get("/fr/courses/").get_data(as_text=True)
    assert "المقررات" in client.get("/ar/courses/").get_data(as_text=True)
    assert "课程" in client.get("/zh/courses/").get_data(as_text=True)
    assert "Начальная школа" in client.get("/ru/courses/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/fr/courses/nope/", "Page introuvable"),
        ("/fr/courses/sample-robots/nope/", "Page introuvable"),
        ("/ar/courses/nope/", "الصفحة غير موجودة"),
        ("/zh/nowhere", "找不到页面"),
    ],
)
def test_404_in_the_users_language(client: FlaskClient, path: str, text: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_unknown_locale_is_a_404_in_the_negotiated_language(client: FlaskClient) -> None:
    response = client.get("/xx/courses/", headers={"Accept-Language": "es"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Página no encontrada" in html and '<html lang="es"' in html


def test_plural_forms(client: FlaskClient) -> None:
    ru = client.get("/ru/courses/").get_data(as_text=True)
    assert "3 модуля" in ru  # sample-robots: 3 modules (few)
    assert "2 модуля" in ru
    ar = client.get("/ar/courses/").get_data(as_text=True)
    assert "3 وحدات" in ar and "وحدتان" in ar
    fr = client.get("/fr/courses/sample-robots/").get_data(as_text=True)
    assert "15 minutes" in fr and "3 modules" in fr


def test_numbers_and_percentages_are_formatted_for_the_locale(client: FlaskClient, auth, make_user) -> None:
    make_user("ada", locale="fr")
    auth.login("ada")
    client.post("/fr/courses/sample-robots/robots-around-us/read")
    fr = client.get("/fr/courses/sample-robots/").get_data(as_text=True)
    assert "33\u00a0%" in fr or "33\u202f%" in fr
    en = client.get("/en/courses/sample-robots/").get_data(as_text=True)
    assert "33%" in en
