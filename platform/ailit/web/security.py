"""Safe defaults on every response: security headers and cookies that are Secure over HTTPS."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Request, Response, current_app, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from ailit.surrogates import whole_characters
from ailit.web.api.auth import sends_authorization

F = TypeVar("F", bound=Callable[..., Any])

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SessionInterface(SecureCookieSessionInterface):
    """The signed cookie session, marked Secure whenever the request came over HTTPS.

    An API request with an Authorization header neither reads nor writes it: the token alone
    says who asks, and a cookie the same browser holds is left as it was.
    """

    def get_cookie_secure(self, app: Flask) -> bool:  # type: ignore[override]
        return bool(app.config["SECURE_COOKIES"] or request.is_secure)

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if sends_authorization(request):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not sends_authorization(request):
            super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """Install the session interface, the body-size check and the headers."""
    app.session_interface = SessionInterface()
    # Half a character stored earlier (a lone surrogate) must not make a page unencodable.
    app.jinja_env.finalize = whole_characters_on_page
    # Ahead of every other hook: a view that never reads its body would otherwise act on a
    # request that is too large.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_oversized_body)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def whole_characters_on_page(value: Any) -> Any:
    """Jinja ``finalize``: every string a template prints, with lone surrogates replaced."""
    if isinstance(value, Markup):
        return Markup(whole_characters(str(value)))  # nosec B704  # already markup; only U+FFFD added
    if isinstance(value, str):
        return whole_characters(value)
    return value


def accepts_body_up_to(limit: int) -> Callable[[F], F]:
    """Let one view (an upload) take a body larger than ``MAX_CONTENT_LENGTH``, up to ``limit``."""

    def mark(view: F) -> F:
        view.max_body = limit  # type: ignore[attr-defined]
        return view

    return mark


def refuse_oversized_body() -> None:
    """413 for a declared body over the view's limit (``MAX_CONTENT_LENGTH``), before it runs."""
    view = current_app.view_functions.get(request.endpoint or "")
    larger = getattr(view, "max_body", None)
    if larger is not None:
        request.max_content_length = larger  # the form parser keeps to it too
    limit = request.max_content_length
    if limit is not None and request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()

