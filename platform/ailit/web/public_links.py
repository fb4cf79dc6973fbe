"""Absolute links to this site, built from the configured public address only.

Certificates (issuer id, verify links, QR codes, status lists), login cards and invitations are
read away from the browser that asked for them, so their links never come from the request's
``Host`` header (which anyone can set): they come from ``BASE_URL``, see
:func:`ailit.web.config.public_base_url`.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from ailit.web.config import public_base_url


def base_url() -> str:
    """The site's public address, without a trailing slash."""
    return public_base_url(current_app.config)


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of ``endpoint`` at the public address."""
    return base_url() + url_for(endpoint, **values)
