"""Serving benchmark: `ailit serve` (gunicorn) under wrk, against a bare Flask floor.

Run: ``.venv/bin/python bench/serve.py [--databases sqlite,postgresql] [--duration 5]
[--connections 32] [--workers 2] [--learners 10000]``. Needs ``wrk`` (``apt-get install wrk``).

For each database it makes a fresh one (SQLite: a temporary file; PostgreSQL: the database
``ailit_bench_serve``, dropped and made again, never the test database), loads the demo
school, grows it to ``--learners`` learners with progress (bulk inserts), starts
``ailit serve`` with the bundled courses and measures, at ``--connections`` connections on
loopback: home, catalogue, lesson page (anonymous and signed in), dashboard, getModule, quiz
submission (bearer tokens of 200 learners, a new Idempotency-Key each), class report, verify
page: req/s, p50 and p99. In the same run, a bare Flask "hello" and a bare 12 KB Jinja page
under the same gunicorn settings give the floor; each page's ratio to "hello" is printed.
Also: cold start (process start to the first lesson page answered) and worker RSS after a
certificate was issued.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/ailit_bench_serve"
PASSWORD = "demo-password-1"
COURSE = "meet-the-machines"
TARGETS = {"lesson, anonymous": 0.40, "lesson, signed in": 0.40, "quiz submission (API)": 0.25}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 120.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def rss_mb(master: int) -> list[float]:
    """Resident memory of each worker (children of the gunicorn master), in MB."""
    children = []
    for task in Path(f"/proc/{master}/task").iterdir():
        children += (task / "children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def probe(url: str, headers: list[str]) -> int:
    """The status of one GET with ``headers`` (redirects not followed)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            return None

    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wrk(url: str, duration: int, connections: int, headers: list[str] = (), script: str | None = None) -> dict:
    status = probe(url, list(headers)) if script is None else 201
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
        "status": status,
    }


def fresh_postgres() -> None:
    admin = sa.create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS ailit_bench_serve WITH (FORCE)"))
        conn.execute(sa.text("CREATE DATABASE ailit_bench_serve"))
    admin.dispose()


def grow(url: str, catalogue_dir: Path, learners: int) -> dict:
    """Learners (sharing one real hash of the demo password) with progress, and bench tokens."""
    from argon2 import PasswordHasher

    from ailit.content.catalogue import load_catalogue
    from ailit.models import ModuleProgress, ProgressStatus, Role, User
    from ailit.models.database import make_engine
    from ailit.services import api_tokens

    catalogue = load_catalogue(catalogue_dir)
    course = catalogue.course(COURSE)

    def quiz_of(module_id: str):  # noqa: ANN202
        return catalogue.module_text(COURSE, module_id, course.source_locale)[0].quiz

    # A quiz without an attempt limit, so every submission is graded and recorded.
    quiz_module = next(m for m in course.modules if m.has_quiz and quiz_of(m.id).max_attempts is None)
    engine = make_engine(url)
    password_hash = PasswordHasher().hash(PASSWORD)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        existing = conn.execute(sa.select(sa.func.count()).select_from(User.__table__)).scalar_one()
        rows = [
            {"username": f"bench-{n:05d}", "display_name": f"Learner {n}", "password_hash": password_hash,
             "role": Role.LEARNER, "locale": ("en", "fr", "ar", "es", "ru", "zh")[n % 6]}
            for n in range(learners - existing)
        ]
        for start in range(0, len(rows), 2000):
            conn.execute(sa.insert(User.__table__), rows[start : start + 2000])
        ids = conn.execute(sa.select(User.__table__.c.id).where(User.__table__.c.username.like("bench-%")).order_by(User.__table__.c.id)).scalars().all()
        progress = [
            {"user_id": uid, "course_id": COURSE, "module_id": module.id, "version": module.version,
             "status": ProgressStatus.COMPLETED, "quiz_seed": uid % 1000, "last_seen_at": now,
             "best_score": 1.0, "completed_at": now}
            for uid in ids[1:] for module in course.modules[:2]
        ]
        # The first bench learner completed the whole course: a certificate can be issued.
        progress += [
            {"user_id": ids[0], "course_id": COURSE, "module_id": module.id, "version": module.version,
             "status": ProgressStatus.COMPLETED, "quiz_seed": 1, "last_seen_at": now, "best_score": 1.0, "completed_at": now}
            for module in course.modules
        ]
        for start in range(0, len(progress), 5000):
            conn.execute(sa.insert(ModuleProgress.__table__), progress[start : start + 5000])
    from ailit.models.database import make_session_factory

    with make_session_factory(engine)() as session:
        users = session.scalars(sa.select(User).where(User.username.like("bench-%")).order_by(User.id).limit(200)).all()
        tokens = [api_tokens.issue_token(session, user).value for user in users]
    engine.dispose()
    sys.path.insert(0, str(ROOT))
    from tests.quiz_helpers import correct_answers  # the answer key: every attempt passes

    answers = correct_answers(catalogue, COURSE, quiz_module.id)
    return {"tokens": tokens, "quiz_module": quiz_module.id, "lesson": course.modules[0].id, "answers": answers}


