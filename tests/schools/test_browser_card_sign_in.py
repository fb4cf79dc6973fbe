"""A young learner signs in with the QR code on their login card, in a real browser.

The teacher downloads the class's login cards; the PDF is rendered with pdftoppm and the QR
codes are decoded with zbarimg (nothing is read from the database or the HTML). A fresh browser
context (a class tablet) opens a decoded link: the page only asks, signs in at the button and
lands on the learner's dashboard, without being sent to choose a password.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ailit.locales import LOCALES
from tests.browser_fixtures import address, serving
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"  # ignored by git


@pytest.fixture
def card_server(app_factory: Callable[..., Flask]) -> Iterator[str]:
    """The app on a free port whose public address (the QR codes' links) is that port."""
    with serving() as server:
        server.app = app_factory(WTF_CSRF_ENABLED=True, BASE_URL=address(server))
        yield address(server)


def _decode_qr_codes(pdf: bytes, folder: Path) -> list[str]:
    (folder / "cards.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(folder / "cards.pdf"), str(folder / "page")], check=True)
    pages = sorted(str(p) for p in folder.glob("page*.png"))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", *pages], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_a_child_signs_in_with_the_qr_code_on_the_printed_card(browser, world, card_server: str, tmp_path) -> None:
    teacher = browser.new_context(locale="en-GB", accept_downloads=True)
    tablet = browser.new_context(locale="en-GB")
    try:
        page = teacher.new_page()
        page.goto(card_server + "/en/sign-in")
        page.fill("#username", "teacher")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.goto(f"{card_server}/en/classes/{world.class_id}/")
        with page.expect_download() as download_info:
            page.click("text=Print cards for new learners only (PDF)")
        pdf = Path(download_info.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF")

        links = _decode_qr_codes(pdf, tmp_path)
        assert len(links) == 3 and len(set(links)) == 3  # one code per learner
        assert all(re.fullmatch(re.escape(card_server) + r"/en/card\?t=[A-Za-z0-9_-]{22}", link) for link in links)

        # On the class tablet: opening the link only asks.
        child = tablet.new_page()
        child.goto(links[0])
        question = child.locator("h1").inner_text()
        name = re.fullmatch(r"Sign in as (.+)\?", question).group(1)
        assert name in {"Ali", "Sara", "فاطمة"}
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        child.screenshot(path=str(SCREENSHOTS / "card-sign-in-en.png"), full_page=True)
        elsewhere = tablet.new_page()
        elsewhere.goto(card_server + "/en/account/")
        assert "/en/sign-in" in elsewhere.url  # the GET signed nobody in
        elsewhere.close()

        # One press of the big button: the child's own dashboard, no password to choose.
        child.click("text=Yes, sign me in")
        assert child.url == card_server + "/en/"
        expect(child.locator("h1")).to_contain_text(name)
        child.goto(card_server + "/en/courses/")
        assert child.url == card_server + "/en/courses/"

        # The teacher reissues the class's codes: the same card now gets the one dead-card page.
        page.goto(f"{card_server}/en/classes/{world.class_id}/")
        page.click("text=New QR codes for the whole class")
        other = tablet.new_page()
        response = other.goto(links[1])
        assert response.status == 404
        expect(other.locator("h1")).to_have_text("This card no longer works")
    finally:
        teacher.close()
        tablet.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _violations(page, label: str) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    found = Axe().run(page, options=options).response["violations"]
    return [f"{label}: {v['id']} ({v.get('impact')}) {[n['target'] for n in v['nodes']]}" for v in found]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_new_pages_meet_wcag_aa_in_every_language(browser, app, world, card_server: str, locale: str) -> None:
    """The card's question, the dead-card page and the class page's card forms: axe finds nothing."""
    from ailit.services import class_learners
    from ailit.models import User
    from sqlalchemy import select

    with app.app_context():
        from ailit.web.extensions import db

        teacher = db.session.scalar(select(User).where(User.username == "teacher"))
        sheet = class_learners.login_cards(db.session, teacher, world.class_id, "", lambda token: token)
    token = sheet.cards[2].sign_in_link  # فاطمة: an Arabic name inside every language
    context = browser.new_context(locale="en-GB", viewport={"width": 1000, "height": 900})
    findings: list[str] = []
    try:
        page = context.new_page()
        assert page.goto(f"{card_server}/{locale}/card?t={token}").status == 200
        assert page.evaluate("document.documentElement.lang") == locale
        findings += _violations(page, f"[{locale}] card question")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"card-sign-in-{locale}.png"), full_page=True)
        assert page.goto(f"{card_server}/{locale}/card?t=no-such-card").status == 404
        findings += _violations(page, f"[{locale}] dead card")
        page.screenshot(path=str(SCREENSHOTS / f"card-dead-{locale}.png"), full_page=True)
        page.goto(f"{card_server}/{locale}/sign-in")
        page.fill("#username", "teacher")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.goto(f"{card_server}/{locale}/classes/{world.class_id}/")
        expect(page.locator("#login-cards")).to_have_count(1)
        findings += _violations(page, f"[{locale}] class page with the card forms")
        page.screenshot(path=str(SCREENSHOTS / f"class-cards-{locale}.png"), full_page=True)
    finally:
        context.close()
    assert findings == []
