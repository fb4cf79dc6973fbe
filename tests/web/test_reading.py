"""Reading mode (remembered per account, a cookie for visitors, on by default in the
older-learners course and everywhere for someone following it) and read-aloud (only where the browser has a voice for the lesson)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from test_accessibility import new_page, sign_in, submit

from ailit.models import Assignment, ClassMembership, Classroom, School
from ailit.services import progress
from ailit.web import experience
from tests.conftest import PASSWORD
from tests.web.steps_course import READING_COURSE, READING_MODULE

MODULE = "/courses/sample-robots/what-is-ai/"


def _reading(html: str) -> bool:
    return '<body class="' in html and " reading\"" in html.split('<body class="', 1)[1].split(">", 1)[0]


def test_visitors_choice_lives_in_a_cookie(client: FlaskClient) -> None:
    page = client.get(f"/en{MODULE}").get_data(as_text=True)  # now in the anonymous page cache
    assert not _reading(page) and "csrf_token" not in page  # a cached page holds no form token
    switch = re.search(r'<p class="reading-switch"><a class="toggle" rel="nofollow" href="([^"]+)"', page)
    response = client.get(html.unescape(switch.group(1)))
    assert response.status_code == 303 and response.headers["Location"] == f"/en{MODULE}"
    assert _reading(client.get(f"/en{MODULE}").get_data(as_text=True))  # not the cached page
    assert _reading(client.get("/en/courses/").get_data(as_text=True))
    client.get("/en/reading-mode?on=0&next=/en/")
    assert not _reading(client.get(f"/en{MODULE}").get_data(as_text=True))


def test_switch_never_leads_off_site(client: FlaskClient) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil"):
        response = client.get("/en/reading-mode", query_string={"on": "1", "next": target})
        assert response.headers["Location"] in ("/en/", "/")


def test_a_stage_can_open_in_reading_mode_until_the_reader_chooses(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "older-learners" in experience.READING_STAGES
    # The fixture courses are primary and teacher-pd: make primary a reading stage for this test.
    monkeypatch.setattr(experience, "READING_STAGES", frozenset({"primary"}))
    assert _reading(client.get(f"/en{MODULE}").get_data(as_text=True))
    assert _reading(client.get("/en/courses/sample-robots/").get_data(as_text=True))
    assert not _reading(client.get("/en/courses/sample-teaching/").get_data(as_text=True))
    client.get("/en/reading-mode?on=0&next=/en/")
    assert not _reading(client.get(f"/en{MODULE}").get_data(as_text=True))


@pytest.mark.browser
def test_reading_mode_is_remembered_for_the_account(
    browser, live_server: str, make_user: Callable[..., object]
) -> None:
    make_user("grandma")
    first, later = new_page(browser), new_page(browser)
    try:
        sign_in(first, live_server, "en", "grandma")
        first.goto(f"{live_server}/en{MODULE}")
        size = first.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        submit(first, ".reading-switch button")
        assert first.url.endswith(MODULE)
        assert first.evaluate("document.body.classList.contains('reading')")
        assert first.locator(".reading-switch button").get_attribute("aria-pressed") == "true"
        bigger = first.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert bigger >= size * 1.15
        # The whole answer row chooses the answer, not only the small box.
        option = first.locator(".option").first
        option.scroll_into_view_if_needed()
        box = option.bounding_box()
        first.mouse.click(box["x"] + box["width"] - 10, box["y"] + box["height"] / 2)
        assert option.locator("input").is_checked()
        assert box["height"] >= 56
        # Another browser, the same account: still in reading mode (kept in the database).
        sign_in(later, live_server, "en", "grandma")
        later.goto(f"{live_server}/en/courses/")
        assert later.evaluate("document.body.classList.contains('reading')")
    finally:
        first.context.close()
        later.context.close()


SPEECH_STUB = """(voices) => {
  window.__spoken = [];
  class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } }
  window.SpeechSynthesisUtterance = Utterance;
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => voices,
    speak: (u) => window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}),
    cancel: () => {},
    addEventListener: () => {},
  }});
}"""


def _page_with_voices(browser, voices: list[dict[str, str]]):
    page = new_page(browser)
    page.add_init_script(f"({SPEECH_STUB})({json.dumps(voices)})")
    return page


@pytest.mark.browser
@pytest.mark.parametrize(
    ("voices", "offered"),
    [([{"lang": "ar-SA", "name": "Arabic"}], True), ([{"lang": "en-US", "name": "English"}], False), ([], False)],
)
def test_read_aloud_appears_only_where_a_voice_exists(browser, live_server: str, voices, offered: bool) -> None:
    page = _page_with_voices(browser, voices)
    try:
        page.goto(f"{live_server}/ar{MODULE}")
        assert page.evaluate("document.getElementById('lesson-text').lang") == "ar"
        button = page.locator("button[data-read-aloud]")
        assert button.is_visible() is offered
        if offered:
            button.click()
            spoken = page.evaluate("window.__spoken")
            assert len(spoken) == 1 and spoken[0]["lang"] == "ar" and spoken[0]["voice"] == "ar-SA"
            assert "الذكاء" in spoken[0]["text"]
            assert button.get_attribute("aria-pressed") == "true"
            assert "أوقف القراءة" in button.inner_text()
    finally:
        page.context.close()


@pytest.mark.browser
def test_read_aloud_is_absent_without_speech_synthesis(browser, live_server: str) -> None:
    page = new_page(browser, java_script_enabled=False)
    try:
        page.goto(f"{live_server}/en{MODULE}")
        assert not page.locator("button[data-read-aloud]").is_visible()
    finally:
        page.context.close()


BIDI_ORDER = """(needle) => {
  const walker = document.createTreeWalker(document.getElementById('lesson-text'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, at = node.data.indexOf(needle);
    if (at < 0) continue;
    const xs = [...needle].map((ch, i) => {
      const r = document.createRange(); r.setStart(node, at + i); r.setEnd(node, at + i + 1);
      return ch.trim() ? r.getBoundingClientRect().left : null; }).filter(x => x !== null);
    return xs;
  }
  return null;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("run", ["3 / 6", "4+4+4=12"])
def test_arithmetic_reads_left_to_right_inside_arabic(browser, live_server: str, run: str) -> None:
    page = new_page(browser)
    try:
        page.goto(f"{live_server}/ar{MODULE}")
        assert page.evaluate("getComputedStyle(document.getElementById('lesson-text')).direction") == "rtl"
        xs = page.evaluate(BIDI_ORDER, run)
        assert xs, f"{run!r} is not on the page"
        assert xs == sorted(xs), f"{run!r} is drawn out of order: {xs}"
    finally:
        page.context.close()


# --- the default follows the learner ---------------------------------------------------------


@pytest.fixture
def reading_app(app_factory, steps_catalogue):
    """The app on the step-course catalogue, which has an older-learners course."""
    return app_factory(CATALOGUE_DIR=steps_catalogue)


def _follow_by_progress(app, user_id: int) -> None:
    with app.app_context():
        from ailit.web.extensions import content, db

        progress.record_visit(db.session, user_id, content.catalogue, READING_COURSE, READING_MODULE)


def _follow_by_assignment(app, user_id: int) -> None:
    with app.app_context():
        from ailit.web.extensions import db

        school = School(name="Evening classes")
        db.session.add(school)
        db.session.flush()
        room = Classroom(school_id=school.id, name="Tuesday group", stage="older-learners", locale="en", username_prefix="tue")
        db.session.add(room)
        db.session.flush()
        db.session.add_all(
            [ClassMembership(classroom_id=room.id, user_id=user_id), Assignment(classroom_id=room.id, course_id=READING_COURSE)]
        )
        db.session.commit()


@pytest.mark.parametrize("follow", [_follow_by_progress, _follow_by_assignment], ids=["progress", "assigned"])
def test_someone_following_an_older_learners_course_reads_everywhere_in_reading_mode(
    reading_app, make_user: Callable[..., object], follow
) -> None:
    client = reading_app.test_client()
    learner = make_user("grandpa")
    make_user("child")
    client.post("/en/sign-in", data={"username": "child", "password": PASSWORD})
    assert not _reading(client.get("/en/").get_data(as_text=True))  # no reading course: off
    client.post("/en/sign-out")
    follow(reading_app, learner.id)
    client.post("/en/sign-in", data={"username": "grandpa", "password": PASSWORD})
    for path in ("/en/", "/en/courses/", "/en/courses/steps-course/", "/en/account/"):
        assert _reading(client.get(path).get_data(as_text=True)), path
    # Their own choice wins, and is kept with the account.
    client.post("/en/reading-mode", data={"on": "0", "next": "/en/"})
    client.post("/en/sign-out")
    fresh = reading_app.test_client()
    fresh.post("/en/sign-in", data={"username": "grandpa", "password": PASSWORD})
    assert not _reading(fresh.get("/en/").get_data(as_text=True))
    assert not _reading(fresh.get(f"/en/courses/{READING_COURSE}/").get_data(as_text=True))
