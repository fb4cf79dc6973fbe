"""Young and older learners in Chromium, on one live server for the whole file: a primary lesson
in steps (Next / Previous, the keyboard, Arabic mirrored), a picture answered by clicking it,
the celebrations and the certificate offered on the dashboard, reading mode on by default for an
older learner, and axe plus screenshots (``build/screenshots/``) of the step pages in six locales.

The catalogue is the bundled courses (the primary course's six languages) plus the step-test
courses of ``steps_course.py`` (a picture question, a lesson completed by reading)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from test_accessibility import audit, new_page, sign_in, submit

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.content.steps import split_lesson
from ailit.locales import LOCALES
from ailit.migrations import upgrade
from ailit.models import User
from ailit.web import create_app
from tests.browser_fixtures import address, serving
from tests.conftest import PASSWORD, ROOT
from tests.quiz_helpers import correct_answers
from tests.web.steps_course import COURSE, ONE_SCREEN, READ_ONLY, STEPPED, write_steps_courses

pytestmark = pytest.mark.browser

PRIMARY, PRIMARY_MODULE = "meet-the-machines", "is-it-ai"
OLDER = "ai-in-everyday-life"
SCREENSHOTS = ROOT / "build" / "screenshots"


@dataclass(frozen=True)
class Server:
    """The live server of this file: its address and its app (for setting up data)."""

    url: str
    app: Flask

    def user(self, username: str) -> int:
        with self.app.app_context():
            from ailit.services import accounts
            from ailit.web.extensions import db, security

            found = db.session.query(User).filter_by(username=username).one_or_none()
            if found is None:
                found = accounts.register_user(
                    db.session, username=username, password=PASSWORD, display_name=username.title(),
                    locale="en", hasher=security.hasher,
                )
            return found.id


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, translations_dir: Path) -> Iterator[Server]:
    """One app and one live server for every test here, on a SQLite database of their own."""
    root = tmp_path_factory.mktemp("browser-steps")
    courses = root / "courses"
    shutil.copytree(ROOT / "courses", courses)
    write_steps_courses(courses)
    report = build_catalogue(courses, root / "catalogue")
    assert report.ok, [str(d) for d in report.diagnostics]
    url = f"sqlite:///{root / 'ailit.db'}"
    upgrade(url)
    app = create_app(
        {
            "TESTING": True, "SECRET_KEY": "browser steps", "DATABASE_URL": url,
            "CATALOGUE_DIR": root / "catalogue", "COURSES_DIR": courses, "DATA_DIR": root / "data",
            "BASE_URL": "http://localhost", "BABEL_TRANSLATION_DIRECTORIES": str(translations_dir),
            "RATELIMIT_ENABLED": False, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8, "ARGON2_PARALLELISM": 1,
        }
    )
    try:
        with serving(app) as live:
            yield Server(address(live), app)
    finally:
        app.extensions["ailit.db"][0].dispose()


def _total_steps(server: Server, locale: str) -> int:
    """The primary module's screens in ``locale``: its sections plus the quiz."""
    text, _ = load_catalogue(server.app.config["CATALOGUE_DIR"]).module_text(PRIMARY, PRIMARY_MODULE, locale)
    return len(split_lesson(text.html)) + 1


def _step_count(page: Any) -> str:
    return page.locator("#step").inner_text().strip()


