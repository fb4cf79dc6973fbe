"""Account forms: fields and CSRF only; the rules live in ``ailit.services.validation``."""

from __future__ import annotations

from flask_babel import lazy_gettext as L_
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from ailit.locales import LOCALE_INFO


def _language_choices() -> list[SelectChoice]:
    # Each language's name in itself, marked with its language for screen readers.
    return [
        SelectChoice(code, info.native_name, render_kw={"lang": code})
        for code, info in LOCALE_INFO.items()
    ]


class RegisterForm(FlaskForm):
    """Create an account: no email needed."""

    username = StringField(L_("Username"))
    display_name = StringField(L_("Your name"))
    password = PasswordField(L_("Password"))
    locale = SelectField(L_("Language"), choices=_language_choices(), validate_choice=False)


class SignInForm(FlaskForm):
    """Sign in with a username and a password."""

    username = StringField(L_("Username"))
    password = PasswordField(L_("Password"))


class LanguageForm(FlaskForm):
    """Change the account's preferred language."""

    locale = SelectField(L_("Language"), choices=_language_choices(), validate_choice=False)


class ActionForm(FlaskForm):
    """A button that POSTs (sign out, mark as read): only the CSRF token."""
