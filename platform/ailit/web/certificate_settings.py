"""Certificate settings of the running app, shared by the certificate pages and the API."""

from __future__ import annotations

from flask import current_app, request

from ailit.certificates.issuer import DEFAULT_BASE_URL
from ailit.services.certificates import CertificateSettings

VERIFY_RATE_LIMIT = "30 per minute"


def verify_limit() -> str:
    """Per-address limit on public verification (Flask-Limiter syntax)."""
    return str(current_app.config.get("CERTIFICATE_VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT))


def settings() -> CertificateSettings:
    """Certificate settings from the app: data dir, public address, issuer name."""
    config = current_app.config
    base = config.get("BASE_URL") or request.url_root or DEFAULT_BASE_URL
    name = config.get("ISSUER_NAME") or "ailit"
    return CertificateSettings(data_dir=config["DATA_DIR"], base_url=base.rstrip("/"), issuer_name=name)
