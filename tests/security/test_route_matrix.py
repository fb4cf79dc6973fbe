"""Every route × every kind of user, on objects owned by the first school's learner and teacher.

The routes come from ``app.url_map``: a route the matrix does not classify fails the test, so
a new page or API operation cannot escape review. Each request is empty (no form fields, ``{}``
to the API): nobody may get a 2xx answer where the matrix says they have no business, nobody
gets a 5xx, and every role the matrix allows really does get through.
"""

from __future__ import annotations

import itertools

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ailit.web.extensions import content
from tests.conftest import PASSWORD
from tests.security.conftest import QUIZ_MODULE, ROLES, SecurityWorld, sign_in
from tests.security.routes import request, routes, url_for_rule

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY: frozenset[str] = frozenset()
OWNER = frozenset({"learner"})  # the learner who owns the attempt and certificate
STAFF = frozenset({"teacher", "other_teacher", "school_admin", "other_school_admin", "admin"})
TEACHER = frozenset({"teacher"})  # of the class
CLASS_VIEWERS = frozenset({"teacher", "school_admin", "admin"})  # of the class's school
SCHOOL_ADMINS = frozenset({"school_admin", "other_school_admin", "admin"})
SCHOOL = frozenset({"school_admin", "admin"})  # administrators of the first school
ADMIN = frozenset({"admin"})
# The learner's practical task: its learner, the class's teacher, the school's admin (the
# course is teachers' training) and the site reviewer; never the other school, never the site admin.
SUBMISSION = frozenset({"learner", "teacher", "school_admin", "reviewer"})

