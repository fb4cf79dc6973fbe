"""The account page: language preference, change my password, download all my data, delete my
account."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as L_
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField

from ailit.services import password_change, privacy
from ailit.services.errors import ServiceError, ValidationError
from ailit.web.api.me import download
from ailit.web.extensions import db, limiter, security
from ailit.web.forms import LanguageForm
from ailit.web.labels import message_for
from ailit.web.sign_in import MUST_CHANGE_KEY, current_session_id, end_session

bp = Blueprint("account", __name__, url_prefix="/<locale>/account")


class DeleteAccountForm(FlaskForm):
    """Delete the account: the password again, and a box saying the person understands."""

    password = PasswordField(L_("Your password"))
    confirm = BooleanField(
        L_("I understand that my progress, quiz results and certificates will be deleted for ever.")
    )


class ChangePasswordForm(FlaskForm):
    """Change the password: the current one first, then the new one twice."""

    current_password = PasswordField(L_("Current password"))
    new_password = PasswordField(L_("New password"))
    repeat_password = PasswordField(L_("The same password again"))


def _signin_limit() -> str:
    return str(current_app.config["SIGNIN_RATE_LIMIT"])


@login_required
def page() -> ResponseReturnValue:
    """Preferences, the data download and the delete form."""
    return _render()


@login_required
@limiter.limit(_signin_limit, methods=["POST"])
def change_password() -> ResponseReturnValue:
    """A new password after the current one; every other browser and app is signed out."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():  # CSRF
        return _render(password_form=form, status=400)
    if form.new_password.data != form.repeat_password.data:
        form.repeat_password.errors = [_("The two passwords are not the same.")]
        return _render(password_form=form, status=400)
    try:
        password_change.change_own_password(
            db.session,
            current_user,
            form.current_password.data or "",
            form.new_password.data or "",
            keep_session=current_session_id(),
            hasher=security.hasher,
        )
    except ValidationError as error:
        getattr(form, error.field, form.new_password).errors = [message_for(error)]
        return _render(password_form=form, status=400)
    session.pop(MUST_CHANGE_KEY, None)
    flash(_("Your new password is saved. You are signed out everywhere else."))
    return redirect(url_for("account.page"), 303)


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
        return _render(delete_form=form, status=400)
    if not form.confirm.data:
        form.confirm.errors = [_("Tick this box to confirm.")]
        return _render(delete_form=form, status=400)
    try:
        privacy.delete_account(
            db.session, current_user, form.password.data or "", hasher=security.hasher
        )
    except ValidationError:
        form.password.errors = [_("This is not your password.")]
        return _render(delete_form=form, status=400)
    except ServiceError as error:  # a capability refused (for example a school's last admin)
        return _render(delete_form=form, error=message_for(error), status=400)
    end_session()
    flash(_("Your account and all its data have been deleted."))
    return redirect(url_for("dashboard.home"), 303)


def _render(
    *,
    delete_form: DeleteAccountForm | None = None,
    password_form: ChangePasswordForm | None = None,
    error: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    html = render_template(
        "account/page.html",
        delete_form=delete_form or DeleteAccountForm(formdata=None),
        password_form=password_form or ChangePasswordForm(formdata=None),
        language_form=LanguageForm(locale=current_user.locale),
        error=error,
    )
    return html, status


bp.add_url_rule("/", view_func=page)
bp.add_url_rule("/password", view_func=change_password, methods=["POST"])
bp.add_url_rule("/export", view_func=export)
bp.add_url_rule("/delete", view_func=delete, methods=["POST"])
