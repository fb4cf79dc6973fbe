"""Anonymous pages of the catalogue, rendered once per address and catalogue version.

A visitor who is not signed in and has no session cookie sees exactly what every other such
visitor sees on a catalogue page (course list, course page, module page): the page is
rendered once per process for its path (locale included) and the catalogue's version, kept
up to ``MAX_BYTES``, and answered with an ``ETag`` (a repeat visit gets 304 Not Modified). A
new catalogue changes the version, so its pages are rendered afresh. Signed-in visitors, or
anyone carrying a session (flashed messages, a form in progress), always get a fresh render.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Response, current_app, make_response, request
from flask_login import current_user

from ailit.web.experience import READING_COOKIE
from ailit.web.extensions import content

MAX_BYTES = 16 * 1024 * 1024
CACHE_CONTROL = "no-cache"  # browsers and proxies may keep it, but ask again (ETag) each time


class PageCache:
    """Rendered pages (body and ETag) by key, least recently used dropped past ``max_bytes``."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple[str, str], tuple[bytes, str]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> tuple[bytes, str] | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, str], body: bytes) -> tuple[bytes, str]:
        page = (body, hashlib.sha256(body).hexdigest()[:32])
        with self._lock:
            if key not in self._pages and len(body) <= self.max_bytes:
                self._pages[key] = page
                self._size += len(body)
                while self._size > self.max_bytes:
                    _old, (old_body, _etag) = self._pages.popitem(last=False)
                    self._size -= len(old_body)
        return page


def is_cacheable() -> bool:
    """A GET from a visitor with no session and no account: the page is the same for all."""
    return (
        request.method in ("GET", "HEAD")
        and current_app.config["SESSION_COOKIE_NAME"] not in request.cookies
        and READING_COOKIE not in request.cookies  # the reader chose how pages look
        and not current_user.is_authenticated
    )


def anonymous_page(render: Callable[[], str]) -> Response | str:
    """``render()``'s page, from the cache for anonymous visitors, with an ETag and 304s."""
    if not is_cacheable():
        return render()
    cache: PageCache = current_app.extensions.setdefault("ailit.page_cache", PageCache())
    key = (request.full_path, content.catalogue.version)
    page = cache.get(key)
    if page is None:
        page = cache.put(key, render().encode("utf-8"))
    body, etag = page
    response = make_response(body)
    response.set_etag(etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response.make_conditional(request)
