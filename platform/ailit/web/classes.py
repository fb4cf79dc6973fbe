"""Classes in the browser: a teacher's classes, learners, login cards and their QR codes,
assignments, the report; learners joining with a code and choosing their own password at first
sign-in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import (
    Blueprint,
    abort,
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, user_logged_in

from ailit.locales import LOCALE_INFO
from ailit.models import AuditAction, Role, User
from ailit.services import (
    assignments,
    card_sign_in,
    class_learners,
    classes,
    password_change,
    reports,
    roster,
    validation,
)
from ailit.services.errors import ValidationError
from ailit.services.login_cards import render_login_cards_pdf
from ailit.services.schools import Forbidden
from ailit.stages import STAGES
from ailit.web.api.accounts import password_change_required
from ailit.web.errors import render_error
from ailit.web.extensions import content, db, security
from ailit.web.i18n import current_locale
from ailit.web.join_limits import limit_joins
from ailit.web.labels import message_for
from ailit.web.public_links import external_url
from ailit.web.school_messages import message, roster_message
from ailit.web.sign_in import MUST_CHANGE_KEY, current_session_id

bp = Blueprint("classes", __name__, url_prefix="/<locale>")

# Pages a learner with a one-time password may still open: choosing a password, signing out.
_ALLOWED_WHILE_PENDING = frozenset(
    {"classes.new_password", "auth.sign_out", "static", "api.change_password", "api.logout", "api.csrf_token"}
)


def _teacher_page(classroom_id: int, **extra: Any) -> str:
    classroom = classes.get_class(db.session, current_user, classroom_id)
    manage = classroom.teacher_id == current_user.id
    return render_template(
        "schools/class.html",
        classroom=classroom,
        manage=manage,
        join_code=classes.current_join_code(db.session, classroom.id) if manage else None,
        learners=class_learners.class_learners(db.session, classroom),
        assigned=assignments.class_assignments(db.session, classroom, content.catalogue, current_locale()),
        **extra,
    )


@login_required
def class_list() -> ResponseReturnValue:
    """A teacher's classes (a school admin: the school's), and a form to create one."""
    error, status = None, 200
    if request.method == "POST":
        try:
            classroom = classes.create_class(
                db.session,
                current_user,
                name=request.form.get("name", ""),
                stage=request.form.get("stage", ""),
                locale=request.form.get("class_locale", ""),
            )
        except ValidationError as exc:
            error, status = message(exc), 400
        else:
            flash(_("Class created. Give your learners its join code, or create their accounts."))
            return redirect(url_for("classes.class_page", class_id=classroom.id))
    listing = classes.list_classes(db.session, current_user)
    return render_template(
        "schools/class_list.html",
        listing=listing,
        can_create=current_user.role == Role.TEACHER,
        stages=STAGES,
        languages=LOCALE_INFO,
        error=error,
        form=request.form,
    ), status


@login_required
def class_page(class_id: int) -> ResponseReturnValue:
    """One class: join code, learners, assignments, links to cards and report."""
    return _teacher_page(class_id)


@login_required
def join_code(class_id: int) -> ResponseReturnValue:
    """Rotate the join code, or switch joining off (POST)."""
    if request.form.get("action") == "disable":
        classes.disable_join_code(db.session, current_user, class_id)
        flash(_("Joining is switched off. Make a new code to let learners join again."))
    else:
        classes.rotate_join_code(db.session, current_user, class_id)
        flash(_("The class has a new join code; the old one no longer works."))
    return redirect(url_for("classes.class_page", class_id=class_id))


@login_required
def add_learners(class_id: int) -> ResponseReturnValue:
    """Create learner accounts from pasted names or a CSV file; all or nothing."""
    classroom = classes.get_class(db.session, current_user, class_id, manage=True)
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        parsed = roster.parse_roster_csv(upload.read())
    else:
        parsed = roster.parse_pasted_names(request.form.get("names", ""))
    if not parsed.ok:
        problems = [roster_message(p) for p in parsed.problems]
        return _teacher_page(class_id, roster_problems=problems, names=request.form.get("names", "")), 400
    issued = class_learners.create_learners(
        db.session, current_user, classroom.id, parsed, hasher=security.hasher
    )
    return render_template("schools/credentials.html", classroom=classroom, issued=issued)


@login_required
def login_cards(class_id: int) -> ResponseReturnValue:
    """Login cards as a PDF (POST). ``scope=new`` (the default): only learners whose card was
    never printed, or whose QR code was reissued; nobody else's password or QR code changes.
    ``scope=all``: every learner, after the teacher confirmed that every earlier card stops
    working. Printed learners with an unused one-time password get a new one on the card."""
    classroom = classes.get_class(db.session, current_user, class_id, manage=True)
    only_new = request.form.get("scope", "new") != "all"
    if not only_new and request.form.get("confirm") != "yes":
        problem = _("Tick the box to confirm that every earlier card of the class stops working.")
        return _teacher_page(class_id, cards_error=problem), 400
    locale = classroom.locale
    sign_in = external_url("auth.sign_in", locale=locale)
    try:
        sheet = class_learners.login_cards(
            db.session, current_user, class_id, sign_in,
            lambda token: external_url("cards.card_sign_in_page", locale=locale, t=token),
            only_new=only_new,
            lifetime=timedelta(days=current_app.config["CARD_SIGN_IN_DAYS"]),
            hasher=security.hasher,
        )
    except class_learners.NoNewCards:
        flash(_("Every learner already has a printed card. To replace a lost one, give that learner a new QR code first."))
        return redirect(url_for("classes.class_page", class_id=class_id), 303)
    pdf = render_login_cards_pdf(sheet)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="login-cards-{class_id}.pdf"',
            "Cache-Control": "no-store",  # it holds passwords and sign-in codes
        },
    )


@login_required
def reissue_qr_codes(class_id: int) -> ResponseReturnValue:
    """Every QR code of the class stops working (POST); the cards are then printed anew."""
    card_sign_in.reissue(db.session, current_user, class_id)
    flash(_("The QR codes printed so far no longer work. Print the cards for new learners to get new ones."))
    return redirect(url_for("classes.class_page", class_id=class_id), 303)


@login_required
def reissue_qr_code(class_id: int, user_id: int) -> ResponseReturnValue:
    """One learner's QR code stops working (a lost card, POST); their card is printed anew."""
    card_sign_in.reissue(db.session, current_user, class_id, user_id)
    flash(_("This learner's QR code no longer works. Print the cards for new learners to get their new card."))
    return redirect(url_for("classes.class_page", class_id=class_id), 303)


