"""Six languages: complete UI catalogues, negotiation, the switcher, lang/dir, localized errors."""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from ailit.locales import LOCALES

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_PLURALS = {"ar": 6, "en": 2, "es": 2, "fr": 2, "ru": 3, "zh": 1}
# Python named placeholders as gettext's python-format understands them: %(name)s, %(num)d, ...
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa])")
# The count of an ngettext message: a plural form may spell it out ("one module", "وحدتان").
COUNT = "num"


@cache
def _catalog(locale: str) -> Catalog:
    with open(ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=locale)


@cache
def _source_messages() -> dict[str | tuple[str, ...], str]:
    """Every message the sources mark, as babel.cfg and the documented extract command see them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = {**DEFAULT_KEYWORDS, "L_": None}
    found: dict[str | tuple[str, ...], str] = {}
    for folder in ("platform/ailit", "templates"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords=keywords
        ):
            key = tuple(message) if isinstance(message, (list, tuple)) else message
            found.setdefault(key, f"{folder}/{filename}:{lineno}")
    return found


def _placeholders(text: str) -> set[tuple[str, str]]:
    return set(PLACEHOLDER_RE.findall(text))


def _placeholder_problem(msgid: str | tuple[str, ...], strings: list[str]) -> str | None:
    """Why the translation's placeholders do not fit the msgid's (None when they do)."""
    if isinstance(msgid, tuple):
        expected = _placeholders(msgid[0]) | _placeholders(msgid[1])
        required = {p for p in expected if p[0] != COUNT}
    else:
        expected = required = _placeholders(msgid)
    for text in strings:
        got = _placeholders(text)
        if not required <= got <= expected:
            return f"placeholders {sorted(got)} instead of {sorted(expected)} in {text!r}"
        if expected:
            try:
                text % {name: 1 for name, _conversion in expected}
            except (KeyError, ValueError, TypeError) as error:
                return f"{text!r} cannot be formatted: {error}"
    return None


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


def test_the_sources_are_extracted() -> None:
    messages = _source_messages()
    assert "Sign in" in messages  # a template
    assert "Use at least 8 characters." in messages  # L_ in Python
    assert ("%(num)d module", "%(num)d modules") in messages  # ngettext


@pytest.mark.parametrize("locale", LOCALES)
def test_every_marked_message_is_translated_in_the_catalogue(locale: str) -> None:
    """Every message marked in platform/ailit and templates is in the .po, translated, not fuzzy."""
    catalog = _catalog(locale)
    problems = []
    for msgid, where in sorted(_source_messages().items(), key=lambda item: str(item[0])):
        message = catalog.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        if message is None or (isinstance(msgid, tuple) != bool(message.pluralizable)):
            problems.append(f"missing (run pybabel extract and update): {msgid!r} from {where}")
            continue
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        expected_forms = catalog.num_plurals if message.pluralizable else 1
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif len(strings) != expected_forms or not all(strings):
            problems.append(f"untranslated: {msgid!r} from {where}")
        elif problem := _placeholder_problem(msgid, strings):
            problems.append(f"{msgid!r}: {problem}")
    assert problems == [], f"locales/{locale}/LC_MESSAGES/messages.po:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("locale", "forms"),
    [
        # n:      0  1  2  3  10 11 99 100 102 103 111
        ("ar", [0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4]),
        ("ru", [2, 0, 1, 1, 2, 2, 2, 2, 1, 1, 2]),
        ("fr", [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        ("es", [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        ("en", [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        ("zh", [0] * 11),
    ],
)
def test_plural_forms_pick_the_right_form(locale: str, forms: list[int]) -> None:
    plural = gettext.c2py(_catalog(locale).plural_expr)
    assert [plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111)] == forms


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


PUBLIC_PAGES = ["/", "/courses/", "/courses/sample-robots/", "/sign-in", "/register", "/verify/"]
PAGES_BY_ROLE = {
    "learner": ["/", "/account/", "/certificates/", "/join"],
    "teacher": ["/classes/"],
    "admin": ["/schools/", "/admin/certificates"],
}


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL))


def _english_leftovers(text: str, locale: str) -> list[str]:
    """Catalogue msgids (whole sentences or labels) that show up untranslated on a page."""
    catalog = _catalog(locale)
    return [
        message.id
        for message in catalog
        if isinstance(message.id, str)
        and len(message.id) >= 12
        and not _placeholders(message.id)
        and message.string != message.id
        and re.search(rf"(?<![\w-]){re.escape(message.id)}(?![\w-])", text)
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_has_lang_dir_and_no_english_leftovers(
    client: FlaskClient, auth, make_user, locale: str
) -> None:
    """Public, learner, teacher and admin pages: the right lang/dir, and no untranslated msgid."""
    from ailit.models import Role

    direction = "rtl" if locale == "ar" else "ltr"
    roles = {"learner": Role.LEARNER, "teacher": Role.TEACHER, "admin": Role.ADMIN}
    visits = [(None, path) for path in PUBLIC_PAGES]
    visits += [(role, path) for role, paths in PAGES_BY_ROLE.items() for path in paths]
    signed_in = None
    for role, path in visits:
        if role != signed_in:
            make_user(role, role=roles[role], locale=locale)
            auth.logout()
            auth.login(role, locale=locale)
            signed_in = role
        response = client.get(f"/{locale}{path}")
        assert response.status_code == 200, f"{role} {path}"
        html = response.get_data(as_text=True)
        assert f'<html lang="{locale}" dir="{direction}">' in html, f"{role} {path}"
        if locale != "en":
            assert _english_leftovers(_visible_text(html), locale) == [], f"{role} {path}"


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
