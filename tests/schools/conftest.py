"""A school world for tests: an admin, two schools, their admins and teachers, a class, learners."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ailit.models import Role, SchoolMembership, User
from ailit.services import class_learners, classes, schools
from ailit.services.roster import parse_pasted_names

PASSWORD = "correct horse battery"


@dataclass
class SchoolWorld:
    """Ids and usernames of everyone in the world (plain data: sessions come and go)."""

    school_id: int
    other_school_id: int
    class_id: int
    other_class_id: int
    learner_ids: list[int]
    learner_passwords: dict[str, str]  # username -> one-time password
    usernames: dict[str, str]  # role in the matrix -> username


@pytest.fixture
def sign_in(client: FlaskClient) -> Callable[[str], Any]:
    """Sign the test client in as ``username`` (the test password)."""

    def login(username: str, password: str = PASSWORD) -> Any:
        client.post("/en/sign-out")
        return client.post("/en/sign-in", data={"username": username, "password": password})

    return login


@pytest.fixture
def world(app: Flask, make_user: Callable[..., User]) -> SchoolWorld:
    """Admin, school admin, teacher, another school's teacher, a class with three learners."""
    admin = make_user("site-admin", role=Role.ADMIN)
    school_admin = make_user("school-admin", role=Role.SCHOOL_ADMIN)
    teacher = make_user("teacher", role=Role.TEACHER, display_name="Ms Teacher")
    colleague = make_user("colleague", role=Role.TEACHER)
    stranger = make_user("stranger", role=Role.TEACHER)
    make_user("outsider")  # a learner in no class
    with app.app_context():
        from ailit.web.extensions import db, security

        s = db.session
        admin, school_admin, teacher, colleague, stranger = (
            s.get(User, u.id) for u in (admin, school_admin, teacher, colleague, stranger)
        )
        school = schools.create_school(s, admin, "Al-Noor School")
        other = schools.create_school(s, admin, "Other School")
        for user, school_id in ((school_admin, school.id), (teacher, school.id), (colleague, school.id), (stranger, other.id)):
            schools.add_staff(s, user, school_id)
        classroom = classes.create_class(s, teacher, name="5B", stage="primary", locale="en")
        other_class = classes.create_class(s, stranger, name="Other 5", stage="primary", locale="en")
        issued = class_learners.create_learners(
            s, teacher, classroom.id, parse_pasted_names("Ali\nSara\nفاطمة"), hasher=security.hasher
        )
        assert s.get(SchoolMembership, teacher.id) is not None
        return SchoolWorld(
            school_id=school.id,
            other_school_id=other.id,
            class_id=classroom.id,
            other_class_id=other_class.id,
            learner_ids=[i.user_id for i in issued],
            learner_passwords={i.username: i.password for i in issued},
            usernames={
                "admin": "site-admin",
                "school_admin": "school-admin",
                "teacher": "teacher",
                "colleague": "colleague",
                "stranger": "stranger",
                "learner": "outsider",
            },
        )
