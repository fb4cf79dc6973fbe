"""Data for the accessibility audit: every kind of page has something real to show.

Built through the services only: a learner with a failed and a passed attempt and a certificate,
a teacher with a class whose learners have varied progress on an overdue assignment (so the
heat map shows every cell state), a school admin whose school has an audit log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Flask

from ailit.content.catalogue import Catalogue
from ailit.models import Role, User
from ailit.services import (
    accounts,
    assignments,
    certificates,
    class_learners,
    classes,
    progress,
    quiz,
    schools,
)
from ailit.services.certificates import CertificateSettings
from ailit.services.roster import parse_pasted_names

from tests.conftest import PASSWORD
from tests.quiz_helpers import correct_answers

COURSE = "sample-robots"
TRAINING_COURSE = "sample-teaching"
QUIZ_MODULE = "what-is-ai"
LEARNER = "ada"
TEACHER = "teacher"
SCHOOL_ADMIN = "school-admin"
# Names in Latin letters that Arabic pages show inside Arabic text.
LATIN_NAMES = ("Ada Lovelace", "Ms Teacher", "Nour Haddad", "Al-Noor School", "5B Robots", "Li Wei")


@dataclass(frozen=True)
class Site:
    """Ids and codes the audited pages need (plain data: sessions come and go)."""

    school_id: int
    class_id: int
    failed_attempt_id: int
    certificate_code: str


def wrong_answers(catalogue: Catalogue, course_id: str, module_id: str) -> list[object]:
    """Answers to the same quiz with the first half of them wrong (a failed attempt)."""
    answers = correct_answers(catalogue, course_id, module_id)
    text, _ = catalogue.module_text(course_id, module_id, "en")
    for index, question in enumerate(text.quiz.questions[: len(answers) // 2 + 1]):
        if question.type in ("single", "multiple"):
            answers[index] = [p for p in range(len(question.options)) if p not in question.correct][:1]
        elif question.type == "number":
            answers[index] = float(question.accepted[0]) + 100
        else:
            answers[index] = "something else"
    return answers


def _attempt(
    session, user_id: int, catalogue: Catalogue, module_id: str, answers: list[object], course_id: str = COURSE
) -> int:
    locale = catalogue.course(course_id).source_locale  # the language the answers are in
    result = quiz.submit_attempt(
        session, user_id, catalogue, course_id, module_id, locale, answers, uuid.uuid4().hex
    )
    return result.attempt_id


def _complete(
    session, user_id: int, catalogue: Catalogue, module_ids: list[str], course_id: str = COURSE
) -> None:
    course = catalogue.course(course_id)
    assert course is not None
    for module in course.modules:
        if module.id not in module_ids:
            continue
        if module.has_quiz:
            answers = correct_answers(catalogue, course_id, module.id, session, user_id)
            _attempt(session, user_id, catalogue, module.id, answers, course_id)
        else:
            progress.mark_read(session, user_id, catalogue, course_id, module.id)


def build_site(app: Flask) -> Site:
    """Create the people, the class, the progress and the certificate the audit looks at."""
    with app.app_context():
        from ailit.web.extensions import content, db, security

        session, catalogue = db.session, content.catalogue
        course = catalogue.course(COURSE)
        assert course is not None
        module_ids = [m.id for m in course.modules]

        def user(username: str, role: Role, name: str) -> User:
            return accounts.register_user(
                session,
                username=username,
                password=PASSWORD,
                display_name=name,
                locale="en",
                role=role,
                hasher=security.hasher,
            )

        admin = user("site-admin", Role.ADMIN, "Site Admin")
        school_admin = user(SCHOOL_ADMIN, Role.SCHOOL_ADMIN, "Nour Haddad")
        teacher = user(TEACHER, Role.TEACHER, "Ms Teacher")
        learner = user(LEARNER, Role.LEARNER, "Ada Lovelace")

        school = schools.create_school(session, admin, "Al-Noor School")
        schools.add_staff(session, school_admin, school.id)
        schools.add_staff(session, teacher, school.id)
        classroom = classes.create_class(session, teacher, name="5B Robots", stage="primary", locale="en")
        issued = class_learners.create_learners(
            session,
            teacher,
            classroom.id,
            parse_pasted_names("Ali\nSara\nفاطمة الزهراء\nLi Wei"),
            hasher=security.hasher,
        )
        assignments.create_assignment(
            session, teacher, classroom.id, catalogue, course_id=COURSE,
            due_on=date.today() - timedelta(days=3),
        )
        # The heat map: one learner completed everything, one passed with a middling score,
        # one failed (in progress), one has not started.
        _complete(session, issued[0].user_id, catalogue, module_ids)
        _attempt(session, issued[1].user_id, catalogue, QUIZ_MODULE, _middling(catalogue))
        _attempt(session, issued[2].user_id, catalogue, QUIZ_MODULE, wrong_answers(catalogue, COURSE, QUIZ_MODULE))

        failed = _attempt(session, learner.id, catalogue, QUIZ_MODULE, wrong_answers(catalogue, COURSE, QUIZ_MODULE))
        _complete(session, learner.id, catalogue, module_ids)
        settings = CertificateSettings(data_dir=app.config["DATA_DIR"], base_url="http://localhost")
        certificate = certificates.issue_certificate(
            session, learner, COURSE, "en", catalogue=catalogue, settings=settings
        )
        # The school page's teacher-training table, with a certificate to link to.
        training = catalogue.course(TRAINING_COURSE)
        assert training is not None
        _complete(session, teacher.id, catalogue, [m.id for m in training.modules], TRAINING_COURSE)
        certificates.issue_certificate(
            session, teacher, TRAINING_COURSE, "en", catalogue=catalogue, settings=settings
        )
        return Site(
            school_id=school.id,
            class_id=classroom.id,
            failed_attempt_id=failed,
            certificate_code=certificate.code,
        )


def _middling(catalogue: Catalogue) -> list[object]:
    """All right but the last answer: a pass below the top score band."""
    answers = correct_answers(catalogue, COURSE, QUIZ_MODULE)
    answers[-1] = "something else"
    return answers
