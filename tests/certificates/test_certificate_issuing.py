"""Issuing under stress: hostile Host headers, full or read-only disks, no PDF inside a write
transaction, and the learner's school on the certificate."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from ailit.models import Certificate, ClassMembership, Classroom, School
from ailit.services import certificates, storage
from ailit.web import classes as classes_views
from ailit.web.extensions import db

from certificate_helpers import COURSE, issue_via_api

HOSTILE = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _session_cookie(client) -> dict[str, str]:
    """The signed-in session as a header: the test client keeps cookies per host."""
    cookie = client.get_cookie("session", domain="localhost")
    return {**HOSTILE, "Cookie": f"session={cookie.value}"}


def test_a_hostile_host_header_reaches_no_certificate_link(client, auth, arabic_learner):
    auth.login("fatima", locale="ar")
    headers = _session_cookie(client)
    issued = client.post("/api/v1/certificates", json={"course_id": COURSE, "locale": "ar"}, headers=headers)
    assert issued.status_code == 201
    code = issued.get_json()["code"]
    assert issued.get_json()["verify_url"] == f"http://localhost/ar/verify/{code}"
    responses = {
        "issue (API)": issued,
        "my certificates": client.get("/ar/certificates/", headers=headers),
        "PDF": client.get(f"/ar/certificates/{code}.pdf", headers=headers),
        "PDF (API)": client.get(f"/api/v1/certificates/{code}/pdf", headers=headers),
        "verify page": client.get(f"/ar/verify/{code}", headers=headers),
        "verify (API)": client.get(f"/api/v1/certificates/{code}", headers=headers),
        "credential": client.get(f"/api/v1/certificates/{code}/credential", headers=headers),
        "status list": client.get("/api/v1/certificates/status/1", headers=headers),
        "issuer": client.get("/api/v1/issuer", headers=headers),
        "verify form": client.get("/ar/verify/", query_string={"code": code}, headers=headers),
    }
    for name, response in responses.items():
        assert response.status_code in (200, 201, 303), name
        assert "evil.example" not in response.headers.get("Location", ""), name
        body = _pdf_text(response.data) if response.mimetype == "application/pdf" else response.get_data(as_text=True)
        assert "evil.example" not in body, name
        assert "localhost" in body or name in ("verify page", "verify (API)", "verify form"), name
    credential = responses["credential"].get_json()
    assert credential["issuer"]["id"] == "http://localhost/api/v1/issuer"
    assert credential["credentialStatus"]["statusListCredential"] == "http://localhost/api/v1/certificates/status/1"
    assert responses["status list"].get_json()["issuer"] == "http://localhost/api/v1/issuer"


def test_the_page_issue_with_a_hostile_host_signs_the_configured_address(client, auth, arabic_learner, db_session):
    auth.login("fatima", locale="ar")
    assert client.post("/ar/certificates/issue", data={"course_id": COURSE}, headers=_session_cookie(client)).status_code == 303
    certificate = db_session.scalar(select(Certificate))
    assert "evil.example" not in json.dumps(certificate.credential)
    assert "evil.example" not in _pdf_text((certificates.pdf_file(certificate, _settings(db_session))).read_bytes())


def _settings(db_session):
    from flask import current_app

    return certificates.CertificateSettings(current_app.config["DATA_DIR"], "http://localhost")


def test_login_cards_and_invitations_use_the_configured_address(app, client, make_user, db_session):
    from ailit.models import Role

    admin = make_user("root", role=Role.ADMIN)
    school = School(name="Al-Noor School")
    db_session.add(school)
    db_session.commit()
    client.post("/en/sign-in", data={"username": "root", "password": "correct horse battery"})
    headers = _session_cookie(client)
    invitation = client.post(f"/en/schools/{school.id}/invitations", headers=headers)
    assert invitation.status_code == 200 and admin.id
    html = invitation.get_data(as_text=True)
    assert "evil.example" not in html and "http://localhost/" in html


def _no_row(db_session) -> bool:
    db_session.rollback()
    return db_session.scalar(select(func.count()).select_from(Certificate)) == 0


def _leftovers(app) -> list[str]:
    folder = app.config["DATA_DIR"] / "certificates"
    return sorted(os.listdir(folder)) if folder.is_dir() else []


def _fail_open_in(folder_name: str, error: int):
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if folder_name in os.fspath(path) and flags & os.O_CREAT:
            raise OSError(error, os.strerror(error), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    return failing_open


def _fail_write(error: int):
    real_write = os.write

    def failing_write(fd, data):
        if len(data) > 1000:  # a PDF, not a log line: half of it reaches the disk, then it is full
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(error, os.strerror(error))
        return real_write(fd, data)

    return failing_write


@pytest.mark.parametrize(
    ("failure", "target", "make"),
    [
        ("read-only", "open", lambda: _fail_open_in("certificates", errno.EROFS)),
        ("no permission", "open", lambda: _fail_open_in("certificates", errno.EACCES)),
        ("disk full", "write", lambda: _fail_write(errno.ENOSPC)),
        ("quota", "write", lambda: _fail_write(errno.EDQUOT)),
    ],
)
def test_a_disk_that_cannot_store_the_pdf_is_a_503_with_no_row_and_no_file(
    app, client, auth, arabic_learner, db_session, monkeypatch, failure, target, make
):
    auth.login("fatima", locale="ar")
    (app.config["DATA_DIR"] / "certificates").mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(storage.os, target, make())
    api = client.post("/api/v1/certificates", json={"course_id": COURSE, "locale": "ar"})
    assert api.status_code == 503, failure
    assert api.get_json()["error"]["code"] == "storage_unavailable" and api.headers["Retry-After"]
    page = client.post("/ar/certificates/issue", data={"course_id": COURSE})
    assert page.status_code == 503 and "Traceback" not in page.get_data(as_text=True)
    assert page.headers["Retry-After"]
    assert _no_row(db_session)
    assert _leftovers(app) == []
    monkeypatch.undo()
    assert issue_via_api(client, auth)  # once the disk is back, issuing works


# Issues one certificate through the API in a fresh process, with the app configured by JSON.
_ISSUE_SCRIPT = """
import json, sys
from pathlib import Path
from ailit.web import create_app
config = {k: Path(v) if k.endswith("_DIR") else v for k, v in json.loads(sys.argv[1]).items()}
client = create_app(config).test_client()
client.post("/ar/sign-in", data={"username": "fatima", "password": "correct horse battery"})
issued = client.post("/api/v1/certificates", json={"course_id": "sample-robots", "locale": "ar"})
page = client.post("/ar/certificates/issue", data={"course_id": "sample-robots"})
print(json.dumps({"api": issued.status_code, "error": issued.get_json()["error"]["code"], "page": page.status_code}))
"""


def test_a_truly_read_only_data_folder_is_a_503(app_config, app, arabic_learner, db_session):
    """A real read-only folder: a read-only bind mount (root ignores file modes) in a private
    mount namespace, else (not root) a folder without write permission."""
    folder = app.config["DATA_DIR"] / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    config = json.dumps({**app_config, "DATA_DIR": app.config["DATA_DIR"]}, default=str)
    python = [sys.executable, "-c", _ISSUE_SCRIPT, config]
    if os.geteuid() == 0:
        assert shutil.which("unshare"), "unshare (util-linux) is needed to make a read-only mount"
        mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec \"$@\""
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", mount, "sh", *python]
    else:
        folder.chmod(0o555)
        command = python
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"api": 503, "error": "storage_unavailable", "page": 503}
    assert _no_row(db_session) and _leftovers(app) == []


def _assert_no_write_transaction(app) -> None:
    """Called while a PDF renders: nothing is pending in the session and, on SQLite, another
    connection can take the write lock at once (nobody holds it); on PostgreSQL, the session's
    transaction has written nothing."""
    session = db.session
    assert not (session.new or session.dirty or session.deleted), "unflushed writes while rendering"
    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() == "sqlite":
        other = sqlite3.connect(url.database, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails with "database is locked" inside a write
            other.execute("ROLLBACK")
        finally:
            other.close()
    else:  # PostgreSQL gives a transaction an id at its first write
        assert session.execute(text("SELECT txid_current_if_assigned()")).scalar() is None


def test_certificate_pdf_renders_outside_any_write_transaction(app, client, auth, arabic_learner, monkeypatch):
    calls = []
    real = certificates.render_certificate_pdf

    def instrumented(context):
        _assert_no_write_transaction(app)
        calls.append(context.code)
        return real(context)

    monkeypatch.setattr(certificates, "render_certificate_pdf", instrumented)
    issue_via_api(client, auth)
    assert len(calls) == 1


def test_login_cards_render_outside_any_write_transaction(app, client, make_user, db_session, monkeypatch):
    calls = []
    real = classes_views.render_login_cards_pdf

    def instrumented(sheet):
        _assert_no_write_transaction(app)
        calls.append(sheet)
        return real(sheet)

    monkeypatch.setattr(classes_views, "render_login_cards_pdf", instrumented)
    classroom_id = _school_class(db_session, make_user, learner_id=make_user("pupil", display_name="Omar").id)
    client.post("/en/sign-in", data={"username": "teacher", "password": "correct horse battery"})
    response = client.post(f"/en/classes/{classroom_id}/login-cards", headers=_session_cookie(client))
    assert response.status_code == 200 and len(calls) == 1
    assert calls[0].sign_in_url == "http://localhost/ar/sign-in"  # not the hostile Host
    assert calls[0].school_name == "Al-Noor School"
    assert "Al-Noor School" in _pdf_text(response.data) and "Omar" in _pdf_text(response.data)


def _school_class(db_session, make_user, learner_id: int | None = None) -> int:
    """A school, its teacher (``teacher``) and a class; ``learner_id`` joins it."""
    from ailit.models import Role, SchoolMembership

    teacher = make_user("teacher", role=Role.TEACHER)
    school = School(name="Al-Noor School")
    db_session.add(school)
    db_session.flush()
    db_session.add(SchoolMembership(school_id=school.id, user_id=teacher.id))
    classroom = Classroom(school_id=school.id, teacher_id=teacher.id, name="4A", stage="primary", locale="ar", username_prefix="t4a")
    db_session.add(classroom)
    db_session.flush()
    if learner_id is not None:
        db_session.add(ClassMembership(classroom_id=classroom.id, user_id=learner_id))
    db_session.commit()
    return classroom.id


def test_the_learners_school_is_printed_under_the_signature_line(app, client, auth, arabic_learner, make_user, db_session):
    _school_class(db_session, make_user, learner_id=arabic_learner.id)
    code = issue_via_api(client, auth)
    certificate = db_session.scalar(select(Certificate).where(Certificate.code == code))
    assert certificate.school_name == "Al-Noor School"
    assert "Al-Noor School" in _pdf_text(client.get(f"/api/v1/certificates/{code}/pdf").data)
