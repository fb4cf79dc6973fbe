"""Prometheus metrics: requests by endpoint and status, and their durations.

Served at ``METRICS_PATH`` (default ``/metrics``; empty turns it off) to the addresses in
``METRICS_ALLOW`` only (default: this machine), others get a 404. Under ``ailit serve`` every
worker writes its samples to files in ``PROMETHEUS_MULTIPROC_DIR`` (a fresh folder per start)
and a scrape sums them all, whichever worker answers it.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from flask import Flask, Response, abort, request

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

_metrics: dict[str, Any] = {}


def _instruments() -> dict[str, Any]:
    # Imported and created on first use: prometheus_client picks its multiprocess mode from
    # PROMETHEUS_MULTIPROC_DIR when it is imported, which `ailit serve` sets before that.
    if not _metrics:
        from prometheus_client import Counter, Histogram

        _metrics["requests"] = Counter(
            "ailit_http_requests", "HTTP requests answered", ["method", "endpoint", "status"]
        )
        _metrics["duration"] = Histogram(
            "ailit_http_request_duration_seconds",
            "Time to answer an HTTP request",
            ["endpoint"],
            buckets=BUCKETS,
        )
    return _metrics


def observe(method: str, endpoint: str, status: int, seconds: float) -> None:
    """Count one answered request (called by the request log)."""
    metrics = _instruments()
    metrics["requests"].labels(method, endpoint, str(status)).inc()
    metrics["duration"].labels(endpoint).observe(seconds)


def exposition(multiprocess_dir: str | None) -> tuple[bytes, str]:
    """The current samples in Prometheus's text format (summed over workers if several)."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    registry = REGISTRY
    if multiprocess_dir:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=multiprocess_dir)
    return generate_latest(registry), CONTENT_TYPE_LATEST


def allowed_networks(spec: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """``METRICS_ALLOW``: comma-separated addresses or networks (``10.0.0.0/8, ::1``)."""
    networks = []
    for item in spec.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ValueError(f"AILIT_METRICS_ALLOW: {item.strip()!r} is not an address or network") from None
    return networks


def init_app(app: Flask) -> list[Any]:
    """Register the metrics path; return the observers the request log should call."""
    path = app.config["METRICS_PATH"]
    if not path:
        return []
    networks = allowed_networks(app.config["METRICS_ALLOW"])
    multiprocess_dir = app.config.get("METRICS_MULTIPROC_DIR")
    _instruments()

    def metrics() -> Response:
        try:
            client = ipaddress.ip_address(request.remote_addr or "")
        except ValueError:
            abort(404)
        if not any(client in network for network in networks):
            abort(404)
        body, content_type = exposition(multiprocess_dir)
        return Response(body, content_type=content_type, headers={"Cache-Control": "no-store"})

    app.add_url_rule(path, endpoint="metrics", view_func=metrics)
    return [observe]
