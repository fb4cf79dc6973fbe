"""Reports: a class's learners × assigned modules, a school's classes, its teachers' training.

Each report reads a fixed number of queries whatever the number of learners (a test counts
them), and aggregates per-school figures in the database.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue
from ailit.models import (
    Assignment,
    AuditAction,
    Certificate,
    ClassMembership,
    Classroom,
    ModuleProgress,
    ProgressStatus,
    Role,
    SchoolMembership,
    User,
)
from ailit.services import audit, class_tasks, classes
from ailit.services.assignments import module_ids_of
from ailit.stages import Stage

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportColumn:
    """An assigned module: the report's column."""

    course_id: str
    module_id: str
    course_title: str
    title: str
    due_on: date | None


@dataclass(frozen=True)
class ReportCell:
    """One learner in one module."""

    status: str  # a ProgressStatus value
    best_score: float | None
    overdue: bool
    task_status: str | None = None  # the latest task submission's status (SubmissionStatus value)
    submission_id: int | None = None


@dataclass(frozen=True)
class ReportRow:
    """One learner's line."""

    user_id: int
    display_name: str
    username: str
    cells: tuple[ReportCell, ...]
    completed: int


@dataclass(frozen=True)
class ClassReport:
    """Learners × modules with per-module averages (None: nobody has a score yet)."""

    class_id: int
    class_name: str
    columns: tuple[ReportColumn, ...]
    rows: tuple[ReportRow, ...]
    average_scores: tuple[float | None, ...]
    completed_shares: tuple[float, ...]
    tasks_waiting: int = 0  # submissions waiting for a review


@dataclass(frozen=True)
class SchoolClassRow:
    """One class in the school report."""

    class_id: int
    name: str
    stage: str
    teacher: str | None
    learners: int
    modules: int  # assigned modules
    completed_share: float  # completed learner-modules / (learners × modules)
    average_score: float | None


@dataclass(frozen=True)
class TrainingCourse:
    """A teacher's standing in one teacher-pd course."""

    course_id: str
    title: str
    completed: int
    total: int
    certificate_code: str | None
    hours: float  # counted once the course is completed


@dataclass(frozen=True)
class TeacherTraining:
    """A teacher's professional-development record."""

    user_id: int
    display_name: str
    username: str
    courses: tuple[TrainingCourse, ...]

    @property
    def hours(self) -> float:
        """Certified or completed hours across teacher-pd courses."""
        return sum(c.hours for c in self.courses)


def report_columns(
    assignments: list[Assignment], catalogue: Catalogue, locale: str
) -> list[ReportColumn]:
    """One column per assigned module (the earliest due date when assigned twice)."""
    columns: dict[tuple[str, str], ReportColumn] = {}
    for assignment in sorted(assignments, key=lambda a: a.id):
        course = catalogue.course(assignment.course_id)
        if course is None:
            continue
        for module_id in module_ids_of(assignment, course):
            key = (course.id, module_id)
            previous = columns.get(key)
            due = assignment.due_on
            if previous is not None and (due is None or (previous.due_on and previous.due_on <= due)):
                continue
            module = course.module(module_id)
            assert module is not None
            title = module.title.get(locale) or module.title.get(course.source_locale) or module_id
            columns[key] = ReportColumn(course.id, module_id, course.title_in(locale), title, due)
    return list(columns.values())


