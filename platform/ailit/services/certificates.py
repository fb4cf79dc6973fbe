"""Certificates: issue (once per learner and course version), find, hide, revoke, publish status.

Issuing checks that every module of the course is completed (and every quiz passed at its own
pass mark), renders the PDF once into ``AILIT_DATA_DIR/certificates/`` and signs the Open
Badges credential once; both are served as stored afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.certificates.codes import InvalidCertificateCode, new_code, normalise_code
from ailit.certificates.credential import CredentialClaims, ResultClaim, StatusEntry, build_credential, sign_credential
from ailit.certificates.issuer import IssuerProfile
from ailit.certificates.keys import KeyStore, SigningKey
from ailit.certificates.pdf import CertificateContext, render_certificate_pdf
from ailit.certificates.status import status_list_credential
from ailit.content.catalogue import Catalogue, Course
from ailit.content.certification import ASSESSED
from ailit.locales import is_locale
from ailit.models import (
    Certificate,
    ClassMembership,
    Classroom,
    ModuleProgress,
    ProgressStatus,
    School,
    User,
    WithdrawnStatusIndex,
    utcnow,
)
from ailit.services import completion
from ailit.services.assessment_results import assessment_results
from ailit.services import certificate_privacy  # noqa: F401  (registers the privacy section)
from ailit.services import validation
from ailit.services.errors import NotFound, ServiceError, ValidationError
from ailit.services.storage import StorageUnavailable, discard as _discard, write_file_atomically

STATUS_LIST_ID = 1
REASON_MAX = 500


class NotEligible(ServiceError):
    """The course gives no certificate, or not every module is completed yet."""

    code = "not_eligible"


@dataclass(frozen=True)
class CertificateSettings:
    """Where certificates are kept and the public address they point to."""

    data_dir: Path
    base_url: str
    issuer_name: str = "ailit"

    @property
    def issuer(self) -> IssuerProfile:
        return IssuerProfile.for_base_url(self.base_url, self.issuer_name)

    @property
    def keys(self) -> KeyStore:
        return KeyStore.for_data_dir(self.data_dir)

    def verify_url(self, locale: str, code: str) -> str:
        return f"{self.base_url.rstrip('/')}/{locale}/verify/{code}"

    def credential_url(self, code: str) -> str:
        return f"{self.base_url.rstrip('/')}/api/v1/certificates/{code}/credential"

    def status_list_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/api/v1/certificates/status/{STATUS_LIST_ID}"


@dataclass(frozen=True)
class CertificateView:
    """What a verification page or API shows about a certificate (all of it is public)."""

    code: str
    learner_name: str
    course_id: str
    course_title: str
    stage: str
    hours: float
    issued_at: datetime
    locale: str
    hidden: bool
    revoked_at: datetime | None
    revocation_reason: str | None

    @property
    def valid(self) -> bool:
        return self.revoked_at is None


def view_of(certificate: Certificate) -> CertificateView:
    """The plain-data view of a certificate row."""
    return CertificateView(
        code=certificate.code,
        learner_name=certificate.learner_name,
        course_id=certificate.course_id,
        course_title=certificate.course_title,
        stage=certificate.stage,
        hours=certificate.hours,
        issued_at=certificate.issued_at,
        locale=certificate.locale,
        hidden=certificate.hidden,
        revoked_at=certificate.revoked_at,
        revocation_reason=certificate.revocation_reason,
    )


def missing_modules(session: Session, user_id: int, catalogue: Catalogue, course: Course) -> list[str]:
    """Ids of the course's modules the learner has not completed (or whose quiz is below its pass mark)."""
    rows = {
        row.module_id: row
        for row in session.scalars(
            select(ModuleProgress).where(ModuleProgress.user_id == user_id, ModuleProgress.course_id == course.id)
        )
    }
    missing = []
    for module in course.modules:
        row = rows.get(module.id)
        if row is None or row.status != ProgressStatus.COMPLETED:
            missing.append(module.id)
            continue
        # A module completed before its task was added still needs the task passed.
        if module.has_task and not completion.task_passed(session, user_id, course.id, module.id):
            missing.append(module.id)
            continue
        if module.has_quiz:
            found = catalogue.module_text(course.id, module.id, course.source_locale)
            quiz = found[0].quiz if found else None
            if quiz is not None and (row.best_score is None or row.best_score < quiz.pass_mark):
                missing.append(module.id)
    return missing


