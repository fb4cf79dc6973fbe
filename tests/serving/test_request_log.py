"""One log line per request with its id and duration; Prometheus metrics; trusted proxies."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import pytest
from flask import Flask

from ailit.web.request_log import JsonFormatter, request_id_from


def _request_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "ailit.request"]


def test_each_request_logs_one_line_with_its_id_and_duration(client, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ailit")
    response = client.get("/en/courses/", headers={"X-Request-ID": "edge-42.a"})
    assert response.headers["X-Request-ID"] == "edge-42.a"
    made = client.get("/en/nowhere/at/all")
    assert made.status_code == 404
    records = _request_records(caplog)
    assert len(records) == 2
    first, second = records
    assert (first.request_id, first.status, first.method, first.path) == ("edge-42.a", 200, "GET", "/en/courses/")
    assert first.endpoint == "catalogue.course_list"
    assert first.duration_ms > 0
    assert second.request_id == made.headers["X-Request-ID"] and len(second.request_id) == 32
    assert second.status == 404


@pytest.mark.parametrize("sent", [None, "", "x" * 129, "a b", "<script>", "id\r\nSet-Cookie: x=1"])
def test_an_unusable_request_id_is_replaced(sent: str | None) -> None:
    made = request_id_from(sent)
    assert made != sent and len(made) == 32 and made.isalnum()


def test_json_lines_carry_the_request_fields(client, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ailit")
    client.get("/healthz", headers={"X-Request-ID": "r1"})
    (record,) = _request_records(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "r1" and line["status"] == 200 and line["path"] == "/healthz"
    assert line["logger"] == "ailit.request" and line["duration_ms"] >= 0


def test_metrics_count_requests_for_allowed_addresses_only(client) -> None:
    client.get("/en/courses/")
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    text = metrics.get_data(as_text=True)
    assert 'ailit_http_requests_total{endpoint="catalogue.course_list",method="GET",status="200"}' in text
    assert "ailit_http_request_duration_seconds_bucket" in text
    outside = client.get("/metrics", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert outside.status_code == 404


def test_metrics_path_and_allowed_networks_are_settings(app_factory: Callable[..., Flask]) -> None:
    app = app_factory(METRICS_PATH="/internal/prom", METRICS_ALLOW="10.0.0.0/8")
    client = app.test_client()
    assert client.get("/metrics").status_code != 200  # no longer there (the locale root redirects)
    assert client.get("/internal/prom").status_code == 404  # 127.0.0.1 is not in 10/8
    assert client.get("/internal/prom", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    off = app_factory(METRICS_PATH="").test_client()
    assert off.get("/metrics").status_code != 200


def test_trusted_proxies_take_the_client_address_from_x_forwarded_for(app_factory: Callable[..., Flask]) -> None:
    forwarded = {"environ_base": {"REMOTE_ADDR": "192.0.2.1"}, "headers": {"X-Forwarded-For": "127.0.0.1"}}
    # Without a trusted proxy the header is ignored: the peer (192.0.2.1) may not read metrics.
    assert app_factory().test_client().get("/metrics", **forwarded).status_code == 404
    behind_proxy = app_factory(TRUSTED_PROXIES=1).test_client()
    assert behind_proxy.get("/metrics", **forwarded).status_code == 200
