"""Assignments: a course, or chosen modules of it, set for a class, perhaps with a due date.

The picker offers the courses of the class's stage first; assigning another stage's course
needs an explicit confirmation, so a teacher does not hand ten-year-olds a university module
by mistake. Learners see their assignments first on their dashboard, soonest due first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue, Course
from ailit.models import Assignment, ClassMembership, Classroom, ModuleProgress, User
from ailit.services.classes import get_class
from ailit.services.errors import ServiceError, ValidationError
from ailit.stages import STAGES


class StageMismatch(ServiceError):
    """The course is for another stage than the class's; ask the teacher to confirm."""

    code = "stage_mismatch"

    def __init__(self, course_stage: str, class_stage: str) -> None:
        super().__init__(f"this course is for {course_stage}, the class is {class_stage}")
        self.course_stage = course_stage
        self.class_stage = class_stage


@dataclass(frozen=True)
class ModuleChoice:
    """A module the teacher may tick."""

    module_id: str
    title: str


@dataclass(frozen=True)
class CourseChoice:
    """A course in the picker; ``matches``: it is for the class's stage."""

    course_id: str
    title: str
    stage: str
    matches: bool
    modules: tuple[ModuleChoice, ...]


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as the class page lists it."""

    assignment_id: int
    course_id: str
    course_title: str
    module_titles: tuple[str, ...]  # empty: the whole course
    due_on: date | None


@dataclass(frozen=True)
class AssignedItem:
    """Work assigned to a learner: where they stand and what to open next."""

    class_name: str
    course_id: str
    course_title: str
    due_on: date | None
    overdue: bool
    completed: int
    total: int
    next_module_id: str | None


def module_ids_of(assignment: Assignment, course: Course) -> list[str]:
    """The modules an assignment covers that exist in the current catalogue, in course order."""
    chosen = None if assignment.module_ids is None else set(assignment.module_ids)
    return [m.id for m in course.modules if chosen is None or m.id in chosen]


def picker(catalogue: Catalogue, classroom: Classroom, locale: str) -> list[CourseChoice]:
    """Every course, the class's stage first, then the other stages in teaching order."""
    def order(course: Course) -> tuple[int, int, str]:
        stage_rank = STAGES.index(course.stage) if course.stage in STAGES else len(STAGES)
        return (course.stage != classroom.stage, stage_rank, course.title_in(locale))

    return [
        CourseChoice(
            course.id,
            course.title_in(locale),
            course.stage,
            course.stage == classroom.stage,
            tuple(ModuleChoice(m.id, _title(m.title, locale, course.source_locale)) for m in course.modules),
        )
        for course in sorted(catalogue.courses.values(), key=order)
    ]


def create_assignment(
    session: Session,
    teacher: User,
    class_id: int,
    catalogue: Catalogue,
    *,
    course_id: str,
    module_ids: list[str] | None = None,
    due_on: date | None = None,
    confirm_other_stage: bool = False,
) -> Assignment:
    """Assign a course (``module_ids`` None or empty: all of it) to the teacher's class."""
    classroom = get_class(session, teacher, class_id, manage=True)
    course = catalogue.course(course_id)
    if course is None:
        raise ValidationError("course_id", "course_unknown", f"there is no course {course_id!r}")
    chosen: list[str] | None = None
    if module_ids:
        known = {m.id for m in course.modules}
        unknown = [m for m in module_ids if m not in known]
        if unknown:
            raise ValidationError(
                "module_ids", "module_unknown", f"the course has no module {unknown[0]!r}"
            )
        chosen = [m.id for m in course.modules if m.id in set(module_ids)]
    if course.stage != classroom.stage and not confirm_other_stage:
        raise StageMismatch(course.stage, classroom.stage)
    assignment = Assignment(
        classroom_id=classroom.id,
        course_id=course.id,
        module_ids=chosen,
        due_on=due_on,
        created_by=teacher.id,
    )
    session.add(assignment)
    session.commit()
    return assignment


def class_assignments(
    session: Session, classroom: Classroom, catalogue: Catalogue, locale: str
) -> list[AssignmentView]:
    """The class's assignments, soonest due first (one query)."""
    views = []
    for assignment in _ordered(session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id))):
        course = catalogue.course(assignment.course_id)
        if course is None:  # withdrawn from the catalogue: nothing to show or do
            continue
        titles = tuple(
            _title(m.title, locale, course.source_locale)
            for m in course.modules
            if assignment.module_ids is not None and m.id in assignment.module_ids
        )
        views.append(
            AssignmentView(assignment.id, course.id, course.title_in(locale), titles, assignment.due_on)
        )
    return views


def assigned_to(
    session: Session, user_id: int, catalogue: Catalogue, locale: str, today: date
) -> list[AssignedItem]:
    """A learner's assignments across their classes, soonest due first (two queries)."""
    rows = session.execute(
        select(Assignment, Classroom.name)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(ClassMembership, ClassMembership.classroom_id == Classroom.id)
        .where(ClassMembership.user_id == user_id)
    ).all()
    if not rows:
        return []
    course_ids = {a.course_id for a, _ in rows}
    statuses = {
        (p.course_id, p.module_id): p.status
        for p in session.scalars(
            select(ModuleProgress).where(
                ModuleProgress.user_id == user_id, ModuleProgress.course_id.in_(course_ids)
            )
        )
    }
    class_of = {a.id: name for a, name in rows}
    items = []
    for assignment in _ordered(a for a, _ in rows):
        course = catalogue.course(assignment.course_id)
        if course is None:
            continue
        modules = module_ids_of(assignment, course)
        done = [m for m in modules if statuses.get((course.id, m)) == "completed"]
        remaining = [m for m in modules if m not in done]
        items.append(
            AssignedItem(
                class_of[assignment.id],
                course.id,
                course.title_in(locale),
                assignment.due_on,
                bool(assignment.due_on and assignment.due_on < today and remaining),
                len(done),
                len(modules),
                remaining[0] if remaining else None,
            )
        )
    return items


def followed_stages(session: Session, user_id: int, catalogue: Catalogue) -> frozenset[str]:
    """The stages of the courses a learner follows: started (progress in a module) or assigned
    to one of their classes (one query)."""
    started = select(ModuleProgress.course_id).where(ModuleProgress.user_id == user_id)
    assigned = (
        select(Assignment.course_id)
        .join(ClassMembership, ClassMembership.classroom_id == Assignment.classroom_id)
        .where(ClassMembership.user_id == user_id)
    )
    course_ids = session.scalars(union(started, assigned)).all()
    courses = (catalogue.course(course_id) for course_id in course_ids)
    return frozenset(course.stage for course in courses if course is not None)


def parse_due_date(raw: str) -> date | None:
    """A due date typed as YYYY-MM-DD (an HTML date input), or None when left empty."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError("due_on", "due_date_format", "write the date as YYYY-MM-DD") from None


def _ordered(assignments: object) -> list[Assignment]:
    items: list[Assignment] = list(assignments)  # type: ignore[call-overload]
    return sorted(items, key=lambda a: (a.due_on is None, a.due_on or date.max, a.id))


def _title(titles: dict[str, str], locale: str, source_locale: str) -> str:
    return titles.get(locale) or titles.get(source_locale) or next(iter(titles.values()), "")
