"""The account page: language preference, download all my data, delete my account."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as L_
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField

from ailit.services import privacy
from ailit.services.errors import ServiceError, ValidationError
from ailit.web.api.me import download
from ailit.web.extensions import db, limiter, security
from ailit.web.forms import LanguageForm
from ailit.web.labels import message_for

bp = Blueprint("account", __name__, url_prefix="/<locale>/account")


class DeleteAccountForm(FlaskForm):
    """Delete the account: the password again, and a box saying the person understands."""

    password = PasswordField(L_("Your password"))
    confirm = BooleanField(
        L_("I understand that my progress, quiz results and certificates will be deleted for ever.")
    )


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


@login_required
def page() -> ResponseReturnValue:
    """Preferences, the data download and the delete form."""
    return _render(DeleteAccountForm())


@login_required
def export() -> ResponseReturnValue:
    """Download everything stored about me, as JSON."""
    return download(privacy.export_user_data(db.session, current_user), current_user.username)


@login_required
@limiter.limit(_signin_limit, methods=["POST"])
def delete() -> ResponseReturnValue:
    """Delete the account after the password and the confirmation box; then sign out."""
    form = DeleteAccountForm()
    if not form.validate_on_submit():  # CSRF
        return _render(form, status=400)
    if not form.confirm.data:
        form.confirm.errors = [_("Tick this box to confirm.")]
        return _render(form, status=400)
    try:
        privacy.delete_account(
            db.session, current_user, form.password.data or "", hasher=security.hasher
        )
    except ValidationError:
        form.password.errors = [_("This is not your password.")]
        return _render(form, status=400)
    except ServiceError as error:  # a capability refused (for example a school's last admin)
        return _render(form, error=message_for(error), status=400)
    logout_user()
    session.clear()
    flash(_("Your account and all its data have been deleted."))
    return redirect(url_for("dashboard.home"), 303)


def _render(
    form: DeleteAccountForm, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    language_form = LanguageForm(locale=current_user.locale)
    html = render_template(
        "account/page.html", delete_form=form, language_form=language_form, error=error
    )
    return html, status


bp.add_url_rule("/", view_func=page)
bp.add_url_rule("/export", view_func=export)
bp.add_url_rule("/delete", view_func=delete, methods=["POST"])
