"""Accounts in the browser: register, sign in, sign out."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from ailit.services import accounts, validation
from ailit.services.errors import InvalidCredentials, Throttled, ValidationError
from ailit.web.errors import render_error
from ailit.web.extensions import db, limiter, security
from ailit.web.forms import ActionForm, RegisterForm, SignInForm
from ailit.web.i18n import current_locale
from ailit.web.labels import message_for
from ailit.web.sign_in import end_session, start_session

bp = Blueprint("auth", __name__, url_prefix="/<locale>")


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


def _register_limit() -> str:
    return str(current_app.config["REGISTER_RATE_LIMIT"])


@limiter.limit(_register_limit, methods=["POST"])
def register() -> ResponseReturnValue:
    """Create an account and sign in."""
    form = RegisterForm(locale=current_locale())
    if not form.validate_on_submit():
        return render_template("auth/register.html", form=form)
    fields = {
        "username": form.username.data or "",
        "password": form.password.data or "",
        "display_name": form.display_name.data or "",
        "locale": form.locale.data or "",
    }
    problems = validation.registration_errors(**fields)
    if problems:
        for problem in problems:
            getattr(form, problem.field).errors = [message_for(problem)]
        return render_template("auth/register.html", form=form), 400
    try:
        user = accounts.register_user(db.session, **fields, hasher=security.hasher)
    except ValidationError as error:
        getattr(form, error.field).errors = [message_for(error)]
        return render_template("auth/register.html", form=form), 400
    start_session(user)
    return redirect(url_for("dashboard.home", locale=user.locale))


@limiter.limit(_signin_limit, methods=["POST"])
def sign_in() -> ResponseReturnValue:
    """Sign in; limited per address (Flask-Limiter) and per account (in the database)."""
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form)
    try:
        user = accounts.authenticate(
            db.session,
            username=form.username.data or "",
            password=form.password.data or "",
            address=request.remote_addr,
            policy=security.throttle,
            hasher=security.hasher,
        )
    except Throttled as error:
        html, status = render_error(429, retry_after=error.retry_after)
        return html, status, {"Retry-After": str(error.retry_after)}
    except InvalidCredentials as error:
        return render_template("auth/sign_in.html", form=form, error=message_for(error)), 400
    start_session(user)
    target = same_site_path(request.args.get("next", ""))
    return redirect(target or url_for("dashboard.home", locale=user.locale))


@login_required
def sign_out() -> ResponseReturnValue:
    """Sign out (POST, with CSRF): the server forgets the session, so a copy of the cookie
    stops working too."""
    ActionForm()  # CSRF is checked globally; the form documents what is posted
    end_session()
    return redirect(url_for("dashboard.home"))


def same_site_path(target: str) -> str | None:
    """``target`` if it is a path on this site, else None: never a redirect to another host.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
    ``/%09/evil.example`` and ``/%5Cevil.example`` lead elsewhere: the check is made on what
    the browser would follow (control characters removed, backslashes as slashes), and that is
    what is returned.
    """
    cleaned = "".join(c for c in target if unicodedata.category(c) != "Cc").replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or cleaned.startswith("//"):
        return None
    return cleaned


bp.add_url_rule("/register", view_func=register, methods=["GET", "POST"])
bp.add_url_rule("/sign-in", view_func=sign_in, methods=["GET", "POST"])
bp.add_url_rule("/sign-out", view_func=sign_out, methods=["POST"])