def class_report(
    session: Session, classroom: Classroom, catalogue: Catalogue, locale: str, today: date
) -> ClassReport:
    """The class's learners × assigned modules (and tasks): four queries whatever the class size."""
    assignments = list(session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id)))
    columns = report_columns(assignments, catalogue, locale)
    learners = session.execute(
        select(User.id, User.display_name, User.username)
        .join(ClassMembership, ClassMembership.user_id == User.id)
        .where(ClassMembership.classroom_id == classroom.id)
        .order_by(User.display_name, User.username)
    ).all()
    progress: dict[tuple[int, str, str], tuple[str, float | None]] = {}
    course_ids = sorted({c.course_id for c in columns})
    if course_ids and learners:
        for user_id, course_id, module_id, status, score in session.execute(
            select(
                ModuleProgress.user_id,
                ModuleProgress.course_id,
                ModuleProgress.module_id,
                ModuleProgress.status,
                ModuleProgress.best_score,
            )
            .join(ClassMembership, ClassMembership.user_id == ModuleProgress.user_id)
            .where(ClassMembership.classroom_id == classroom.id, ModuleProgress.course_id.in_(course_ids))
        ):
            progress[(user_id, course_id, module_id)] = (str(status), score)
    submissions = class_tasks.latest_submissions(session, classroom.id, course_ids) if learners else {}
    rows = []
    for user_id, name, username in learners:
        cells = []
        for column in columns:
            status, score = progress.get((user_id, column.course_id, column.module_id), ("not_started", None))
            overdue = bool(column.due_on and column.due_on < today and status != ProgressStatus.COMPLETED)
            task, submission_id = submissions.get((user_id, column.course_id, column.module_id), (None, None))
            cells.append(ReportCell(status, score, overdue, task, submission_id))
        rows.append(
            ReportRow(user_id, name, username, tuple(cells), sum(c.status == ProgressStatus.COMPLETED for c in cells))
        )
    averages, shares = [], []
    for index in range(len(columns)):
        scores = [r.cells[index].best_score for r in rows if r.cells[index].best_score is not None]
        averages.append(sum(scores) / len(scores) if scores else None)
        done = sum(r.cells[index].status == ProgressStatus.COMPLETED for r in rows)
        shares.append(done / len(rows) if rows else 0.0)
    waiting = sum(c.task_status == "submitted" for r in rows for c in r.cells)
    return ClassReport(
        classroom.id, classroom.name, tuple(columns), tuple(rows), tuple(averages), tuple(shares), waiting
    )


# A class report viewed again by the same person within this time is not logged again.
VIEW_AUDIT_WINDOW = timedelta(minutes=10)


def audited_class_report(
    session: Session,
    user: User,
    class_id: int,
    catalogue: Catalogue,
    locale: str,
    today: date,
    action: AuditAction,
) -> tuple[Classroom, ClassReport]:
    """A class's report for someone allowed to see it; the viewing (or export) is audited.

    Every export is recorded; a view is recorded once per person and class within
    ``VIEW_AUDIT_WINDOW`` (reloading the page writes nothing more).
    """
    classroom = classes.get_class(session, user, class_id)
    report = class_report(session, classroom, catalogue, locale, today)
    seen = action == AuditAction.VIEWED_CLASS_REPORT and audit.recently_recorded(
        session,
        actor_id=user.id,
        action=action,
        school_id=classroom.school_id,
        classroom_id=classroom.id,
        within=VIEW_AUDIT_WINDOW,
    )
    if not seen:
        audit.record(
            session,
            actor_id=user.id,
            action=action,
            school_id=classroom.school_id,
            classroom_id=classroom.id,
            count=len(report.rows),
        )
        session.commit()
    return classroom, report


