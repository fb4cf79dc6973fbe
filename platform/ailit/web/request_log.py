"""One log line per request, with its request id and the time it took.

The request id is the client's (or the reverse proxy's) ``X-Request-ID`` when it is a short
token, else a new one; it is returned in the response's ``X-Request-ID`` and is in every line
logged about the request. ``LOG_FORMAT = json`` writes each line as one JSON object. No address,
cookie or query string is logged: the path, method, status, time and endpoint are enough.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request

log = logging.getLogger("ailit.request")

HEADER = "X-Request-ID"
ENVIRON_KEY = "ailit.request_id"
ENDPOINT_KEY = "ailit.endpoint"
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

StartResponse = Callable[..., Any]
Observer = Callable[[str, str, int, float], None]


def request_id_from(value: str | None) -> str:
    """The id sent by the client when it is a short token, else a fresh one."""
    if value and _VALID_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestLog:
    """WSGI middleware: request id in and out, then one line when the response is made."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], observers: list[Observer]) -> None:
        self.wsgi_app = wsgi_app
        self.observers = observers

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID"))
        environ[ENVIRON_KEY] = request_id
        status_holder: list[int] = [500]

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status_holder[0] = int(status.split(" ", 1)[0])
            headers = [(k, v) for k, v in headers if k.lower() != HEADER.lower()]
            headers.append((HEADER, request_id))
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, start)
        finally:
            seconds = time.perf_counter() - started
            endpoint = environ.get(ENDPOINT_KEY) or "none"
            method = environ.get("REQUEST_METHOD", "")
            log.info(
                "%s %s %d %.1fms",
                method,
                environ.get("PATH_INFO", ""),
                status_holder[0],
                seconds * 1000,
                extra={
                    "request_id": request_id,
                    "method": method,
                    "path": environ.get("PATH_INFO", ""),
                    "status": status_holder[0],
                    "duration_ms": round(seconds * 1000, 2),
                    "endpoint": endpoint,
                },
            )
            for observe in self.observers:
                observe(method, endpoint, status_holder[0], seconds)


class JsonFormatter(logging.Formatter):
    """Each record as one JSON object: time, level, logger, message and the request's fields."""

    FIELDS = ("request_id", "method", "path", "status", "duration_ms", "endpoint")

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in self.FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to records logged while serving it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            try:
                record.request_id = request.environ.get(ENVIRON_KEY, "-")
            except RuntimeError:  # outside a request
                record.request_id = "-"
        return True


def configure_logging(log_format: str) -> None:
    """Log ``ailit`` records (INFO and up) to standard error, as text or JSON lines."""
    if log_format not in ("text", "json"):
        raise ValueError(f"AILIT_LOG_FORMAT must be text or json, not {log_format!r}")
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    logger = logging.getLogger("ailit")
    for old in list(logger.handlers):
        if getattr(old, "ailit_handler", False):
            logger.removeHandler(old)
    handler.ailit_handler = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def init_app(app: Flask, observers: list[Observer] | None = None) -> None:
    """Wrap the app in the request log; remember each request's endpoint for it."""
    app.wsgi_app = RequestLog(app.wsgi_app, observers or [])  # type: ignore[method-assign]

    @app.before_request
    def note_endpoint() -> None:
        request.environ[ENDPOINT_KEY] = request.endpoint
