"""A young learner signs in with pictures in a real browser (Debian's Chromium via Playwright),
in each of the six languages: username on the sign-in page, "Sign in with pictures", wrong
pictures first (the same grid again, with a message), then the right three, the first with the
mouse and the others with the keyboard alone. axe finds nothing serious or critical on the grid
and its error state; the Arabic grid is mirrored. A teacher switches pictures on from the class
page and sees each learner's three pictures. Screenshots go to
``build/screenshots/picture-sign-in-<locale>.png`` (ignored by git)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ailit.locales import LOCALES
from ailit.models import User
from ailit.pictures import PICTURES
from ailit.services import picture_passwords
from axe_playwright_python.sync_playwright import Axe
from flask import Flask

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _switch_on(app: Flask, class_id: int) -> tuple[str, tuple[str, ...]]:
    with app.app_context():
        from ailit.web.extensions import db, security

        teacher = db.session.query(User).filter_by(username="teacher").one()
        issued = picture_passwords.set_class_pictures(db.session, teacher, class_id, True, hasher=security.hasher)
        return issued[0].username, issued[0].pictures


def _serious(axe: Axe, page: object) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = axe.run(page, options=options).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]


def _press_with_keyboard(page: object, picture: str) -> None:
    """From the group of pictures (focused when the page opens), Tab to ``picture`` and press it."""
    assert page.evaluate("document.activeElement.tagName") == "FIELDSET"
    for _ in range(PICTURES.index(picture) + 1):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == picture
    with page.expect_navigation():
        page.keyboard.press("Enter" if PICTURES.index(picture) % 2 else "Space")


@pytest.mark.parametrize("locale", LOCALES)
def test_a_learner_signs_in_by_choosing_three_pictures(
    browser, app: Flask, world, live_server: str, locale: str
) -> None:
    username, pictures = _switch_on(app, world.class_id)
    axe = Axe()
    context = browser.new_context(locale=locale, viewport={"width": 1000, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server}/{locale}/sign-in")
        page.fill("#username", username)
        with page.expect_navigation():
            page.click("main button[formaction]")
        assert page.url.endswith(f"/{locale}/sign-in/pictures")
        grid = page.locator("button[name=picture]")
        assert grid.count() == 12
        assert _serious(axe, page) == []
        if locale == "ar":  # the first picture on the right, the grid mirrored
            first, second = grid.nth(0).bounding_box(), grid.nth(1).bounding_box()
            assert first["x"] > second["x"] and first["y"] == second["y"]
        else:
            assert grid.nth(0).bounding_box()["x"] < grid.nth(1).bounding_box()["x"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"picture-sign-in-{locale}.png"), full_page=True)

        # The right pictures in the wrong order: the same grid again, with a message.
        for picture in (pictures[1], pictures[0], pictures[2]):
            with page.expect_navigation():
                page.click(f"button[name=picture][value={picture}]")
        assert page.locator(".error-summary").count() == 1
        assert page.input_value("input[name=chosen]") == ""
        assert _serious(axe, page) == []

        # The mouse for the first picture, the keyboard for the other two.
        with page.expect_navigation():
            page.click(f"button[name=picture][value={pictures[0]}]")
        assert page.input_value("input[name=chosen]") == pictures[0]
        _press_with_keyboard(page, pictures[1])
        _press_with_keyboard(page, pictures[2])
        assert "/sign-in" not in page.url
        assert page.locator("form[action$='/sign-out']").count() == 1  # signed in
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_teacher_switches_pictures_on_and_sees_each_learners_pictures(
    browser, world, live_server: str, locale: str
) -> None:
    axe = Axe()
    context = browser.new_context(locale=locale, viewport={"width": 1000, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server}/{locale}/sign-in")
        page.fill("#username", "teacher")
        page.fill("#password", PASSWORD)
        with page.expect_navigation():
            page.click("main button[type=submit]:not([formaction])")
        page.goto(f"{live_server}/{locale}/classes/{world.class_id}/")
        assert _serious(axe, page) == []
        page.check("#pictures")  # the label is a real label: the tick box is named by it
        with page.expect_navigation():
            page.click("form[action$='/pictures'] button[type=submit]")
        rows = page.locator("table.data-table tbody tr")
        assert rows.count() == 3
        for index in range(3):
            assert rows.nth(index).locator(".picture-sequence li").count() == 3
        assert _serious(axe, page) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"picture-passwords-issued-{locale}.png"), full_page=True)
        page.goto(f"{live_server}/{locale}/classes/{world.class_id}/")
        assert page.is_checked("#pictures")
        assert page.locator("form[action$='/pictures'] button.link-button").count() == 3  # "New pictures"
    finally:
        context.close()
