"""Reloading a class report writes no new audit row; another viewer, or an export, does."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from ailit.models import AuditEvent


def _events(app: Flask, class_id: int) -> list[str]:
    with app.app_context():
        from ailit.web.extensions import db

        return [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.classroom_id == class_id))]


def test_a_reloaded_report_is_logged_once_per_viewer(app: Flask, client, world, sign_in) -> None:
    sign_in("teacher")
    for _ in range(3):
        assert client.get(f"/en/classes/{world.class_id}/report").status_code == 200
    assert _events(app, world.class_id).count("viewed_class_report") == 1
    for _ in range(2):
        assert client.get(f"/en/classes/{world.class_id}/report.csv").status_code == 200
    assert _events(app, world.class_id).count("exported_class_report") == 2
    other = app.test_client()
    other.post("/en/sign-in", data={"username": "school-admin", "password": "correct horse battery"})
    assert other.get(f"/en/classes/{world.class_id}/report").status_code == 200
    assert _events(app, world.class_id).count("viewed_class_report") == 2
