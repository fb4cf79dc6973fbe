"""Translated names and messages for things defined elsewhere: stages, statuses, error codes."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as L_

from ailit import stages
from ailit.content import callouts
from ailit.services.errors import ServiceError, ValidationError

# Names defined once beside what they name (msgids marked there with N_), translated here.
STAGE_NAMES = {stage: L_(name) for stage, name in stages.STAGE_NAMES.items()}

LANGUAGE_STATUS = {
    "complete": L_("complete"),
    "source": L_("original"),
    "stale": L_("incomplete or out of date"),
    "missing": L_("not translated"),
}

PROGRESS_STATUS = {
    "not_started": L_("Not started"),
    "in_progress": L_("In progress"),
    "completed": L_("Completed"),
}

TASK_STATUS = {
    "submitted": L_("Waiting for review"),
    "passed": L_("Passed"),
    "revision": L_("Back for revision"),
}

CALLOUT_LABELS = {kind: L_(label) for kind, label in callouts.LABELS.items()}

FIELD_NAMES = {
    "username": L_("Username"),
    "password": L_("Password"),
    "current_password": L_("Current password"),
    "new_password": L_("New password"),
    "display_name": L_("Your name"),
    "locale": L_("Language"),
    "idempotency_key": L_("Attempt token"),
}

MESSAGES = {
    "username_format": L_(
        "Use 3 to 40 characters: lowercase letters a-z, digits, dots, hyphens or underscores."
    ),
    "username_taken": L_("This username is already taken. Please choose another one."),
    "password_short": L_("Use at least 8 characters."),
    "password_long": L_("Use at most 1024 characters."),
    "password_wrong": L_("This is not your current password."),
    "display_name_bidi": L_("Remove the invisible text-direction characters from the name."),
    "display_name_control": L_("The name contains control characters. Please remove them."),
    "display_name_length": L_("Use 1 to 200 characters."),
    "display_name_invisible": L_("The name has only invisible characters. Write a name people can read."),
    "locale_unknown": L_("Choose one of the languages in the list."),
    "invalid_credentials": L_("Wrong username or password."),
    "no_attempts_left": L_("You have used all your attempts at this quiz."),
    "no_quiz": L_("This module has no quiz."),
    "not_found": L_("This page does not exist."),
    "idempotency_key_length": L_("The form has expired. Please reload the page and try again."),
    "invalid_locale": L_("Choose one of the languages in the list."),
    "required": L_("This field cannot be empty."),
    "too_long": L_("This text is too long. Please shorten it."),
}


def message_for(error: ServiceError) -> str:
    """The user's-language message for a service error (English if no translation exists)."""
    code = error.code
    text = MESSAGES.get(code)
    return str(text) if text is not None else error.message


def stage_name(stage: str) -> str:
    """The stage's name in the UI language (the id itself for an unknown stage)."""
    name = STAGE_NAMES.get(stage)
    return str(name) if name is not None else stage


def field_message(error: ValidationError) -> str:
    """"<Field>: <message>" in the user's language (one message: the colon's spacing varies)."""
    field = FIELD_NAMES.get(error.field, error.field)
    return gettext("%(field)s: %(message)s", field=field, message=message_for(error))


def init_app(app: Flask) -> None:
    """Make the label tables available to every template."""

    @app.context_processor
    def labels() -> dict[str, Any]:
        return {
            "stage_names": STAGE_NAMES,
            "language_status": LANGUAGE_STATUS,
            "progress_status": PROGRESS_STATUS,
            "task_status": TASK_STATUS,
        }
