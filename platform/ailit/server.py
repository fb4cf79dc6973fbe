"""The production server behind ``ailit serve``: gunicorn with sync workers, app loaded first.

The app is created once in the master process before the workers fork (preload), so workers
start in milliseconds and share the imported code's memory. ``SIGHUP`` replaces the workers
gracefully (new ones start, old ones finish their requests); ``SIGTERM`` stops after the
requests in flight (up to ``GRACEFUL_TIMEOUT`` seconds); a worker stuck longer than the request
timeout is killed and replaced.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

GRACEFUL_TIMEOUT = 30
KEEPALIVE = 5
MAX_WORKERS = 8


def default_workers(cpus: int | None = None) -> int:
    """Two sync workers per core plus one, at most ``MAX_WORKERS`` (gunicorn's rule of thumb)."""
    cpus = cpus or os.cpu_count() or 1
    return min(2 * cpus + 1, MAX_WORKERS)


def bind_address(host: str, port: int) -> str:
    """``host:port`` for gunicorn, with brackets around an IPv6 address."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn serving one preloaded Flask app."""

    def __init__(self, app: Flask, bind: str, workers: int, metrics_dir: str | None) -> None:
        self.app = app
        self.options: dict[str, Any] = {
            "bind": bind,
            "workers": workers,
            "worker_class": "sync",
            "preload_app": True,
            "timeout": int(app.config["REQUEST_TIMEOUT"]),
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "keepalive": KEEPALIVE,
            "accesslog": None,  # the app logs one line per request itself (request id, time)
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "ailit",
            "post_fork": _post_fork,
            "child_exit": _child_exit(metrics_dir),
            "on_exit": _on_exit(metrics_dir),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.app


def _post_fork(_server: Any, worker: Any) -> None:
    # Connections opened in the master (migrations, checks) must not be shared by workers.
    engine = worker.app.app.extensions["ailit.db"][0]
    engine.dispose(close=False)


def _child_exit(metrics_dir: str | None) -> Any:
    def child_exit(_server: Any, worker: Any) -> None:
        if metrics_dir:
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(worker.pid, path=metrics_dir)

    return child_exit


def _on_exit(metrics_dir: str | None) -> Any:
    def on_exit(_server: Any) -> None:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)

    return on_exit
