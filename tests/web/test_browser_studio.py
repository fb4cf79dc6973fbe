"""An author and a learner in a real browser (Debian's Chromium via Playwright), pages only:
the author uploads a course, fixes an error shown beside its line, previews a module in Arabic
and publishes; a learner then finds the course and takes its quiz."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import expect

from ailit.models import Role, User
from tests.browser_fixtures import address, serving
from tests.conftest import PASSWORD
from tests.services.test_studio import course_zip

pytestmark = pytest.mark.browser

LESSON = "03-robots-around-us/en.md"


@pytest.fixture
def studio_server(app_factory: Callable[..., Flask], tmp_path: Path) -> Iterator[str]:
    """The app (CSRF on) with a catalogue of its own, which publishing rebuilds."""
    app = app_factory(WTF_CSRF_ENABLED=True, CATALOGUE_DIR=tmp_path / "catalogue", CATALOGUE_CHECK_SECONDS=0)
    with serving(app) as server:
        yield address(server)


def _sign_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/en/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/sign-in" not in url)


def test_author_publishes_from_the_browser_and_a_learner_takes_the_course(
    browser, studio_server: str, make_user: Callable[..., User], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    make_user("author1", role=Role.AUTHOR)
    make_user("learner1")
    package = tmp_path / "robots.zip"
    package.write_bytes(course_zip().getvalue())
    author = browser.new_context(locale="en-GB")
    learner = browser.new_context(locale="en-GB")
    try:
        page = author.new_page()
        _sign_in(page, studio_server, "author1")
        page.goto(studio_server + "/en/studio/")
        page.set_input_files("#package", str(package))
        page.get_by_role("button", name="Upload").click()
        expect(page.locator("h1")).to_have_text("studio-robots")
        expect(page.locator("#draft ~ p[role=status]")).to_contain_text("No errors")

        # An error typed in the editor is shown beside its line, then fixed.
        page.click(f"text={LESSON}")
        text = page.input_value("#text")
        page.fill("#text", text.replace("::: discuss", "::: dicsuss"))
        page.get_by_role("button", name="Save and check").click()
        problem = page.locator(".problems li.problem-error").first
        expect(problem).to_contain_text("did you mean 'discuss'")
        expect(problem).to_contain_text("Line ")
        page.fill("#text", text)
        page.get_by_role("button", name="Save and check").click()
        expect(page.locator(".diagnostics")).to_contain_text("Saved.")
        expect(page.locator(".problems li.problem-error")).to_have_count(0)

        # Preview a module in Arabic, right to left, before anyone else can see it.
        page.goto(studio_server + "/en/studio/studio-robots/preview/what-is-ai?lang=ar")
        article = page.locator("article.lesson")
        expect(article).to_have_attribute("lang", "ar")
        expect(article).to_have_attribute("dir", "rtl")
        learner_page = learner.new_page()
        _sign_in(learner_page, studio_server, "learner1")
        assert learner_page.goto(studio_server + "/en/courses/studio-robots/").status == 404

        # Publish: the learner finds the course and takes its quiz.
        page.goto(studio_server + "/en/studio/studio-robots/")
        page.get_by_role("button", name="Publish the draft").click()
        expect(page.locator("body")).to_contain_text("Published. Learners now see this version.")
        assert learner_page.goto(studio_server + "/en/courses/studio-robots/what-is-ai/").status == 200
        for group in learner_page.locator("fieldset.question").all():
            choices = group.locator("input[type=radio], input[type=checkbox]")
            if choices.count():
                choices.first.check()
            else:
                group.locator("input[type=text]").fill("8")
        learner_page.get_by_role("button", name="Check my answers").click()
        learner_page.wait_for_url("**/attempts/**")
        expect(learner_page.locator("main")).to_contain_text("%")
    finally:
        author.close()
        learner.close()
