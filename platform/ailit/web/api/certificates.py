"""API certificates: issue, the owner's PDF, public verification, the signed credential, the
status list of revocations, the issuer profile, and revocation by an admin."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, jsonify, send_file
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ailit.models import Role
from ailit.services import certificates
from ailit.services.errors import NotFound
from ailit.web.api.body import json_object, string_field
from ailit.web.api.errors import ApiError
from ailit.web.api.params import signed_in_user
from ailit.web.certificate_settings import settings, verify_limit
from ailit.web.extensions import content, db, limiter

JSON_LD = "application/ld+json"
COURSE_ID_MAX = 100
LOCALE_MAX = 8


def issue_certificate() -> ResponseReturnValue:
    """operationId issueCertificate: ``{course_id, locale}`` -> ``{code, verify_url}``."""
    user = signed_in_user()
    body = json_object(required=("course_id",), optional=("locale",))
    course_id = string_field(body, "course_id", max_length=COURSE_ID_MAX)
    locale = string_field(body, "locale", max_length=LOCALE_MAX) if "locale" in body else user.locale
    cert = certificates.issue_certificate(
        db.session, user, course_id, locale, catalogue=content.catalogue, settings=settings()
    )
    return jsonify(code=cert.code, verify_url=settings().verify_url(cert.locale, cert.code)), 201


def get_certificate_pdf(code: str) -> ResponseReturnValue:
    """operationId getCertificatePdf: the owner's PDF."""
    cert = certificates.own_certificate(db.session, signed_in_user(), code)
    path = certificates.pdf_file(cert, settings())
    db.session.commit()
    return send_file(path, mimetype="application/pdf", download_name=f"certificate-{cert.code}.pdf")


@limiter.limit(verify_limit)
def verify_certificate(code: str) -> ResponseReturnValue:
    """operationId verifyCertificate: ``{valid, learner, course, issued_on, hours, ...}`` or 404."""
    view = certificates.public_certificate(db.session, code)
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


def get_credential(code: str) -> ResponseReturnValue:
    """operationId getCredential: the signed Open Badges 3.0 credential (public unless hidden)."""
    cert = certificates.find_certificate(db.session, code)
    mine = current_user.is_authenticated and current_user.id == cert.user_id
    if (cert.hidden and not mine) or cert.credential is None:
        raise NotFound("no certificate has this code")
    return Response(_json(cert.credential), mimetype=JSON_LD)


def get_status_list(list_id: int) -> ResponseReturnValue:
    """operationId getCertificateStatusList: the signed BitstringStatusList of revocations."""
    if list_id != certificates.STATUS_LIST_ID:
        raise NotFound("no such status list")
    response = Response(_json(certificates.status_list(db.session, settings())), mimetype=JSON_LD)
    response.cache_control.max_age = 300
    return response


def get_issuer() -> ResponseReturnValue:
    """operationId getIssuer: the issuer profile and every public key, old and new."""
    return Response(_json(certificates.issuer_document(settings())), mimetype=JSON_LD)


def revoke_certificate(code: str) -> ResponseReturnValue:
    """operationId revokeCertificate (admins): ``{reason}``."""
    if signed_in_user().role != Role.ADMIN:
        raise ApiError(403, "forbidden", "only admins may revoke certificates")
    body = json_object(required=("reason",))
    # Spaces are collapsed by the service, which then checks the final length.
    reason = string_field(body, "reason", max_length=certificates.REASON_MAX * 4)
    cert = certificates.revoke_certificate(db.session, code, reason)
    return jsonify(code=cert.code, revoked=True, revocation_reason=cert.revocation_reason)


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
