"""Certificate settings of the running app, shared by the certificate pages and the API."""

from __future__ import annotations

from flask import current_app

from ailit.services.certificates import CertificateSettings
from ailit.web.public_links import base_url

VERIFY_RATE_LIMIT = "30 per minute"


def verify_limit() -> str:
    """Per-address limit on public verification (Flask-Limiter syntax)."""
    return str(current_app.config.get("CERTIFICATE_VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT))


def settings() -> CertificateSettings:
    """Certificate settings from the app: data dir, public address (never the request's Host
    header: it would be signed into credentials), issuer name."""
    config = current_app.config
    name = config.get("ISSUER_NAME") or "ailit"
    return CertificateSettings(data_dir=config["DATA_DIR"], base_url=base_url(), issuer_name=name)
