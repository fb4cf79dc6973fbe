"""API for the signed-in person: progress, export of all their data, deleting the account."""

from __future__ import annotations

import json

from flask import Response, current_app, jsonify, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import logout_user

from ailit.services import privacy
from ailit.services.progress_report import progress_report
from ailit.services.validation import PASSWORD_MAX
from ailit.web.api.body import json_object, string_field
from ailit.web.api.auth import bearer_token
from ailit.web.api.params import locale_param, signed_in_user
from ailit.web.extensions import content, db, limiter, security


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


def get_progress() -> ResponseReturnValue:
    """operationId getMyProgress: per course, percentage, module statuses, where to continue."""
    user, locale = signed_in_user(), locale_param()
    reports = progress_report(db.session, user.id, content.catalogue, locale)
    return jsonify(
        courses=[
            {
                "course_id": r.course_id,
                "title": r.title,
                "percent": round(r.percent * 100, 1),
                "completed": r.completed,
                "total": r.total,
                "last_seen_at": r.last_seen_at.isoformat() if r.last_seen_at else None,
                "modules": [
                    {"id": m.id, "title": m.title, "status": m.status, "best_score": m.best_score}
                    for m in r.modules
                ],
                "continue": _continue(r.course_id, r.continue_module_id, locale),
            }
            for r in reports
        ]
    )


def export_data() -> ResponseReturnValue:
    """operationId exportMyData: everything stored about the person, as a JSON download."""
    user = signed_in_user()
    return download(privacy.export_user_data(db.session, user), user.username)


@limiter.limit(_signin_limit)
def delete_account() -> ResponseReturnValue:
    """operationId deleteMyAccount: confirm the password, delete everything, end the session."""
    user = signed_in_user()
    body = json_object(required=("password",))
    password = string_field(body, "password", max_length=PASSWORD_MAX)
    privacy.delete_account(db.session, user, password, hasher=security.hasher)
    if bearer_token() is None:  # a browser: its session must not outlive the account
        logout_user()
        session.clear()
    return "", 204


def download(data: dict[str, object], username: str) -> Response:
    """A personal-data export as a JSON file download (shared with the account page)."""
    response = Response(
        json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="ailit-{username}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _continue(course_id: str, module_id: str | None, locale: str) -> dict[str, str] | None:
    if module_id is None:
        return None
    return {
        "module_id": module_id,
        "page_url": url_for(
            "learning.module_page", locale=locale, course_id=course_id, module_id=module_id
        ),
        "api_url": url_for(
            "api.get_module", course_id=course_id, module_id=module_id, locale=locale
        ),
    }
