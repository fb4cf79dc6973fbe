"""Picture passwords in the browser: the class's setting, new pictures for one learner, and
signing in by choosing three pictures.

Signing in needs no JavaScript. The learner types their username (or presses "Sign in with
pictures" under it on the sign-in page), then each picture is a submit button: the pictures
chosen so far travel in a hidden field (the learner's own choices, never the right ones) and
nothing is checked until the third. Any username gets the same grid and, after three pictures,
the same answer, so the page tells a stranger no more than the password form does: not whether
the account exists, nor whether it uses pictures.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as L_
from flask_login import current_user, login_required

from ailit.pictures import PICTURE_NAMES, PICTURES, PICTURES_PER_PASSWORD, is_picture, picture_file
from ailit.services import classes, picture_passwords, validation
from ailit.services.errors import InvalidCredentials, Throttled
from ailit.services.schools import Forbidden
from ailit.web.errors import render_error
from ailit.web.extensions import db, limiter, security
from ailit.web.sign_in import MUST_CHANGE_KEY, start_session

bp = Blueprint("pictures", __name__, url_prefix="/<locale>")

NAMES = {picture: L_(name) for picture, name in PICTURE_NAMES.items()}


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


def _chosen() -> list[str] | None:
    """The pictures chosen so far plus the one just pressed; None if the form was tampered with."""
    chosen = request.form.get("chosen", "").split()
    pressed = request.form.get("picture")
    if pressed is not None:
        chosen.append(pressed)
    if request.form.get("action") == "restart":
        chosen = []
    if len(chosen) > PICTURES_PER_PASSWORD or not all(is_picture(p) for p in chosen):
        return None
    return chosen


def _not_checking() -> bool:
    # The per-address limit counts the requests that check pictures, not each picture pressed.
    chosen = _chosen()
    return chosen is None or len(chosen) < PICTURES_PER_PASSWORD


def _grid(username: str, chosen: list[str], error: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "auth/picture_sign_in.html", username=username, chosen=chosen, error=error,
        total=PICTURES_PER_PASSWORD, pictures=PICTURES,
    ), status


@limiter.limit(_signin_limit, methods=["POST"], exempt_when=_not_checking)
def sign_in() -> ResponseReturnValue:
    """Sign in with a username and three pictures in order, one picture per request."""
    if request.method == "GET":
        return render_template("auth/picture_sign_in.html", username=None)
    username = validation.normalise_username(request.form.get("username", ""))
    if not validation.USERNAME_RE.fullmatch(username):
        error = _("Type the username from your card.")
        return render_template("auth/picture_sign_in.html", username=None, error=error, typed=username), 400
    chosen = _chosen()
    if chosen is None:
        return _grid(username, [], _("Something went wrong with the pictures. Choose them again."), 400)
    if len(chosen) < PICTURES_PER_PASSWORD:
        return _grid(username, chosen)
    try:
        user = picture_passwords.authenticate(
            db.session, username=username, pictures=chosen, address=request.remote_addr,
            policy=security.throttle, hasher=security.hasher,
        )
    except Throttled as error:
        html, status = render_error(429, retry_after=error.retry_after)
        return html, status, {"Retry-After": str(error.retry_after)}
    except InvalidCredentials:
        message = _("These are not the right pictures for this username. Try again, or ask your teacher.")
        return _grid(username, [], message, 400)
    start_session(user)
    session.pop(MUST_CHANGE_KEY, None)  # pictures are how this learner signs in: no password to choose now
    return redirect(url_for("dashboard.home", locale=user.locale))


@login_required
def class_setting(class_id: int) -> ResponseReturnValue:
    """Switch picture sign-in on or off for the class (POST, the class's teacher only)."""
    on = request.form.get("pictures") == "on"
    issued = picture_passwords.set_class_pictures(db.session, current_user, class_id, on, hasher=security.hasher)
    if not on:
        flash(_("Learners of this class sign in with their passwords only; their pictures no longer work."))
    elif issued:
        classroom = classes.get_class(db.session, current_user, class_id)
        return render_template("schools/credentials.html", classroom=classroom, issued=issued, pictures_only=True)
    else:
        flash(_("Learners of this class can sign in with their pictures."))
    return redirect(url_for("classes.class_page", class_id=class_id))


@login_required
def reset(class_id: int, user_id: int) -> ResponseReturnValue:
    """New pictures for one learner, shown once (POST, the class's teacher only)."""
    try:
        issued = picture_passwords.reset_pictures(db.session, current_user, class_id, user_id, hasher=security.hasher)
    except picture_passwords.PicturesUnavailable:
        return render_error(409, _(
            "This learner does not sign in with pictures: switch pictures on for the class first. "
            "Learners who made their own account keep their password."
        ))
    classroom = classes.get_class(db.session, current_user, class_id)
    return render_template(
        "schools/credentials.html", classroom=classroom, issued=[issued], pictures_only=True, reset=True
    )


@bp.errorhandler(Forbidden)
def _forbidden(_error: Forbidden) -> ResponseReturnValue:
    return render_error(403)


@bp.app_context_processor
def _picture_names() -> dict[str, object]:
    return {"picture_names": NAMES, "picture_file": picture_file}


bp.add_url_rule("/sign-in/pictures", view_func=sign_in, methods=["GET", "POST"])
bp.add_url_rule("/classes/<int:class_id>/pictures", view_func=class_setting, methods=["POST"])
bp.add_url_rule("/classes/<int:class_id>/learners/<int:user_id>/pictures", view_func=reset, methods=["POST"])
