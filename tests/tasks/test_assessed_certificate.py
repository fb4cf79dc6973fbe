"""An assessed certificate: a farming script gets none; a reviewed learner gets one that says so,
with the quiz scores and task outcomes as signed Open Badges results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from pypdf import PdfReader

from ailit.cli import main
from ailit.models import Certificate, User
from ailit.services import progress
from ailit.web.extensions import content, db
from tests.quiz_helpers import correct_answers

from .conftest import COURSE, MODULE, People, submit

ISSUER = "http://localhost/api/v1/issuer"


def test_the_farming_script_gets_no_assessed_certificate(app: Flask, api_factory) -> None:
    """A new account, API only, many attempts with every right answer, never opening a lesson."""
    farmer = api_factory(app)
    assert farmer.register("farmer").status_code == 201
    farmer.login("farmer")
    with app.app_context():
        modules = [m for m in content.catalogue.course(COURSE).modules if m.has_quiz]
        farmer_id = db.session.scalar(sa.select(User.id).where(User.username == "farmer"))
    statuses = []
    for _ in range(30):
        for module in modules:
            # The worst case: the script knows every right answer of the questions drawn for it.
            with app.app_context():
                answers = correct_answers(content.catalogue, COURSE, module.id, db.session, farmer_id)
            response = farmer.post(
                f"/api/v1/courses/{COURSE}/modules/{module.id}/attempts", json={"answers": answers}
            )
            statuses.append(response.status_code)
        issued = farmer.post("/api/v1/certificates", json={"course_id": COURSE, "locale": "en"})
        assert issued.status_code in (400, 403, 409), issued.get_json()
    assert statuses.count(201) <= 2 and set(statuses) <= {201, 403}  # max_attempts: 2, then refused
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Certificate)) == 0


def test_a_reviewed_learner_gets_an_assessed_certificate_with_results(
    app: Flask, people: People, tmp_path: Path
) -> None:
    with app.app_context():
        answers = correct_answers(content.catalogue, COURSE, MODULE, db.session, people.learner_id)
    people.learner.post(f"/api/v1/courses/{COURSE}/modules/{MODULE}/attempts", json={"answers": answers})
    created = submit(people.learner).get_json()
    with app.app_context():
        progress.mark_read(db.session, people.learner_id, content.catalogue, COURSE, "reflect")
    early = people.learner.post("/api/v1/certificates", json={"course_id": COURSE, "locale": "en"})
    assert early.status_code != 201  # the task waits for its review
    people.reviewer.post(f"/api/v1/submissions/{created['id']}/review", json={"scores": [2, 1, 1], "comment": "Good."})

    issued = people.learner.post("/api/v1/certificates", json={"course_id": COURSE, "locale": "en"})
    assert issued.status_code == 201, issued.get_json()
    code = issued.get_json()["code"]
    doc = people.learner.client.get(f"/api/v1/certificates/{code}/credential").get_json()
    achievement = doc["credentialSubject"]["achievement"]
    descriptions = {d["id"]: d for d in achievement["resultDescription"]}
    results = doc["credentialSubject"]["result"]
    assert [(descriptions[r["resultDescription"]]["name"], r["value"]) for r in results] == [
        ("Plan a lesson: quiz", "100"),
        ("Plan a lesson: practical task (Plan a lesson that uses AI)", "80"),
    ]
    assert all(d["resultType"] == "Percent" for d in descriptions.values())
    assert "practical task reviewed by a person" in achievement["criteria"]["narrative"]
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    verified = CliRunner().invoke(
        main, ["certificates", "verify", str(path), "--data-dir", str(app.config["DATA_DIR"]), "--issuer", ISSUER]
    )
    assert verified.exit_code == 0, verified.output
    doc["credentialSubject"]["result"][1]["value"] = "100"  # a forged outcome no longer verifies
    path.write_text(json.dumps(doc), encoding="utf-8")
    forged = CliRunner().invoke(
        main, ["certificates", "verify", str(path), "--data-dir", str(app.config["DATA_DIR"]), "--issuer", ISSUER]
    )
    assert forged.exit_code == 1

    bearer = {"Authorization": f"Bearer {people.learner.token}"}
    pdf = people.learner.client.get(f"/api/v1/certificates/{code}/pdf", headers=bearer)
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.data))
    text = " ".join((page.extract_text() or "") for page in reader.pages).replace("\n", " ")
    assert len(reader.pages) == 1 and "Assessed certificate" in text
    with app.app_context():
        row = db.session.scalar(sa.select(Certificate).where(Certificate.code == code))
        assert row.kind == "assessed" and db.session.get(User, row.user_id).username == "lena"