@login_required
def reset_password(class_id: int, user_id: int) -> ResponseReturnValue:
    """A new one-time password for one learner, shown once (POST)."""
    issued = class_learners.reset_password(db.session, current_user, class_id, user_id, hasher=security.hasher)
    classroom = classes.get_class(db.session, current_user, class_id)
    return render_template("schools/credentials.html", classroom=classroom, issued=[issued], reset=True)


@login_required
def new_assignment(class_id: int) -> ResponseReturnValue:
    """The course picker: the class's stage first, modules to tick, a due date."""
    classroom = classes.get_class(db.session, current_user, class_id, manage=True)
    choices = assignments.picker(content.catalogue, classroom, current_locale())
    return render_template("schools/assign.html", classroom=classroom, choices=choices, form=request.args)


@login_required
def create_assignment(class_id: int) -> ResponseReturnValue:
    """Assign a course or modules; another stage's course asks for confirmation first."""
    classroom = classes.get_class(db.session, current_user, class_id, manage=True)
    form = request.form
    course_id = form.get("course_id", "")
    try:
        assignments.create_assignment(
            db.session,
            current_user,
            class_id,
            content.catalogue,
            course_id=course_id,
            module_ids=form.getlist("module_ids"),
            due_on=assignments.parse_due_date(form.get("due_on", "")),
            confirm_other_stage=form.get("confirm") == "yes",
        )
    except assignments.StageMismatch as mismatch:
        course = content.catalogue.course(course_id)
        return render_template(
            "schools/assign_confirm.html",
            classroom=classroom,
            course_title=course.title_in(current_locale()) if course else course_id,
            mismatch=mismatch,
            form=form,
        )
    except ValidationError as exc:
        choices = assignments.picker(content.catalogue, classroom, current_locale())
        return render_template(
            "schools/assign.html", classroom=classroom, choices=choices, form=form, error=message(exc)
        ), 400
    flash(_("The course is assigned. Your learners see it first on their page."))
    return redirect(url_for("classes.class_page", class_id=class_id))


@login_required
def report(class_id: int) -> ResponseReturnValue:
    """Learners × assigned modules as a heat map, with averages and overdue work marked."""
    classroom, data = reports.audited_class_report(
        db.session, current_user, class_id, content.catalogue, current_locale(), date.today(),
        AuditAction.VIEWED_CLASS_REPORT,
    )
    return render_template("schools/report.html", classroom=classroom, report=data)


@login_required
def learner_report(class_id: int, user_id: int) -> ResponseReturnValue:
    """One learner of the class report: every assigned module with status, score and due date."""
    classroom, data = reports.audited_class_report(
        db.session, current_user, class_id, content.catalogue, current_locale(), date.today(),
        AuditAction.VIEWED_CLASS_REPORT,
    )
    row = next((r for r in data.rows if r.user_id == user_id), None)
    if row is None:
        abort(404)
    return render_template("schools/learner_report.html", classroom=classroom, report=data, row=row)


