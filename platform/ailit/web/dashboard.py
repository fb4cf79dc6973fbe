"""The front door: ``/`` picks a language; ``/<locale>/`` is the home page or learner dashboard."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from ailit.services import accounts, assignments, progress
from ailit.services.errors import ValidationError
from ailit.web.extensions import content, db
from ailit.web.forms import LanguageForm
from ailit.web.i18n import current_locale, negotiate_locale
from ailit.web.labels import field_message

bp = Blueprint("dashboard", __name__)


def root() -> ResponseReturnValue:
    """Send the visitor to their language: preference, cookie, Accept-Language, then English."""
    return redirect(url_for("dashboard.home", locale=negotiate_locale()))


def home() -> ResponseReturnValue:
    """Home page; for a signed-in learner, their courses in progress with continue links."""
    if not current_user.is_authenticated:
        return render_template("home.html")
    courses = progress.dashboard(db.session, current_user.id, content.catalogue, current_locale())
    form = LanguageForm(locale=current_user.locale)
    assigned = assignments.assigned_to(
        db.session, current_user.id, content.catalogue, current_locale(), date.today()
    )
    return render_template("dashboard.html", courses=courses, language_form=form, assigned=assigned)


@login_required
def set_language() -> ResponseReturnValue:
    """Store the account's preferred language."""
    form = LanguageForm()
    if not form.validate_on_submit():
        return redirect(url_for("dashboard.home"))
    try:
        accounts.set_locale(db.session, current_user, form.locale.data or "")
    except ValidationError as error:
        courses = progress.dashboard(
            db.session, current_user.id, content.catalogue, current_locale()
        )
        return render_template(
            "dashboard.html", courses=courses, language_form=form, error=field_message(error)
        ), 400
    return redirect(url_for("dashboard.home", locale=current_user.locale))


bp.add_url_rule("/", view_func=root)
bp.add_url_rule("/<locale>/", view_func=home)
bp.add_url_rule("/<locale>/account/language", view_func=set_language, methods=["POST"])
