"""The teacher's journey through the pages, the learner's first sign-in and joining, bad input."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from ailit.models import AuditEvent, User
from ailit.services import progress


def _class_id(html: str) -> int:
    return int(re.search(r"/classes/(\d+)/", html).group(1))


def test_teacher_journey_create_class_learners_cards_assign_report(client, sign_in, world, app):
    sign_in("teacher")
    response = client.post("/en/classes/", data={"name": "4A", "stage": "primary", "class_locale": "ar"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    class_id = _class_id(response.headers["Location"])
    join_code = re.search(r'class="join-code" dir="ltr">([A-Z2-9]{4})-([A-Z2-9]{4})<', html)
    assert join_code

    created = client.post(f"/en/classes/{class_id}/learners", data={"names": "Omar\nLayla\n"})
    assert created.status_code == 200
    credentials = re.findall(r'<code dir="ltr">([a-z2-9]{4}-\d\d)</code></td><td><code dir="ltr" class="secret">([a-z2-9-]{9})</code>', created.get_data(as_text=True))
    assert len(credentials) == 2

    cards = client.post(f"/en/classes/{class_id}/login-cards")
    assert cards.status_code == 200 and cards.mimetype == "application/pdf"
    text = PdfReader(io.BytesIO(cards.data)).pages[0].extract_text()
    assert credentials[0][0] in text and "كلمة المرور" in text  # the class's language: Arabic
    card_passwords = re.findall(r"[a-z2-9]{4}-[a-z2-9]{4}", text)
    assert card_passwords and credentials[0][1] not in card_passwords  # new ones replace old

    picker = client.get(f"/en/classes/{class_id}/assignments/new").get_data(as_text=True)
    assert picker.index("sample-robots") < picker.index("sample-teaching")  # class's stage first
    other_stage = client.post(f"/en/classes/{class_id}/assignments", data={"course_id": "sample-teaching"})
    assert other_stage.status_code == 200 and 'name="confirm" value="yes"' in other_stage.get_data(as_text=True)
    assigned = client.post(
        f"/en/classes/{class_id}/assignments", data={"course_id": "sample-robots", "due_on": "2020-01-01"}
    )
    assert assigned.status_code == 302

    username = credentials[0][0]
    with app.app_context():
        from ailit.web.extensions import content, db

        learner = db.session.scalar(select(User).where(User.username == username))
        progress.record_visit(db.session, learner.id, content.catalogue, "sample-robots", "what-is-ai")

    report = client.get(f"/en/classes/{class_id}/report").get_data(as_text=True)
    assert "Omar" in report and "◐" in report and "overdue" in report
    csv = client.get(f"/en/classes/{class_id}/report.csv")
    assert csv.mimetype == "text/csv" and "in_progress (overdue)" in csv.get_data(as_text=True)
    with app.app_context():
        from ailit.web.extensions import db

        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"created_learners", "printed_login_cards", "viewed_class_report", "exported_class_report"} <= actions


def test_learner_must_choose_a_password_then_sees_assignments_first(client, sign_in, world, app):
    sign_in("teacher")
    client.post(f"/en/classes/{world.class_id}/assignments", data={"course_id": "sample-robots", "due_on": "2099-05-01"})
    username, one_time = next(iter(world.learner_passwords.items()))
    response = sign_in(username, one_time)
    assert response.status_code == 302
    assert client.get("/en/courses/").headers["Location"].endswith("/en/account/new-password")
    bad = client.post("/en/account/new-password", data={"password": "short", "confirm": "short"})
    assert bad.status_code == 400
    ok = client.post("/en/account/new-password", data={"password": "my own secret", "confirm": "my own secret"})
    assert ok.status_code == 302
    dashboard = client.get("/en/").get_data(as_text=True)
    assert "Assigned to you" in dashboard and dashboard.index("Assigned to you") < dashboard.index("My courses")
    assert sign_in(username, one_time).status_code == 400  # the one-time password is gone
    assert sign_in(username, "my own secret").status_code == 302
    assert client.get("/en/courses/").status_code == 200


def test_teacher_resets_a_password_and_it_is_audited(client, sign_in, world, app):
    sign_in("teacher")
    learner_id = world.learner_ids[1]
    response = client.post(f"/en/classes/{world.class_id}/learners/{learner_id}/password")
    assert response.status_code == 200
    new_password = re.search(r'class="secret">([a-z2-9-]{9})<', response.get_data(as_text=True)).group(1)
    with app.app_context():
        from ailit.web.extensions import db

        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reset_password"))
        assert event.subject_user_id == learner_id and event.school_id == world.school_id
        username = db.session.get(User, learner_id).username
    sign_in("school-admin")
    log = client.get(f"/en/schools/{world.school_id}/audit").get_data(as_text=True)
    assert username in log and "reset a learner" in log
    assert sign_in(username, new_password).status_code == 302


def test_learner_joins_with_a_code_and_bad_codes_get_clear_messages(client, sign_in, world, app):
    sign_in("teacher")
    html = client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    code = "".join(re.search(r'class="join-code" dir="ltr">(\w{4})-(\w{4})<', html).groups())
    client.post(f"/en/classes/{world.class_id}/join-code", data={"action": "rotate"})
    sign_in("outsider")
    old = client.post("/en/join", data={"code": code})
    wrong = client.post("/en/join", data={"code": "ABCD-EFGH"})
    assert old.status_code == wrong.status_code == 400
    assert "This join code does not work." in wrong.get_data(as_text=True)
    assert _message(old) == _message(wrong)  # a replaced code tells a guesser nothing more
    malformed = client.post("/en/join", data={"code": "0OIL"})
    assert "8 letters and digits" in malformed.get_data(as_text=True)
    sign_in("teacher")
    html = client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    new_code = "-".join(re.search(r'class="join-code" dir="ltr">(\w{4})-(\w{4})<', html).groups())
    sign_in("outsider")
    joined = client.post("/en/join", data={"code": new_code.lower()})
    assert joined.status_code == 302
    assert client.post("/en/join", data={"code": new_code}).status_code == 302  # twice is harmless


def test_expired_join_code(client, sign_in, world, app):
    from datetime import timedelta

    from ailit.models import JoinCode, utcnow

    with app.app_context():
        from ailit.web.extensions import db

        row = db.session.scalar(select(JoinCode).where(JoinCode.classroom_id == world.class_id))
        row.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        code = row.code
    sign_in("outsider")
    response = client.post("/en/join", data={"code": code})
    assert response.status_code == 400 and "This join code does not work." in response.get_data(as_text=True)


def _message(response) -> str:
    return re.search(r'role="alert"><p>([^<]*)<', response.get_data(as_text=True)).group(1)


def test_only_the_classs_teacher_sees_its_join_code(client, sign_in, world, app):
    sign_in("teacher")
    html = client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    code = "-".join(re.search(r'class="join-code" dir="ltr">(\w{4})-(\w{4})<', html).groups())
    assert code in client.get("/en/classes/").get_data(as_text=True)
    for viewer in ("school-admin", "site-admin"):
        sign_in(viewer)
        page = client.get(f"/en/classes/{world.class_id}/")
        assert page.status_code == 200
        assert code not in page.get_data(as_text=True) and code.replace("-", "") not in page.get_data(as_text=True)
        listing = client.get("/en/classes/").get_data(as_text=True)
        assert "5B" in listing and code not in listing


def test_failed_joins_are_limited_per_account_and_address(app_factory, make_user):
    app = app_factory(RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT_ACCOUNT="3 per hour",
                      JOIN_RATE_LIMIT_ADDRESS="5 per hour")
    for name in ("kid1", "kid2", "kid3"):
        make_user(name)

    def signed_in(name: str, address: str):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        client.post("/en/sign-in", data={"username": name, "password": "correct horse battery"})
        return client

    guesser = signed_in("kid1", "203.0.113.5")
    statuses = [guesser.post("/en/join", data={"code": f"ABCD-EF{n}{n}"}).status_code for n in range(2, 6)]
    assert statuses == [400, 400, 400, 429]  # the account's limit
    # The same account through the API shares the limit.
    assert guesser.post("/api/v1/classes/join", json={"code": "ABCD-EFGH"}).status_code == 429
    # Another account at the same address has two refusals left before the address is limited.
    other = signed_in("kid2", "203.0.113.5")
    statuses = [other.post("/api/v1/classes/join", json={"code": f"ABCD-EF{n}{n}"}).status_code for n in range(2, 5)]
    assert statuses == [404, 404, 429]
    # Elsewhere, nothing is limited.
    assert signed_in("kid3", "198.51.100.8").post("/en/join", data={"code": "ABCD-EFGH"}).status_code == 400


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "X", "stage": "kindergarten", "class_locale": "en"}, "Stage"),
        ({"name": "X", "stage": "primary", "class_locale": "de"}, "Language"),
        ({"name": "", "stage": "primary", "class_locale": "en"}, "Name"),
    ],
)
def test_bad_class_fields_are_refused_with_400(client, sign_in, world, data, field):
    sign_in("teacher")
    response = client.post("/en/classes/", data=data)
    assert response.status_code == 400 and f"{field}:" in response.get_data(as_text=True)


def test_bad_roster_creates_nothing_and_names_rows(client, sign_in, world, app):
    sign_in("teacher")
    data = {"file": (io.BytesIO("name\nAli Baba\nJos\u00e9\n".encode("latin-1")), "roster.csv")}
    response = client.post(f"/en/classes/{world.class_id}/learners", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Row 3: the file is not UTF-8 text" in response.get_data(as_text=True)
    bad = client.post(f"/en/classes/{world.class_id}/learners", data={"names": "Nour\nBad\u202eName\n" + "x" * 300})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Row 2:" in html and "Row 3:" in html
    with app.app_context():
        from ailit.web.extensions import db

        assert db.session.scalar(select(User).where(User.display_name == "Nour")) is None


def test_school_admin_invites_a_teacher_who_signs_up_once(client, sign_in, world):
    sign_in("school-admin")
    page = client.get(f"/en/schools/{world.school_id}/").get_data(as_text=True)
    assert "Ms Teacher" in page and "5B" in page and "Teacher training" in page
    invitation = client.post(f"/en/schools/{world.school_id}/invitations").get_data(as_text=True)
    code = re.search(r'class="secret">([A-Z2-9-]{19})<', invitation).group(1)
    client.post("/en/sign-out")
    form = {"username": "newteacher", "password": "a good password", "display_name": "Nadia", "user_locale": "fr"}
    assert client.post(f"/en/invitations/{code}", data=form).status_code == 302
    client.post("/en/sign-out")
    again = client.post(f"/en/invitations/{code}", data={**form, "username": "second"})
    assert again.status_code == 404 and "already been used" in again.get_data(as_text=True)
    assert client.get("/en/invitations/AAAA-BBBB-CCCC-DDDD").status_code == 404


def test_a_roster_with_an_invisible_name_creates_nothing(client, sign_in, world, app):
    sign_in("teacher")
    data = {"file": (io.BytesIO("name\nOmar\n\u200b\u3164\n".encode()), "roster.csv")}
    response = client.post(f"/en/classes/{world.class_id}/learners", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Row 3: the name has only invisible characters" in response.get_data(as_text=True)
    assert "Omar" not in client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
