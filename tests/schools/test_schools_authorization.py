"""Every schools route × every role × ownership: no 2xx where the role has no business.

The routes come from ``app.url_map``: a new route without an entry here fails the test, so it
cannot escape the matrix.
"""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "learner", "stranger", "colleague", "teacher", "school_admin", "admin")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
# "stranger" teaches in another school; "colleague" in the same school, not this class.
STAFF = frozenset({"stranger", "colleague", "teacher", "school_admin", "admin"})
CLASS_VIEWERS = frozenset({"teacher", "school_admin", "admin"})  # of the teacher's class
SCHOOL_ADMINS = frozenset({"school_admin", "admin"})  # of the teacher's school
TEACHER = frozenset({"teacher"})
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()

# (endpoint, method) -> roles that may get a 2xx answer
ALLOWED = {
    ("classes.class_list", "GET"): STAFF,
    ("classes.class_list", "POST"): NOBODY,  # an empty form is a 400 for teachers, 403 for others
    ("classes.class_page", "GET"): CLASS_VIEWERS,
    ("classes.join_code", "POST"): NOBODY,  # the teacher gets a redirect (3xx)
    ("classes.add_learners", "POST"): NOBODY,  # empty list: 400 for the teacher
    ("classes.login_cards", "POST"): TEACHER,
    ("classes.reset_password", "POST"): TEACHER,
    ("classes.reissue_qr_codes", "POST"): NOBODY,  # the teacher gets a redirect (3xx)
    ("classes.reissue_qr_code", "POST"): NOBODY,  # the teacher gets a redirect (3xx)
    ("classes.new_assignment", "GET"): TEACHER,
    ("classes.create_assignment", "POST"): NOBODY,  # no course: 400 for the teacher
    ("classes.report", "GET"): CLASS_VIEWERS,
    ("classes.report_csv", "GET"): CLASS_VIEWERS,
    ("classes.learner_report", "GET"): CLASS_VIEWERS,
    ("classes.join", "GET"): SIGNED_IN,  # the form only
    ("classes.join", "POST"): NOBODY,  # no code: 400
    ("classes.new_password", "GET"): NOBODY,  # no one-time password: to the account page
    ("classes.new_password", "POST"): NOBODY,  # no password: 400
    ("schools.school_list", "GET"): SCHOOL_ADMINS,
    ("schools.school_list", "POST"): NOBODY,  # no name: 400 for the admin
    ("schools.school_page", "GET"): SCHOOL_ADMINS,
    ("schools.invite", "POST"): SCHOOL_ADMINS,
    ("schools.audit_log", "GET"): SCHOOL_ADMINS,
    ("schools.enter_invitation", "GET"): EVERYONE,  # a public form
    ("schools.accept_invitation", "GET"): NOBODY,  # a wrong code: 404
    ("schools.accept_invitation", "POST"): NOBODY,
    # The JSON API with the session cookie and a form body: writes are 400 (not JSON) or 403.
    ("api.list_classes", "GET"): STAFF,
    ("api.create_class", "POST"): NOBODY,
    ("api.join_class", "POST"): NOBODY,
    ("api.create_assignment", "POST"): NOBODY,
    ("api.get_class_progress", "GET"): CLASS_VIEWERS,
}
BLUEPRINTS = ("classes.", "schools.")
API_PREFIX = "/api/v1/classes"


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(BLUEPRINTS) or rule.rule.startswith(API_PREFIX):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _url(rule, world) -> str:
    values = {
        "locale": "en",
        "class_id": world.class_id,
        "user_id": world.learner_ids[0],
        "school_id": world.school_id,
        "code": "AAAA-BBBB-CCCC-DDDD",
    }
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<{name}>", str(values[name]))
        for converter in ("int", "string", "path"):
            path = path.replace(f"<{converter}:{name}>", str(values[name]))
    return path


def test_every_route_is_in_the_matrix(app):
    found = {(rule.endpoint, method) for rule, method in _routes(app)}
    assert found - set(ALLOWED) == set(), f"routes missing from the matrix: {sorted(found - set(ALLOWED))}"


@pytest.mark.parametrize("role", ROLES)
def test_no_unexpected_success(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        username = world.usernames[role]
        assert client.post("/en/sign-in", data={"username": username, "password": "correct horse battery"}).status_code == 302
    unexpected = []
    for rule, method in _routes(app):
        response = client.open(_url(rule, world), method=method, data={})
        ok = 200 <= response.status_code < 300
        if ok and role not in ALLOWED[(rule.endpoint, method)]:
            unexpected.append((rule.rule, method, response.status_code))
        if role == "anonymous" and rule.endpoint != "schools.enter_invitation" and not rule.endpoint.startswith("schools.accept"):
            assert response.status_code in (302, 401, 404), (rule.rule, method, response.status_code)
    assert unexpected == []


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/en/classes/{other_class}/", "GET"),
        ("/en/classes/{other_class}/report", "GET"),
        ("/en/classes/{other_class}/report.csv", "GET"),
        ("/en/classes/{other_class}/login-cards", "POST"),
        ("/en/classes/{other_class}/qr-codes", "POST"),
        ("/en/schools/{other_school}/", "GET"),
        ("/en/schools/{other_school}/audit", "GET"),
        ("/en/schools/{other_school}/invitations", "POST"),
    ],
)
@pytest.mark.parametrize("role", ["teacher", "school_admin"])
def test_another_schools_objects_are_not_found(app, world, role, path, method):
    client = app.test_client()
    client.post("/en/sign-in", data={"username": world.usernames[role], "password": "correct horse battery"})
    url = path.format(other_class=world.other_class_id, other_school=world.other_school_id)
    assert client.open(url, method=method).status_code in (403, 404)


def test_allowed_roles_do_get_through(app, world):
    """The matrix is not vacuous: each allowed (route, role) really answers 2xx."""
    clients = {}
    for role in SIGNED_IN:
        clients[role] = app.test_client()
        clients[role].post("/en/sign-in", data={"username": world.usernames[role], "password": "correct horse battery"})
    clients["anonymous"] = app.test_client()
    for rule, method in _routes(app):
        for role in ALLOWED[(rule.endpoint, method)]:
            response = clients[role].open(_url(rule, world), method=method, data={})
            assert 200 <= response.status_code < 300, (rule.rule, method, role, response.status_code)