# (endpoint, method) -> the roles that may get a 2xx answer to an empty request.
# NOBODY on a write usually means "an empty form is a 400 even for the right person".
ALLOWED: dict[tuple[str, str], frozenset[str]] = {
    # public pages and documents
    ("dashboard.root", "GET"): NOBODY,  # a redirect to the locale
    ("dashboard.home", "GET"): EVERYONE,
    ("catalogue.course_list", "GET"): EVERYONE,
    ("catalogue.course_page", "GET"): EVERYONE,
    ("catalogue.glossary_page", "GET"): EVERYONE,
    ("learning.module_page", "GET"): EVERYONE,
    ("learning.media", "GET"): EVERYONE,
    ("learning.cover", "GET"): EVERYONE,
    ("experience.set_reading_mode", "GET"): NOBODY,  # a redirect back, with the cookie
    ("experience.set_reading_mode", "POST"): NOBODY,  # a redirect back
    ("learning.teacher_edition", "GET"): STAFF,
    ("static", "GET"): EVERYONE,
    ("health.healthz", "GET"): EVERYONE,
    ("health.readyz", "GET"): EVERYONE,
    ("metrics", "GET"): EVERYONE,  # the test client calls from 127.0.0.1, in METRICS_ALLOW
    ("auth.register", "GET"): EVERYONE,
    ("auth.register", "POST"): NOBODY,
    ("auth.sign_in", "GET"): EVERYONE,
    ("auth.sign_in", "POST"): NOBODY,
    ("auth.sign_out", "POST"): NOBODY,  # a redirect
    ("pictures.sign_in", "GET"): EVERYONE,
    ("pictures.sign_in", "POST"): NOBODY,  # no username: 400
    ("certificates.verify_form", "GET"): EVERYONE,
    ("certificates.verify_page", "GET"): EVERYONE,  # public unless hidden
    ("schools.enter_invitation", "GET"): EVERYONE,
    ("schools.accept_invitation", "GET"): EVERYONE,  # the code itself is the secret
    ("schools.accept_invitation", "POST"): NOBODY,
    # a signed-in person's own things
    ("account.page", "GET"): SIGNED_IN,
    ("account.delete", "POST"): NOBODY,  # no password: 400
    ("account.change_password", "POST"): NOBODY,  # no current password: 400
    ("account.export", "GET"): SIGNED_IN,
    ("dashboard.set_language", "POST"): NOBODY,
    ("classes.new_password", "GET"): NOBODY,  # without a one-time password: to the account page
    ("classes.new_password", "POST"): NOBODY,
    ("classes.join", "GET"): SIGNED_IN,
    ("classes.join", "POST"): NOBODY,
    ("learning.attempt_page", "GET"): OWNER,
    ("learning.submit_quiz", "POST"): NOBODY,
    ("learning.mark_read", "POST"): NOBODY,
    ("certificates.my_certificates", "GET"): SIGNED_IN,
    ("certificates.download_pdf", "GET"): OWNER,
    ("certificates.set_visibility", "POST"): NOBODY,  # the owner gets a 303
    ("certificates.issue", "POST"): NOBODY,
    ("certificates.admin_revoke", "GET"): ADMIN,
    ("certificates.admin_revoke", "POST"): NOBODY,
    # classes and schools
    ("classes.class_list", "GET"): STAFF,
    ("classes.class_list", "POST"): NOBODY,
    ("classes.class_page", "GET"): CLASS_VIEWERS,
    ("classes.report", "GET"): CLASS_VIEWERS,
    ("classes.learner_report", "GET"): CLASS_VIEWERS,
    ("classes.report_csv", "GET"): CLASS_VIEWERS,
    ("classes.new_assignment", "GET"): TEACHER,
    ("classes.create_assignment", "POST"): NOBODY,
    ("classes.join_code", "POST"): NOBODY,  # the teacher gets a redirect
    ("classes.add_learners", "POST"): NOBODY,
    ("classes.reset_password", "POST"): TEACHER,
    ("classes.login_cards", "POST"): TEACHER,
    ("pictures.class_setting", "POST"): NOBODY,  # the teacher gets a redirect (nothing ticked: off)
    ("pictures.reset", "POST"): NOBODY,  # the world's class does not use pictures: 409 for its teacher
    ("classes.reissue_qr_codes", "POST"): NOBODY,  # the teacher gets a redirect
    ("classes.reissue_qr_code", "POST"): NOBODY,  # the teacher gets a redirect
    # a login card's QR code: the token is the secret; a wrong one is the same 404 for everyone
    ("cards.card_sign_in_page", "GET"): NOBODY,
    ("cards.card_sign_in_page", "POST"): NOBODY,
    ("schools.school_list", "GET"): SCHOOL_ADMINS,
    ("schools.school_list", "POST"): NOBODY,
    ("schools.school_page", "GET"): SCHOOL,
    ("schools.audit_log", "GET"): SCHOOL,
    ("schools.invite", "POST"): SCHOOL,
    # the JSON API
    ("api.openapi_document", "GET"): EVERYONE,
    ("api.csrf_token", "GET"): EVERYONE,
    ("api.login", "POST"): NOBODY,
    ("api.logout", "POST"): NOBODY,  # bearer tokens only
    ("api.change_password", "POST"): NOBODY,  # no current password: 400
    ("api.register", "POST"): NOBODY,
    ("api.list_courses", "GET"): EVERYONE,
    ("api.get_course", "GET"): EVERYONE,
    ("api.get_glossary", "GET"): EVERYONE,
    ("api.get_module", "GET"): EVERYONE,
    ("api.submit_attempt", "POST"): NOBODY,
    ("api.get_progress", "GET"): SIGNED_IN,
    ("api.export_data", "GET"): SIGNED_IN,
    ("api.delete_account", "DELETE"): NOBODY,
    ("api.list_classes", "GET"): STAFF,
    ("api.create_class", "POST"): NOBODY,
    ("api.join_class", "POST"): NOBODY,
    ("api.create_assignment", "POST"): NOBODY,
    ("api.get_class_progress", "GET"): CLASS_VIEWERS,
    ("api.issue_certificate", "POST"): NOBODY,
    ("api.verify_certificate", "GET"): EVERYONE,
    ("api.get_credential", "GET"): NOBODY,  # this certificate has no signed credential
    ("api.get_certificate_pdf", "GET"): OWNER,
    ("api.revoke_certificate", "POST"): NOBODY,  # no reason: 400 for the admin
    ("api.get_status_list", "GET"): EVERYONE,
    ("api.get_issuer", "GET"): EVERYONE,
    # the studio: the world's course is not a studio course (404 to everyone); every studio
    # course's roles are tested in tests/web/test_studio_pages.py and tests/web/api/test_studio_api.py
    ("studio.home", "GET"): SIGNED_IN,
    ("studio.upload", "POST"): NOBODY,  # no package: a redirect with a message
    ("studio.course", "GET"): NOBODY,
    ("studio.edit", "GET"): NOBODY,
    ("studio.edit", "POST"): NOBODY,
    ("studio.publish", "POST"): NOBODY,
    ("studio.unpublish", "POST"): NOBODY,
    ("studio.rollback", "POST"): NOBODY,
    ("studio.grant", "POST"): NOBODY,
    ("studio.translations", "GET"): NOBODY,
    ("studio.translate", "GET"): NOBODY,
    ("studio.translate", "POST"): NOBODY,
    ("studio.export_xliff", "GET"): NOBODY,
    ("studio.import_xliff", "POST"): NOBODY,
    ("api.list_studio_courses", "GET"): SIGNED_IN,
    ("api.upload_course_package", "POST"): NOBODY,  # no package: 400
    ("api.get_course_draft", "GET"): NOBODY,
    ("api.preview_module", "GET"): NOBODY,
    ("studio.preview", "GET"): NOBODY,
    ("studio.preview_grade", "POST"): NOBODY,
    ("studio.preview_media", "GET"): NOBODY,
    ("api.get_draft_file", "GET"): NOBODY,
    ("api.save_draft_file", "PUT"): NOBODY,
    ("api.publish_course", "POST"): NOBODY,
    ("api.unpublish_course", "POST"): NOBODY,
    ("api.list_course_versions", "GET"): NOBODY,
    ("api.rollback_course", "POST"): NOBODY,
    ("api.get_translation_status", "GET"): NOBODY,
    ("api.get_source_diff", "GET"): NOBODY,
    ("api.export_translation", "GET"): NOBODY,
    ("api.import_translation", "PUT"): NOBODY,
    # practical tasks
    ("tasks.submit_task", "POST"): NOBODY,  # the route's module has no task: 404
    ("tasks.my_tasks", "GET"): SIGNED_IN,
    ("tasks.review_queue", "GET"): SIGNED_IN,
    ("tasks.submission_page", "GET"): SUBMISSION,
    ("tasks.submission_file", "GET"): SUBMISSION,
    ("tasks.review_submission", "POST"): NOBODY,  # no scores: 400 for a reviewer
    ("api.submit_task", "POST"): NOBODY,
    ("api.my_tasks", "GET"): SIGNED_IN,
    ("api.review_queue", "GET"): SIGNED_IN,
    ("api.get_submission", "GET"): SUBMISSION,
    ("api.review_submission", "POST"): NOBODY,
}
# Pages that answer a visitor with a redirect by design (not to the sign-in page).
VISITOR_REDIRECTS = frozenset({"experience.set_reading_mode"})  # sets the reading-mode cookie
# Requests that end the client's session: sign in again after them.
SIGN_OUT = frozenset({"auth.sign_out", "api.logout"})
# With a bearer token instead of the session cookie, the API answers as in ALLOWED except:
BEARER_ALLOWED = {**ALLOWED, ("api.logout", "POST"): SIGNED_IN}  # the token is revoked: 204


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    found = {(rule.endpoint, method) for rule, method in routes(app)}
    assert found - set(ALLOWED) == set(), f"classify these routes: {sorted(found - set(ALLOWED))}"
    assert set(ALLOWED) - found == set(), f"routes that no longer exist: {sorted(set(ALLOWED) - found)}"


