"""The only resources a certificate PDF may load: files inside the project's ``static/`` folder.

WeasyPrint would otherwise follow any URL in the template or in data (``http:``, ``file:///etc``).
The fetcher answers ``file:`` URLs that resolve inside the static root and refuses everything
else, so a name or title can never make the renderer read the network or the disk.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ailit.settings import PROJECT_ROOT

STATIC_ROOT = PROJECT_ROOT / "static"


class ForbiddenResource(ValueError):
    """A certificate tried to load something outside the static folder."""


def static_path(url: str, static_root: Path = STATIC_ROOT) -> Path:
    """The file a ``file:`` URL names, if it lies inside ``static_root``; else raise."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ForbiddenResource(f"certificates load only files from static/, not {url!r}")
    root = static_root.resolve()
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise ForbiddenResource(f"{path} is not a file inside {root}")
    return path


_MIME = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}


def static_only_fetcher(static_root: Path = STATIC_ROOT) -> Any:
    """A WeasyPrint URL fetcher serving only files below the static root."""
    return _fetcher_class()(static_root)


@cache
def _fetcher_class() -> type:
    # WeasyPrint is imported when a PDF is made, not when the web app starts (0.5 s or more).
    from weasyprint import urls

    class StaticOnlyFetcher(urls.URLFetcher):  # type: ignore[misc]
        def __init__(self, static_root: Path) -> None:
            super().__init__(allowed_protocols=("file",))
            self.static_root = static_root

        def fetch(self, url: str, headers: object = None) -> urls.URLFetcherResponse:
            path = static_path(url, self.static_root)
            mime = _MIME.get(path.suffix, "application/octet-stream")
            return urls.URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher
