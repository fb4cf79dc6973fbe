"""Killed mid-stream, the real server loses no acknowledged quiz attempt.

The app runs under gunicorn (two sync workers, preloaded, as ``ailit serve`` runs it; started
as ``gunicorn 'ailit.web:create_app()'`` to spare the command line's start-up work on every
restart) as a subprocess on this test's database (a SQLite file, or PostgreSQL in the
PostgreSQL run). Four clients stream quiz submissions while the
whole process group is killed with SIGKILL after a random number of answers (and a random
moment more), KILLS times; the server is started again each time. Every attempt answered
with 201 must then be in the database. Bounded: a round ends after a few answers.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from ailit.models import User
from ailit.models.database import make_engine

from tests.conftest import FIXTURE_COURSES, PASSWORD

KILLS = 10
CLIENTS = 4
COURSE, MODULE = "sample-teaching", "ai-in-the-classroom"  # a quiz without an attempt limit
ANSWERS = [[0], [0], 1]  # single, multiple, number
START_TIMEOUT = 30.0
ROUND_TIMEOUT = 20.0
SEED = 20261203

pytestmark = [pytest.mark.slow, pytest.mark.db]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _connection(port: int) -> Iterator[http.client.HTTPConnection]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        yield conn
    finally:
        conn.close()


class Server:
    """gunicorn in its own process group, so that SIGKILL reaches the master and every worker."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", "2", "--preload",
                 "--bind", f"127.0.0.1:{self.port}", "ailit.web:create_app()"],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-3000:]
            try:
                with _connection(self.port) as conn:
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the server did not start: {self.log.read_text(errors='replace')[-3000:]}")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def _stream(port: int, token: str, stop: threading.Event, acknowledged: list[tuple[int, str]]) -> None:
    """Submit attempts until the server goes away; keep (attempt id, key) of every 201."""
    body = json.dumps({"answers": ANSWERS})
    path = f"/api/v1/courses/{COURSE}/modules/{MODULE}/attempts?locale=en"
    while not stop.is_set():
        key = uuid.uuid4().hex
        try:
            with _connection(port) as conn:
                conn.request("POST", path, body=body, headers={
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json",
                    "Idempotency-Key": key})
                response = conn.getresponse()
                payload = response.read()
        except (OSError, http.client.HTTPException):
            return  # killed: whatever was not answered was not acknowledged
        if response.status == 201:
            acknowledged.append((json.loads(payload)["attempt_id"], key))
        elif response.status != 503:  # 503: the database is busy, try again
            raise AssertionError((response.status, payload[:300]))


def _login(port: int, username: str) -> str:
    with _connection(port) as conn:
        conn.request("POST", "/api/v1/auth/login", body=json.dumps({"username": username, "password": PASSWORD}),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        assert response.status == 200, response.read()
        return str(json.loads(response.read())["token"])


def test_every_acknowledged_attempt_survives_sigkill(
    database_url: str, make_user: Callable[..., User], catalogue_dir: Path, tmp_path: Path
) -> None:
    username = make_user("streamer").username
    env = {k: v for k, v in os.environ.items() if not k.startswith("AILIT_")}
    env.update({
        "AILIT_DATABASE_URL": database_url,
        "AILIT_DATA_DIR": str(tmp_path / "data"),
        "AILIT_CATALOGUE_DIR": str(catalogue_dir),
        "AILIT_COURSES_DIR": str(FIXTURE_COURSES),
        "AILIT_SECRET_KEY": "crash test",
        "AILIT_BASE_URL": "http://127.0.0.1",
    })
    server = Server(env, _free_port(), tmp_path / "server.log")
    rng = random.Random(SEED)
    acknowledged: list[tuple[int, str]] = []
    server.start()
    token = _login(server.port, username)
    for _ in range(KILLS):
        stop = threading.Event()
        before = len(acknowledged)
        clients = [threading.Thread(target=_stream, args=(server.port, token, stop, acknowledged))
                   for _ in range(CLIENTS)]
        for client in clients:
            client.start()
        # Kill after a few answers, at a random moment while more are on their way.
        target, deadline = before + rng.randint(2, 8), time.monotonic() + ROUND_TIMEOUT
        while len(acknowledged) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        server.kill()
        stop.set()
        for client in clients:
            client.join(timeout=15)
        assert len(acknowledged) > before, "no submission was answered in this round"
        server.start()
    server.kill()

    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            stored = dict(conn.execute(sa.text(
                "SELECT id, idempotency_key FROM quiz_attempt WHERE module_id = :module"), {"module": MODULE}).all())
    finally:
        engine.dispose()
    lost = [(attempt_id, key) for attempt_id, key in acknowledged if stored.get(attempt_id) != key]
    print(f"\ncrash test ({database_url.split(':')[0]}): {KILLS} kills, {len(acknowledged)} acknowledged "
          f"attempts, {len(acknowledged) - len(lost)} found after restart, {len(stored)} stored")
    assert lost == []
