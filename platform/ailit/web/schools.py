"""Schools in the browser: site admins create schools; school admins see teachers, classes,
teacher training and the audit log, and invite teachers; invited teachers make their account."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ailit.locales import LOCALE_INFO
from ailit.models import AuditAction
from ailit.services import audit, reports, schools
from ailit.services.errors import ValidationError
from ailit.services.schools import Forbidden, InvitationInvalid
from ailit.web.errors import render_error
from ailit.web.extensions import content, db, limiter, security
from ailit.web.i18n import current_locale
from ailit.web.public_links import external_url
from ailit.web.school_messages import message
from ailit.web.sign_in import start_session

bp = Blueprint("schools", __name__, url_prefix="/<locale>")


@login_required
def school_list() -> ResponseReturnValue:
    """Schools a site admin runs (with a form to create one); a school admin sees theirs."""
    error, status = None, 200
    if request.method == "POST":
        try:
            school = schools.create_school(db.session, current_user, request.form.get("name", ""))
        except ValidationError as exc:
            error, status = message(exc), 400
        else:
            flash(_("School created."))
            return redirect(url_for("schools.school_page", school_id=school.id))
    listing = schools.list_schools(db.session, current_user)
    return render_template("schools/school_list.html", schools=listing, error=error), status


@login_required
def school_page(school_id: int) -> ResponseReturnValue:
    """A school's teachers, classes with their progress, and teachers' training."""
    data = schools.overview(db.session, current_user, school_id)
    summary = reports.school_report(db.session, school_id, content.catalogue)
    training = reports.teacher_training(db.session, school_id, content.catalogue, current_locale())
    audit.record(
        db.session,
        actor_id=current_user.id,
        action=AuditAction.VIEWED_SCHOOL_REPORT,
        school_id=school_id,
        count=sum(row.learners for row in summary),
    )
    db.session.commit()
    return render_template("schools/school.html", overview=data, summary=summary, training=training)


@login_required
def invite(school_id: int) -> ResponseReturnValue:
    """Make a single-use invitation for a teacher; the code is shown once (POST)."""
    invitation, code = schools.invite_teacher(db.session, current_user, school_id)
    link = external_url("schools.accept_invitation", code=code)
    return render_template(
        "schools/invitation.html", school_id=school_id, code=code, link=link, expires_at=invitation.expires_at
    )


@login_required
def audit_log(school_id: int) -> ResponseReturnValue:
    """Who viewed or exported learners' data and who reset passwords, newest first."""
    school = schools.get_school(db.session, current_user, school_id)
    return render_template("schools/audit.html", school=school, entries=audit.school_log(db.session, school_id))


def enter_invitation() -> ResponseReturnValue:
    """A form to type an invitation code received on paper or by message."""
    code = request.args.get("code", "")
    if code:
        return redirect(url_for("schools.accept_invitation", code=code))
    return render_template("schools/invitation_code.html")


@limiter.limit("20 per minute")
def accept_invitation(code: str) -> ResponseReturnValue:
    """An invited teacher creates their account in the school."""
    try:
        schools.check_invitation(db.session, code)
    except InvitationInvalid as exc:
        return render_template("schools/invitation_code.html", error=message(exc)), 404
    if request.method == "GET":
        return render_template("schools/accept.html", code=code, form={}, languages=LOCALE_INFO)
    form = request.form
    try:
        user = schools.accept_invitation(
            db.session,
            code,
            username=form.get("username", ""),
            password=form.get("password", ""),
            display_name=form.get("display_name", ""),
            locale=form.get("user_locale", current_locale()),
            hasher=security.hasher,
        )
    except InvitationInvalid as exc:
        return render_template("schools/invitation_code.html", error=message(exc)), 400
    except ValidationError as exc:
        return render_template(
            "schools/accept.html", code=code, form=form, languages=LOCALE_INFO, error=message(exc)
        ), 400
    start_session(user)
    flash(_("Welcome! You are a teacher at your school now. Create your first class."))
    return redirect(url_for("classes.class_list", locale=user.locale))


@bp.errorhandler(Forbidden)
def _forbidden(_error: Forbidden) -> ResponseReturnValue:
    return render_error(403)


bp.add_url_rule("/schools/", view_func=school_list, methods=["GET", "POST"])
bp.add_url_rule("/schools/<int:school_id>/", view_func=school_page)
bp.add_url_rule("/schools/<int:school_id>/invitations", view_func=invite, methods=["POST"])
bp.add_url_rule("/schools/<int:school_id>/audit", view_func=audit_log)
bp.add_url_rule("/invitations/", view_func=enter_invitation)
bp.add_url_rule("/invitations/<code>", view_func=accept_invitation, methods=["GET", "POST"])
