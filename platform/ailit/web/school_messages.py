"""Translated messages for what the schools services refuse, keyed by their stable codes."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as L_

from ailit.services.errors import ServiceError, ValidationError
from ailit.services.roster import RosterProblem
from ailit.web.labels import MESSAGES as ACCOUNT_MESSAGES

MESSAGES = {
    "forbidden": L_("You are not allowed to do this."),
    "stage_unknown": L_("Choose one of the stages in the list."),
    "class_name_length": L_("Use 1 to 100 characters."),
    "course_unknown": L_("Choose one of the courses in the list."),
    "module_unknown": L_("Choose modules of the course you picked."),
    "due_date_format": L_("Write the date as YYYY-MM-DD."),
    "school_unknown": L_("There is no such school."),
    "school_staff_only": L_("Only teachers and school admins belong to a school."),
    "join_code_malformed": L_("A join code has 8 letters and digits, like ABCD-EFGH. Check what you typed."),
    "join_code_wrong": L_("This join code does not work. Check what you typed, or ask your teacher for the current code."),
    "invitation_wrong": L_("This invitation code is not right. Check it, or ask for a new invitation."),
    "invitation_used": L_("This invitation has already been used. Ask your school admin for a new one."),
    "invitation_expired": L_("This invitation has expired. Ask your school admin for a new one."),
    "password_mismatch": L_("The two passwords are not the same."),
}

ROSTER_MESSAGES = {
    "name_missing": L_("the name is empty"),
    "name_bidi": L_("the name contains invisible text-direction characters"),
    "name_control": L_("the name contains control characters"),
    "name_invisible": L_("the name has only invisible characters"),
    "name_too_long": L_("the name has %(length)d characters; use at most %(max)d"),
    "too_many": L_("at most %(max)d learners at a time"),
    "empty": L_("there are no names in the list"),
    "file_too_large": L_("the file is larger than %(max_kb)d KB"),
    "csv_malformed": L_("this is not a readable CSV file"),
    "name_column_missing": L_("there is no “name” column: the first row must name the columns, e.g. name"),
    "encoding": L_("the file is not UTF-8 text; save it as “CSV UTF-8” and upload it again"),
}

FIELDS = {
    "name": L_("Name"),
    "stage": L_("Stage"),
    "locale": L_("Language"),
    "course_id": L_("Course"),
    "module_ids": L_("Modules"),
    "due_on": L_("Due date"),
    "code": L_("Join code"),
    "username": L_("Username"),
    "password": L_("Password"),
    "display_name": L_("Your name"),
}


def message(error: ServiceError) -> str:
    """The user's-language message for a schools error (the English one if none)."""
    text = MESSAGES.get(error.code) or ACCOUNT_MESSAGES.get(error.code)
    text_str = str(text) if text is not None else error.message
    if isinstance(error, ValidationError):
        return gettext("%(field)s: %(message)s", field=FIELDS.get(error.field, error.field), message=text_str)
    return text_str


def roster_message(problem: RosterProblem) -> str:
    """“Row 3: the name is empty”, in the user's language."""
    template = ROSTER_MESSAGES.get(problem.code)
    text = str(template) % problem.params if template is not None else problem.message
    if problem.row:
        return str(L_("Row %(row)d: %(problem)s", row=problem.row, problem=text))
    return text
