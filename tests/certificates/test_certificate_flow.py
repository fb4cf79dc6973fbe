"""The whole certificate flow on the database: complete, issue, download, verify, hide, revoke."""

from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ailit.certificates.status import decode_bitstring, is_set
from ailit.cli import main
from sqlalchemy import func, select

from ailit.models import Certificate, ModuleProgress, ProgressStatus, Role, User, utcnow
from ailit.services import certificates, quiz
from ailit.services.certificates import NotEligible
from ailit.services.errors import ValidationError
from ailit.web.extensions import content

from certificate_helpers import ARABIC_NAME, COURSE, complete_course, correct_answers, issue_via_api

ISSUER = "http://localhost/api/v1/issuer"


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_not_eligible_until_every_module_is_completed(app, make_user, db_session, cert_settings):
    user = make_user("ana")
    catalogue = content.catalogue
    with pytest.raises(NotEligible):
        certificates.issue_certificate(db_session, user, COURSE, "en", catalogue=catalogue, settings=cert_settings)
    first = catalogue.course(COURSE).modules[0]
    answers = correct_answers(catalogue, COURSE, first.id) if first.has_quiz else None
    if answers is not None:
        quiz.submit_attempt(db_session, user.id, catalogue, COURSE, first.id, "en", answers, "k1")
    with pytest.raises(NotEligible) as excinfo:
        certificates.issue_certificate(db_session, user, COURSE, "en", catalogue=catalogue, settings=cert_settings)
    assert first.id not in excinfo.value.params["modules"]


def test_quiz_below_its_pass_mark_is_not_enough(app, make_user, db_session, cert_settings):
    user = make_user("ben")
    catalogue = content.catalogue
    course = catalogue.course(COURSE)
    for module in course.modules:  # completed rows, but a quiz score under the pass mark
        db_session.add(
            ModuleProgress(
                user_id=user.id, course_id=COURSE, module_id=module.id, version=module.version,
                status=ProgressStatus.COMPLETED, best_score=0.1 if module.has_quiz else None,
                completed_at=utcnow(), last_seen_at=utcnow(), quiz_seed=1,
            )
        )
    db_session.commit()
    quiz_modules = [m.id for m in course.modules if m.has_quiz]
    assert certificates.missing_modules(db_session, user.id, catalogue, course) == quiz_modules


def test_issue_once_per_course_version(app, arabic_learner, db_session, cert_settings):
    catalogue = content.catalogue
    first = certificates.issue_certificate(db_session, arabic_learner, COURSE, "ar", catalogue=catalogue, settings=cert_settings)
    again = certificates.issue_certificate(db_session, arabic_learner, COURSE, "ar", catalogue=catalogue, settings=cert_settings)
    assert first.id == again.id and first.code == again.code
    assert first.course_version == catalogue.course(COURSE).version
    assert (cert_settings.data_dir / first.pdf_path).is_file()
    assert first.credential["credentialSubject"]["name"] == ARABIC_NAME