def issue_certificate(
    session: Session,
    user: User,
    course_id: str,
    locale: str,
    *,
    catalogue: Catalogue,
    settings: CertificateSettings,
) -> Certificate:
    """The learner's certificate for the course's current version, issuing it if needed.

    Raises NotFound (no such course), NotEligible (no certificate, or modules left),
    ValidationError (unknown locale) or StorageUnavailable (disk full or read-only: no row).
    """
    if not is_locale(locale):
        raise ValidationError("locale", "invalid_locale", f"unknown language {locale!r}")
    course = catalogue.course(course_id)
    if course is None:
        raise NotFound(f"no course {course_id!r}")
    existing = _find_issued(session, user.id, course)
    if existing is not None:
        return existing
    if not course.gives_certificate:
        raise NotEligible("this course does not give a certificate")
    missing = missing_modules(session, user.id, catalogue, course)
    if missing:
        raise NotEligible(f"complete every module first; still to do: {', '.join(missing)}", modules=missing)

    certificate = Certificate(
        code=new_code(),
        user_id=user.id,
        course_id=course.id,
        course_version=course.version,
        locale=locale,
        # Names stored before the rule for names tightened are checked again here.
        learner_name=validation.check_display_name(user.display_name),
        course_title=course.title_in(locale),
        stage=course.stage,
        hours=float(course.hours),
        issued_at=utcnow().replace(microsecond=0),
        pdf_path="",
        hidden=False,
        school_name=learner_school_name(session, user.id),
        kind=course.certificate,
    )
    # The slow part first, with no write transaction open: render the PDF and store it under
    # its final name (the code is random, so nothing else uses it). Then one short transaction
    # takes the status index, signs (a few milliseconds) and commits.
    relative = _store_pdf(certificate, settings)
    results = assessment_results(session, user.id, catalogue, course, locale) if course.certificate == ASSESSED else []
    try:
        key = _signing_key(settings)
        with session.begin_nested():  # the same learner may press "issue" twice at once
            session.add(certificate)
            session.flush()
            certificate.status_index = _new_status_index(session, certificate.id)
            certificate.pdf_path = relative
            certificate.credential = _signed_credential(certificate, course, settings, key, results)
        session.commit()
    except IntegrityError:
        _discard(settings.data_dir / relative)
        found = _find_issued(session, user.id, course)
        if found is None:
            raise
        return found
    except BaseException:
        _discard(settings.data_dir / relative)
        session.rollback()
        raise
    return certificate


def _find_issued(session: Session, user_id: int, course: Course) -> Certificate | None:
    return session.scalar(
        select(Certificate).where(
            Certificate.user_id == user_id,
            Certificate.course_id == course.id,
            Certificate.course_version == course.version,
        )
    )


def _store_pdf(certificate: Certificate, settings: CertificateSettings) -> str:
    """Render the certificate and store it as ``certificates/<code>.pdf``; its relative path.

    Raises StorageUnavailable when the disk is full or read-only (nothing is left behind).
    """
    pdf = render_certificate_pdf(certificate_context(certificate, settings))
    relative = f"certificates/{certificate.code}.pdf"
    write_file_atomically(settings.data_dir / relative, pdf)
    return relative


def certificate_context(certificate: Certificate, settings: CertificateSettings) -> CertificateContext:
    """What the PDF of ``certificate`` shows, as plain data."""
    return CertificateContext(
        learner_name=certificate.learner_name,
        course_title=certificate.course_title,
        stage=certificate.stage,
        hours=certificate.hours,
        issued_on=certificate.issued_at.date(),
        issuer_name=settings.issuer_name,
        code=certificate.code,
        verify_url=settings.verify_url(certificate.locale, certificate.code),
        locale=certificate.locale,
        school_name=certificate.school_name,
        kind=certificate.kind,
    )


def learner_school_name(session: Session, user_id: int) -> str | None:
    """The school of the learner's most recent class, if they are in one."""
    return session.scalar(
        select(School.name)
        .join(Classroom, Classroom.school_id == School.id)
        .join(ClassMembership, ClassMembership.classroom_id == Classroom.id)
        .where(ClassMembership.user_id == user_id)
        .order_by(ClassMembership.joined_at.desc(), ClassMembership.id.desc())
        .limit(1)
    )


def _signing_key(settings: CertificateSettings) -> SigningKey:
    try:
        return settings.keys.signing_key()
    except OSError as error:  # a fresh site creates its first key on a read-only or full disk
        raise StorageUnavailable(f"cannot create the signing key: {error.strerror or error}") from error


def _criteria(course: Course) -> str:
    modules = len(course.modules)
    if course.certificate == ASSESSED:
        return (
            f"Complete every module of the course ({modules}), pass each quiz at its pass mark with "
            f"limited attempts and answers held back, and pass each practical task reviewed by a person "
            f"against its rubric."
        )
    return f"Complete every module of the course ({modules}) and pass each quiz at its pass mark."


def _signed_credential(
    certificate: Certificate,
    course: Course,
    settings: CertificateSettings,
    key: SigningKey,
    results: list[ResultClaim],
) -> dict[str, Any]:
    base = settings.base_url.rstrip("/")
    claims = CredentialClaims(
        credential_id=settings.credential_url(certificate.code),
        learner_id=str(certificate.user_id),
        learner_name=certificate.learner_name,
        achievement_id=f"{base}/{certificate.locale}/courses/{course.id}/",
        course_title=certificate.course_title,
        course_description=course.summary_in(certificate.locale),
        criteria=_criteria(course),
        stage=certificate.stage,
        hours=certificate.hours,
        issued_at=certificate.issued_at,
        locale=certificate.locale,
        status=StatusEntry(settings.status_list_url(), certificate.status_index or certificate.id),
        results=tuple(results),
    )
    issuer = settings.issuer
    return sign_credential(build_credential(claims, issuer), key, f"{issuer.id}#{key.key_id}")


