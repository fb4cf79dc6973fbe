"""The JSON API of schools: classes, joining with a code, assignments, a class's progress.

Thin views over ``ailit.services.classes``, ``assignments`` and ``reports``, authorized as the
pages are: a teacher sees and changes only their own classes, a school admin (or site admin)
may read them, a learner only joins. Refusals are answered by the API's error table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from ailit.models import AuditAction, Classroom
from ailit.models.classroom import CLASS_NAME_MAX
from ailit.services import assignments, classes, reports
from ailit.web.api.body import json_object, kind_of, string_field
from ailit.web.api.errors import bad_field
from ailit.web.api.params import locale_param, signed_in_user
from ailit.web.extensions import content, db
from ailit.web.join_limits import limit_joins

STAGE_MAX = 32
LOCALE_MAX = 8
COURSE_ID_MAX = 100
JOIN_CODE_MAX = 32
MAX_MODULES = 200


def class_json(classroom: Classroom, *, learners: int | None = None,
               join_code: str | None = None, manage: bool = False) -> dict[str, Any]:
    """A class as the API shows it; the join code only to the class's teacher."""
    return {
        "id": classroom.id,
        "name": classroom.name,
        "stage": classroom.stage,
        "locale": classroom.locale,
        "school_id": classroom.school_id,
        "learners": learners,
        "join_code": _grouped(join_code) if manage else None,
    }


def list_classes() -> ResponseReturnValue:
    """operationId listClasses: a teacher's classes, or every class of a school admin's school."""
    user = signed_in_user()
    listing = classes.list_classes(db.session, user)
    return jsonify(
        classes=[
            class_json(
                item.classroom,
                learners=item.learners,
                join_code=item.join_code,
                manage=item.classroom.teacher_id == user.id,
            )
            for item in listing
        ]
    )


def create_class() -> ResponseReturnValue:
    """operationId createClass: a new class of the teacher's school, with a join code; 201."""
    user = signed_in_user()
    body = json_object(required=("name", "stage", "locale"))
    classroom = classes.create_class(
        db.session,
        user,
        # Names are NFC-normalised and trimmed by the service, which checks the final length.
        name=string_field(body, "name", max_length=CLASS_NAME_MAX * 4),
        stage=string_field(body, "stage", max_length=STAGE_MAX),
        locale=string_field(body, "locale", max_length=LOCALE_MAX),
    )
    code = classes.current_join_code(db.session, classroom.id)
    return jsonify(
        class_json(classroom, learners=0, join_code=code.code if code else None, manage=True)
    ), 201


@limit_joins
def join_class() -> ResponseReturnValue:
    """operationId joinClass: a learner joins the class whose current join code this is."""
    user = signed_in_user()
    body = json_object(required=("code",))
    classroom = classes.join_class(
        db.session, user, string_field(body, "code", max_length=JOIN_CODE_MAX)
    )
    return jsonify({"class": class_json(classroom)})


def create_assignment(class_id: int) -> ResponseReturnValue:
    """operationId createAssignment: assign a course, or some of its modules, to a class; 201."""
    user = signed_in_user()
    # Authorize before reading the body: others learn nothing from its validation.
    classes.get_class(db.session, user, class_id, manage=True)
    body = json_object(
        required=("course_id",), optional=("module_ids", "due_on", "confirm_other_stage")
    )
    assignment = assignments.create_assignment(
        db.session,
        user,
        class_id,
        content.catalogue,
        course_id=string_field(body, "course_id", max_length=COURSE_ID_MAX),
        module_ids=_module_ids(body.get("module_ids")),
        due_on=_due_on(body.get("due_on")),
        confirm_other_stage=_flag(body, "confirm_other_stage"),
    )
    return jsonify(
        id=assignment.id,
        class_id=assignment.classroom_id,
        course_id=assignment.course_id,
        module_ids=assignment.module_ids,
        due_on=assignment.due_on.isoformat() if assignment.due_on else None,
    ), 201


def get_class_progress(class_id: int) -> ResponseReturnValue:
    """operationId getClassProgress: learners × assigned modules, with averages (audited)."""
    user = signed_in_user()
    locale = locale_param()
    _, report = reports.audited_class_report(
        db.session, user, class_id, content.catalogue, locale, date.today(), AuditAction.VIEWED_CLASS_REPORT
    )
    return jsonify(
        class_id=report.class_id,
        class_name=report.class_name,
        locale=locale,
        modules=[
            {
                "course_id": column.course_id,
                "module_id": column.module_id,
                "course_title": column.course_title,
                "title": column.title,
                "due_on": column.due_on.isoformat() if column.due_on else None,
                "average_score": average,
                "completed_share": share,
            }
            for column, average, share in zip(
                report.columns, report.average_scores, report.completed_shares, strict=True
            )
        ],
        learners=[
            {
                "user_id": row.user_id,
                "display_name": row.display_name,
                "username": row.username,
                "completed": row.completed,
                "modules": [
                    {"status": cell.status, "best_score": cell.best_score, "overdue": cell.overdue}
                    for cell in row.cells
                ],
            }
            for row in report.rows
        ],
    )


def _module_ids(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise bad_field("module_ids", "invalid_type", f"expected a list, not {kind_of(value)}")
    if len(value) > MAX_MODULES:
        raise bad_field("module_ids", "too_long", f"give at most {MAX_MODULES} modules")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item or len(item) > COURSE_ID_MAX:
            raise bad_field(f"module_ids[{index}]", "invalid_type", "expected a module id")
    return value


def _due_on(value: Any) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_field(
            "due_on", "invalid_type", f"expected a YYYY-MM-DD string, not {kind_of(value)}"
        )
    return assignments.parse_due_date(value)


def _flag(body: dict[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise bad_field(name, "invalid_type", f"expected true or false, not {kind_of(value)}")
    return value


def _grouped(code: str | None) -> str | None:
    # Shown as ABCD-EFGH, as on the class page; joining accepts it with or without the dash.
    return f"{code[:4]}-{code[4:]}" if code else None