def test_a_primary_lesson_one_step_at_a_time_with_the_mouse_and_the_keyboard(browser, server: Server) -> None:
    server.user("mia")
    total = _total_steps(server, "en")
    assert total >= 4
    page = new_page(browser)
    try:
        sign_in(page, server.url, "en", "mia")
        page.goto(f"{server.url}/en/courses/{PRIMARY}/{PRIMARY_MODULE}/")
        assert _step_count(page) == f"Step 1 of {total}"
        assert page.locator(".step-track li").count() == total
        assert page.locator("form[action$='/quiz']").count() == 0  # the quiz is the last step
        next_button = page.locator(".step-pager a[rel=next]")
        assert next_button.bounding_box()["height"] >= 56  # a large target
        with page.expect_navigation():
            next_button.click()
        assert page.url.endswith("?step=2#step") and _step_count(page) == f"Step 2 of {total}"
        assert page.evaluate("document.activeElement.id") == "step"  # the new step is announced
        assert page.title().startswith(f"Step 2 of {total}")
        # The keyboard alone: Tab from the step count to Next, then Enter.
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.step-pager a[rel=next]')"):
                break
        else:
            pytest.fail("Tab never reached the Next button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert _step_count(page) == f"Step 3 of {total}"
        page.locator(".step-pager a[rel=prev]").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert _step_count(page) == f"Step 2 of {total}"
        page.goto(f"{server.url}/en/courses/{PRIMARY}/{PRIMARY_MODULE}/?step={total}")
        assert page.locator("form[action$='/quiz'] fieldset").count() >= 1
        assert page.locator(".step-pager a[rel=next]").count() == 0
        # The whole lesson is a link away; it prints whole.
        page.click("text=Show the whole lesson")
        assert page.locator(".step-count").count() == 0 and page.locator("#lesson-text .lesson-body > h2").count() == total - 1
    finally:
        page.context.close()


def test_printing_a_step_prints_the_whole_lesson(browser, server: Server) -> None:
    page = new_page(browser)
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    try:
        page.goto(f"{server.url}/en/courses/{PRIMARY}/{PRIMARY_MODULE}/?step=2")
        with page.expect_navigation():
            page.click("button[data-print]")
        assert page.url.endswith("?step=all#print")
        page.wait_for_function("window.__printed === 1")
        page.emulate_media(media="print")
        assert page.locator("#lesson-text .lesson-body > h2").count() == _total_steps(server, "en") - 1
        assert page.locator(".quiz").is_visible() and not page.locator(".steps").count()
    finally:
        page.context.close()


def test_arabic_steps_are_mirrored(browser, server: Server) -> None:
    page = new_page(browser, locale="ar")
    try:
        page.goto(f"{server.url}/ar/courses/{PRIMARY}/{PRIMARY_MODULE}/?step=2")
        assert page.evaluate("getComputedStyle(document.querySelector('.step-pager')).direction") == "rtl"
        previous = page.locator(".step-pager a[rel=prev]").bounding_box()
        following = page.locator(".step-pager a[rel=next]").bounding_box()
        assert following["x"] < previous["x"]  # Next is on the left
        assert "←" in page.locator(".step-pager a[rel=next]").inner_text()
        dots = page.locator(".step-track li")
        assert dots.nth(0).bounding_box()["x"] > dots.nth(dots.count() - 1).bounding_box()["x"]  # step 1 on the right
        assert "2" in _step_count(page)
    finally:
        page.context.close()


def test_a_picture_answer_a_module_and_a_course_finished_and_the_certificate(browser, server: Server) -> None:
    learner = server.user("leo")
    with server.app.app_context():  # the middle module is passed already
        from ailit.services import quiz
        from ailit.web.extensions import content, db

        answers = correct_answers(content.catalogue, COURSE, ONE_SCREEN, db.session, learner)
        quiz.submit_attempt(db.session, learner, content.catalogue, COURSE, ONE_SCREEN, "en", answers, "one-screen")
    page = new_page(browser)
    try:
        sign_in(page, server.url, "en", "leo")
        page.goto(f"{server.url}/en/courses/{COURSE}/{STEPPED}/?step=4")
        cat = page.locator("img[alt='A grey cat with pointed ears']")
        cat.click()  # the picture itself is the answer
        radio = page.locator(".option.picture", has=cat).locator("input")
        assert radio.is_checked()
        submit(page, "form[action$='/quiz'] button[type=submit]")
        assert page.locator(".result.passed").count() == 1
        assert "Module complete" in page.locator(".celebration").inner_text()
        # The last module: read it step by step; "Mark as read" waits on the last step.
        page.goto(f"{server.url}/en/courses/{COURSE}/{READ_ONLY}/")
        assert page.locator("section.mark-read").count() == 0
        with page.expect_navigation():
            page.click(".step-pager a[rel=next]")
        submit(page, "section.mark-read button")
        assert "You finished the course" in page.locator(".celebration").inner_text()
        # The dashboard offers the certificate at once, and issuing it from there works.
        page.goto(f"{server.url}/en/")
        offer = page.locator(".celebration form[action$='/certificates/issue']")
        assert offer.count() == 1 and "Steps course" in page.locator(".celebration").inner_text()
        submit(page, ".celebration form[action$='/certificates/issue'] button")
        assert "/certificates/" in page.url and "Steps course" in page.inner_text("main")
        page.goto(f"{server.url}/en/")
        assert page.locator(".celebration form[action$='/certificates/issue']").count() == 0
    finally:
        page.context.close()


def test_an_older_learner_reads_in_reading_mode_until_switching_it_off(browser, server: Server) -> None:
    learner = server.user("grandad")
    with server.app.app_context():
        from ailit.services import progress
        from ailit.web.extensions import content, db

        first = content.catalogue.course(OLDER).modules[0].id
        progress.record_visit(db.session, learner, content.catalogue, OLDER, first)
    reading = "document.body.classList.contains('reading')"
    page, later = new_page(browser), new_page(browser)
    try:
        sign_in(page, server.url, "en", "grandad")
        assert page.evaluate(reading)  # the dashboard, straight after signing in
        page.goto(f"{server.url}/en/courses/")
        assert page.evaluate(reading)
        assert page.locator(".reading-switch button").get_attribute("aria-pressed") == "true"
        submit(page, ".reading-switch button")
        assert not page.evaluate(reading)
        submit(page, "form[action$='/sign-out'] button")
        sign_in(later, server.url, "en", "grandad")  # another day, another browser
        assert not later.evaluate(reading)
        later.goto(f"{server.url}/en/courses/{OLDER}/")
        assert not later.evaluate(reading)  # their choice wins even in the older-learners course
    finally:
        page.context.close()
        later.context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_step_pages_pass_axe_and_are_photographed_in_every_locale(browser, server: Server, locale: str) -> None:
    server.user("ada")
    total = _total_steps(server, locale)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(browser)
    findings = []
    try:
        sign_in(page, server.url, locale, "ada")
        for name, step in (("step-first", 1), ("step-middle", 2), ("step-quiz", total)):
            response = page.goto(f"{server.url}/{locale}/courses/{PRIMARY}/{PRIMARY_MODULE}/?step={step}")
            assert response is not None and response.status == 200, (name, locale)
            assert page.locator("#step").count() == 1
            findings += [f for f in audit(Axe(), page, f"[{locale}] {name}") if f.impact in ("serious", "critical")]
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{locale}.png"), full_page=True)
    finally:
        page.context.close()
    assert not findings, "\n".join(map(str, findings))
