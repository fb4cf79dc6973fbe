"""A teacher and a learner in a real browser (Debian's Chromium via Playwright), pages only:
create a class, add learners, print login cards, assign a course; the learner signs in with a
one-time password, chooses a password, does a module; the teacher sees it in the report."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

LEARNER_PASSWORD = "my own secret words"


def _sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/en/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main button[type=submit]")


def test_teacher_runs_a_class_and_sees_a_learners_progress(browser, world, live_server: str) -> None:
    teacher = browser.new_context(locale="en-GB", accept_downloads=True)
    learner = browser.new_context(locale="en-GB")
    try:
        page = teacher.new_page()
        _sign_in(page, live_server, "teacher", PASSWORD)
        page.goto(live_server + "/en/classes/")

        # Create a class.
        page.fill("#name", "Year 5 Robots")
        page.select_option("#stage", "primary")
        page.select_option("#class_locale", "en")
        page.click("text=Create the class")
        assert re.search(r"/en/classes/\d+/$", page.url)
        class_url = page.url
        assert page.inner_text("h1") == "Year 5 Robots"

        # Add learners: usernames and one-time passwords are shown once.
        page.fill("#names", "Omar\nLayla")
        page.click("text=Create accounts")
        rows = page.locator("table.data-table tbody tr")
        # count() does not wait: the click returns once the next page starts loading.
        expect(rows).to_have_count(2)
        username = rows.nth(0).locator("code").nth(0).inner_text()
        assert "Omar" in rows.nth(0).inner_text()

        # Login cards: a PDF; printing gives learners new one-time passwords.
        page.click("text=Back to the class")
        with page.expect_download() as download_info:
            page.click("text=Print cards for new learners only (PDF)")
        download = download_info.value
        pdf = Path(download.path()).read_bytes()
        assert pdf.startswith(b"%PDF")
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        after_username = text[text.index(username):]
        one_time = re.search(r"[a-z2-9]{4}-[a-z2-9]{4}", after_username).group(0)

        # Assign the course of the class's stage (offered first, no confirmation needed).
        page.goto(class_url)
        page.click("text=Assign a course")
        assert page.is_checked("#course-sample-robots")
        page.click("main button[type=submit]")
        assert page.url == class_url
        assert "Robots That Learn" in page.inner_text("#assigned + ul")

        # The learner signs in with the one-time password and must choose their own.
        lpage = learner.new_page()
        _sign_in(lpage, live_server, username, one_time)
        assert lpage.url.endswith("/en/account/new-password")
        lpage.goto(live_server + "/en/courses/")
        assert lpage.url.endswith("/en/account/new-password")  # every page leads there
        lpage.fill("#password", LEARNER_PASSWORD)
        lpage.fill("#confirm", LEARNER_PASSWORD)
        lpage.click("main button[type=submit]")
        assert lpage.url == live_server + "/en/"
        assert "Robots That Learn" in lpage.inner_text("#assigned-to-you + ul")

        # ...and does the first module from "Assigned to you".
        lpage.click("text=Start the next module")
        assert "/en/courses/sample-robots/what-is-ai/" in lpage.url
        lpage.check('input[name="q0"][value="1"]')
        lpage.check('input[name="q1"][value="0"]')
        lpage.check('input[name="q1"][value="2"]')
        lpage.fill('input[name="q2"]', "8")
        lpage.fill('input[name="q3"]', "training data")
        lpage.click("form[action$='/quiz'] button[type=submit]")
        expect(lpage.locator(".result.passed")).to_have_count(1)

        # The teacher sees it in the class report.
        page.goto(class_url)
        page.click("text=Class report")
        row = page.locator("table.heatmap tbody tr", has_text=username)
        first_cell = row.locator("td").nth(0)
        assert "completed" in first_cell.get_attribute("class")
        assert "✓" in first_cell.inner_text() and "100" in first_cell.inner_text()
        other = page.locator("table.heatmap tbody tr", has_text="Layla").locator("td").nth(0)
        assert "not_started" in other.get_attribute("class")

        # The learner's own password works from now on; the one-time password does not.
        fresh = browser.new_context(locale="en-GB")
        try:
            fpage = fresh.new_page()
            _sign_in(fpage, live_server, username, one_time)
            assert "/sign-in" in fpage.url
            _sign_in(fpage, live_server, username, LEARNER_PASSWORD)
            assert fpage.url == live_server + "/en/"
        finally:
            fresh.close()
    finally:
        teacher.close()
        learner.close()
