"""Names people type (display, class and school names) on every page that shows them.

A name may hold anything a person can type in any script, HTML included: it is shown escaped
and isolated (``<bdi>`` or ``dir="auto"``), so it can neither run nor reorder the text around it.
Bidi and other control characters and overlong names are refused by the services.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from pypdf import PdfReader

from ailit.models import Certificate, User
from ailit.models.classroom import CLASS_NAME_MAX
from ailit.models.school import SCHOOL_NAME_MAX
from ailit.models.user import DISPLAY_NAME_MAX
from ailit.services import assignments, classes, schools, validation
from ailit.web.extensions import content, db

from tests.security.conftest import COURSE, SecurityWorld, sign_in
from tests.security.html_tree import Element, parse, unsafe_markup


def _long(head: str, size: int) -> str:
    """``head`` padded with Arabic letters to exactly ``size`` characters (the longest allowed)."""
    return head + "ب" * (size - len(head))


LEARNER_HTML = "<img src=x onerror=alert(1)>Lea"
TEACHER_HTML = '<b onmouseover="alert(2)">Tea</b>'
NAMES = {
    "learner": _long(LEARNER_HTML, DISPLAY_NAME_MAX),
    "teacher": _long(TEACHER_HTML, DISPLAY_NAME_MAX),
    "school_admin": "<i>Admin</i> مدير",
    "class": _long("<script>alert(3)</script>", CLASS_NAME_MAX),
    "school": _long("<svg onload=alert(4)>", SCHOOL_NAME_MAX),
}
REFUSED_NAMES = ["\u202eevil", "a\u2066b\u2069", "rlm\u200f", "bell\x07", "nul\x00", "\u3164", "\u200b\u2800", "", "x" * (DISPLAY_NAME_MAX + 1)]


def _walk(element: Element, parents: tuple[Element, ...] = ()) -> Iterator[tuple[Element, tuple[Element, ...]]]:
    yield element, parents
    for child in element.children:
        yield from _walk(child, (*parents, element))


OWN_PICTURES = frozenset({"logo", "ring", "medal"})  # templates/_visuals.html: inert, aria-hidden


def _own(element: Element) -> bool:
    """The page's own forms, stylesheets and drawings (not from any name)."""
    return (
        (element.tag == "form" and element.attrs.get("action", "/en/").startswith("/en/"))
        or (element.tag == "link" and element.attrs.get("href", "").startswith("/static/"))
        or (element.tag == "svg" and element.attrs.get("class") in OWN_PICTURES
            and element.attrs.get("aria-hidden") == "true")
    )


def check_page(html: str, where: str) -> set[str]:
    """No live markup in the body; every name shown is the whole text of an isolating element.

    Returns which names the page shows.
    """
    root = parse(html)
    body = next(e for e in root.walk() if e.tag == "body")
    assert unsafe_markup(body, allowed=_own) == [], where
    shown = set()
    for element, parents in _walk(body):
        for text in element.text:
            for key, name in NAMES.items():
                if name not in text:
                    continue
                shown.add(key)
                isolated = element.tag == "bdi" or element.attrs.get("dir") == "auto"
                assert isolated and text.strip() == name, (where, key, element.tag, element.attrs,
                                                           [p.tag for p in parents[-3:]])
    return shown


def _hostile_world(app: Flask, world: SecurityWorld) -> None:
    """Give the world's people, class, school and certificate the hostile names (all accepted)."""
    with app.app_context():
        s = db.session
        for role in ("learner", "teacher", "school_admin"):
            assert validation.check_display_name(NAMES[role]) == NAMES[role]
            s.get(User, world.user_ids[role]).display_name = NAMES[role]
        assert classes.check_class_fields(NAMES["class"], "primary", "en")[0] == NAMES["class"]
        assert schools.check_school_name(NAMES["school"]) == NAMES["school"]
        s.execute(sa.text("UPDATE classroom SET name = :n WHERE id = :i"), {"n": NAMES["class"], "i": world.class_id})
        s.execute(sa.text("UPDATE school SET name = :n WHERE id = :i"), {"n": NAMES["school"], "i": world.school_id})
        s.execute(sa.update(Certificate).values(learner_name=NAMES["learner"]))
        s.commit()
        teacher = s.get(User, world.user_ids["teacher"])
        assignments.create_assignment(s, teacher, world.class_id, content.catalogue, course_id=COURSE)
        s.commit()