@pytest.mark.parametrize("role", ROLES)
def test_no_unexpected_success_and_no_server_error(app: Flask, world: SecurityWorld, role: str) -> None:
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.usernames[role])
    unexpected, failed, got_through = [], [], []
    for rule, method in routes(app):
        response = request(client, rule, method, url_for_rule(rule, world))
        allowed = role in ALLOWED[(rule.endpoint, method)]
        if 200 <= response.status_code < 300:
            (got_through if allowed else unexpected).append((rule.endpoint, method))
        elif allowed:
            failed.append((rule.endpoint, method, response.status_code))
        assert response.status_code < 500, (rule.rule, method, response.status_code)
        if role == "anonymous" and not allowed:
            # Anonymous visitors are sent to sign in (pages) or told 401 (API), or refused.
            expected = (400, 401, 404) if rule.rule.startswith("/api/") else (302, 400, 404)
            if rule.endpoint in VISITOR_REDIRECTS:
                expected = (303,)
            assert response.status_code in expected, (rule.rule, method, response.status_code)
        if rule.endpoint in SIGN_OUT and role != "anonymous":
            sign_in(client, world.usernames[role])
    assert unexpected == [], f"{role} got a 2xx from {unexpected}"
    assert failed == [], f"{role} is allowed but was refused: {failed}"


@pytest.mark.parametrize(
    ("role", "endpoints"),
    [
        ("teacher", ["classes.class_page", "classes.report", "classes.report_csv", "classes.login_cards",
                     "classes.reset_password", "classes.reissue_qr_codes", "classes.reissue_qr_code",
                     "api.get_class_progress", "pictures.class_setting", "pictures.reset"]),
        ("school_admin", ["classes.class_page", "classes.report", "schools.school_page", "schools.audit_log",
                          "schools.invite", "api.get_class_progress"]),
    ],
)
def test_the_other_schools_objects_are_out_of_reach(
    app: Flask, world: SecurityWorld, role: str, endpoints: list[str]
) -> None:
    """The first school's staff asking for the second school's class, learner and school."""
    client = app.test_client()
    sign_in(client, world.usernames[role])
    mirrored = SecurityWorld(**{**world.__dict__, "class_id": world.other_class_id, "school_id": world.other_school_id,
                                "user_ids": {**world.user_ids, "learner": world.user_ids["other_learner"]}})
    for rule, method in routes(app):
        if rule.endpoint in endpoints:
            response = request(client, rule, method, url_for_rule(rule, mirrored))
            assert response.status_code in (403, 404), (rule.rule, method, response.status_code)


