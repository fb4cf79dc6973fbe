"""Schools report benchmark: the class report and the school report on a large seeded database.

Run: ``.venv/bin/python bench/schools.py [--schools N] [--runs R] [--backend postgresql|sqlite|both]``.

It seeds ``--schools`` schools (default 100) × ``--classes`` classes (10) × ``--learners``
learners (30), each class assigned three courses of ten modules, every learner with a progress
row in each of the 30 modules (900,000 rows at the defaults), by bulk inserts: ``COPY`` on
PostgreSQL, ``executemany`` on SQLite. The schema comes from the project's migrations. On
PostgreSQL it uses its own database (``ailit_bench``, dropped and created again; ``--pg-url``),
never the test database; on SQLite a temporary file. It then times, through the real service
functions, the class report (one class) and the school report (one school), each run on another
class or school, and prints p50 and p95 in milliseconds.

Targets on PostgreSQL: class report p50 <= 50 ms, school report p50 <= 200 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Table, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue, Course, ModuleInfo
from ailit.migrations import upgrade
from ailit.models import (
    Assignment,
    ClassMembership,
    Classroom,
    ModuleProgress,
    School,
    SchoolMembership,
    User,
)
from ailit.models.database import make_engine, make_session_factory
from ailit.services import reports

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/ailit_bench"
PROTECTED_DATABASES = frozenset({"test", "postgres", "template0", "template1"})
COURSES, MODULES_PER_COURSE = 3, 10
TARGETS_MS = {("postgresql", "class report"): 50.0, ("postgresql", "school report"): 200.0}
# Not a real password's hash: nobody signs in to the benchmark database.
PASSWORD_HASH = "$argon2id$v=19$m=8,t=1,p=1$YmVuY2htYXJr$YmVuY2htYXJrYmVuY2htYXJr"
CHUNK = 50_000
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def bench_catalogue() -> Catalogue:
    """Three primary courses of ten modules, in memory (reports read only ids and titles)."""
    courses = {}
    for c in range(1, COURSES + 1):
        course_id = f"bench-course-{c}"
        modules = tuple(
            ModuleInfo(
                id=f"module-{m:02d}", order=m, title={"en": f"Module {c}.{m}"}, minutes=20,
                locales={"en": "complete"}, version=f"v{c}{m}", has_quiz=True,
            )
            for m in range(1, MODULES_PER_COURSE + 1)
        )
        courses[course_id] = Course(
            id=course_id, stage="primary", source_locale="en", title={"en": f"Course {c}"},
            summary={"en": ""}, hours=3.0, competencies=(), pass_mark=0.7, certificate=True,
            modules=modules, version=f"v{c}",
        )
    return Catalogue(root=Path("."), version="bench", courses=courses)


# --- the database ------------------------------------------------------------------------------


def fresh_postgres(url: str) -> None:
    """Drop and create the benchmark database (refusing the test or system databases)."""
    parsed = make_url(url)
    name = parsed.database or ""
    if name in PROTECTED_DATABASES or not name:
        raise SystemExit(f"--pg-url: refusing to recreate the database {name!r}; use ailit_bench")
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def bulk_insert(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert rows fast: COPY on PostgreSQL, executemany in chunks elsewhere."""
    count = 0
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        statement = f'COPY "{table.name}" ({", ".join(columns)}) FROM STDIN'
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(dict(zip(columns, row, strict=True)))
        if len(batch) >= CHUNK:
            conn.execute(table.insert(), batch)
            count += len(batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
        count += len(batch)
    return count


def seed(conn: Connection, catalogue: Catalogue, schools: int, classes: int, learners: int) -> dict[str, int]:
    """Schools, staff, classes, learners, assignments and progress; returns row counts."""
    rng = random.Random(2026)
    user_rows: list[tuple] = []
    staff_rows: list[tuple] = []
    class_rows: list[tuple] = []
    member_rows: list[tuple] = []
    assignment_rows: list[tuple] = []
    next_user = 1
    class_id = 0

    def user(username: str, name: str, role: str) -> int:
        nonlocal next_user
        user_rows.append((next_user, username, PASSWORD_HASH, name, "en", role, NOW))
        next_user += 1
        return next_user - 1

    for school in range(1, schools + 1):
        admin = user(f"admin-{school}", f"Admin {school}", "school-admin")
        staff_rows.append((admin, school, NOW))
        for c in range(classes):
            teacher = user(f"teacher-{school}-{c}", f"Teacher {school}.{c}", "teacher")
            staff_rows.append((teacher, school, NOW))
            class_id += 1
            prefix = f"b{class_id:07d}"
            class_rows.append((class_id, school, teacher, f"Class {c:02d}", "primary", "en", prefix, learners + 1, NOW))
            for course_id in catalogue.courses:
                due = date(2026, 1, 1) + timedelta(days=rng.randrange(120))
                assignment_rows.append((len(assignment_rows) + 1, class_id, course_id, None, due, teacher, NOW))
            for n in range(1, learners + 1):
                learner = user(f"{prefix}-{n:02d}", f"Learner {class_id}.{n}", "learner")
                member_rows.append((len(member_rows) + 1, class_id, learner, True, NOW))

    modules = [(course.id, m.id, m.version) for course in catalogue.courses.values() for m in course.modules]

    def progress_rows() -> Iterable[tuple]:
        row_id = 0
        for _, _, learner, _, _ in member_rows:
            for course_id, module_id, version in modules:
                row_id += 1
                roll = rng.random()
                if roll < 0.6:
                    status, score, done = "completed", round(0.5 + rng.random() / 2, 2), NOW
                elif roll < 0.9:
                    status, score, done = "in_progress", (round(rng.random(), 2) if roll < 0.75 else None), None
                else:
                    status, score, done = "not_started", None, None
                yield (row_id, learner, course_id, module_id, version, status, score, done, NOW, 0)

    counts = {
        "school": bulk_insert(
            conn, School.__table__, ("id", "name", "created_at"),
            ((s, f"School {s}", NOW) for s in range(1, schools + 1)),
        ),
        "user_account": bulk_insert(
            conn, User.__table__,
            ("id", "username", "password_hash", "display_name", "locale", "role", "created_at"), user_rows,
        ),
        "school_membership": bulk_insert(
            conn, SchoolMembership.__table__, ("user_id", "school_id", "created_at"), staff_rows
        ),
        "classroom": bulk_insert(
            conn, Classroom.__table__,
            ("id", "school_id", "teacher_id", "name", "stage", "locale", "username_prefix",
             "next_learner_number", "created_at"),
            class_rows,
        ),
        "class_membership": bulk_insert(
            conn, ClassMembership.__table__,
            ("id", "classroom_id", "user_id", "created_by_teacher", "joined_at"), member_rows,
        ),
        "assignment": bulk_insert(
            conn, Assignment.__table__,
            ("id", "classroom_id", "course_id", "module_ids", "due_on", "created_by", "created_at"),
            assignment_rows,
        ),
        "module_progress": bulk_insert(
            conn, ModuleProgress.__table__,
            ("id", "user_id", "course_id", "module_id", "version", "status", "best_score",
             "completed_at", "last_seen_at", "quiz_seed"),
            progress_rows(),
        ),
    }
    if conn.dialect.name == "postgresql":
        # Explicit ids were inserted: move the sequences past them, as a real database would be.
        for table in ("school", "user_account", "classroom", "class_membership", "assignment", "module_progress"):
            conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    return counts


# --- timing ------------------------------------------------------------------------------------


def percentiles(times: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ms = sorted(t * 1000 for t in times)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    return statistics.median(ms), p95


def time_runs(make_session: Callable[[], Session], runs: int, work: Callable[[Session, int], object],
              ids: list[int]) -> list[float]:
    """Run ``work`` once to warm up, then ``runs`` times on a fresh session, each on another id."""
    with make_session() as session:
        work(session, ids[0])
    times = []
    for run in range(runs):
        with make_session() as session:
            start = time.perf_counter()
            work(session, ids[(run + 1) % len(ids)])
            times.append(time.perf_counter() - start)
    return times


def bench_backend(name: str, url: str, args: argparse.Namespace) -> list[tuple]:
    """Seed one backend and time both reports on it; rows for the table."""
    catalogue = bench_catalogue()
    print(f"[{name}] migrating {make_url(url).render_as_string(hide_password=True)}", flush=True)
    if name == "postgresql":
        fresh_postgres(url)
    upgrade(url)
    engine = make_engine(url)
    start = time.perf_counter()
    with engine.begin() as conn:
        counts = seed(conn, catalogue, args.schools, args.classes, args.learners)
    with engine.begin() as conn:
        conn.execute(sa.text("ANALYZE"))
    seeded = time.perf_counter() - start
    print(f"[{name}] seeded in {seeded:.1f} s: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)

    sessions = make_session_factory(engine)
    rng = random.Random(7)
    with sessions() as session:
        class_ids = list(session.scalars(select(Classroom.id)))
        school_ids = list(session.scalars(select(School.id)))
        per_class = session.scalar(
            select(func.count(ClassMembership.id)).where(ClassMembership.classroom_id == class_ids[0])
        )
    rng.shuffle(class_ids)
    rng.shuffle(school_ids)
    today = date(2026, 3, 1)

    def class_report(session: Session, class_id: int) -> object:
        classroom = session.get(Classroom, class_id)
        assert classroom is not None
        report = reports.class_report(session, classroom, catalogue, "en", today)
        assert len(report.columns) == COURSES * MODULES_PER_COURSE
        return report

    def school_report(session: Session, school_id: int) -> object:
        rows = reports.school_report(session, school_id, catalogue)
        assert len(rows) == args.classes
        return rows

    results = []
    for label, work, ids, learners in (
        ("class report", class_report, class_ids, per_class),
        ("school report", school_report, school_ids, per_class * args.classes),
    ):
        p50, p95 = percentiles(time_runs(sessions, args.runs, work, ids))
        results.append((name, label, learners, args.runs, p50, p95, TARGETS_MS.get((name, label))))
    engine.dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--schools", type=int, default=100, help="schools (default 100)")
    parser.add_argument("--classes", type=int, default=10, help="classes per school (default 10)")
    parser.add_argument("--learners", type=int, default=30, help="learners per class (default 30)")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per report (default 50)")
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help=f"default {DEFAULT_PG_URL}")
    args = parser.parse_args()

    rows = []
    if args.backend in ("postgresql", "both"):
        rows += bench_backend("postgresql", args.pg_url, args)
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="ailit-bench-") as tmp:
            rows += bench_backend("sqlite", f"sqlite:///{tmp}/bench.db", args)

    print()
    print(f"{args.schools} schools x {args.classes} classes x {args.learners} learners, "
          f"{COURSES * MODULES_PER_COURSE} modules each; {args.runs} runs per report")
    header = f"{'backend':<11} {'report':<14} {'learners':>8} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8}  target p50"
    print(header)
    print("-" * len(header))
    failed = False
    for backend, label, learners, runs, p50, p95, target in rows:
        verdict = ""
        if target is not None:
            ok = p50 <= target
            failed |= not ok
            verdict = f"<= {target:.0f} ms {'ok' if ok else 'MISSED'}"
        print(f"{backend:<11} {label:<14} {learners:>8} {runs:>5} {p50:>8.1f} {p95:>8.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
