"""Signing in with the QR code on a login card, on a class device.

The code holds ``/<locale>/card?t=<token>`` at the site's public address. Opening it (GET) only
asks "Sign in as <first name>?": link previewers and prefetching browsers open links too, so
nothing happens before the child presses the button (POST, with CSRF; the token travels in the
form, not in the address). The token is in the query string, which the request log never
writes. Both are limited per address like the sign-in form.

A learner the teacher created who signs in with their card is not sent to "Choose your password"
(a six-year-old with a card need not have one); their one-time password keeps working on the
sign-in form, which still asks for a new password when it is used (docs/schools.md).
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from ailit.services import card_sign_in
from ailit.web.extensions import db, limiter
from ailit.web.sign_in import MUST_CHANGE_KEY, start_session

bp = Blueprint("cards", __name__, url_prefix="/<locale>")

# The token must not leak to other sites or stay in caches.
_PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


@limiter.limit(_signin_limit)
def card_sign_in_page() -> ResponseReturnValue:
    """GET: "Sign in as <first name>?" with one button; POST: sign in and go to the dashboard."""
    token = (request.form if request.method == "POST" else request.args).get("t", "")
    try:
        learner = card_sign_in.card_holder(db.session, token)
    except card_sign_in.CardInvalid:
        return render_template("schools/card_invalid.html"), 404, _PRIVATE
    if request.method == "GET":
        first_name = learner.display_name.split()[0] if learner.display_name.split() else learner.username
        return render_template("schools/card_sign_in.html", first_name=first_name, token=token), 200, _PRIVATE
    start_session(learner)
    session.pop(MUST_CHANGE_KEY, None)  # set at sign-in for a one-time password: not asked here
    return redirect(url_for("dashboard.home", locale=learner.locale), 303)


bp.add_url_rule("/card", view_func=card_sign_in_page, methods=["GET", "POST"])