@login_required
def report_csv(class_id: int) -> ResponseReturnValue:
    """The class report as a CSV download (audited)."""
    _, data = reports.audited_class_report(
        db.session, current_user, class_id, content.catalogue, current_locale(), date.today(),
        AuditAction.EXPORTED_CLASS_REPORT,
    )
    return Response(
        "\ufeff" + reports.report_csv(data),  # the BOM makes spreadsheets read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="class-{class_id}-report.csv"'},
    )


@login_required
@limit_joins
def join() -> ResponseReturnValue:
    """A learner types a join code and is in the class."""
    if request.method == "GET":
        return render_template("schools/join.html", code=request.args.get("code", ""))
    code = request.form.get("code", "")
    try:
        classroom = classes.join_class(db.session, current_user, code)
    except classes.JoinCodeInvalid as exc:
        return render_template("schools/join.html", code=code, error=message(exc)), 400
    flash(_("You are now in the class “%(name)s”.", name=classroom.name))
    return redirect(url_for("dashboard.home"))


@login_required
def new_password() -> ResponseReturnValue:
    """Choose your own password in place of the one-time password your teacher gave you."""
    if not session.get(MUST_CHANGE_KEY):  # others change theirs on the account page
        return redirect(url_for("account.page"))
    if request.method == "GET":
        return render_template("schools/new_password.html")
    password = request.form.get("password", "")
    errors = {e.field: message_for(e) for e in validation.registration_errors(password=password)}
    if password != request.form.get("confirm", ""):
        errors["confirm"] = _("The two passwords are not the same.")
    if errors:
        return render_template("schools/new_password.html", errors=errors), 400
    try:
        password_change.replace_one_time_password(
            db.session, current_user, password, keep_session=current_session_id(), hasher=security.hasher
        )
    except ValidationError as exc:
        return render_template("schools/new_password.html", errors={"password": message_for(exc)}), 400
    except password_change.NoPasswordToReplace:  # replaced meanwhile, in another tab
        session.pop(MUST_CHANGE_KEY, None)
        return redirect(url_for("account.page"))
    session.pop(MUST_CHANGE_KEY, None)
    flash(_("Your password is saved. Use it next time you sign in."))
    return redirect(url_for("dashboard.home"))


def _require_own_password() -> ResponseReturnValue | None:
    """Until a learner has replaced their one-time password, every page leads to that form."""
    if not session.get(MUST_CHANGE_KEY) or request.endpoint in _ALLOWED_WHILE_PENDING:
        return None
    if not current_user.is_authenticated:  # the account is gone (deleted elsewhere): nothing to change
        session.pop(MUST_CHANGE_KEY, None)
        return None
    if request.path.startswith("/api/"):
        return password_change_required()
    return redirect(url_for("classes.new_password", locale=g.get("locale") or current_locale()))


def _remember_pending_password(_app: object, user: User, **_extra: object) -> None:
    # Checked once at sign-in and kept in the session: pages then need no query for it.
    if password_change.must_change_password(db.session, user.id):
        session[MUST_CHANGE_KEY] = True


user_logged_in.connect(_remember_pending_password)
bp.before_app_request(_require_own_password)


@bp.errorhandler(Forbidden)
def _forbidden(_error: Forbidden) -> ResponseReturnValue:
    return render_error(403)


bp.add_url_rule("/classes/", view_func=class_list, methods=["GET", "POST"])
bp.add_url_rule("/classes/<int:class_id>/", view_func=class_page)
bp.add_url_rule("/classes/<int:class_id>/join-code", view_func=join_code, methods=["POST"])
bp.add_url_rule("/classes/<int:class_id>/learners", view_func=add_learners, methods=["POST"])
bp.add_url_rule("/classes/<int:class_id>/login-cards", view_func=login_cards, methods=["POST"])
bp.add_url_rule(
    "/classes/<int:class_id>/learners/<int:user_id>/password", view_func=reset_password, methods=["POST"]
)
bp.add_url_rule("/classes/<int:class_id>/qr-codes", view_func=reissue_qr_codes, methods=["POST"])
bp.add_url_rule(
    "/classes/<int:class_id>/learners/<int:user_id>/qr-code", view_func=reissue_qr_code, methods=["POST"]
)
bp.add_url_rule("/classes/<int:class_id>/assignments/new", view_func=new_assignment)
bp.add_url_rule("/classes/<int:class_id>/assignments", view_func=create_assignment, methods=["POST"])
bp.add_url_rule("/classes/<int:class_id>/report", view_func=report)
bp.add_url_rule("/classes/<int:class_id>/report.csv", view_func=report_csv)
bp.add_url_rule("/classes/<int:class_id>/report/<int:user_id>", view_func=learner_report)
bp.add_url_rule("/join", view_func=join, methods=["GET", "POST"])
bp.add_url_rule("/account/new-password", view_func=new_password, methods=["GET", "POST"])
