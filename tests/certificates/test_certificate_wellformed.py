"""Verification refuses what the signature does not cover: duplicate keys, keys and values that
canonicalisation drops, terms no context defines; deep nesting is a clear error."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ailit.certificates.credential import build_credential, sign_credential, verify_credential
from ailit.certificates.wellformed import MAX_DEPTH, MalformedCredential, parse_credential
from ailit.cli import main


@pytest.fixture
def signed(key_store, issuer, make_claims):
    key = key_store.signing_key()
    return sign_credential(build_credential(make_claims(), issuer, salt="00ff"), key, f"{issuer.id}#{key.key_id}")


@pytest.fixture
def trusted(key_store, issuer):
    key_store.signing_key()
    return key_store.verification_keys(issuer.id)


def _set(path: str, value):
    def change(doc):
        *parents, last = path.split(".")
        target = doc
        for name in parents:
            target = target[int(name)] if isinstance(target, list) else target[name]
        target[last] = value

    return change


# Each adds or changes something that leaves the canonical form -- and so the signature -- as
# it was: a reader would see it, the proof would not cover it.
UNSIGNED = {
    "unknown @-keyword at the top": (_set("@honours", "Doctor of AI"), "'@honours' is not a JSON-LD keyword"),
    "unknown @-keyword deep inside": (_set("credentialSubject.achievement.@level", "expert"), "not a JSON-LD keyword"),
    "unknown @-keyword in the proof": (_set("proof.@note", "checked"), "not a JSON-LD keyword"),
    "undefined term at the top": (_set("honours", "Doctor of AI"), "'honours' is not defined"),
    "undefined term in the subject": (_set("credentialSubject.grade", "A+"), "'grade' is not defined"),
    "undefined type": (_set("credentialSubject.type", ["AchievementSubject", "Honours"]), "type 'Honours'"),
    "null value": (_set("description", None), "null values are not signed"),
    "empty list": (_set("credentialSubject.achievement.alignment", []), "empty lists are not signed"),
    "nested @context": (_set("credentialSubject.@context", {"honours": "https://evil.example/honours"}), "only the top-level @context"),
    "relative id": (_set("credentialSubject.achievement.id", "honours"), "not an absolute IRI"),
}


@pytest.mark.parametrize("name", UNSIGNED)
def test_content_outside_the_signature_is_refused(signed, trusted, name):
    change, reason = UNSIGNED[name]
    doc = json.loads(json.dumps(signed))
    change(doc)
    result = verify_credential(doc, trusted)
    assert not result.valid and reason in result.reason, result.reason


def test_the_untouched_credential_still_verifies(signed, trusted):
    assert verify_credential(signed, trusted).valid


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"name": "Ann", "name": "Doctor Ann"}', "appears twice"),
        ('{"a": {"b": 1, "b": 2}}', "appears twice"),
        ('{"hours": NaN}', "NaN is not a JSON number"),
        ('{"hours": Infinity}', "Infinity is not a JSON number"),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested more than"),
        ("[" * 100_000 + "]" * 100_000, "nested more than"),
        ('{"a": ', "not JSON"),
        (b"\xff\xfe{", "not"),
    ],
)
def test_strict_json(text, reason):
    with pytest.raises(MalformedCredential, match=reason):
        parse_credential(text)


def test_deep_nesting_in_a_parsed_document_is_a_clear_refusal(signed, trusted):
    deep: dict = {}
    node = deep
    for _ in range(5000):
        node["x"] = {}
        node = node["x"]
    doc = {**signed, "credentialSubject": {**signed["credentialSubject"], "deep": deep}}
    result = verify_credential(doc, trusted)
    assert not result.valid and "nested more than" in result.reason


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda text: text.replace('"name": "AI Explorers",', '"name": "AI Explorers", "name": "Doctor of AI",', 1), "appears twice"),
        (lambda text: "[" * 50_000 + text + "]" * 50_000, "nested more than"),
        (lambda text: text[:-1] + ', "@honours": "Doctor of AI"}', "not a JSON-LD keyword"),
    ],
)
def test_the_command_line_refuses_them_without_a_traceback(signed, key_store, issuer, tmp_path, make, message):
    path = tmp_path / "credential.json"
    path.write_text(make(json.dumps(signed, ensure_ascii=False)), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["certificates", "verify", str(path), "--data-dir", str(tmp_path), "--issuer", issuer.id]
    )
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