# who -> pages, and the names each page must show (so that a page is not checked in vain)
PAGES: dict[str, list[tuple[str, set[str]]]] = {
    "teacher": [
        ("/en/", {"teacher"}),
        ("/en/classes/", {"class"}),
        ("/en/classes/{class_id}/", {"class", "learner"}),
        ("/en/classes/{class_id}/report", {"class", "learner"}),
        ("/en/classes/{class_id}/assignments/new", {"class"}),
        ("/en/account/", {"teacher"}),
    ],
    "school_admin": [
        ("/en/", {"school_admin"}),
        ("/en/schools/", {"school"}),
        ("/en/schools/{school_id}/", {"school", "teacher", "class"}),
        ("/en/schools/{school_id}/audit", {"school", "class"}),
    ],
    "learner": [
        ("/en/", {"learner"}),
        ("/en/account/", {"learner"}),
        ("/en/certificates/", {"learner"}),
        ("/en/verify/{code}", {"learner"}),
    ],
    "admin": [("/en/schools/", {"school"}), ("/en/admin/certificates", set())],
    "anonymous": [("/en/invitations/{invitation}", set()), ("/en/verify/{code}", {"learner"})],
}


def test_names_are_escaped_and_isolated_on_every_page(app: Flask, world: SecurityWorld) -> None:
    _hostile_world(app, world)
    values = {"class_id": world.class_id, "school_id": world.school_id, "code": world.certificate_code,
              "invitation": world.invitation_code}
    for role, pages in PAGES.items():
        client = app.test_client()
        if role != "anonymous":
            sign_in(client, world.usernames[role])
        for template, expected in pages:
            url = template.format(**values)
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            shown = check_page(response.get_data(as_text=True), f"{role} {url}")
            assert expected <= shown, (role, url, expected - shown)
    # A new password shown once names the learner too.
    client = app.test_client()
    sign_in(client, world.usernames["teacher"])
    response = client.post(f"/en/classes/{world.class_id}/learners/{world.user_ids['learner']}/password")
    assert response.status_code == 200
    assert {"learner"} <= check_page(response.get_data(as_text=True), "new password")


def _pdf_text(data: bytes) -> str:
    """The PDF's text without white space (long names wrap over lines)."""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_names_in_pdfs_are_text(app: Flask, world: SecurityWorld) -> None:
    _hostile_world(app, world)
    teacher = app.test_client()
    sign_in(teacher, world.usernames["teacher"])
    cards = teacher.post(f"/en/classes/{world.class_id}/login-cards")
    assert cards.status_code == 200 and cards.mimetype == "application/pdf"
    squeezed = "".join(LEARNER_HTML.split())
    assert squeezed in _pdf_text(cards.data)  # printed as typed, not taken as markup
    assert "<script>alert(3)</script>" in _pdf_text(cards.data)  # the class name
    learner = app.test_client()
    sign_in(learner, world.usernames["learner"])
    certificate = learner.get(f"/en/certificates/{world.certificate_code}.pdf")
    assert certificate.status_code == 200 and certificate.mimetype == "application/pdf"
    assert squeezed in _pdf_text(certificate.data)


@pytest.mark.parametrize("name", REFUSED_NAMES, ids=repr)
def test_names_with_controls_or_too_long_are_refused(app: Flask, world: SecurityWorld, name: str) -> None:
    anonymous = app.test_client()
    response = anonymous.post("/api/v1/auth/register", json={
        "username": "refused-name", "password": "long enough pw", "display_name": name, "locale": "en"})
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "display_name"
    response = anonymous.post("/en/register", data={
        "username": "refused-name", "password": "long enough pw", "display_name": name, "locale": "en"})
    assert response.status_code in (200, 400)
    teacher = app.test_client()
    sign_in(teacher, world.usernames["teacher"])
    class_name = name[:CLASS_NAME_MAX + 1]  # the overlong one is still one character too long
    response = teacher.post("/api/v1/classes", json={"name": class_name, "stage": "primary", "locale": "en"})
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "name"
    response = teacher.post(f"/en/classes/{world.class_id}/learners", data={"names": name})
    assert response.status_code in (200, 400)
    response = anonymous.post(f"/en/invitations/{world.invitation_code}", data={
        "username": "refused-name", "password": "long enough pw", "display_name": name, "user_locale": "en"})
    assert response.status_code in (200, 400)
    admin = app.test_client()
    sign_in(admin, world.usernames["admin"])
    response = admin.post("/en/schools/", data={"name": name})
    assert response.status_code in (200, 400)
    with app.app_context():
        stored = {
            *db.session.scalars(sa.text("SELECT display_name FROM user_account")),
            *db.session.scalars(sa.text("SELECT name FROM classroom")),
            *db.session.scalars(sa.text("SELECT name FROM school")),
        }
        assert db.session.scalar(sa.text("SELECT count(*) FROM user_account WHERE username = 'refused-name'")) == 0
    assert not {name, class_name, name.strip()} - {""} & stored, name
