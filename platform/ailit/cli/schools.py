"""`ailit demo`: a lived-in demo school, so a new user sees real dashboards and reports."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.cli.web import catalogue_is_stale
from ailit.content.build import build_catalogue
from ailit.content.catalogue import Catalogue
from ailit.migrations import upgrade
from ailit.models import (
    ModuleProgress,
    ProgressStatus,
    Role,
    School,
    TemporaryPassword,
    User,
    utcnow,
)
from ailit.services import assignments, class_learners, classes, schools
from ailit.services.passwords import hash_password
from ailit.services.roster import parse_pasted_names
from ailit.web import create_app
from ailit.web.extensions import content, db, security

DEMO_SCHOOL = "ailit Demo School"
DEMO_PASSWORD = "demo-password-1"  # nosec B105  # the documented password of demo accounts
STAFF = (
    ("demo-admin", "Site Admin", Role.ADMIN, "en"),
    ("demo-school-admin", "Amina Rahman", Role.SCHOOL_ADMIN, "en"),
    ("demo-teacher-ar", "ليلى حداد", Role.TEACHER, "ar"),
    ("demo-teacher-en", "David Mensah", Role.TEACHER, "en"),
)
# (teacher, class name, stage, locale, username prefix, course, due in days, learner names)
CLASSES = (
    (
        "demo-teacher-ar", "الصف الرابع أ", "primary", "ar", "demoa", "meet-the-machines", 14,
        "يوسف\nمريم\nعمر\nفاطمة\nعلي\nزينب\nخالد\nنور\nحمزة\nسلمى\nآدم\nهدى\nكريم\nريم\nسامي",
    ),
    (
        "demo-teacher-en", "Year 8 Blue", "lower-secondary", "en", "demob", "ai-and-my-learning", -3,
        "Ama Owusu\nBen Carter\nChloé Martin\nDiego López\nEmma Schmidt\nFatima Khan\nGeorge Li\n"
        "Hana Sato\nIvan Petrov\nJade Wilson\nKofi Asante\nLena Novak\nMaya Patel\nNoah Brown\nOlivia Kim",
    ),
)
TEACHER_COURSE = "ai-in-the-classroom"


@dataclass(frozen=True)
class DemoAccount:
    """A sign-in to print."""

    username: str
    role: str
    what: str


def load_demo(session: Session, catalogue: Catalogue) -> tuple[bool, list[DemoAccount]]:
    """Create the demo school once; returns (created now?, the accounts to sign in with)."""
    accounts = [DemoAccount(u, r.value, n) for u, n, r, _ in STAFF]
    accounts += [
        DemoAccount(f"{prefix}-01 … {prefix}-15", "learner", name)
        for _, name, _, _, prefix, _, _, _ in CLASSES
    ]
    if session.scalar(select(School.id).where(School.name == DEMO_SCHOOL)) is not None:
        return False, accounts
    missing = [c for c in (*[c[5] for c in CLASSES], TEACHER_COURSE) if catalogue.course(c) is None]
    if missing:
        raise click.ClickException(f"the catalogue has no course {missing[0]!r}: run `ailit build`")
    password_hash = hash_password(DEMO_PASSWORD, security.hasher)
    users = {}
    for username, name, role, locale in STAFF:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=name, role=role, locale=locale, password_hash=password_hash)
            session.add(user)
        users[username] = user
    session.commit()
    school = schools.create_school(session, users["demo-admin"], DEMO_SCHOOL)
    for username in ("demo-school-admin", "demo-teacher-ar", "demo-teacher-en"):
        schools.add_staff(session, users[username], school.id)
    rng = random.Random(20261125)  # nosec B311  # demo data, the same lived-in picture on every machine
    for teacher, name, stage, locale, prefix, course_id, due_in, names in CLASSES:
        classroom = classes.create_class(session, users[teacher], name=name, stage=stage, locale=locale)
        classroom.username_prefix = prefix  # predictable usernames to print
        session.commit()
        issued = class_learners.create_learners(
            session, users[teacher], classroom.id, parse_pasted_names(names), hasher=security.hasher
        )
        assignments.create_assignment(
            session, users[teacher], classroom.id, catalogue,
            course_id=course_id, due_on=date.today() + timedelta(days=due_in),
        )
        _learners_progress(session, catalogue, [i.user_id for i in issued], course_id, rng)
        for item in issued:  # demo learners sign in straight away with the demo password
            session.get(User, item.user_id).password_hash = password_hash
            session.delete(session.get(TemporaryPassword, item.user_id))
    _teachers_progress(session, catalogue, [users["demo-teacher-ar"].id, users["demo-teacher-en"].id])
    session.commit()
    return True, accounts


def _learners_progress(session: Session, catalogue: Catalogue, user_ids: list[int], course_id: str, rng: random.Random) -> None:
    course = catalogue.course(course_id)
    assert course is not None
    now = utcnow()
    for user_id in user_ids:
        reached = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, len(course.modules)])
        for position, module in enumerate(course.modules[: reached + 1]):
            completed = position < reached
            if not completed and rng.random() < 0.4:
                break  # not started the next one yet
            session.add(
                ModuleProgress(
                    user_id=user_id, course_id=course.id, module_id=module.id, version=module.version,
                    status=ProgressStatus.COMPLETED if completed else ProgressStatus.IN_PROGRESS,
                    best_score=round(rng.uniform(0.6, 1.0), 2) if completed and module.has_quiz else (
                        round(rng.uniform(0.2, 0.6), 2) if module.has_quiz and rng.random() < 0.5 else None),
                    completed_at=now - timedelta(days=rng.randint(1, 20)) if completed else None,
                    last_seen_at=now - timedelta(days=rng.randint(0, 10)),
                )
            )


def _teachers_progress(session: Session, catalogue: Catalogue, teacher_ids: list[int]) -> None:
    course = catalogue.course(TEACHER_COURSE)
    assert course is not None
    for share, user_id in zip((1.0, 0.5), teacher_ids):
        for module in course.modules[: round(len(course.modules) * share)]:
            session.add(
                ModuleProgress(
                    user_id=user_id, course_id=course.id, module_id=module.id, version=module.version,
                    status=ProgressStatus.COMPLETED, best_score=0.9 if module.has_quiz else None,
                    completed_at=utcnow(),
                )
            )


@click.command("demo")
def demo() -> None:
    """Load a demo school: a school admin, two teachers, two classes, 30 learners (idempotent)."""
    app = create_app()
    courses, out = Path(app.config["COURSES_DIR"]), Path(app.config["CATALOGUE_DIR"])
    if catalogue_is_stale(courses, out):
        click.echo(f"building {out} from {courses} ...")
        if not build_catalogue(courses, out).ok:
            raise click.ClickException("the courses have errors; run `ailit check`")
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    upgrade(url)
    with app.app_context():
        created, accounts = load_demo(db.session, content.catalogue)
    click.echo("demo school created" if created else "demo school already loaded (nothing changed)")
    click.echo(f"\nSign in at /en/sign-in with password {DEMO_PASSWORD}:\n")
    width = max(len(a.username) for a in accounts)
    for account in accounts:
        click.echo(f"  {account.username.ljust(width)}  {account.role:<13} {account.what}")


COMMANDS: list[click.Command] = [demo]
