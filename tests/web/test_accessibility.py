"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every kind of page,
the keyboard alone, visible focus, right-to-left mirroring in Arabic, heat-map contrast and
reduced motion.

axe-core comes bundled with axe-playwright-python and is injected into the page: nothing is
fetched. One browser serves the whole module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from flask import Flask

from a11y_site import COURSE, LEARNER, QUIZ_MODULE, SCHOOL_ADMIN, TEACHER, Site, build_site
from test_browser import browser, live_server  # noqa: F401 (fixtures)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORT = {"width": 1000, "height": 900}


@pytest.fixture
def site(app: Flask) -> Site:
    """The audited data, in the database the live server uses."""
    return build_site(app)


@pytest.fixture
def axe() -> object:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return axe_module.Axe()


@dataclass
class Finding:
    """One axe violation on one page, in words a person can act on."""

    page: str
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}) {self.help} -> {', '.join(self.targets)}"


def audit(axe: object, page: object, label: str) -> list[Finding]:
    """Run axe with the WCAG A/AA tags on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = axe.run(page, options=options)
    findings = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        findings.append(
            Finding(label, violation["id"], str(violation.get("impact")), violation["help"], targets)
        )
    return findings


def new_page(browser: object, *, locale: str = "en-GB", **options: object) -> object:
    context = browser.new_context(locale=locale, viewport=VIEWPORT, **options)
    return context.new_page()


def sign_in(page: object, base: str, locale: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/{locale}/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    assert "/sign-in" not in page.url, f"{username} could not sign in"


@pytest.mark.parametrize("locale", ["en", "ar", "zh"])
def test_every_page_meets_wcag_aa(browser, live_server: str, site: Site, axe, locale: str) -> None:
    base, findings = live_server, []
    visitor = new_page(browser)
    learner = new_page(browser)
    teacher = new_page(browser)
    admin = new_page(browser)
    try:

        def check(page: object, path: str | None, label: str) -> None:
            if path is not None:
                page.goto(f"{base}/{locale}{path}")
            assert page.evaluate("document.documentElement.lang") == locale, label
            findings.extend(audit(axe, page, f"[{locale}] {label}"))

        module = f"/courses/{COURSE}/{QUIZ_MODULE}/"
        # Signed out.
        check(visitor, "/", "home, signed out")
        check(visitor, "/courses/?stage=primary", "catalogue, primary stage")
        check(visitor, f"/courses/{COURSE}/", "course page")
        check(visitor, module, "module page, signed out")
        check(visitor, f"/verify/{site.certificate_code}", "verify, valid")
        check(visitor, "/verify/ZZZZ-ZZZZ-ZZZZ", "verify, not found")
        check(visitor, "/no-such-page", "404 page")
        check(visitor, "/sign-in", "sign in")
        visitor.fill("#username", LEARNER)
        visitor.fill("#password", "not the password")
        visitor.click("main button[type=submit]")
        assert visitor.locator(".error-summary").count() == 1
        check(visitor, None, "sign in, wrong password")
        check(visitor, "/register", "register")
        visitor.fill("#username", "x")
        visitor.fill("#password", "short")
        visitor.click("main button[type=submit]")
        assert visitor.locator(".field-error").count() >= 1
        check(visitor, None, "register, field errors")

        # A learner.
        sign_in(learner, base, locale, LEARNER)
        check(learner, "/", "dashboard, signed in")
        check(learner, module, "module page with quiz form")
        assert learner.locator("form[action$='/quiz'] fieldset").count() >= 1
        check(learner, f"{module}attempts/{site.failed_attempt_id}", "quiz results")
        check(learner, "/account/", "account page")
        check(learner, "/certificates/", "my certificates")

        # A teacher.
        sign_in(teacher, base, locale, TEACHER)
        check(teacher, "/classes/", "class list")
        check(teacher, f"/classes/{site.class_id}/", "class page")
        teacher.fill("#names", "Ali\nZed\nZed\n" + "x" * 300)
        teacher.click("form[action$='/learners'] button[type=submit]")
        assert teacher.locator(".error-summary li").count() >= 3
        check(teacher, None, "add learners, per-row errors")
        check(teacher, f"/classes/{site.class_id}/report", "class report (heat map)")
        assert teacher.locator("table.heatmap td.cell").count() >= 8

        # A school admin.
        sign_in(admin, base, locale, SCHOOL_ADMIN)
        check(admin, f"/schools/{site.school_id}/", "school page")
        check(admin, f"/schools/{site.school_id}/audit", "audit log")
    finally:
        for page in (visitor, learner, teacher, admin):
            page.context.close()
    assert not findings, "WCAG violations:\n" + "\n".join(map(str, findings))
