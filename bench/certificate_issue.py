"""How long issuing a certificate holds the database's write lock, against the whole issue.

Run: ``.venv/bin/python bench/certificate_issue.py [--learners N]``.

On a temporary SQLite file migrated by the project's migrations, ``--learners`` learners (default
20) who completed a two-module course each get their certificate through the real service
(PDF rendered and stored, credential signed). SQLAlchemy events time, per issue, the span from
the first write statement to the commit: SQLite holds its write lock exactly that long, and
every other writer (sign-ins, quiz submissions) waits for it. The PDF is rendered before that
span starts, so the lock is held for milliseconds, not for the render.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event

from ailit.content.catalogue import Catalogue, Course, ModuleInfo
from ailit.migrations import upgrade
from ailit.models import ModuleProgress, ProgressStatus, User
from ailit.models.database import make_engine, make_session_factory
from ailit.services import certificates

WRITES = ("INSERT", "UPDATE", "DELETE")
PASSWORD_HASH = "$argon2id$v=19$m=8,t=1,p=1$YmVuY2htYXJr$YmVuY2htYXJrYmVuY2htYXJr"  # nobody signs in


def bench_catalogue() -> Catalogue:
    modules = tuple(
        ModuleInfo(id=f"m{m}", order=m, title={"en": f"Module {m}"}, minutes=20, locales={"en": "source"},
                   version=f"v{m}", has_quiz=False)
        for m in (1, 2)
    )
    course = Course(id="bench", stage="primary", source_locale="en", title={"en": "Benchmark course"},
                    summary={"en": "A course for the benchmark."}, hours=2.0, competencies=(), pass_mark=0.7,
                    certificate=True, modules=modules, version="v1")
    return Catalogue(root=Path("."), version="bench", courses={"bench": course})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ailit-bench-issue-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    engine = make_engine(url)
    held: list[float] = []
    started: dict[int, float] = {}

    @event.listens_for(engine, "before_cursor_execute")
    def first_write(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith(WRITES):
            started.setdefault(id(conn.connection.dbapi_connection), time.perf_counter())

    @event.listens_for(engine, "commit")
    def committed(conn):  # noqa: ANN001
        begin = started.pop(id(conn.connection.dbapi_connection), None)
        if begin is not None:
            held.append(time.perf_counter() - begin)

    session = make_session_factory(engine)()
    catalogue = bench_catalogue()
    settings = certificates.CertificateSettings(folder, "https://ailit.example.org")
    now = datetime.now(UTC)
    users = [User(username=f"learner{n}", display_name=f"Learner {n}", password_hash=PASSWORD_HASH, locale="en")
             for n in range(args.learners)]
    session.add_all(users)
    session.flush()
    session.add_all(ModuleProgress(user_id=u.id, course_id="bench", module_id=m.id, version=m.version,
                                   status=ProgressStatus.COMPLETED, completed_at=now, last_seen_at=now, quiz_seed=1)
                    for u in users for m in catalogue.course("bench").modules)
    session.commit()
    held.clear()
    totals = []
    for user in users:
        begin = time.perf_counter()
        certificates.issue_certificate(session, user, "bench", "en", catalogue=catalogue, settings=settings)
        totals.append(time.perf_counter() - begin)
    ms = lambda values, q: 1000 * statistics.quantiles(values, n=20)[q]  # noqa: E731
    print(f"{len(totals)} certificates on SQLite")
    print(f"whole issue (render, store, sign, commit): p50 {1000 * statistics.median(totals):.1f} ms, p95 {ms(totals, 18):.1f} ms")
    print(f"write lock held (first write to commit):   p50 {1000 * statistics.median(held):.1f} ms, p95 {ms(held, 18):.1f} ms")


if __name__ == "__main__":
    main()
