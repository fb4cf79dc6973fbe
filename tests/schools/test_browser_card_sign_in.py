"""A young learner signs in with the QR code on their login card, in a real browser.

The teacher downloads the class's login cards; the PDF is rendered with pdftoppm and the QR
codes are decoded with zbarimg (nothing is read from the database or the HTML). A fresh browser
context (a class tablet) opens a decoded link: the page only asks, signs in at the button and
lands on the learner's dashboard, without being sent to choose a password.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp/ailit-screenshots")


@pytest.fixture
def card_server(app_factory: Callable[..., Flask]) -> Iterator[str]:
    """The app on a free port whose public address (the QR codes' links) is that port."""
    server = make_server("127.0.0.1", 0, lambda environ, start: [], threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    server.app = app_factory(WTF_CSRF_ENABLED=True, BASE_URL=base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        thread.join(timeout=5)


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
        SCREENSHOTS.mkdir(exist_ok=True)
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