def report_csv(report: ClassReport) -> str:
    """The class report as CSV: a row per learner, status and best score per module."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["username", "name", "completed"]
    for column in report.columns:
        header += [f"{column.course_id}/{column.module_id} status", f"{column.course_id}/{column.module_id} best score"]
    writer.writerow(header)
    for row in report.rows:
        line = [_csv_safe(row.username), _csv_safe(row.display_name), str(row.completed)]
        for cell in row.cells:
            status = f"{cell.status} (overdue)" if cell.overdue else cell.status
            line += [status, "" if cell.best_score is None else f"{cell.best_score:.2f}"]
        writer.writerow(line)
    averages = ["", "average", ""]
    for score in report.average_scores:
        averages += ["", "" if score is None else f"{score:.2f}"]
    writer.writerow(averages)
    return out.getvalue()


def school_report(session: Session, school_id: int, catalogue: Catalogue) -> list[SchoolClassRow]:
    """Per class: learners, assigned modules, completion and average score (four queries)."""
    classes = session.execute(
        select(Classroom, User.display_name)
        .outerjoin(User, User.id == Classroom.teacher_id)
        .where(Classroom.school_id == school_id)
        .order_by(Classroom.name, Classroom.id)
    ).all()
    counts = dict(
        session.execute(
            select(ClassMembership.classroom_id, func.count(ClassMembership.id))
            .join(Classroom, Classroom.id == ClassMembership.classroom_id)
            .where(Classroom.school_id == school_id)
            .group_by(ClassMembership.classroom_id)
        ).all()
    )
    assigned: dict[int, set[tuple[str, str]]] = {}
    for assignment in session.scalars(
        select(Assignment).join(Classroom, Classroom.id == Assignment.classroom_id).where(Classroom.school_id == school_id)
    ):
        course = catalogue.course(assignment.course_id)
        if course is not None:
            assigned.setdefault(assignment.classroom_id, set()).update(
                (course.id, m) for m in module_ids_of(assignment, course)
            )
    completed = func.sum(case((ModuleProgress.status == ProgressStatus.COMPLETED, 1), else_=0))
    figures: dict[int, list[float]] = {}  # class -> [completed, score sum, scored]
    for class_id, course_id, module_id, done, score_sum, scored in session.execute(
        select(
            ClassMembership.classroom_id,
            ModuleProgress.course_id,
            ModuleProgress.module_id,
            completed,
            func.sum(ModuleProgress.best_score),
            func.count(ModuleProgress.best_score),
        )
        .join(ClassMembership, ClassMembership.user_id == ModuleProgress.user_id)
        .join(Classroom, Classroom.id == ClassMembership.classroom_id)
        .where(Classroom.school_id == school_id)
        .group_by(ClassMembership.classroom_id, ModuleProgress.course_id, ModuleProgress.module_id)
    ):
        if (course_id, module_id) not in assigned.get(class_id, ()):
            continue
        total = figures.setdefault(class_id, [0.0, 0.0, 0.0])
        total[0] += done or 0
        total[1] += score_sum or 0.0
        total[2] += scored or 0
    result = []
    for classroom, teacher in classes:
        learners = counts.get(classroom.id, 0)
        modules = len(assigned.get(classroom.id, ()))
        done, score_sum, scored = figures.get(classroom.id, [0.0, 0.0, 0.0])
        cells = learners * modules
        result.append(
            SchoolClassRow(
                classroom.id,
                classroom.name,
                classroom.stage,
                teacher,
                learners,
                modules,
                done / cells if cells else 0.0,
                score_sum / scored if scored else None,
            )
        )
    return result


def teacher_training(
    session: Session, school_id: int, catalogue: Catalogue, locale: str
) -> list[TeacherTraining]:
    """The school's teachers in the teacher-pd courses: modules done, certificates, hours."""
    courses = [c for c in catalogue.courses.values() if c.stage == Stage.TEACHER_PD]
    teachers = session.execute(
        select(User.id, User.display_name, User.username)
        .join(SchoolMembership, SchoolMembership.user_id == User.id)
        .where(SchoolMembership.school_id == school_id, User.role == Role.TEACHER)
        .order_by(User.display_name)
    ).all()
    ids = [t[0] for t in teachers]
    course_ids = [c.id for c in courses]
    done: dict[tuple[int, str], set[str]] = {}
    certificates: dict[tuple[int, str], Certificate] = {}
    if ids and course_ids:
        for user_id, course_id, module_id in session.execute(
            select(ModuleProgress.user_id, ModuleProgress.course_id, ModuleProgress.module_id).where(
                ModuleProgress.user_id.in_(ids),
                ModuleProgress.course_id.in_(course_ids),
                ModuleProgress.status == ProgressStatus.COMPLETED,
            )
        ):
            done.setdefault((user_id, course_id), set()).add(module_id)
        for certificate in session.scalars(
            select(Certificate).where(
                Certificate.user_id.in_(ids),
                Certificate.course_id.in_(course_ids),
                Certificate.revoked_at.is_(None),
            )
        ):
            certificates[(certificate.user_id, certificate.course_id)] = certificate
    result = []
    for user_id, name, username in teachers:
        records = []
        for course in courses:
            modules = {m.id for m in course.modules}
            completed = len(done.get((user_id, course.id), set()) & modules)
            certificate = certificates.get((user_id, course.id))
            hours = certificate.hours if certificate else (course.hours if completed == len(modules) and modules else 0.0)
            records.append(
                TrainingCourse(
                    course.id,
                    course.title_in(locale),
                    completed,
                    len(modules),
                    certificate.code if certificate else None,
                    hours,
                )
            )
        result.append(TeacherTraining(user_id, name, username, tuple(records)))
    return result


def _csv_safe(text: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula: make it plain text.
    return "'" + text if text.startswith(_FORMULA_START) else text
