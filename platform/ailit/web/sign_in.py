"""Signing a browser in and out, with the session kept on the server (``sign_in_sessions``).

``start_session(user)`` signs ``user`` in on this request: every way in (the sign-in form,
registration, an accepted invitation, later a QR code or a picture password) calls it.
The cookie carries the session's random id next to Flask-Login's user id; the user loader
accepts the pair only while the server still has that session.
"""

from __future__ import annotations

from flask import Flask, request, session
from flask_login import login_user, logout_user

from ailit.models import User
from ailit.services import sign_in_sessions
from ailit.web.api.auth import sends_authorization
from ailit.web.extensions import db, login_manager

SESSION_ID_KEY = "ailit.session_id"
# Set at sign-in while the account has a one-time password to replace (pages then need no query).
MUST_CHANGE_KEY = "ailit.must_change_password"


def start_session(user: User) -> None:
    """Sign ``user`` in on this request with a fresh session (nothing from before survives:
    a planted session, an old CSRF token)."""
    session.clear()
    session[SESSION_ID_KEY] = sign_in_sessions.start(db.session, user)
    login_user(user)


def end_session() -> None:
    """Sign this browser out: the server forgets the session, the cookie is cleared."""
    session_id = current_session_id()
    if session_id:
        sign_in_sessions.end(db.session, session_id)
    logout_user()
    session.clear()


def current_session_id() -> str | None:
    """The id of this browser's signed-in session, if any."""
    value = session.get(SESSION_ID_KEY)
    return value if isinstance(value, str) else None


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: one indexed lookup of the session and its account."""
    if sends_authorization(request):
        return None  # an API request with a bearer token acts for the token's account
    session_id = current_session_id()
    if not session_id or not user_id.isdigit():
        return None
    return sign_in_sessions.user_for(db.session, int(user_id), session_id)


def init_app(app: Flask) -> None:
    """Install the loader (Flask-Login is bound to ``app`` before this)."""
    login_manager.user_loader(load_user)
