"""Open Badges 3.0 credentials: build one from plain data, sign it, verify it offline.

The credential is an ``OpenBadgeCredential`` on the VC Data Model 2.0. It is secured with a
Data Integrity proof using the ``eddsa-rdfc-2022`` cryptosuite: the document and the proof
options are canonicalised with RDFC-1.0 (contexts served from local copies, see
:mod:`ailit.certificates.jsonld`), each hashed with SHA-256, and the two hashes (options first)
signed with the issuer's Ed25519 key. The learner appears only by display name and a salted
hash of their internal id, never by email.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature

from ailit.certificates.issuer import IssuerProfile
from ailit.certificates.jsonld import CREDENTIAL_CONTEXTS, CanonicalisationError, canonicalize
from ailit.certificates.keys import SigningKey, VerificationKey
from ailit.certificates.multibase import MultibaseError, multibase_decode, multibase_encode
from ailit.certificates.wellformed import MalformedCredential, check_signed_content

CRYPTOSUITE = "eddsa-rdfc-2022"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]


def iso_utc(moment: datetime) -> str:
    """``2025-03-01T12:00:00Z``: the XSD dateTime form used in credentials."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("not a date-time string")
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a date-time without a time zone")
    return moment


def identity_hash(learner_id: str, salt: str) -> str:
    """Open Badges ``identityHash``: ``sha256$`` + hex SHA-256 of the id followed by the salt."""
    return "sha256$" + hashlib.sha256((learner_id + salt).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StatusEntry:
    """Where a verifier checks revocation: a BitstringStatusList credential and our index in it."""

    list_url: str
    index: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": f"{self.list_url}#{self.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(self.index),
            "statusListCredential": self.list_url,
        }


@dataclass(frozen=True)
class ResultClaim:
    """One assessed result: a module's quiz score or practical task outcome, as a percentage."""

    key: str  # unique in the credential, e.g. "quiz-what-is-ai"
    name: str
    percent: int
    passed: bool = True

    def description(self, achievement_id: str) -> dict[str, Any]:
        return {
            "id": f"{achievement_id}#{self.key}",
            "type": ["ResultDescription"],
            "name": self.name,
            "resultType": "Percent",
            "valueMin": "0",
            "valueMax": "100",
        }

    def result(self, achievement_id: str) -> dict[str, Any]:
        return {
            "type": ["Result"],
            "resultDescription": f"{achievement_id}#{self.key}",
            "value": str(self.percent),
            "status": "Completed" if self.passed else "Failed",
        }


@dataclass(frozen=True)
class CredentialClaims:
    """Everything a credential states, as plain data (no ORM objects)."""

    credential_id: str
    learner_id: str
    learner_name: str
    achievement_id: str
    course_title: str
    course_description: str
    criteria: str
    stage: str
    hours: float
    issued_at: datetime
    locale: str
    status: StatusEntry | None = None
    valid_until: datetime | None = None
    results: tuple[ResultClaim, ...] = ()  # an assessed certificate's quiz scores and task outcomes


def build_credential(claims: CredentialClaims, issuer: IssuerProfile, salt: str | None = None) -> dict[str, Any]:
    """The unsigned ``OpenBadgeCredential`` for ``claims``."""
    salt = salt or secrets.token_hex(16)
    hours: float | int = int(claims.hours) if float(claims.hours).is_integer() else claims.hours
    doc: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXTS),
        "id": claims.credential_id,
        "type": list(CREDENTIAL_TYPES),
        "issuer": issuer.to_json(),
        "validFrom": iso_utc(claims.issued_at),
        "name": claims.course_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": claims.learner_name,
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(claims.learner_id, salt),
                    "identityType": "systemId",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": claims.achievement_id,
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": claims.course_title,
                "description": claims.course_description,
                "criteria": {"narrative": claims.criteria},
                # Open Badges defines creditsAvailable as the credit hours of an achievement.
                "creditsAvailable": hours,
                "tag": ["AI literacy", f"stage:{claims.stage}"],
                "inLanguage": claims.locale,
            },
        },
    }
    if claims.results:
        subject = doc["credentialSubject"]
        subject["achievement"]["resultDescription"] = [r.description(claims.achievement_id) for r in claims.results]
        subject["result"] = [r.result(claims.achievement_id) for r in claims.results]
    if claims.valid_until is not None:
        doc["validUntil"] = iso_utc(claims.valid_until)
    if claims.status is not None:
        doc["credentialStatus"] = claims.status.to_json()
    return doc


