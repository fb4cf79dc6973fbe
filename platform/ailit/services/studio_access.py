"""Who may do what in the studio: per-course roles, granted by site admins and course owners.

- authors and site admins create courses (the creator becomes the owner);
- owners and editors edit every file, publish, unpublish and roll back;
- translators edit the translation files of the locales they were granted, nothing else;
- proofreaders read and preview;
- site admins may do everything; owners (and site admins) grant and revoke roles.
A course is invisible to everyone else: they get "not found", never "forbidden", so its
existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.locales import LOCALES
from ailit.models import CourseRole, CourseRoleName, Role, StudioAction, StudioCourse, StudioEvent, User
from ailit.services.errors import NotFound, ValidationError
from ailit.services.schools import Forbidden

EDITING_ROLES = frozenset({CourseRoleName.OWNER, CourseRoleName.EDITOR})


@dataclass(frozen=True)
class Access:
    """What ``user`` may do on one studio course."""

    course: StudioCourse
    role: CourseRoleName
    locales: tuple[str, ...] = ()  # for translators: the locales they may edit
    admin: bool = False

    @property
    def can_edit(self) -> bool:
        return self.admin or self.role in EDITING_ROLES

    @property
    def can_grant(self) -> bool:
        return self.admin or self.role == CourseRoleName.OWNER

    def can_translate(self, locale: str) -> bool:
        return self.can_edit or (self.role == CourseRoleName.TRANSLATOR and locale in self.locales)


def can_create(user: User) -> bool:
    """Authors and site admins may create studio courses."""
    return user.role in (Role.AUTHOR, Role.ADMIN)


def access(session: Session, user: User, course_id: str) -> Access:
    """The user's access to a course; NotFound when the course is not theirs to see."""
    course = session.get(StudioCourse, course_id)
    if course is None:
        raise NotFound(f"no studio course '{course_id}'")
    if user.role == Role.ADMIN:
        return Access(course, CourseRoleName.OWNER, tuple(LOCALES), admin=True)
    row = session.scalars(
        select(CourseRole).where(CourseRole.course_id == course_id, CourseRole.user_id == user.id)
    ).first()
    if row is None:
        raise NotFound(f"no studio course '{course_id}'")
    return Access(course, CourseRoleName(row.role), tuple(row.locale_list))


def require_edit(session: Session, user: User, course_id: str) -> Access:
    """Access for an owner or editor (or site admin); Forbidden for translators and proofreaders."""
    found = access(session, user, course_id)
    if not found.can_edit:
        raise Forbidden("only the course's owners and editors may do this")
    return found


def my_courses(session: Session, user: User) -> list[tuple[StudioCourse, str]]:
    """The studio courses the user has a role on (every course for a site admin), with the role."""
    if user.role == Role.ADMIN:
        courses = session.scalars(select(StudioCourse).order_by(StudioCourse.id)).all()
        return [(c, CourseRoleName.OWNER.value) for c in courses]
    rows = session.execute(
        select(StudioCourse, CourseRole.role)
        .join(CourseRole, CourseRole.course_id == StudioCourse.id)
        .where(CourseRole.user_id == user.id)
        .order_by(StudioCourse.id)
    ).all()
    return [(course, role) for course, role in rows]


def roles(session: Session, course_id: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(username, role, locales) of everyone with a role on the course."""
    rows = session.execute(
        select(User.username, CourseRole.role, CourseRole.locales)
        .join(CourseRole, CourseRole.user_id == User.id)
        .where(CourseRole.course_id == course_id)
        .order_by(User.username)
    ).all()
    return [(name, role, tuple(loc for loc in locales.split(",") if loc)) for name, role, locales in rows]


def grant(
    session: Session, actor: User, course_id: str, username: str, role: str, locales: list[str]
) -> None:
    """Give ``username`` ``role`` on the course (replacing any role they had); owners and admins only."""
    found = access(session, actor, course_id)
    if not found.can_grant:
        raise Forbidden("only the course's owners and site admins grant roles")
    try:
        name = CourseRoleName(role)
    except ValueError:
        raise ValidationError("role", "invalid", f"unknown role '{role}'") from None
    wrong = [loc for loc in locales if loc not in LOCALES]
    if wrong:
        raise ValidationError("locales", "invalid", f"unknown locale(s): {', '.join(wrong)}")
    if name == CourseRoleName.TRANSLATOR and not locales:
        raise ValidationError("locales", "required", "name the locales a translator may edit")
    target = session.scalars(select(User).where(User.username == username)).first()
    if target is None:
        raise ValidationError("username", "unknown_user", f"no account named '{username}'")
    row = session.scalars(
        select(CourseRole).where(CourseRole.course_id == course_id, CourseRole.user_id == target.id)
    ).first()
    if row is None:
        row = CourseRole(course_id=course_id, user_id=target.id)
        session.add(row)
    row.role = name.value
    row.locales = ",".join(sorted(set(locales))) if name == CourseRoleName.TRANSLATOR else ""
    record(session, actor, course_id, StudioAction.GRANTED, f"{username}: {name.value} {row.locales}".strip())


def revoke(session: Session, actor: User, course_id: str, username: str) -> None:
    """Take every role on the course from ``username``; the last owner cannot be removed."""
    found = access(session, actor, course_id)
    if not found.can_grant:
        raise Forbidden("only the course's owners and site admins revoke roles")
    row = session.execute(
        select(CourseRole)
        .join(User, User.id == CourseRole.user_id)
        .where(CourseRole.course_id == course_id, User.username == username)
    ).scalar_one_or_none()
    if row is None:
        raise ValidationError("username", "no_role", f"'{username}' has no role on this course")
    owners = session.scalars(
        select(CourseRole).where(CourseRole.course_id == course_id, CourseRole.role == CourseRoleName.OWNER.value)
    ).all()
    if row.role == CourseRoleName.OWNER.value and len(owners) == 1:
        raise ValidationError("username", "last_owner", "a course keeps at least one owner")
    session.delete(row)
    record(session, actor, course_id, StudioAction.REVOKED, username)


def record(session: Session, actor: User | None, course_id: str, action: StudioAction, detail: str = "") -> None:
    """Add a studio event to the session; it is committed with the work it records."""
    session.add(
        StudioEvent(course_id=course_id, actor_id=actor.id if actor else None, action=action.value, detail=detail[:300])
    )


def events(session: Session, course_id: str, limit: int = 100) -> list[tuple[StudioEvent, str | None]]:
    """The course's most recent studio events, newest first, with the actor's username."""
    rows = session.execute(
        select(StudioEvent, User.username)
        .outerjoin(User, User.id == StudioEvent.actor_id)
        .where(StudioEvent.course_id == course_id)
        .order_by(StudioEvent.created_at.desc(), StudioEvent.id.desc())
        .limit(limit)
    ).all()
    return [(event, name) for event, name in rows]
