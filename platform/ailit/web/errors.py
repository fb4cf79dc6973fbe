"""Error pages in the user's language: 400, 403, 404, 405, 429 and 500, never a traceback.

Under ``/api/`` the API's blueprint answers its own errors as JSON; what reaches the app-wide
handlers there (an address or method no API rule matches) is answered from the same table.
"""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as L_
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ailit.services.errors import NotFound as ContentNotFound
from ailit.web.api.auth import is_api_request
from ailit.web.api.errors import response_for

TITLES = {
    400: L_("Bad request"),
    403: L_("Not allowed"),
    404: L_("Page not found"),
    405: L_("Method not allowed"),
    409: L_("Not possible now"),
    413: L_("Too much data"),
    429: L_("Too many attempts"),
    500: L_("Something went wrong"),
}

MESSAGES = {
    400: L_("The request could not be understood."),
    403: L_("You are not allowed to do this."),
    404: L_("There is no page at this address. Check the address, or start from the course list."),
    405: L_("This address does not accept this kind of request."),
    413: L_("The form sent too much data."),
    429: L_("Too many attempts in a short time. Please wait a little and try again."),
    500: L_("An error on our side stopped this page. It has been logged; please try again later."),
}


def render_error(
    status: int, message: str | None = None, retry_after: int | None = None
) -> tuple[str, int]:
    """An error page with ``status`` and an optional specific message."""
    html = render_template(
        "error.html",
        status=status,
        title=TITLES.get(status, TITLES[500]),
        message=message or MESSAGES.get(status, MESSAGES[500]),
        retry_after=retry_after,
    )
    return html, status


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_failed(_error: CSRFError) -> tuple[str, int]:
        message = L_(
            "The form has expired or was not sent from this site. "
            "Please reload the page and try again."
        )
        return render_error(400, str(message))

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded) -> tuple[str, int]:
        # Flask-Limiter adds Retry-After (RATELIMIT_HEADERS_ENABLED) to this response.
        return render_error(429)

    @app.errorhandler(ContentNotFound)
    def content_not_found(_error: ContentNotFound) -> tuple[str, int]:
        return render_error(404)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        if is_api_request():
            return response_for(error)
        status = error.code or 500
        if status >= 500:
            return render_error(500)
        return render_error(status)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        if is_api_request():
            return response_for(error)
        app.logger.exception("unhandled error", exc_info=error)
        return render_error(500)

    @app.errorhandler(InternalServerError)
    def internal(_error: InternalServerError) -> tuple[str, int]:
        return render_error(500)
