"""Schools in the personal-data registry: what a learner's and a teacher's export hold, and
that deleting either account leaves no personal data while audit events keep ids only."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from ailit.models import AuditEvent, Base, Classroom, User
from ailit.services import assignments, class_learners, privacy
from tests.conftest import PASSWORD


def _everything(session) -> list[tuple[str, Any]]:
    """Every value of every row of every table, with ``table.column``; roles left out."""
    values = []
    for table in Base.metadata.sorted_tables:
        names = [f"{table.name}.{column.name}" for column in table.columns]
        for row in session.execute(select(table)).all():
            values.extend((n, v) for n, v in zip(names, row, strict=True) if n != "user_account.role")
    return values


def _set_up(app: Flask, world) -> dict[str, Any]:
    """An assignment, a password reset (audited, about the learner) and the learner's details."""
    from ailit.web.extensions import content, db, security

    s = db.session
    teacher = s.scalar(select(User).where(User.username == "teacher"))
    assignments.create_assignment(
        s, teacher, world.class_id, content.catalogue, course_id="sample-robots",
        module_ids=["what-is-ai"],
    )
    learner_id = world.learner_ids[0]
    issued = class_learners.reset_password(
        s, teacher, world.class_id, learner_id, hasher=security.hasher
    )
    return {"id": learner_id, "username": issued.username, "name": issued.display_name,
            "password": issued.password}


def test_a_learners_export_has_their_classes_and_assignments(app: Flask, world) -> None:
    with app.app_context():
        from ailit.web.extensions import db

        learner = _set_up(app, world)
        data = privacy.export_user_data(db.session, db.session.get(User, learner["id"]))
    schools = data["schools"]
    assert [(m["class_id"], m["class_name"], m["created_by_teacher"]) for m in schools["class_memberships"]] == [
        (world.class_id, "5B", True)
    ]
    assert [(a["course_id"], a["module_ids"], a["set_by_you"]) for a in schools["assignments"]] == [
        ("sample-robots", ["what-is-ai"], False)
    ]
    assert schools["one_time_password_pending"] is True
    assert schools["picture_password"] is False
    assert schools["classes_taught"] == [] and schools["school"] is None
    assert [(e["action"], e["about_you"], e["by_you"]) for e in schools["audit_events"]] == [
        ("reset_password", True, False)
    ]


def test_a_teachers_export_has_their_school_and_classes(app: Flask, world) -> None:
    with app.app_context():
        from ailit.web.extensions import db

        _set_up(app, world)
        teacher = db.session.scalar(select(User).where(User.username == "teacher"))
        schools = privacy.export_user_data(db.session, teacher)["schools"]
    assert schools["school"]["id"] == world.school_id
    assert [(c["class_id"], c["name"], c["learners"]) for c in schools["classes_taught"]] == [
        (world.class_id, "5B", 3)
    ]
    assert schools["class_memberships"] == []
    assert [a["set_by_you"] for a in schools["assignments"]] == [True]
    actions = {(e["action"], e["by_you"]) for e in schools["audit_events"]}
    assert ("reset_password", True) in actions and ("created_learners", True) in actions


def test_the_export_through_the_api_includes_schools(app: Flask, world, client) -> None:
    with app.app_context():
        learner = _set_up(app, world)
    # The printed password opens nothing until the learner has chosen their own.
    body = {"username": learner["username"], "password": learner["password"]}
    assert client.post("/api/v1/auth/login", json=body).status_code == 403
    client.post("/en/sign-in", data=body)
    client.post("/en/account/new-password", data={"password": "my own secret", "confirm": "my own secret"})
    body["password"] = "my own secret"
    token = client.post("/api/v1/auth/login", json=body).get_json()["token"]
    data = client.get("/api/v1/me/export", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert data["schools"]["class_memberships"][0]["class_id"] == world.class_id


def test_deleting_a_learner_leaves_no_personal_data(app: Flask, world) -> None:
    with app.app_context():
        from ailit.web.extensions import db, security

        learner = _set_up(app, world)
        events_before = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()))
        privacy.delete_account(
            db.session, db.session.get(User, learner["id"]), learner["password"], hasher=security.hasher
        )
        values = _everything(db.session)
        # The id survives only as other rows' own ids (a class 7, a school 7), never as a reference.
        references = {"class_membership.user_id", "temporary_password.user_id", "module_progress.user_id",
                      "audit_event.subject_user_id", "audit_event.actor_id", "user_account.id"}
        assert not [t for t, v in values if v == learner["id"] and t in references]
        assert not [t for t, v in values if v in (learner["username"], learner["name"])]
        reset = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reset_password"))
        assert reset is not None and reset.subject_user_id is None and reset.actor_id is not None
        assert db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc())) == events_before
        # The class and its other learners are untouched.
        assert len(class_learners.class_learners(db.session, db.session.get(Classroom, world.class_id))) == 2


def test_deleting_a_teacher_keeps_their_classes_without_them(app: Flask, world) -> None:
    with app.app_context():
        from ailit.web.extensions import db, security

        _set_up(app, world)
        teacher = db.session.scalar(select(User).where(User.username == "teacher"))
        teacher_id = teacher.id
        privacy.delete_account(db.session, teacher, PASSWORD, hasher=security.hasher)
        values = _everything(db.session)
        assert not [t for t, v in values if v in ("teacher", "Ms Teacher")]
        classroom = db.session.get(Classroom, world.class_id)
        assert classroom is not None and classroom.teacher_id is None
        events = db.session.scalars(select(AuditEvent)).all()
        assert events and all(e.actor_id != teacher_id for e in events)
        assert all(e.classroom_id == world.class_id for e in events if e.action == "reset_password")
