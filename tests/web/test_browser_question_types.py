"""Every question type answered in Chromium: without JavaScript, with it (drag-and-drop), keyboard only."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ailit.content.catalogue import load_catalogue
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

COURSE, MODULE = "sample-robots", "learning-from-examples"
LEARNER = "lena"
TAGS = re.compile(r"<[^>]+>")


def _sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/en/sign-in")
    page.fill("#username", LEARNER)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _targets(page: Any, catalogue_dir: Path) -> dict[str, str]:
    """The value each form control must have for a right answer, by control id."""
    quiz = load_catalogue(catalogue_dir).module_text(COURSE, MODULE, "en")[0].quiz
    targets: dict[str, str] = {}
    for index, question in enumerate(quiz.questions):
        name = f"q{index}"
        if question.type in ("single", "multiple"):
            for position in question.correct:
                targets[f"{name}-{position}"] = "checked"
        elif question.type == "text":
            targets[name] = "Pixels."  # as a child types it: capital and full stop
        elif question.type == "ordering":
            places = {o.html: str(o.position + 1) for o in question.options}
            for row in page.query_selector_all(f"fieldset:nth-of-type({index + 1}) .order-item"):
                select = row.query_selector("select")
                targets[select.get_attribute("id")] = places[row.query_selector(".order-text").inner_html().strip()]
        elif question.type == "matching":
            for left, option in enumerate(question.options):
                select = page.query_selector(f"#{name}-{left}")
                wanted = TAGS.sub("", option.match_html)
                value = next(o.get_attribute("value") for o in select.query_selector_all("option") if o.inner_text() == wanted)
                targets[f"{name}-{left}"] = value
    return targets


def _passed(page: Any) -> None:
    assert "/attempts/" in page.url, page.inner_text("main")
    assert page.locator(".result.passed").count() == 1, page.inner_text("main")
    assert page.evaluate("document.activeElement.id") == "result"  # focus moved to the result
    assert page.locator("a.button", has_text="Continue").count() == 1


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_every_type_answered_with_the_mouse(
    browser, live_server: str, make_user: Callable[..., object], catalogue_dir: Path, javascript: bool
) -> None:
    make_user(LEARNER)
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    try:
        _sign_in(page, live_server)
        page.goto(f"{live_server}/en/courses/{COURSE}/{MODULE}/")
        assert page.locator(".options-pictures img[alt]").count() == 2  # picture options
        assert "Choose all that apply." in page.inner_text("fieldset.question-multiple legend")
        if javascript:
            rows = page.locator("ol[data-ordering] .order-item")
            first_text = rows.nth(0).locator(".order-text").inner_text()
            last = rows.nth(rows.count() - 1)
            height = last.bounding_box()["height"]
            # Held by its text, dropped on the lower half of the last item: it becomes the last.
            rows.nth(0).drag_to(last, source_position={"x": 8, "y": 8}, target_position={"x": 8, "y": height - 4})
            assert rows.nth(rows.count() - 1).locator(".order-text").inner_text() == first_text
            assert rows.nth(0).locator(".order-text").inner_text() != first_text
            places = [rows.nth(i).locator("select").input_value() for i in range(rows.count())]
            assert places == [str(i + 1) for i in range(rows.count())]  # ...and the selects follow
            assert page.locator("button.order-move").count() == 2 * rows.count()
        targets = _targets(page, catalogue_dir)
        for control, value in targets.items():
            if value == "checked":
                page.check(f"#{control}")
        for control, value in targets.items():
            element = page.locator(f"#{control}")
            if value != "checked" and element.evaluate("e => e.tagName") == "SELECT":
                element.select_option(value)
            elif value != "checked":
                element.fill(value)
        with page.expect_navigation():
            page.click("form[action$='/quiz'] button[type=submit]")
        _passed(page)
    finally:
        context.close()


ACTIVE = """() => { const e = document.activeElement;
  return {tag: e.tagName, id: e.id, type: e.type || '', value: e.value || '',
          inQuiz: !!e.closest("form[action$='/quiz']")}; }"""


def test_every_type_answered_with_the_keyboard_alone(
    browser, live_server: str, make_user: Callable[..., object], catalogue_dir: Path
) -> None:
    make_user(LEARNER)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    try:
        _sign_in(page, live_server)
        page.goto(f"{live_server}/en/courses/{COURSE}/{MODULE}/")
        targets = _targets(page, catalogue_dir)
        for _ in range(6):  # a few rounds: moving an ordering item moves the others
            done = _tab_round(page, targets)
            if done:
                break
        else:
            pytest.fail("the quiz could not be answered with the keyboard")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # on the submit button
        _passed(page)
    finally:
        context.close()


def _tab_round(page: Any, targets: dict[str, str]) -> bool:
    """Tab through the quiz once, setting every control; True when all were right already."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("h2#quiz-title").evaluate("e => { e.tabIndex = -1; e.focus(); }")
    right = True
    for _ in range(120):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if not active["inQuiz"]:
            continue
        if active["tag"] == "BUTTON" and active["type"] == "submit":
            return right
        wanted = targets.get(active["id"])
        if active["type"] == "radio":
            # One tab stop per group: the arrow keys move to, and choose, the wanted option.
            group = active["id"].rsplit("-", 1)[0]
            goal = next(c for c, v in targets.items() if c.startswith(group + "-") and v == "checked")
            for _ in range(10):
                if page.evaluate("document.activeElement.id") == goal and page.evaluate("document.activeElement.checked"):
                    break
                right = False
                page.keyboard.press("ArrowDown")
        elif active["type"] == "checkbox":
            checked = page.evaluate("document.activeElement.checked")
            if (wanted == "checked") != checked:
                right = False
                page.keyboard.press("Space")
        elif active["type"] == "text" and wanted is not None and active["value"] != wanted:
            right = False
            page.keyboard.type(wanted)
        elif active["tag"] == "SELECT" and wanted is not None:
            for _ in range(12):
                if page.evaluate("document.activeElement.value") == wanted:
                    break
                right = False
                values = page.evaluate("[...document.activeElement.options].map(o => o.value)")
                current = values.index(page.evaluate("document.activeElement.value"))
                page.keyboard.press("ArrowDown" if values.index(wanted) > current else "ArrowUp")
    raise AssertionError("Tab never reached the quiz's submit button")