@pytest.mark.pdf
def test_arabic_learner_gets_an_arabic_pdf_and_page(client, auth, arabic_learner):
    auth.login("fatima", locale="ar")
    response = client.post("/ar/certificates/issue", data={"course_id": COURSE})
    assert response.status_code == 303
    page = client.get("/ar/certificates/").get_data(as_text=True)
    assert ARABIC_NAME in page
    code = _code_in(page)
    pdf = client.get(f"/ar/certificates/{code}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    pages, text = pdf_text(pdf.data)
    assert pages == 1
    assert ARABIC_NAME in text and "روبوتات تتعلم" in text and code in text
    assert "شهادة إتمام" in text

    client.post("/ar/sign-out")
    public = client.get(f"/ar/verify/{code}")
    html = public.get_data(as_text=True)
    assert public.status_code == 200
    assert 'dir="rtl"' in html and ARABIC_NAME in html and "روبوتات تتعلم" in html and code in html
    assert "verdict-valid" in html
    # typed with spaces and lower case, through the form
    typed = client.get("/ar/verify/", query_string={"code": code.lower().replace("-", " ")})
    assert typed.status_code == 303 and typed.headers["Location"].endswith(f"/ar/verify/{code}")


def _code_in(html: str) -> str:
    return re.search(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}", html).group(0)


def test_api_issue_verify_and_credential_verifies_offline(client, auth, arabic_learner, app, tmp_path):
    code = issue_via_api(client, auth)
    verified = client.get(f"/api/v1/certificates/{code}").get_json()
    assert verified["valid"] is True and verified["learner"] == ARABIC_NAME
    assert verified["course"] == "روبوتات تتعلم" and verified["hours"] == 2
    assert verified["issued_on"] == utcnow().date().isoformat()
    assert client.get("/api/v1/certificates/0000-0000-0000-0000-0000-0000-0000").status_code == 404

    credential = client.get(f"/api/v1/certificates/{code}/credential")
    assert credential.status_code == 200 and credential.mimetype == "application/ld+json"
    doc = credential.get_json()
    assert doc["issuer"]["id"] == ISSUER and doc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert "fatima" not in json.dumps(doc)  # no username, no email: a salted hash only

    path = tmp_path / "credential.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    ok = CliRunner().invoke(main, ["certificates", "verify", str(path), "--data-dir", str(app.config["DATA_DIR"]), "--issuer", ISSUER])
    assert ok.exit_code == 0, ok.output

    issuer = client.get("/api/v1/issuer").get_json()
    assert issuer["id"] == ISSUER and issuer["verificationMethod"][0]["publicKeyMultibase"].startswith("z6Mk")
    keys_dir = tmp_path / "keys"
    keys_dir.mkdir()
    (keys_dir / "issuer.json").write_text(json.dumps(issuer))
    assert CliRunner().invoke(main, ["certificates", "verify", str(path), "--keys", str(keys_dir)]).exit_code == 0

    doc["credentialSubject"]["name"] = "Someone Else"
    path.write_text(json.dumps(doc), encoding="utf-8")
    bad = CliRunner().invoke(main, ["certificates", "verify", str(path), "--keys", str(keys_dir)])
    assert bad.exit_code == 1


def test_pdf_is_the_owners_only(client, auth, arabic_learner, make_user):
    code = issue_via_api(client, auth)
    assert client.get(f"/api/v1/certificates/{code}/pdf").status_code == 200
    make_user("eve")
    client.post("/en/sign-out")
    auth.login("eve", locale="en")
    assert client.get(f"/api/v1/certificates/{code}/pdf").status_code == 404
    assert client.get(f"/en/certificates/{code}.pdf").status_code == 404
    assert client.post(f"/en/certificates/{code}/visibility", data={"hidden": "1"}).status_code == 404


def test_hide_and_show_the_public_page(client, auth, arabic_learner):
    code = issue_via_api(client, auth)
    assert client.post(f"/ar/certificates/{code}/visibility", data={"hidden": "1"}).status_code == 303
    client.post("/ar/sign-out")
    assert client.get(f"/ar/verify/{code}").status_code == 404
    assert client.get(f"/api/v1/certificates/{code}").status_code == 404
    assert client.get(f"/api/v1/certificates/{code}/credential").status_code == 404
    auth.login("fatima", locale="ar")
    assert client.get(f"/api/v1/certificates/{code}/credential").status_code == 200  # the owner still can
    client.post(f"/ar/certificates/{code}/visibility", data={"hidden": "0"})
    assert client.get(f"/ar/verify/{code}").status_code == 200


def test_revoke_from_the_command_line(client, auth, arabic_learner, app, monkeypatch):
    code = issue_via_api(client, auth)
    monkeypatch.setenv("AILIT_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("AILIT_DATA_DIR", str(app.config["DATA_DIR"]))
    monkeypatch.setenv("AILIT_SECRET_KEY", "test")
    result = CliRunner().invoke(main, ["certificates", "revoke", code.lower(), "--reason", "Issued by mistake"])
    assert result.exit_code == 0, result.output
    html = client.get(f"/ar/verify/{code}").get_data(as_text=True)
    assert "verdict-revoked" in html and "Issued by mistake" in html
    verified = client.get(f"/api/v1/certificates/{code}").get_json()
    assert verified["valid"] is False and verified["revocation_reason"] == "Issued by mistake"

    status = client.get("/api/v1/certificates/status/1").get_json()
    credential = client.get(f"/api/v1/certificates/{code}/credential").get_json()
    bits = decode_bitstring(status["credentialSubject"]["encodedList"])
    index = int(credential["credentialStatus"]["statusListIndex"])
    assert is_set(bits, index) and not is_set(bits, index + 1)

    missing = CliRunner().invoke(main, ["certificates", "revoke", "0000-0000-0000-0000-0000-0000-0000", "--reason", "x"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


def test_admin_revokes_on_the_admin_page(client, auth, arabic_learner, make_user):
    code = issue_via_api(client, auth)
    assert client.get("/ar/admin/certificates").status_code == 403  # a learner
    client.post("/ar/sign-out")
    make_user("root", role=Role.ADMIN)
    auth.login("root", locale="en")
    empty = client.post("/en/admin/certificates", data={"code": code, "reason": "  "})
    assert empty.status_code == 400
    done = client.post("/en/admin/certificates", data={"code": code, "reason": "Copied answers"})
    assert done.status_code == 303
    assert client.get(f"/api/v1/certificates/{code}").get_json()["revocation_reason"] == "Copied answers"


def test_bad_codes_on_the_verify_form(client):
    response = client.get("/en/verify/", query_string={"code": "ABCD-1234"})
    assert response.status_code == 400 and 'role="alert"' in response.get_data(as_text=True)
    assert client.get("/en/verify/not-a-code").status_code == 404


def test_issue_needs_csrf(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/en/certificates/issue", data={"course_id": COURSE})
    assert response.status_code == 400


def test_verification_is_rate_limited(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, CERTIFICATE_VERIFY_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [client.get("/api/v1/certificates/0000-0000-0000-0000-0000-0000-0000").status_code for _ in range(5)]
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429]


def test_a_name_stored_before_the_name_rule_is_not_printed(app, make_user, db_session, cert_settings):
    user = make_user("blank")
    complete_course(db_session, user.id, content.catalogue, COURSE)
    user = db_session.get(User, user.id)
    user.display_name = "\u3164\u200b"  # an account from before invisible names were refused
    db_session.commit()
    with pytest.raises(ValidationError) as raised:
        certificates.issue_certificate(
            db_session, user, COURSE, "en", catalogue=content.catalogue, settings=cert_settings
        )
    assert raised.value.code == "display_name_invisible"
    assert db_session.scalar(select(func.count()).select_from(Certificate)) == 0