def find_certificate(session: Session, code: str) -> Certificate:
    """The certificate with this code (typed in any case, with or without hyphens); NotFound."""
    try:
        canonical = normalise_code(code)
    except InvalidCertificateCode as error:
        raise NotFound(str(error)) from error
    found = session.scalar(select(Certificate).where(Certificate.code == canonical))
    if found is None:
        raise NotFound("no certificate has this code")
    return found


def public_certificate(session: Session, code: str) -> CertificateView:
    """What anyone may see about a certificate; a hidden one is NotFound."""
    certificate = find_certificate(session, code)
    if certificate.hidden:
        raise NotFound("no certificate has this code")
    return view_of(certificate)


def own_certificate(session: Session, user: User, code: str) -> Certificate:
    """The user's own certificate; NotFound for anyone else's (no hint that it exists)."""
    certificate = find_certificate(session, code)
    if certificate.user_id != user.id:
        raise NotFound("no certificate has this code")
    return certificate


def my_certificates(session: Session, user_id: int) -> list[Certificate]:
    """The learner's certificates, newest first."""
    return list(
        session.scalars(
            select(Certificate).where(Certificate.user_id == user_id).order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def issued_codes(session: Session, user_id: int) -> dict[str, str]:
    """Course id -> the code of the learner's newest certificate for it that is not revoked."""
    codes: dict[str, str] = {}
    for certificate in my_certificates(session, user_id):
        if certificate.revoked_at is None:
            codes.setdefault(certificate.course_id, certificate.code)
    return codes


def set_hidden(session: Session, user: User, code: str, hidden: bool) -> Certificate:
    """Hide (or show again) the public page and credential of the user's own certificate."""
    certificate = own_certificate(session, user, code)
    certificate.hidden = hidden
    session.commit()
    return certificate


def revoke_certificate(session: Session, code: str, reason: str) -> Certificate:
    """Revoke a certificate with a reason people will read on its public page (admins only)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("reason", "required", "give the reason for revoking this certificate")
    if len(reason) > REASON_MAX:
        raise ValidationError("reason", "too_long", f"the reason may be at most {REASON_MAX} characters")
    certificate = find_certificate(session, code)
    if certificate.revoked_at is None:
        certificate.revoked_at = utcnow()
    certificate.revocation_reason = reason
    session.commit()
    return certificate


def pdf_file(certificate: Certificate, settings: CertificateSettings) -> Path:
    """The stored PDF, rendered again only if the file was lost (e.g. a new data volume)."""
    path = settings.data_dir / certificate.pdf_path if certificate.pdf_path else None
    if path is None or not path.is_file():
        certificate.pdf_path = _store_pdf(certificate, settings)
        path = settings.data_dir / certificate.pdf_path
    return path


def status_list(session: Session, settings: CertificateSettings) -> dict[str, Any]:
    """The signed revocation status list every issued credential points to."""
    revoked = session.scalars(
        select(Certificate.status_index).where(Certificate.revoked_at.is_not(None), Certificate.status_index.is_not(None))
    ).all()
    issuer = settings.issuer
    document = status_list_credential(
        settings.status_list_url(), issuer.id, sorted({*revoked, *_withdrawn_indexes(session)} - {None}), utcnow()
    )
    key = settings.keys.signing_key()
    return sign_credential(document, key, f"{issuer.id}#{key.key_id}")


def _withdrawn_indexes(session: Session) -> set[int]:
    """Indexes of certificates erased with their account (stored when they were erased)."""
    return set(session.scalars(select(WithdrawnStatusIndex.status_index)))


def _new_status_index(session: Session, row_id: int) -> int:
    """The row id, unless a certificate (live or erased) already had it as status index.

    SQLite hands out the id of a deleted last row again; the index must stay withdrawn, so the
    new certificate takes the next unused one. SQLite runs one write at a time, so no other
    certificate takes that index before this one commits.
    """
    taken = select(Certificate.status_index).where(Certificate.status_index == row_id).union(
        select(WithdrawnStatusIndex.status_index).where(WithdrawnStatusIndex.status_index == row_id)
    )
    if session.execute(taken).first() is None:
        return row_id
    highest = max(
        session.scalar(select(func.max(Certificate.status_index))) or 0,
        session.scalar(select(func.max(WithdrawnStatusIndex.status_index))) or 0,
    )
    return highest + 1


def issuer_document(settings: CertificateSettings) -> dict[str, Any]:
    """The issuer profile with every public key, old and new (the keys' controller document)."""
    issuer = settings.issuer
    settings.keys.signing_key()  # a fresh site publishes its first key before signing anything
    methods = [key.verification_method(issuer.id) for key in settings.keys.public_keys()]
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/security/multikey/v1"],
        **issuer.to_json(),
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
