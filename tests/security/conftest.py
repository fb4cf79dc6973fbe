"""A world for security tests: every kind of user, and objects each of them owns.

Two schools, each with a school admin and a teacher with a class; a learner in the first
class, another learner in the second; a site admin. The first learner has a quiz attempt, a
certificate and a practical task submitted with a file (for the class's teacher, the school's
admin in teachers' training, and the site reviewer to review), and the first school an open invitation, so routes that take ids or codes can
be asked for someone else's object.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ailit.models import Certificate, ClassMembership, Role, User, utcnow
from ailit.certificates.codes import new_code
from ailit.services import classes, quiz, schools, tasks, uploads
from ailit.web.extensions import content

from tests.conftest import PASSWORD

COURSE = "sample-robots"
QUIZ_MODULE = "what-is-ai"
TASK_COURSE = "sample-assessed"  # teachers' training, with a practical task
TASK_MODULE = "plan-a-lesson"
# Roles of the matrix: who asks. "learner" owns the attempt and certificate of the world.
ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "teacher",
    "other_teacher",
    "school_admin",
    "other_school_admin",
    "admin",
    "reviewer",
)


@dataclass
class SecurityWorld:
    """Ids, codes and usernames of the world (plain data: sessions come and go)."""

    usernames: dict[str, str]  # matrix role -> username
    user_ids: dict[str, int]
    school_id: int
    other_school_id: int
    class_id: int
    other_class_id: int
    attempt_id: int
    certificate_code: str
    invitation_code: str
    submission_id: int
    file_id: int


def sign_in(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    """Sign ``client`` in through the form; fails the test if that does not work."""
    response = client.post("/en/sign-in", data={"username": username, "password": password})
    assert response.status_code == 302, (username, response.status_code)


def wrong_answers(module_id: str) -> list[object]:
    """Answers of the right types for a module's quiz (whether they are right does not matter)."""
    text, _ = content.catalogue.module_text(COURSE, module_id, "en")
    by_type = {"single": [0], "multiple": [0], "number": 0.0}
    return [by_type.get(q.type, "no idea") for q in text.quiz.questions]


@pytest.fixture
def world(app: Flask, make_user: Callable[..., User]) -> SecurityWorld:
    """Build the world through the services (a certificate row without rendering a PDF)."""
    names = {role: role.replace("_", "-") for role in ROLES if role != "anonymous"}
    role_of = {"teacher": Role.TEACHER, "other_teacher": Role.TEACHER, "school_admin": Role.SCHOOL_ADMIN,
               "other_school_admin": Role.SCHOOL_ADMIN, "admin": Role.ADMIN, "reviewer": Role.REVIEWER}
    made = {role: make_user(name, role=role_of.get(role, Role.LEARNER)) for role, name in names.items()}
    with app.app_context():
        from ailit.web.extensions import db

        s = db.session
        users = {role: s.get(User, u.id) for role, u in made.items()}
        school = schools.create_school(s, users["admin"], "First School")
        other = schools.create_school(s, users["admin"], "Second School")
        for role, school_id in (("school_admin", school.id), ("teacher", school.id),
                                ("other_school_admin", other.id), ("other_teacher", other.id)):
            schools.add_staff(s, users[role], school_id)
        classroom = classes.create_class(s, users["teacher"], name="5B", stage="primary", locale="en")
        other_class = classes.create_class(s, users["other_teacher"], name="6C", stage="primary", locale="en")
        s.add(ClassMembership(classroom_id=classroom.id, user_id=users["learner"].id))
        s.add(ClassMembership(classroom_id=other_class.id, user_id=users["other_learner"].id))
        s.commit()
        result = quiz.submit_attempt(s, users["learner"].id, content.catalogue, COURSE, QUIZ_MODULE, "en",
                                     wrong_answers(QUIZ_MODULE), uuid.uuid4().hex)
        certificate = Certificate(
            code=new_code(), user_id=users["learner"].id, course_id=COURSE, course_version="v1",
            locale="en", learner_name="Learner", course_title="Sample robots", stage="primary",
            hours=1.0, issued_at=utcnow(), pdf_path="", hidden=False,
        )
        s.add(certificate)
        s.commit()
        _, invitation_code = schools.invite_teacher(s, users["school_admin"], school.id)
        submission = tasks.submit(
            s, users["learner"], content.catalogue, TASK_COURSE, TASK_MODULE, "en", "My lesson plan.",
            [uploads.IncomingFile("plan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)], Path(app.config["DATA_DIR"]),
        )
        return SecurityWorld(
            usernames=names,
            user_ids={role: u.id for role, u in made.items()},
            school_id=school.id,
            other_school_id=other.id,
            class_id=classroom.id,
            other_class_id=other_class.id,
            attempt_id=result.attempt_id,
            certificate_code=certificate.code,
            invitation_code=invitation_code,
            submission_id=submission.id,
            file_id=submission.files[0].id,
        )
