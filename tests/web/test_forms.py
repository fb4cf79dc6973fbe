"""Forms people enjoy: every field alike, all registration errors at once with links to the
fields, "show password" as an enhancement, the first-sign-in password page in the site's words."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_accessibility import audit, new_page, sign_in, submit
from axe_playwright_python.sync_playwright import Axe

from ailit.locales import LOCALES
from ailit.models import Role
from tests.conftest import PASSWORD


def test_registration_lists_every_error_at_once_with_links(client: FlaskClient) -> None:
    response = client.post(
        "/fr/register", data={"username": "X", "password": "short", "display_name": " ", "locale": "xx"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    links = re.findall(r'<a href="#([a-z_]+)">', summary)
    assert links == ["username", "display_name", "password", "locale"]
    assert "Veuillez corriger 4 problèmes :" in summary and "Langue : " in summary
    for field in links:  # each link leads to a field that says what is wrong with it
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field}"', html)


def test_one_problem_is_one_problem(client: FlaskClient) -> None:
    html = client.post(
        "/en/register", data={"username": "ada", "password": "short", "display_name": "Ada", "locale": "en"}
    ).get_data(as_text=True)
    assert "Please correct 1 problem:" in html and html.count('class="field-error"') == 1


def test_latin_only_fields_are_left_to_right(client: FlaskClient) -> None:
    html = client.get("/ar/register").get_data(as_text=True)
    assert re.search(r'<input[^>]*dir="ltr"[^>]*id="username"|<input[^>]*id="username"[^>]*dir="ltr"', html)
    assert re.search(r'<input[^>]*dir="ltr"[^>]*id="password"|<input[^>]*id="password"[^>]*dir="ltr"', html)
    assert not re.search(r'<input[^>]*id="display_name"[^>]*dir="ltr"', html)  # names in any script


def _first_sign_in(app: Flask, locale: str = "en") -> tuple[str, str]:
    """A learner made by a teacher, with the one-time password the teacher handed out."""
    with app.app_context():
        from ailit.services import accounts, class_learners, classes, schools
        from ailit.services.roster import parse_pasted_names
        from ailit.web.extensions import db, security

        def user(name: str, role: Role):
            return accounts.register_user(
                db.session, username=name, password=PASSWORD, display_name=name, locale="en",
                role=role, hasher=security.hasher,
            )

        teacher = user("teach", Role.TEACHER)
        school = schools.create_school(db.session, user("boss", Role.ADMIN), "Al-Noor School")
        schools.add_staff(db.session, teacher, school.id)
        room = classes.create_class(db.session, teacher, name="3A", stage="primary", locale=locale)
        issued = class_learners.create_learners(
            db.session, teacher, room.id, parse_pasted_names("Oliver Smith"), hasher=security.hasher
        )
        return issued[0].username, issued[0].password


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_first_password_page_speaks_the_sites_language(
    browser, live_server: str, app: Flask, locale: str
) -> None:
    username, password = _first_sign_in(app, locale)
    page = new_page(browser)
    try:
        sign_in(page, live_server, locale, username, password)
        assert f"/{locale}/account/new-password" in page.url
        assert page.locator("form[novalidate] input[required], input[minlength]").count() == 0
        page.fill("#password", "short")
        page.fill("#confirm", "other")
        submit(page, "main button[type=submit]")
        summary = page.locator(".error-summary")
        assert summary.locator("li").count() == 2
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        findings = [f for f in audit(Axe(), page, f"[{locale}] new password, errors") if f.impact in ("serious", "critical")]
        assert not findings, "\n".join(map(str, findings))
        if locale == "fr":
            assert "Les deux mots de passe ne sont pas identiques" in summary.inner_text()
    finally:
        page.context.close()


@pytest.mark.browser
def test_show_password_is_an_enhancement(browser, live_server: str) -> None:
    with_js, without_js = new_page(browser), new_page(browser, java_script_enabled=False)
    try:
        without_js.goto(f"{live_server}/en/sign-in")
        assert not without_js.locator(".reveal").is_visible()  # a promise nothing would keep
        with_js.goto(f"{live_server}/en/sign-in")
        with_js.fill("#password", "s3cret words")
        assert with_js.locator("#password").get_attribute("type") == "password"
        with_js.check("#password-reveal")
        assert with_js.locator("#password").get_attribute("type") == "text"
        with_js.uncheck("#password-reveal")
        assert with_js.locator("#password").get_attribute("type") == "password"
    finally:
        with_js.context.close()
        without_js.context.close()


FIELD_SIZE = """s => { const e = document.querySelector(s), c = getComputedStyle(e);
  return {h: e.getBoundingClientRect().height, font: parseFloat(c.fontSize), border: c.borderTopWidth}; }"""


@pytest.mark.browser
def test_every_field_is_styled_alike(browser, live_server: str, make_user: Callable[..., object]) -> None:
    make_user("ada")
    page = new_page(browser)
    try:
        sign_in(page, live_server, "en", "ada")
        join = page.evaluate(FIELD_SIZE, "#join-code")
        page.goto(f"{live_server}/en/verify/")
        verify = page.evaluate(FIELD_SIZE, "main input:not([type=hidden])")
        page.goto(f"{live_server}/en/sign-in")
        username = page.evaluate(FIELD_SIZE, "#username")
        for box in (join, verify):
            assert box["h"] >= 44 and box["font"] == username["font"] and box["border"] == username["border"], box
    finally:
        page.context.close()
