"""Two servers on one database, one Redis and one data folder act as one site.

Each server is a real `ailit serve` (gunicorn, two workers) on 127.0.0.1. On PostgreSQL (the
``db`` rerun) this is the many-machine set-up; on SQLite, two servers on one machine.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.models import User
from ailit.models.database import make_engine
from tests.quiz_helpers import complete_course
from tests.serving import servers

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSES = ROOT / "tests" / "fixtures" / "courses"
REDIS_URL = "redis://127.0.0.1:6379/0"
AILIT = str(Path(sys.executable).parent / "ailit")
PASSWORD = "a long enough password"
REGISTER_LIMIT = 60  # per minute and address (the default REGISTER_RATE_LIMIT)
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"this test needs Redis at {REDIS_URL} (scripts/test.sh starts it): {error}")
    prefix = f"ailit-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)
    client.close()


@pytest.fixture
def site(database_url: str, redis_prefix: str, tmp_path: Path) -> Iterator[tuple[servers.Server, ...]]:
    courses = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, courses)
    shared = tmp_path / "shared"  # the one data folder (a network file system across machines)
    catalogue = shared / "catalogue"
    assert build_catalogue(courses, catalogue).ok
    env = servers.clean_environment(
        AILIT_DATABASE_URL=database_url,
        AILIT_DATA_DIR=str(shared),
        AILIT_COURSES_DIR=str(courses),
        AILIT_CATALOGUE_DIR=str(catalogue),
        AILIT_RATELIMIT_STORAGE_URL=REDIS_URL,
        AILIT_RATELIMIT_KEY_PREFIX=redis_prefix,
        AILIT_BASE_URL="https://school.example",
    )
    started: list[servers.Server] = []
    try:
        for name in ("a", "b"):  # one after the other: each migrates (a no-op) on start
            port = servers.free_port()
            command = [AILIT, "serve", "--port", str(port), "--workers", "2"]
            started.append(servers.start(command, port, env, tmp_path, tmp_path / f"{name}.log"))
        yield tuple(started)
    finally:
        for server in started:
            server.stop()


@pytest.mark.slow
def test_two_servers_act_as_one_site(site: tuple[servers.Server, ...], database_url: str, tmp_path: Path) -> None:
    a, b = site
    # An account made on one server signs in on the other; its token works on both.
    status, _h, body = a.request(
        "/api/v1/auth/register",
        "POST",
        {"username": "ada", "password": PASSWORD, "display_name": "Ada Lovelace", "locale": "en"},
    )
    assert status == 201, body
    status, _h, body = b.request("/api/v1/auth/login", "POST", {"username": "ada", "password": PASSWORD})
    assert status == 200, body
    bearer = {"Authorization": f"Bearer {json.loads(body)['token']}"}
    assert a.request("/api/v1/me/progress", headers=bearer)[0] == 200

    # A browser session started on one server is signed in on the other.
    browser = servers.browser()
    _s, _h, page = a.request("/en/sign-in", browser=browser)
    token = CSRF.search(page.decode()).group(1)
    form = {"csrf_token": token, "username": "ada", "password": PASSWORD}
    status, _h, _b = a.request("/en/sign-in", "POST", form=form, browser=browser)
    assert status in (302, 303)
    status, _h, page = b.request("/en/account/", browser=browser)
    assert status == 200 and "ada" in page.decode()

    # A certificate issued on one server verifies on the other, which also serves its PDF
    # from the shared data folder.
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            user_id = session.scalars(select(User.id).where(User.username == "ada")).one()
            complete_course(session, user_id, load_catalogue(tmp_path / "shared" / "catalogue"), "sample-robots")
    finally:
        engine.dispose()
    status, _h, body = a.request("/api/v1/certificates", "POST", {"course_id": "sample-robots"}, bearer)
    assert status == 201, body
    code = json.loads(body)["code"]
    status, _h, body = b.request(f"/api/v1/certificates/{code}")
    assert status == 200 and json.loads(body)["valid"] is True
    status, headers, pdf = b.request(f"/api/v1/certificates/{code}/pdf", headers=bearer)
    assert status == 200 and pdf.startswith(b"%PDF")

    # A rate limit counts requests to both servers (and all their workers) together.
    answers = []
    for number in range(REGISTER_LIMIT + 1):
        server = (a, b)[number % 2]
        bad = {"username": f"u{number}", "password": "short", "display_name": "X", "locale": "en"}
        answers.append(server.request("/api/v1/auth/register", "POST", bad)[0])
    # The registration above was the first request counted.
    assert answers[: REGISTER_LIMIT - 1] == [400] * (REGISTER_LIMIT - 1), answers
    assert answers[REGISTER_LIMIT - 1 :] == [429, 429], answers
    # Metrics sum every worker of a server, whichever worker answers the scrape: server a got
    # the first registration and every other one of the 61 above.
    _s, _h, metrics = a.request("/metrics")
    counted = sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.decode().splitlines()
        if line.startswith("ailit_http_requests_total{") and 'endpoint="api.register"' in line
    )
    assert counted == 1 + (REGISTER_LIMIT + 2) // 2, metrics.decode()[:2000]

    # A new catalogue published to the shared folder reaches both servers without a restart.
    course_yaml = tmp_path / "courses" / "primary" / "sample-robots" / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8")
    course_yaml.write_text(text.replace("en: Robots That Learn", "en: Robots That Learn, second edition"), encoding="utf-8")
    assert "second edition" in course_yaml.read_text(encoding="utf-8")
    assert build_catalogue(tmp_path / "courses", tmp_path / "shared" / "catalogue").ok
    deadline = time.monotonic() + 20
    seen = {a.url: False, b.url: False}
    while not all(seen.values()) and time.monotonic() < deadline:
        for server in (a, b):
            _s, _h, body = server.request("/api/v1/courses?locale=en")
            seen[server.url] = "second edition" in body.decode()
        time.sleep(0.5)
    assert all(seen.values()), seen
