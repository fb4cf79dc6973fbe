"""`ailit certificates verify`: offline verification from a key directory or a data directory."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ailit.certificates.credential import build_credential, sign_credential
from ailit.cli import main


@pytest.fixture
def credential_file(tmp_path, key_store, issuer, make_claims):
    key = key_store.signing_key()
    doc = sign_credential(build_credential(make_claims(), issuer), key, f"{issuer.id}#{key.key_id}")
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, ["certificates", "verify", *map(str, args)])


def test_valid_with_data_dir(credential_file, tmp_path, issuer):
    result = run(credential_file, "--data-dir", tmp_path, "--issuer", issuer.id)
    assert result.exit_code == 0, result.output
    assert "valid" in result.output and "key-1" in result.output


def test_valid_with_published_keys(credential_file, tmp_path, key_store, issuer):
    published = tmp_path / "published"
    published.mkdir()
    profile = {"id": issuer.id, "verificationMethod": [k.verification_method(issuer.id) for k in key_store.public_keys()]}
    (published / "issuer.json").write_text(json.dumps(profile))
    assert run(credential_file, "--keys", published).exit_code == 0


def test_valid_with_env_base_url(credential_file, tmp_path, monkeypatch):
    monkeypatch.setenv("AILIT_BASE_URL", "https://ailit.example.org/")
    monkeypatch.setenv("AILIT_DATA_DIR", str(tmp_path))
    assert run(credential_file).exit_code == 0


def test_tampered_credential_exits_1_with_reason(credential_file, tmp_path, issuer):
    doc = json.loads(credential_file.read_text())
    doc["credentialSubject"]["name"] = "Mallory"
    credential_file.write_text(json.dumps(doc))
    result = run(credential_file, "--data-dir", tmp_path, "--issuer", issuer.id)
    assert result.exit_code == 1
    assert "altered" in result.output


def test_wrong_issuer_exits_1(credential_file, tmp_path):
    result = run(credential_file, "--data-dir", tmp_path, "--issuer", "https://other.example/api/v1/issuer")
    assert result.exit_code == 1 and "unknown key" in result.output


def test_not_json_exits_1(tmp_path, key_store):
    key_store.signing_key()
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    result = run(bad, "--data-dir", tmp_path)
    assert result.exit_code == 1 and "not a JSON credential" in result.output
    assert "Traceback" not in result.output


def test_empty_key_dir_is_a_clear_error(credential_file, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(credential_file, "--keys", empty)
    assert result.exit_code == 1 and "no public keys" in result.output
