"""Who may review a learner's practical task (DESIGN.md, Assessment: practical tasks).

The teacher of a class the learner is in; for teachers' training, a school admin or mentor of
the learner's school; a site ``reviewer``. Nobody reviews their own work. The rule is one SQL
condition, used both for the review queue and for opening or reviewing one submission.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue
from ailit.models import ClassMembership, Classroom, Role, SchoolMembership, TaskSubmission, User

TEACHERS_TRAINING = "teacher-pd"


def reviewable_by(session: Session, reviewer: User, catalogue: Catalogue) -> ColumnElement[bool]:
    """A condition on TaskSubmission: true for submissions ``reviewer`` may review."""
    not_own = TaskSubmission.user_id != reviewer.id
    if reviewer.role == Role.REVIEWER:
        return not_own & true()
    rules = []
    if reviewer.role in (Role.TEACHER, Role.SCHOOL_ADMIN):
        taught = (
            select(ClassMembership.user_id)
            .join(Classroom, Classroom.id == ClassMembership.classroom_id)
            .where(Classroom.teacher_id == reviewer.id)
        )
        rules.append(TaskSubmission.user_id.in_(taught))
    membership = session.get(SchoolMembership, reviewer.id)
    if membership is not None and (reviewer.role == Role.SCHOOL_ADMIN or membership.mentor):
        training = [c.id for c in catalogue.courses.values() if c.stage == TEACHERS_TRAINING]
        staff = select(SchoolMembership.user_id).where(SchoolMembership.school_id == membership.school_id)
        pupils = (
            select(ClassMembership.user_id)
            .join(Classroom, Classroom.id == ClassMembership.classroom_id)
            .where(Classroom.school_id == membership.school_id)
        )
        rules.append(
            TaskSubmission.course_id.in_(training)
            & or_(TaskSubmission.user_id.in_(staff), TaskSubmission.user_id.in_(pupils))
        )
    return not_own & or_(false(), *rules)


def may_review(session: Session, reviewer: User, catalogue: Catalogue, submission_id: int) -> bool:
    """Whether ``reviewer`` may open and review this submission of someone else."""
    found = session.scalar(
        select(TaskSubmission.id).where(
            TaskSubmission.id == submission_id, reviewable_by(session, reviewer, catalogue)
        )
    )
    return found is not None


def learner_school_id(session: Session, learner_id: int) -> int | None:
    """The school the learner works for or studies at (for the school's audit log)."""
    membership = session.get(SchoolMembership, learner_id)
    if membership is not None:
        return membership.school_id
    return session.scalar(
        select(Classroom.school_id)
        .join(ClassMembership, ClassMembership.classroom_id == Classroom.id)
        .where(ClassMembership.user_id == learner_id)
        .limit(1)
    )
