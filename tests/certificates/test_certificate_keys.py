"""The issuer's Ed25519 key store: creation on first use, file modes, rotation, published forms."""

from __future__ import annotations

import base64
import json
import stat

import pytest

from ailit.certificates.keys import KeyFileError, KeyStore, verification_key_from_document
from ailit.certificates.multibase import base58btc_decode, base58btc_encode, ed25519_from_multikey


def test_key_created_on_first_use_with_private_mode(key_store):
    assert key_store.public_keys() == []
    key = key_store.signing_key()
    assert key.key_id == "key-1"
    mode = stat.S_IMODE((key_store.directory / "key-1.pem").stat().st_mode)
    assert mode == 0o600
    assert key_store.signing_key().key_id == "key-1"  # loaded, not recreated


def test_same_key_across_store_instances(tmp_path):
    first = KeyStore.for_data_dir(tmp_path).signing_key()
    second = KeyStore.for_data_dir(tmp_path).signing_key()
    assert first.private_key.public_key().public_bytes_raw() == second.private_key.public_key().public_bytes_raw()


def test_rotation_keeps_old_public_keys(key_store):
    old = key_store.signing_key()
    new = key_store.rotate()
    assert (old.key_id, new.key_id) == ("key-1", "key-2")
    assert key_store.signing_key().key_id == "key-2"
    assert [k.key_id for k in key_store.public_keys()] == ["key-1", "key-2"]


def test_multikey_and_jwk_encode_the_same_key(key_store):
    key = key_store.signing_key()
    info = key_store.public_keys()[0]
    raw = key.private_key.public_key().public_bytes_raw()
    assert info.multikey.startswith("z6Mk")
    assert ed25519_from_multikey(info.multikey) == raw
    assert base64.urlsafe_b64decode(info.jwk["x"] + "=") == raw
    assert info.jwk["kty"] == "OKP" and info.jwk["crv"] == "Ed25519"


def test_public_key_file_holds_no_private_material(key_store):
    key_store.signing_key()
    doc = json.loads((key_store.directory / "key-1.pub.json").read_text())
    assert set(doc) == {"id", "created", "publicKeyMultibase", "publicKeyJwk"}
    assert "d" not in doc["publicKeyJwk"]


def test_verification_method_round_trip(key_store):
    key_store.signing_key()
    method = key_store.public_keys()[0].verification_method("https://x.example/api/v1/issuer")
    assert method["id"] == "https://x.example/api/v1/issuer#key-1"
    parsed = verification_key_from_document(method)
    assert parsed.controller == "https://x.example/api/v1/issuer"
    del method["publicKeyMultibase"]  # the JWK alone is enough
    assert verification_key_from_document(method).public_key.public_bytes_raw() == parsed.public_key.public_bytes_raw()


@pytest.mark.parametrize("doc", [{}, {"id": "a", "controller": "b"}, {"id": "a", "controller": "b", "publicKeyMultibase": "zabc"}])
def test_bad_verification_methods_are_rejected(doc):
    with pytest.raises(KeyFileError):
        verification_key_from_document(doc)


@pytest.mark.parametrize("data", [b"", b"\0", b"\0\0abc", bytes(range(40))])
def test_base58_round_trip(data):
    assert base58btc_decode(base58btc_encode(data)) == data
