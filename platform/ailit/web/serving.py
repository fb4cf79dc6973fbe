"""What the app needs behind a production server: trusted proxies, compression, logging.

``TRUSTED_PROXIES`` is the number of reverse proxies in front of the app (0: none); with N,
``ProxyFix`` takes the client's address, scheme and host from the last N ``X-Forwarded-*``
values, so rate limits count real clients and HTTPS is recognised. Never set it higher than
the proxies really there: a client could then forge its address.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from ailit.web.request_log import configure_logging

compress = Compress()


def init_app(app: Flask) -> None:
    """Compression of text answers, ProxyFix when configured, request logging outside tests."""
    compress.init_app(app)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies < 0:
        raise ValueError("AILIT_TRUSTED_PROXIES must be 0 or more")
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies, x_prefix=proxies
        )
    if not app.testing:
        configure_logging(app.config["LOG_FORMAT"])
