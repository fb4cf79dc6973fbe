"""Open Badges 3.0 credentials: shape, privacy, eddsa-rdfc-2022 proof, and tamper detection."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

import pytest

from ailit.certificates.credential import (
    CRYPTOSUITE,
    build_credential,
    identity_hash,
    sign_credential,
    verify_credential,
)
from ailit.certificates.jsonld import CREDENTIAL_CONTEXTS, CanonicalisationError, canonicalize, document_loader
from ailit.certificates.keys import KeyStore, VerificationKey


@pytest.fixture
def signed(key_store, issuer, make_claims):
    key = key_store.signing_key()
    doc = build_credential(make_claims(), issuer, salt="00ff")
    return sign_credential(doc, key, f"{issuer.id}#{key.key_id}")


@pytest.fixture
def trusted(key_store, issuer):
    key_store.signing_key()
    return key_store.verification_keys(issuer.id)


def test_credential_shape(signed, issuer):
    assert signed["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["issuer"] == {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url}
    assert signed["validFrom"] == "2025-03-01T12:00:00Z"
    subject = signed["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"] and subject["name"] == "Zoë Ñúñez"
    ident = subject["identifier"][0]
    assert ident["hashed"] is True and ident["salt"] == "00ff"
    assert ident["identityHash"] == identity_hash("42", "00ff") and ident["identityHash"].startswith("sha256$")
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"] and achievement["creditsAvailable"] == 4
    assert "stage:primary" in achievement["tag"] and achievement["criteria"]["narrative"]
    assert signed["credentialStatus"]["type"] == "BitstringStatusListEntry"
    proof = signed["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == CRYPTOSUITE
    assert proof["proofValue"].startswith("z")


def test_no_email_or_raw_learner_id_in_credential(signed):
    text = json.dumps(signed, ensure_ascii=False)
    assert "@" not in text.replace("@context", "")
    assert '"42"' not in text


def test_valid_credential_verifies(signed, trusted):
    result = verify_credential(signed, trusted)
    assert result.valid, result.reason
    # and still after a trip through JSON text, as a verifier would receive it
    assert verify_credential(json.loads(json.dumps(signed)), trusted).valid


def _set(path, value):
    def change(doc):
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


TAMPERING = {
    "name": _set(["credentialSubject", "name"], "Mallory"),
    "achievement name": _set(["credentialSubject", "achievement", "name"], "Advanced AI"),
    "hours": _set(["credentialSubject", "achievement", "creditsAvailable"], 40),
    "stage": _set(["credentialSubject", "achievement", "tag"], ["AI literacy", "stage:teacher-pd"]),
    "validFrom": _set(["validFrom"], "2024-03-01T12:00:00Z"),
    "issuer": _set(["issuer", "id"], "https://evil.example/api/v1/issuer"),
    "issuer name": _set(["issuer", "name"], "Famous University"),
    "subject hash": _set(["credentialSubject", "identifier", 0, "identityHash"], identity_hash("43", "00ff")),
    "credential id": _set(["id"], "https://ailit.example.org/api/v1/certificates/OTHER/credential"),
    "status index": _set(["credentialStatus", "statusListIndex"], "8"),
    "proof value": _set(["proof", "proofValue"], "z" + "1" * 86),
    "proof created": _set(["proof", "created"], "2030-01-01T00:00:00Z"),
    "added property": _set(["credentialSubject", "achievement", "humanCode"], "X1"),
}


@pytest.mark.parametrize("name", list(TAMPERING))
def test_any_change_breaks_verification(signed, trusted, name):
    forged = copy.deepcopy(signed)
    TAMPERING[name](forged)
    result = verify_credential(forged, trusted)
    assert not result.valid
    assert result.reason


def test_key_from_another_issuer_is_refused(signed, tmp_path, issuer):
    other_store = KeyStore.for_data_dir(tmp_path / "other")
    other_store.signing_key()
    others = other_store.verification_keys(issuer.id)
    result = verify_credential(signed, others)
    assert not result.valid and "signature" in result.reason


def test_issuer_must_control_the_key(signed, trusted):
    # The right key under the right id, but controlled by someone else: refused.
    relabelled = [VerificationKey(k.id, "https://evil.example/api/v1/issuer", k.public_key) for k in trusted]
    result = verify_credential(signed, relabelled)
    assert not result.valid and "does not control" in result.reason


def test_unknown_key_id(signed, trusted):
    forged = copy.deepcopy(signed)
    forged["proof"]["verificationMethod"] += "-x"
    assert "unknown key" in verify_credential(forged, trusted).reason


def test_not_yet_valid_and_expired(key_store, issuer, make_claims, trusted):
    key = key_store.signing_key()
    now = datetime(2025, 6, 1, tzinfo=UTC)
    future = sign_credential(build_credential(make_claims(issued_at=now + timedelta(days=1)), issuer), key, f"{issuer.id}#key-1")
    assert "not valid yet" in verify_credential(future, trusted, now=now).reason
    expired = sign_credential(
        build_credential(make_claims(valid_until=now - timedelta(days=1)), issuer), key, f"{issuer.id}#key-1"
    )
    assert "expired" in verify_credential(expired, trusted, now=now).reason


def test_old_credentials_verify_after_rotation(key_store, issuer, make_claims):
    key = key_store.signing_key()
    old = sign_credential(build_credential(make_claims(), issuer), key, f"{issuer.id}#{key.key_id}")
    key_store.rotate()
    assert verify_credential(old, key_store.verification_keys(issuer.id)).valid


@pytest.mark.parametrize("junk", [None, [], "text", {"@context": ["https://evil.example/ctx"]}])
def test_junk_is_invalid_not_an_exception(junk, trusted):
    assert not verify_credential(junk, trusted).valid


def test_loader_serves_only_shipped_contexts():
    for url in CREDENTIAL_CONTEXTS:
        assert "@context" in document_loader(url)["document"]
    with pytest.raises(Exception, match="refusing"):
        document_loader("https://evil.example/context.json")
    with pytest.raises(CanonicalisationError):
        canonicalize({"@context": "https://evil.example/context.json", "name": "x"})


def test_signing_is_deterministic_over_key_order(signed, trusted):
    reordered = {k: signed[k] for k in reversed(list(signed))}
    assert verify_credential(reordered, trusted).valid
