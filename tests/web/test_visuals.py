"""The look of the platform: stage colours that pass contrast, course covers, progress rings,
the celebration when a module or course is finished, the certificate offered on the dashboard,
and screenshots of the key pages in the six locales (``build/screenshots/``, ignored by git)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from a11y_site import COURSE, LEARNER, QUIZ_MODULE, TEACHER, Site, build_site, wrong_answers
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from test_accessibility import audit, new_page, sign_in, submit

from ailit.locales import LOCALES
from ailit.stages import STAGES
from tests.quiz_helpers import correct_answers

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static" / "ailit.css").read_text(encoding="utf-8")
SCREENSHOTS = ROOT / "build" / "screenshots"
COURSES = ROOT / "courses"


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_has_one_colour_readable_as_text(stage: str) -> None:
    rules = re.findall(rf"\.stage-{stage} \{{ --stage: (#[0-9a-f]{{6}}); --stage-tint: (#[0-9a-f]{{6}}); \}}", CSS)
    assert len(rules) == 1, f"stage {stage} needs exactly one colour rule in ailit.css"
    colour, tint = rules[0]
    assert contrast(colour, "#ffffff") >= 4.5
    assert contrast(colour, tint) >= 4.5
    assert contrast("#1a1a1a", tint) >= 4.5  # body text on the stage's tint


def test_every_bundled_course_has_a_light_cover_of_its_own() -> None:
    covers = sorted(COURSES.glob("*/*/cover.svg"))
    assert len(covers) == len(STAGES) == len(list(COURSES.glob("*/*/course.yaml")))
    assert len({c.read_bytes() for c in covers}) == len(covers), "each course is drawn for itself"
    for cover in covers:
        data = cover.read_text(encoding="utf-8")
        assert len(data.encode()) < 4096, cover
        assert "<script" not in data and "href" not in data, cover  # nothing runs, nothing loads
        assert "cover: cover.svg" in (cover.parent / "course.yaml").read_text(encoding="utf-8")


# --- in the browser -------------------------------------------------------------------------


def _complete_first_modules(app: Flask, username: str) -> None:
    """Everything but the last module of the sample course (it has no quiz: "Mark as read")."""
    with app.app_context():
        from ailit.models import User
        from ailit.services import progress, quiz
        from ailit.web.extensions import content, db

        user = db.session.query(User).filter_by(username=username).one()
        course = content.catalogue.course(COURSE)
        for module in course.modules[:-1]:
            answers = correct_answers(content.catalogue, COURSE, module.id, db.session, user.id)
            quiz.submit_attempt(db.session, user.id, content.catalogue, COURSE, module.id, "en", answers, module.id)
        assert not course.modules[-1].has_quiz
        progress.record_visit(db.session, user.id, content.catalogue, COURSE, course.modules[-1].id)


@pytest.mark.browser
@pytest.mark.parametrize("reduced", [False, True])
def test_finishing_a_course_celebrates_and_offers_the_certificate(
    browser, live_server: str, app: Flask, make_user: Callable[..., object], reduced: bool
) -> None:
    make_user("finisher")
    _complete_first_modules(app, "finisher")
    page = new_page(browser, reduced_motion="reduce" if reduced else "no-preference")
    try:
        sign_in(page, live_server, "en", "finisher")
        page.goto(f"{live_server}/en/")
        assert page.locator(".course-card .ring").count() == 1
        assert page.locator(".track li").count() == 3 and page.locator(".track .track-completed").count() == 2
        assert page.locator("form[action$='/certificates/issue']").count() == 0  # not yet
        page.goto(f"{live_server}/en/courses/{COURSE}/robots-around-us/")
        submit(page, "section.mark-read button")
        assert page.url.endswith(f"/en/courses/{COURSE}/")
        party = page.locator(".celebration")
        assert party.count() == 1 and "You finished the course" in party.inner_text()
        confetti = page.locator(".confetti")
        if reduced:
            assert not confetti.is_visible()
        else:
            assert confetti.is_visible()
            name = page.evaluate("getComputedStyle(document.querySelector('.confetti i')).animationName")
            assert name == "confetti-burst"
        # The dashboard offers the certificate at once, and issuing it keeps its promise.
        page.goto(f"{live_server}/en/")
        offer = page.locator(".celebration form[action$='/certificates/issue']")
        assert offer.count() == 1
        submit(page, ".celebration form[action$='/certificates/issue'] button")
        assert "/certificates/" in page.url and page.locator("main").inner_text().count("Robots That Learn") >= 1
        page.goto(f"{live_server}/en/")
        assert page.locator(".celebration").count() == 0  # issued: offered no more
    finally:
        page.context.close()


@pytest.mark.browser
def test_passing_a_quiz_celebrates_and_failing_does_not(
    browser, live_server: str, app: Flask, make_user: Callable[..., object]
) -> None:
    make_user(LEARNER)
    with app.app_context():
        from ailit.web.extensions import content

        right = correct_answers(content.catalogue, COURSE, QUIZ_MODULE)
        wrong = wrong_answers(content.catalogue, COURSE, QUIZ_MODULE)
    page = new_page(browser)
    try:
        sign_in(page, live_server, "en", LEARNER)
        for answers, celebrates in ((wrong, False), (right, True)):
            page.goto(f"{live_server}/en/courses/{COURSE}/{QUIZ_MODULE}/")
            for index, answer in enumerate(answers):
                if isinstance(answer, list):
                    for position in answer:
                        page.check(f"#q{index}-{position}")
                else:
                    page.fill(f"#q{index}", str(answer).removesuffix(".0"))
            submit(page, "form[action$='/quiz'] button[type=submit]")
            assert (page.locator(".celebration").count() == 1) is celebrates
    finally:
        page.context.close()


KEY_PAGES = [
    ("home", None, "/"),
    ("catalogue", None, "/courses/"),
    ("course", "learner", f"/courses/{COURSE}/"),
    ("glossary", "learner", f"/courses/{COURSE}/glossary"),
    ("dashboard", "learner", "/"),
    ("module", "learner", f"/courses/{COURSE}/{QUIZ_MODULE}/"),
    ("result", "learner", "attempt"),
    ("report", "teacher", "report"),
    ("teacher-edition", "teacher", f"/courses/{COURSE}/{QUIZ_MODULE}/teacher-edition"),
]


@pytest.fixture
def site(app: Flask) -> Site:
    return build_site(app)


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_key_pages_in_every_locale_pass_axe_and_are_photographed(
    browser, live_server: str, site: Site, locale: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visitor, learner, teacher = new_page(browser), new_page(browser), new_page(browser)
    findings = []
    try:
        sign_in(learner, live_server, locale, LEARNER)
        sign_in(teacher, live_server, locale, TEACHER)
        for name, who, path in KEY_PAGES:
            page = {"learner": learner, "teacher": teacher}.get(who or "", visitor)
            if path == "attempt":
                path = f"/courses/{COURSE}/{QUIZ_MODULE}/attempts/{site.failed_attempt_id}"
            elif path == "report":
                path = f"/classes/{site.class_id}/report"
            response = page.goto(f"{live_server}/{locale}{path}")
            assert response is not None and response.status == 200, (name, locale)
            findings += [f for f in audit(Axe(), page, f"[{locale}] {name}") if f.impact in ("serious", "critical")]
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{locale}.png"), full_page=True)
        # The report: each course title once, headers and learner names stay in view.
        teacher.goto(f"{live_server}/{locale}/classes/{site.class_id}/report")
        assert teacher.locator("table.heatmap thead th[scope=colgroup]").count() == 1
        sticky = "s => getComputedStyle(document.querySelector(s)).position"
        assert teacher.evaluate(sticky, "table.heatmap thead th[scope=col]") == "sticky"
        assert teacher.evaluate(sticky, "table.heatmap tbody th") == "sticky"
    finally:
        for page in (visitor, learner, teacher):
            page.context.close()
    assert not findings, "\n".join(map(str, findings))