def _hash_data(document: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    config = {"@context": document["@context"], **proof_options}
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return (
        hashlib.sha256(canonicalize(config).encode("utf-8")).digest()
        + hashlib.sha256(canonicalize(unsecured).encode("utf-8")).digest()
    )


def sign_credential(
    document: dict[str, Any], key: SigningKey, verification_method: str, created: datetime | None = None
) -> dict[str, Any]:
    """Return ``document`` with an ``eddsa-rdfc-2022`` DataIntegrityProof by ``key``."""
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": iso_utc(created or datetime.now(UTC)),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(document, options))
    return {**document, "proof": {**options, "proofValue": multibase_encode(signature)}}


@dataclass(frozen=True)
class VerificationResult:
    """The outcome of checking a credential: ``valid``, and if not, a reason a person can read."""

    valid: bool
    reason: str
    key_id: str | None = None
    issuer_id: str | None = None

    def __bool__(self) -> bool:
        return self.valid


def _issuer_id(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, str):
        return issuer
    if isinstance(issuer, dict) and isinstance(issuer.get("id"), str):
        return issuer["id"]
    return None


def verify_credential(
    document: Any, public_keys: Iterable[VerificationKey], now: datetime | None = None
) -> VerificationResult:
    """Check an Open Badges credential: everything in it signed, the proof, the signing key's
    controller, and ``validFrom``/``validUntil``.

    Revocation is not checked here (it needs the issuer's status list, online: see
    :mod:`ailit.certificates.revocation`).
    """
    return verify_document(
        document,
        public_keys,
        contexts=CREDENTIAL_CONTEXTS,
        types=CREDENTIAL_TYPES,
        context_name="the VC 2.0 and Open Badges 3.0.3 contexts",
        now=now,
    )


def verify_document(
    document: Any,
    public_keys: Iterable[VerificationKey],
    *,
    contexts: Sequence[str],
    types: Sequence[str],
    context_name: str,
    now: datetime | None = None,
) -> VerificationResult:
    """Check any credential secured by an ``eddsa-rdfc-2022`` proof with exactly ``contexts``
    and at least ``types`` (an Open Badge, a status list)."""
    if not isinstance(document, dict):
        return VerificationResult(False, "the credential is not a JSON object")
    if document.get("@context") != list(contexts):
        return VerificationResult(False, f"unexpected @context: expected {context_name}")
    declared = document.get("type")
    if not isinstance(declared, list) or not set(types) <= set(declared):
        return VerificationResult(False, f"not a {types[-1]}")
    try:
        check_signed_content(document)
    except MalformedCredential as error:
        return VerificationResult(False, f"the credential holds unsigned content: {error}")
    except CanonicalisationError as error:
        return VerificationResult(False, f"the credential is malformed: {error}")
    proof = document.get("proof")
    if not isinstance(proof, dict):
        return VerificationResult(False, "the credential has no proof (or more than one)")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return VerificationResult(False, f"unsupported proof: only DataIntegrityProof with {CRYPTOSUITE}")
    if proof.get("proofPurpose") != "assertionMethod":
        return VerificationResult(False, "the proof's purpose is not assertionMethod")
    if "@context" in proof and proof["@context"] != document["@context"]:
        return VerificationResult(False, "the proof's @context differs from the credential's")
    method = proof.get("verificationMethod")
    issuer_id = _issuer_id(document)
    key = next((k for k in public_keys if k.id == method), None)
    if key is None:
        return VerificationResult(False, f"signed with an unknown key: {method}", issuer_id=issuer_id)
    if issuer_id != key.controller:
        return VerificationResult(
            False, f"the issuer {issuer_id} does not control the signing key {method}", key.id, issuer_id
        )
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        signature = multibase_decode(str(proof.get("proofValue", "")))
        key.public_key.verify(signature, _hash_data(document, options))
    except (MultibaseError, InvalidSignature):
        return VerificationResult(False, "the signature does not match: the credential was altered", key.id, issuer_id)
    except (CanonicalisationError, TypeError, ValueError) as exc:
        return VerificationResult(False, f"the credential is malformed: {exc}", key.id, issuer_id)
    moment = now or datetime.now(UTC)
    try:
        if _parse_iso(document.get("validFrom")) > moment:
            return VerificationResult(False, "the credential is not valid yet (validFrom is in the future)", key.id, issuer_id)
        if "validUntil" in document and _parse_iso(document["validUntil"]) <= moment:
            return VerificationResult(False, "the credential has expired (validUntil has passed)", key.id, issuer_id)
    except ValueError:
        return VerificationResult(False, "validFrom/validUntil is not a date-time with a time zone", key.id, issuer_id)
    return VerificationResult(True, "valid: signed by the issuer and within its validity period", key.id, issuer_id)
