"""Health checks and the answer when the database is unreachable.

``/healthz`` answers 200 while the process runs. ``/readyz`` answers 200 when the database
answers and a catalogue is loaded, else 503 with ``Retry-After`` (a load balancer stops sending
requests). A page or API call whose database cannot be reached (refused, not answering within
``DB_CONNECT_TIMEOUT``, a statement over ``DB_STATEMENT_TIMEOUT``) answers 503 with
``Retry-After`` too: never a hang, never a generic 500.
"""

from __future__ import annotations

import logging

from babel import negotiate_locale
from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import exc, text

from ailit.locales import DEFAULT_LOCALE, LOCALES, direction, is_locale
from ailit.web.extensions import content, db

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)

RETRY_AFTER_SECONDS = 10
# Raised by SQLAlchemy when the database cannot be reached or does not answer in time
# (OperationalError covers refused connections, timeouts and cancelled statements).
UNAVAILABLE_ERRORS = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)


def healthz() -> Response:
    """The process runs."""
    return _no_store(jsonify(status="ok"))


def readyz() -> Response:
    """The database answers and a catalogue is loaded; else 503 with Retry-After."""
    checks = {"database": "ok", "catalogue": "ok"}
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except UNAVAILABLE_ERRORS as error:
        log.warning("not ready: database unreachable: %s", _first_line(error))
        checks["database"] = "unreachable"
    if not content.catalogue.courses:
        checks["catalogue"] = "empty"
    ready = all(value == "ok" for value in checks.values())
    response = jsonify(status="ready" if ready else "not ready", checks=checks)
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return _no_store(response)


def database_unreachable(error: Exception) -> None:
    """Log a request that failed because the database could not be reached."""
    log.error("database unreachable on %s %s: %s", request.method, request.path, _first_line(error))


def retry_headers() -> dict[str, str]:
    """The headers of a 503 (the API's error table answers its own requests with them)."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def database_unavailable(error: Exception) -> tuple[str, int, dict[str, str]]:
    """503 with Retry-After: a page in the visitor's language."""
    database_unreachable(error)
    return _unavailable_page(), 503, retry_headers()


def _unavailable_page() -> str:
    # Rendered without the context processors: they would ask the database who is signed in.
    g.locale = _locale_from_request()
    template = current_app.jinja_env.get_template("unavailable.html")
    return template.render(
        locale=g.locale,
        text_direction=direction(g.locale),
        title=_("Temporarily unavailable"),
        message=_(
            "The site cannot reach its database just now. Nothing you sent was lost "
            "half-way; please try again in a few seconds."
        ),
        retry_after=RETRY_AFTER_SECONDS,
    )


def _locale_from_request() -> str:
    first = request.path.lstrip("/").split("/", 1)[0]
    if is_locale(first):
        return first
    preferred = [lang.replace("-", "_") for lang in request.accept_languages.values()]
    return negotiate_locale(preferred, LOCALES) or DEFAULT_LOCALE


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


bp.add_url_rule("/healthz", view_func=healthz)
bp.add_url_rule("/readyz", view_func=readyz)


def init_app(app: Flask) -> None:
    """Register the blueprint and the 503 handler (before any other error handler applies)."""
    app.register_blueprint(bp)
    for kind in UNAVAILABLE_ERRORS:
        app.register_error_handler(kind, database_unavailable)