def _bearer(client: FlaskClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, (username, response.status_code)
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


@pytest.mark.parametrize("role", ROLES)
def test_bearer_tokens_get_the_same_answers_as_the_session(app: Flask, world: SecurityWorld, role: str) -> None:
    client = app.test_client()  # no cookie: the token alone says who asks
    headers = {} if role == "anonymous" else _bearer(client, world.usernames[role])
    unexpected, failed = [], []
    for rule, method in routes(app):
        if not rule.rule.startswith("/api/"):
            continue
        response = request(client, rule, method, url_for_rule(rule, world), headers)
        assert response.status_code < 500, (rule.rule, method, response.status_code)
        if headers:  # a bearer request never writes the session cookie
            assert "Set-Cookie" not in response.headers, (rule.rule, method)
        allowed = role in BEARER_ALLOWED[(rule.endpoint, method)]
        if 200 <= response.status_code < 300 and not allowed:
            unexpected.append((rule.endpoint, method))
        elif allowed and not 200 <= response.status_code < 300:
            failed.append((rule.endpoint, method, response.status_code))
        if rule.endpoint == "api.logout" and role != "anonymous":
            assert client.get("/api/v1/me/progress", headers=headers).status_code == 401  # revoked at once
            headers = _bearer(client, world.usernames[role])
    assert unexpected == [], f"{role} got a 2xx from {unexpected}"
    assert failed == [], f"{role} is allowed but was refused: {failed}"


def test_an_unknown_bearer_token_is_a_401_on_every_api_route(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    for rule, method in routes(app):
        if rule.rule.startswith("/api/"):
            response = request(client, rule, method, url_for_rule(rule, world), {"Authorization": "Bearer forged"})
            assert response.status_code == 401, (rule.rule, method, response.status_code)
            assert response.headers["WWW-Authenticate"].startswith("Bearer")


def _modules(app: Flask) -> list[tuple[str, str, bool]]:
    """(course, module, has a quiz) for every module of the catalogue, in English."""
    with app.app_context():
        catalogue = content.catalogue
        found = []
        for course in catalogue.courses.values():
            for module in course.modules:
                found_text = catalogue.module_text(course.id, module.id, course.source_locale)
                assert found_text is not None
                found.append((course.id, module.id, found_text[0].quiz is not None))
    return found


@pytest.mark.parametrize("role", ["anonymous", "learner", "other_learner", "teacher", "admin"])
def test_every_module_kind_with_and_without_a_quiz(app: Flask, world: SecurityWorld, role: str) -> None:
    modules = _modules(app)
    assert {has_quiz for _, _, has_quiz in modules} == {True, False}, "the fixtures need both kinds"
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.usernames[role])
    unexpected, failed = [], []
    for (rule, method), (course_id, module_id, _) in itertools.product(routes(app), modules):
        if "module_id" not in rule.arguments:
            continue
        response = request(client, rule, method, url_for_rule(rule, world, course_id=course_id, module_id=module_id))
        assert response.status_code < 500, (rule.rule, method, module_id, response.status_code)
        allowed = role in ALLOWED[(rule.endpoint, method)]
        if rule.endpoint in ("learning.attempt_page", "learning.media") and module_id != QUIZ_MODULE:
            allowed = False  # the world's attempt and the media file belong to one module only
        if 200 <= response.status_code < 300 and not allowed:
            unexpected.append((rule.endpoint, method, module_id))
        elif allowed and not 200 <= response.status_code < 300:
            failed.append((rule.endpoint, method, module_id, response.status_code))
    assert unexpected == [], f"{role} got a 2xx from {unexpected}"
    assert failed == [], f"{role} is allowed but was refused: {failed}"


def test_a_bearer_token_speaks_for_its_account_and_leaves_the_cookie_alone(
    app: Flask, world: SecurityWorld
) -> None:
    client = app.test_client()
    client.get("/api/v1/auth/csrf-token")  # an anonymous session with a CSRF token in it
    sign_in(client, world.usernames["learner"])
    teacher = _bearer(app.test_client(), world.usernames["teacher"])
    response = client.get("/api/v1/me/export", headers=teacher)
    assert response.get_json()["profile"]["username"] == world.usernames["teacher"]
    assert "Set-Cookie" not in response.headers
    assert client.get("/api/v1/me/export").get_json()["profile"]["username"] == world.usernames["learner"]
    fresh = app.test_client()
    fresh.get("/api/v1/auth/csrf-token")
    assert fresh.get("/api/v1/me/progress", headers=teacher).status_code == 200
