"""Browser fixtures shared by every browser test: Debian's Chromium through Playwright, and the
app served on 127.0.0.1 in a background thread. Never downloads a browser."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serving(app: Flask | None = None) -> Iterator[BaseWSGIServer]:
    """``app`` on 127.0.0.1 and a free port, in a background thread, until the block ends.

    Without ``app``, the caller sets ``server.app`` once it knows the port (for an app whose
    public address is that port); until then every request gets an empty answer.
    """
    server = make_server("127.0.0.1", 0, app or (lambda environ, start_response: []), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=5)


def address(server: BaseWSGIServer) -> str:
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def live_server(app_factory: Callable[..., Flask]) -> Iterator[str]:
    """The app (CSRF on) on 127.0.0.1 and a free port, in a background thread."""
    with serving(app_factory(WTF_CSRF_ENABLED=True)) as server:
        yield address(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (scripts/setup.sh)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
