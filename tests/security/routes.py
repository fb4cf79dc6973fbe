"""Every route of the app with its URL filled in from a world, and how to request it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from tests.security.conftest import COURSE, QUIZ_MODULE, SecurityWorld

MEDIA_FILE = "robot.svg"
STATIC_FILE = "ailit.css"


def routes(app: Flask) -> Iterator[tuple[Rule, str]]:
    """Every (rule, method) of the app, HEAD and OPTIONS aside (Flask answers them itself)."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method


def url_for_rule(rule: Rule, world: SecurityWorld, **overrides: Any) -> str:
    """The rule's path with every argument an object of the first school, class and learner
    (or the value given in ``overrides``, e.g. another ``module_id``)."""
    code = world.invitation_code if rule.endpoint.startswith("schools.") else world.certificate_code
    values: dict[str, Any] = {
        "locale": "en",
        "class_id": world.class_id,
        "user_id": world.user_ids["learner"],
        "school_id": world.school_id,
        "code": code,
        "course_id": COURSE,
        "module_id": QUIZ_MODULE,
        "attempt_id": world.attempt_id,
        "list_id": 1,
        "name": MEDIA_FILE,
        "filename": STATIC_FILE,
        "submission_id": world.submission_id,
        "file_id": world.file_id,
        # studio: the world's course is not a studio course, so these answer 404 to everyone
        "path": "course.yaml",
        "module": "01-what-is-ai",
        "lang": "ar",
        "number": 1,
        **overrides,
    }
    path = rule.rule
    for name in rule.arguments:
        for pattern in (f"<{name}>", f"<int:{name}>", f"<path:{name}>", f"<string:{name}>"):
            path = path.replace(pattern, str(values[name]))
    return path


def request(client: FlaskClient, rule: Rule, method: str, path: str, headers: dict[str, str] | None = None) -> Any:
    """An empty request: a JSON object to the API, an empty form elsewhere."""
    if method == "GET":
        return client.open(path, method=method, headers=headers)
    if rule.rule.startswith("/api/"):
        return client.open(path, method=method, json={}, headers=headers)
    return client.open(path, method=method, data={}, headers=headers)
