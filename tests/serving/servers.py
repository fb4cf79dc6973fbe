"""Real servers for tests: `ailit serve` in a subprocess on 127.0.0.1, ready or failed, stopped."""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any AILIT_* setting, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AILIT_", "PROMETHEUS_"))}
    env.update(settings)
    return env


@dataclass
class Server:
    """A running ``ailit serve``."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def request(
        self,
        path: str,
        method: str = "GET",
        body: Any = None,
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        browser: urllib.request.OpenerDirector | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body (errors included) of one request; redirects not followed.

        ``body`` is sent as JSON, ``form`` as a form; ``browser`` (see ``browser()``) keeps
        cookies across requests and servers.
        """
        data = None
        sent = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        req = urllib.request.Request(self.url + path, data=data, headers=sent, method=method)
        opener = browser or urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(req, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def browser() -> urllib.request.OpenerDirector:
    """An HTTP client with a cookie jar (cookies for 127.0.0.1 go to every port, as in browsers)."""
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
    )


def start(command: list[str], port: int, env: dict[str, str], cwd: Path, log: Path) -> Server:
    """Start ``command`` (an ``ailit serve``) and wait until its /readyz answers 200."""
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped ({process.returncode}):\n{log.read_text()}")
        try:
            if server.request("/readyz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise AssertionError(f"the server was not ready in {START_TIMEOUT} s:\n{log.read_text()}")
