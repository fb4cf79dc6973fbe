"""The public address certificates, QR codes and login cards link to: AILIT_BASE_URL, else the
address `ailit serve` listens on (it sets BASE_URL), never a request's Host header."""

from __future__ import annotations

import pytest

from ailit.web import config, create_app


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("https://ailit.example.org/", "https://ailit.example.org"),
        ("https://schools.example.org/ailit", "https://schools.example.org/ailit"),
        (None, "http://127.0.0.1:5000"),
        ("", "http://127.0.0.1:5000"),
    ],
)
def test_public_base_url(configured, expected):
    assert config.public_base_url({"BASE_URL": configured}) == expected


@pytest.mark.parametrize("bad", ["ailit.example.org", "ftp://ailit.example.org", "https://x.org/?a=1", "https://"])
def test_a_malformed_base_url_stops_the_start_with_its_reason(app_config, bad):
    with pytest.raises(config.BaseUrlError, match="AILIT_BASE_URL"):
        create_app({**app_config, "BASE_URL": bad})


def test_the_address_serve_listens_on_is_what_certificates_sign(app_config):
    from ailit.cli.serve import _set_base_url
    from ailit.web.certificate_settings import settings

    app = create_app({**app_config, "BASE_URL": None})
    _set_base_url(app, "127.0.0.1:8123")
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert settings().issuer.id == "http://127.0.0.1:8123/api/v1/issuer"
        assert settings().status_list_url().startswith("http://127.0.0.1:8123/")