def quiz_script(path: Path, tokens: list[str], body: str) -> str:
    """A wrk Lua script: POST the quiz, each request with another learner's token and key."""
    lua = "tokens = {" + ",".join(json.dumps(t) for t in tokens) + "}\n"
    lua += "body = " + json.dumps(body) + "\n"
    lua += (
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  local token = tokens[(counter % #tokens) + 1]\n"
        "  local headers = {['Authorization'] = 'Bearer ' .. token, ['Content-Type'] = 'application/json',\n"
        "                   ['Idempotency-Key'] = 'k' .. math.random(1, 1e9) .. '-' .. counter}\n"
        "  return wrk.format('POST', nil, headers, body)\n"
        "end\n"
    )
    path.write_text(lua)
    return str(path)


def sign_in(base: str, username: str) -> str:
    """A signed-in session cookie for ``username`` (through the sign-in form)."""
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/en/sign-in").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": PASSWORD}).encode()
    opener.open(urllib.request.Request(base + "/en/sign-in", data=data))
    return "; ".join(f"{c.name}={c.value}" for c in jar if c.name != "locale")


def serve(command: list[str], env: dict, cwd: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=open(log, "wb"), stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def bench_database(name: str, args: argparse.Namespace, work: Path, catalogue_dir: Path) -> list[dict]:
    data = work / name
    data.mkdir()
    url = f"sqlite:///{data / 'ailit.db'}" if name == "sqlite" else PG_URL
    if name == "postgresql":
        fresh_postgres()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AILIT_")}
    env.update(AILIT_DATABASE_URL=url, AILIT_DATA_DIR=str(data), AILIT_CATALOGUE_DIR=str(catalogue_dir),
               AILIT_BASE_URL="http://127.0.0.1", AILIT_LOG_FORMAT="text")
    subprocess.run([str(BIN / "ailit"), "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([str(BIN / "ailit"), "demo"], env=env, check=True, capture_output=True)
    seeded = grow(url, catalogue_dir, args.learners)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    lesson = f"/en/courses/{COURSE}/{seeded['lesson']}/"
    started = time.monotonic()
    server = serve([str(BIN / "ailit"), "serve", "--port", str(port), "--workers", str(args.workers)],
                   env, data, data / "server.log")
    try:
        wait_for(base + lesson)
        cold = time.monotonic() - started
        learner = sign_in(base, "demob-01")
        teacher = sign_in(base, "demo-teacher-en")
        from ailit.models.database import make_engine

        engine = make_engine(url)
        with engine.connect() as conn:
            class_id = conn.execute(sa.text(
                "SELECT c.id FROM classroom c JOIN user_account u ON u.id = c.teacher_id "
                "WHERE u.username = 'demo-teacher-en' LIMIT 1"
            )).scalar()
        engine.dispose()
        body = json.dumps({"answers": seeded["answers"]})
        script = quiz_script(work / f"quiz-{name}.lua", seeded["tokens"], body)
        bearer = f"Authorization: Bearer {seeded['tokens'][0]}"
        pages = [
            ("home", "/en/", []),
            ("catalogue", "/en/courses/", []),
            ("lesson, anonymous", lesson, []),
            ("lesson, signed in", lesson, [f"Cookie: {learner}"]),
            ("dashboard", "/en/", [f"Cookie: {learner}"]),
            ("getModule (API)", f"/api/v1/courses/{COURSE}/modules/{seeded['lesson']}?locale=fr", [bearer]),
            ("class report", f"/en/classes/{class_id}/report", [f"Cookie: {teacher}"]),
        ]
        # A certificate rendered in a worker (its memory is measured at the end), then verified.
        req = urllib.request.Request(base + "/api/v1/certificates", data=json.dumps({"course_id": COURSE}).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": bearer.split(": ", 1)[1]})
        try:
            code = json.loads(urllib.request.urlopen(req, timeout=120).read())["code"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"certificate not issued: {error.code} {error.read()[:300]!r}") from None
        pages.append(("verify page", f"/en/verify/{code}", []))
        results = []
        for label, path, headers in pages:
            results.append({"database": name, "page": label, **wrk(base + path, args.duration, args.connections, headers)})
        quiz_path = f"/api/v1/courses/{COURSE}/modules/{seeded['quiz_module']}/attempts"
        results.append({"database": name, "page": "quiz submission (API)",
                        **wrk(base + quiz_path, args.duration, args.connections, script=script)})
        results.append({"database": name, "page": "_meta", "cold_start_s": cold, "rss_mb": rss_mb(server.pid)})
        return results
    finally:
        stop(server)


def floor(args: argparse.Namespace, work: Path) -> list[dict]:
    port = free_port()
    process = serve([str(BIN / "gunicorn"), "--workers", str(args.workers), "--worker-class", "sync", "--preload",
                     "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT / "bench"), "floor_app:app"],
                    dict(os.environ), work, work / "floor.log")
    try:
        started = time.monotonic()
        wait_for(f"http://127.0.0.1:{port}/hello")
        cold = time.monotonic() - started
        results = [{"database": "floor", "page": label, **wrk(f"http://127.0.0.1:{port}{path}", args.duration, args.connections)}
                   for label, path in (("bare Flask hello", "/hello"), ("bare Jinja 12 KB", "/page"))]
        results.append({"database": "floor", "page": "_meta", "cold_start_s": cold, "rss_mb": rss_mb(process.pid)})
        return results
    finally:
        stop(process)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--learners", type=int, default=10_000)
    args = parser.parse_args()
    from ailit.content.build import build_catalogue

    with tempfile.TemporaryDirectory(prefix="ailit-bench-serve-") as tmp:
        work = Path(tmp)
        catalogue_dir = work / "catalogue"
        report = build_catalogue(ROOT / "courses", catalogue_dir)
        assert report.ok, [str(d) for d in report.diagnostics if d.is_error]
        results = floor(args, work)
        for name in args.databases.split(","):
            results += bench_database(name, args, work, catalogue_dir)
        results += floor(args, work)  # the floor again: the machine's load may have changed
    hello = [r["rps"] for r in results if r["page"] == "bare Flask hello"]
    floor_rps = sum(hello) / len(hello)
    print(f"\nfloor: bare Flask hello {floor_rps:.0f} req/s (mean of {len(hello)} runs: {', '.join(f'{h:.0f}' for h in hello)})\n")
    print("| database | page | status | req/s | p50 ms | p99 ms | ratio to hello | target | non-2xx |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if r["page"] == "_meta":
            continue
        target = TARGETS.get(r["page"])
        print(f"| {r['database']} | {r['page']} | {r['status']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
              f"{r['rps'] / floor_rps:.2f} | {f'≥ {target:.2f}' if target else '—'} | {r['non2xx']} |")
    print()
    for r in results:
        if r["page"] == "_meta":
            print(f"{r['database']}: cold start {r['cold_start_s']:.2f} s; worker RSS "
                  + ", ".join(f"{m:.0f} MB" for m in r["rss_mb"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
