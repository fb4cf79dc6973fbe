"""Certificate pages: my certificates, issue, PDF, hide/unhide, public verification, admin
revocation. Views parse the request, call one service, render. (The JSON API: ``web.api``.)
"""

from __future__ import annotations


from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as L_
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from ailit.certificates.codes import is_valid_code, normalise_code
from ailit.models import Role
from ailit.services import certificates
from ailit.services.errors import NotFound, ValidationError
from ailit.services.storage import StorageUnavailable
from ailit.web.certificate_settings import settings, verify_limit
from ailit.web.errors import render_error
from ailit.web.extensions import content, db, limiter
from ailit.web.forms import ActionForm
from ailit.web.i18n import current_locale
from ailit.web.labels import message_for, stage_name

bp = Blueprint("certificates", __name__)


NOT_ELIGIBLE = L_("Complete every module of this course (and pass each quiz) to get its certificate.")


class VerifyForm(FlaskForm):
    """Type a certificate code to check it (GET: no CSRF needed, nothing changes)."""

    class Meta:
        csrf = False

    code = StringField(L_("Certificate code"))


class RevokeForm(FlaskForm):
    """An admin revokes a certificate, saying why."""

    code = StringField(L_("Certificate code"))
    reason = TextAreaField(L_("Reason (shown on the public verification page)"))


def _storage_unavailable() -> ResponseReturnValue:
    """A full or read-only disk: the operator must act; the learner may try again later."""
    html, status = render_error(503, _("Certificates cannot be saved right now. Please try again later."))
    return html, status, {"Retry-After": str(StorageUnavailable.retry_after)}


# --- pages ------------------------------------------------------------------------------------


@login_required
def my_certificates() -> ResponseReturnValue:
    """The learner's certificates: download, share, hide or show the public page."""
    rows = certificates.my_certificates(db.session, current_user.id)
    return render_template(
        "certificates/mine.html",
        certificates=rows,
        settings=settings(),
        action_form=ActionForm(),
    )


@login_required
def issue() -> ResponseReturnValue:
    """Issue the certificate of a completed course (POST), then show it in the list."""
    ActionForm()
    course_id = request.form.get("course_id", "")
    try:
        certificates.issue_certificate(
            db.session, current_user, course_id, current_locale(), catalogue=content.catalogue, settings=settings()
        )
    except certificates.NotEligible:
        return render_error(400, str(NOT_ELIGIBLE))
    except ValidationError as error:
        return render_error(400, message_for(error))
    except StorageUnavailable:
        return _storage_unavailable()
    flash(_("Your certificate is ready."))
    return redirect(url_for("certificates.my_certificates"), 303)


@login_required
def download_pdf(code: str) -> ResponseReturnValue:
    """The learner's own certificate PDF (as issued, from the data directory)."""
    certificate = certificates.own_certificate(db.session, current_user, code)
    try:
        path = certificates.pdf_file(certificate, settings())
    except StorageUnavailable:
        return _storage_unavailable()
    db.session.commit()
    return send_file(path, mimetype="application/pdf", download_name=f"certificate-{certificate.code}.pdf")


@login_required
def set_visibility(code: str) -> ResponseReturnValue:
    """Hide the public page and credential of a certificate, or show them again (POST)."""
    ActionForm()
    hidden = request.form.get("hidden") == "1"
    certificates.set_hidden(db.session, current_user, code, hidden)
    flash(_("The public page of this certificate is now hidden.") if hidden else _("The public page of this certificate is visible again."))
    return redirect(url_for("certificates.my_certificates"), 303)


@limiter.limit(verify_limit)
def verify_form() -> ResponseReturnValue:
    """Type a code to check a certificate; a well-formed code goes to its page."""
    form = VerifyForm(request.args)
    code = (form.code.data or "").strip()
    if code:
        if is_valid_code(code):
            return redirect(url_for("certificates.verify_page", code=normalise_code(code)), 303)
        form.code.errors = [_("This is not a valid certificate code. Please check it character by character.")]
        return render_template("certificates/verify.html", form=form, certificate=None), 400
    return render_template("certificates/verify.html", form=form, certificate=None)


@limiter.limit(verify_limit)
def verify_page(code: str) -> ResponseReturnValue:
    """Public: every claim of a certificate and whether it is valid or revoked (hidden: 404)."""
    try:
        view = certificates.public_certificate(db.session, code)
    except NotFound:
        return render_error(404, _("No certificate has this code. Check the code, or ask the person who shared it."))
    return render_template(
        "certificates/verify.html",
        form=VerifyForm(formdata=None),
        certificate=view,
        stage=stage_name(view.stage),
    )


@login_required
def admin_revoke() -> ResponseReturnValue:
    """Admins revoke a certificate with a reason."""
    if current_user.role != Role.ADMIN:
        abort(403)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            revoked = certificates.revoke_certificate(db.session, form.code.data or "", form.reason.data or "")
        except NotFound:
            form.code.errors = [_("No certificate has this code.")]
        except ValidationError as error:
            form.reason.errors = [message_for(error)]
        else:
            flash(_("Certificate %(code)s is revoked.", code=revoked.code))
            return redirect(url_for("certificates.admin_revoke"), 303)
        return render_template("certificates/admin.html", form=form), 400
    return render_template("certificates/admin.html", form=form)


bp.add_url_rule("/<locale>/certificates/", view_func=my_certificates)
bp.add_url_rule("/<locale>/certificates/issue", view_func=issue, methods=["POST"])
bp.add_url_rule("/<locale>/certificates/<code>.pdf", view_func=download_pdf)
bp.add_url_rule("/<locale>/certificates/<code>/visibility", view_func=set_visibility, methods=["POST"])
bp.add_url_rule("/<locale>/verify/", view_func=verify_form)
bp.add_url_rule("/<locale>/verify/<code>", view_func=verify_page)
bp.add_url_rule("/<locale>/admin/certificates", view_func=admin_revoke, methods=["GET", "POST"])
