"""Certificates: my certificates, issue, PDF, hide/unhide, public verification, admin revocation,
and the JSON API (issueCertificate, getCertificatePdf, verifyCertificate, getCredential, status,
issuer). Views parse the request, call one service, render.
"""

from __future__ import annotations

import json
import os
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
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
from ailit.certificates.issuer import DEFAULT_BASE_URL
from ailit.certificates.phrases import stage_name
from ailit.models import Role
from ailit.services import certificates
from ailit.services.errors import NotFound, ServiceError, ValidationError
from ailit.web.api.errors import error_response
from ailit.web.errors import render_error
from ailit.web.extensions import content, db, limiter
from ailit.web.forms import ActionForm
from ailit.web.i18n import current_locale
from ailit.web.labels import message_for

bp = Blueprint("certificates", __name__)

VERIFY_RATE_LIMIT = "30 per minute"
JSON_LD = "application/ld+json"

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


def _verify_limit() -> str:
    return str(current_app.config.get("CERTIFICATE_VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT))


def settings() -> certificates.CertificateSettings:
    """Certificate settings from the app: data dir, public address, issuer name."""
    config = current_app.config
    base = config.get("BASE_URL") or os.environ.get("AILIT_BASE_URL") or request.url_root or DEFAULT_BASE_URL
    name = config.get("ISSUER_NAME") or os.environ.get("AILIT_ISSUER_NAME") or "ailit"
    return certificates.CertificateSettings(data_dir=config["DATA_DIR"], base_url=base.rstrip("/"), issuer_name=name)


# --- pages ------------------------------------------------------------------------------------


@login_required
def my_certificates() -> ResponseReturnValue:
    """The learner's certificates: download, share, hide or show the public page."""
    rows = certificates.my_certificates(db.session, current_user.id)
    return render_template(
        "certificates/mine.html",
        certificates=rows,
        settings=settings(),
        stage_name=stage_name,
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
    flash(_("Your certificate is ready."))
    return redirect(url_for("certificates.my_certificates"), 303)


@login_required
def download_pdf(code: str) -> ResponseReturnValue:
    """The learner's own certificate PDF (as issued, from the data directory)."""
    certificate = certificates.own_certificate(db.session, current_user, code)
    path = certificates.pdf_file(certificate, settings())
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


@limiter.limit(_verify_limit)
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


@limiter.limit(_verify_limit)
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
        stage=stage_name(view.stage, current_locale()),
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


# --- JSON API ---------------------------------------------------------------------------------


def _api_user() -> Any:
    return current_user if current_user.is_authenticated else None


def api_issue() -> ResponseReturnValue:
    """operationId issueCertificate: ``{course_id, locale}`` -> ``{code, verify_url}``."""
    user = _api_user()
    if user is None:
        return error_response(401, "unauthenticated", "sign in first")
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("course_id"), str):
        return error_response(400, "invalid_body", "send a JSON object with course_id (and optionally locale)")
    locale = body.get("locale") or user.locale
    try:
        cert = certificates.issue_certificate(
            db.session, user, body["course_id"], str(locale), catalogue=content.catalogue, settings=settings()
        )
    except NotFound as error:
        return error_response(404, error.code, error.message)
    except (certificates.NotEligible, ValidationError) as error:
        return error_response(409 if isinstance(error, certificates.NotEligible) else 400, error.code, error.message)
    return jsonify(code=cert.code, verify_url=settings().verify_url(cert.locale, cert.code)), 201


def api_pdf(code: str) -> ResponseReturnValue:
    """operationId getCertificatePdf: the owner's PDF."""
    user = _api_user()
    if user is None:
        return error_response(401, "unauthenticated", "sign in first")
    try:
        cert = certificates.own_certificate(db.session, user, code)
    except NotFound as error:
        return error_response(404, error.code, error.message)
    path = certificates.pdf_file(cert, settings())
    db.session.commit()
    return send_file(path, mimetype="application/pdf", download_name=f"certificate-{cert.code}.pdf")


@limiter.limit(_verify_limit)
def api_verify(code: str) -> ResponseReturnValue:
    """operationId verifyCertificate: ``{valid, learner, course, issued_on, hours, ...}`` or 404."""
    try:
        view = certificates.public_certificate(db.session, code)
    except NotFound as error:
        return error_response(404, error.code, error.message)
    return jsonify(
        valid=view.valid,
        learner=view.learner_name,
        course=view.course_title,
        course_id=view.course_id,
        stage=view.stage,
        issued_on=view.issued_at.date().isoformat(),
        hours=view.hours,
        code=view.code,
        revoked=not view.valid,
        revocation_reason=view.revocation_reason,
    )


def api_credential(code: str) -> ResponseReturnValue:
    """operationId getCredential: the signed Open Badges 3.0 credential (public unless hidden)."""
    try:
        cert = certificates.find_certificate(db.session, code)
    except NotFound as error:
        return error_response(404, error.code, error.message)
    mine = current_user.is_authenticated and current_user.id == cert.user_id
    if (cert.hidden and not mine) or cert.credential is None:
        return error_response(404, "not_found", "no certificate has this code")
    return Response(_json(cert.credential), mimetype=JSON_LD)


def api_status_list(list_id: int) -> ResponseReturnValue:
    """operationId getCertificateStatusList: the signed BitstringStatusList of revocations."""
    if list_id != certificates.STATUS_LIST_ID:
        return error_response(404, "not_found", "no such status list")
    response = Response(_json(certificates.status_list(db.session, settings())), mimetype=JSON_LD)
    response.cache_control.max_age = 300
    return response


def api_issuer() -> ResponseReturnValue:
    """operationId getIssuer: the issuer profile and every public key, old and new."""
    return Response(_json(certificates.issuer_document(settings())), mimetype=JSON_LD)


def api_revoke(code: str) -> ResponseReturnValue:
    """operationId revokeCertificate (admins): ``{reason}``."""
    user = _api_user()
    if user is None:  # a JSON 401, not a redirect to the sign-in page
        return error_response(401, "unauthenticated", "sign in first")
    if user.role != Role.ADMIN:
        return error_response(403, "forbidden", "only admins may revoke certificates")
    body = request.get_json(silent=True) or {}
    try:
        cert = certificates.revoke_certificate(db.session, code, str(body.get("reason", "")))
    except NotFound as error:
        return error_response(404, error.code, error.message)
    except ServiceError as error:
        return error_response(400, error.code, error.message)
    return jsonify(code=cert.code, revoked=True, revocation_reason=cert.revocation_reason)


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


bp.add_url_rule("/<locale>/certificates/", view_func=my_certificates)
bp.add_url_rule("/<locale>/certificates/issue", view_func=issue, methods=["POST"])
bp.add_url_rule("/<locale>/certificates/<code>.pdf", view_func=download_pdf)
bp.add_url_rule("/<locale>/certificates/<code>/visibility", view_func=set_visibility, methods=["POST"])
bp.add_url_rule("/<locale>/verify/", view_func=verify_form)
bp.add_url_rule("/<locale>/verify/<code>", view_func=verify_page)
bp.add_url_rule("/<locale>/admin/certificates", view_func=admin_revoke, methods=["GET", "POST"])
bp.add_url_rule("/api/v1/certificates", view_func=api_issue, methods=["POST"])
bp.add_url_rule("/api/v1/certificates/<code>/pdf", view_func=api_pdf)
bp.add_url_rule("/api/v1/certificates/<code>", view_func=api_verify)
bp.add_url_rule("/api/v1/certificates/<code>/credential", view_func=api_credential)
bp.add_url_rule("/api/v1/certificates/status/<int:list_id>", view_func=api_status_list)
bp.add_url_rule("/api/v1/certificates/<code>/revoke", view_func=api_revoke, methods=["POST"])
bp.add_url_rule("/api/v1/issuer", view_func=api_issuer)
