"""A real browser (Debian's Chromium via Playwright) against the app served on a local port."""

from __future__ import annotations

from pathlib import Path

import pytest
from ailit.content.catalogue import load_catalogue
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"  # ignored by git


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_learner_journey_in_arabic(browser, live_server: str, catalogue_dir: Path, javascript: bool) -> None:
    # Locator.count() does not wait for a page that a click has only started loading.
    text, _ = load_catalogue(catalogue_dir).module_text("sample-robots", "what-is-ai", "ar")
    arabic_answer = text.quiz.questions[3].accepted[0]
    context = browser.new_context(
        java_script_enabled=javascript, locale="en-GB", viewport={"width": 1000, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        assert page.url == live_server + "/en/"
        page.click("text=Create an account")
        page.fill("#username", "layla")
        page.fill("#display_name", "ليلى")
        page.fill("#password", "a long enough password")
        page.click("button[type=submit]")
        assert page.url == live_server + "/en/"
        assert "ليلى" in page.inner_text("h1")

        page.click("text=Browse the courses")
        page.click("text=Robots That Learn")
        if not javascript:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "course-en.png"), full_page=True)
        page.click(".language-switcher >> text=العربية")
        assert page.url == live_server + "/ar/courses/sample-robots/"
        assert page.get_attribute("html", "dir") == "rtl"
        page.click('a[href="/ar/courses/sample-robots/what-is-ai/"] >> nth=0')
        assert page.get_attribute("article.lesson", "lang") == "ar"
        expect(page.locator("img[src='/media/sample-robots/what-is-ai/robot.svg']")).to_be_visible()

        # Fail: the wrong option in question 1 and a wrong number.
        page.check('input[name="q0"][value="0"]')
        page.check('input[name="q1"][value="0"]')
        page.check('input[name="q1"][value="2"]')
        page.fill('input[name="q2"]', "3")
        page.fill('input[name="q3"]', arabic_answer)
        page.click("form[action$='/quiz'] button[type=submit]")
        assert "/attempts/" in page.url
        expect(page.locator(".result.failed")).to_have_count(1)
        expect(page.locator("li.incorrect")).to_have_count(2)

        page.click("text=اقرأ الوحدة مرة أخرى وأعد المحاولة")
        assert "تبقّت محاولتان" in page.inner_text(".quiz")
        page.check('input[name="q0"][value="1"]')
        page.check('input[name="q1"][value="0"]')
        page.check('input[name="q1"][value="2"]')
        page.fill('input[name="q2"]', "8")
        page.fill('input[name="q3"]', arabic_answer)
        page.click("form[action$='/quiz'] button[type=submit]")
        expect(page.locator(".result.passed")).to_have_count(1)
        if not javascript:
            page.screenshot(path=str(SCREENSHOTS / "result-ar.png"), full_page=True)

        page.click("nav.site-nav >> text=تعلّمي")
        assert page.url == live_server + "/ar/"
        card = page.inner_text(".course-card")
        assert "روبوتات تتعلم" in card
        assert "33" in card  # a third of the course: the ring and the words say so
        expect(page.locator(".course-card .track li.track-completed")).to_have_count(1)
        if not javascript:
            page.screenshot(path=str(SCREENSHOTS / "dashboard-ar.png"), full_page=True)
            page.goto(live_server + "/ar/courses/sample-robots/what-is-ai/")
            page.screenshot(path=str(SCREENSHOTS / "module-ar.png"), full_page=True)
    finally:
        context.close()
