"""The issuer's Ed25519 signing keys, kept under ``AILIT_DATA_DIR/keys/`` and rotated by id.

Layout::

    keys/key-1.pem        private key, PKCS#8 PEM, mode 0600, never served
    keys/key-1.pub.json   {"id", "created", "publicKeyMultibase", "publicKeyJwk"}

The newest key signs; older public keys stay listed so credentials signed before a rotation
still verify. Keys are created on first use; two processes starting together agree on one key
because the private key file is created with an atomic ``link``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ailit.certificates.multibase import MultibaseError, ed25519_from_multikey, ed25519_multikey

_KEY_FILE = re.compile(r"^key-(\d+)\.pem$")


class KeyFileError(Exception):
    """A key file or key document is unreadable or malformed."""


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class PublicKeyInfo:
    """One published public key of the issuer, by key id (``key-1``)."""

    key_id: str
    public_key: Ed25519PublicKey
    created: str

    @property
    def multikey(self) -> str:
        return ed25519_multikey(_raw(self.public_key))

    @property
    def jwk(self) -> dict[str, str]:
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(_raw(self.public_key)), "kid": self.key_id}

    def verification_method(self, controller: str) -> dict[str, Any]:
        """The key as a Multikey verification method controlled by ``controller``."""
        return {
            "id": f"{controller}#{self.key_id}",
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": self.multikey,
            "publicKeyJwk": self.jwk,
        }


@dataclass(frozen=True)
class SigningKey:
    """The private key that signs new credentials, with its id."""

    key_id: str
    private_key: Ed25519PrivateKey

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


@dataclass(frozen=True)
class VerificationKey:
    """A public key a verifier trusts: its full id, its controller (the issuer id), the key."""

    id: str
    controller: str
    public_key: Ed25519PublicKey


def verification_key_from_document(doc: dict[str, Any]) -> VerificationKey:
    """Read a published Multikey/JWK verification method (``id``, ``controller``, key)."""
    try:
        key_id, controller = str(doc["id"]), str(doc["controller"])
        if "publicKeyMultibase" in doc:
            raw = ed25519_from_multikey(str(doc["publicKeyMultibase"]))
        else:
            jwk = doc["publicKeyJwk"]
            if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
                raise KeyFileError("publicKeyJwk is not an Ed25519 (OKP) key")
            x = str(jwk["x"])
            raw = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
        return VerificationKey(key_id, controller, Ed25519PublicKey.from_public_bytes(raw))
    except (KeyError, TypeError, ValueError, AttributeError, MultibaseError) as exc:
        raise KeyFileError(f"not a usable Ed25519 verification method: {exc}") from exc


class KeyStore:
    """The issuer's signing keys in one directory (``AILIT_DATA_DIR/keys``)."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)

    @classmethod
    def for_data_dir(cls, data_dir: Path | str) -> KeyStore:
        return cls(Path(data_dir) / "keys")

    def _numbers(self) -> list[int]:
        if not self.directory.is_dir():
            return []
        found = (_KEY_FILE.match(p.name) for p in self.directory.iterdir())
        return sorted(int(m.group(1)) for m in found if m)

    def _load_private(self, number: int) -> SigningKey:
        path = self.directory / f"key-{number}.pem"
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise KeyFileError(f"{path}: cannot read the signing key: {exc}") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError(f"{path}: not an Ed25519 private key")
        return SigningKey(f"key-{number}", key)

    def _create(self, number: int) -> None:
        """Write key-<number> atomically; if another process won the race, keep theirs."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        final = self.directory / f"key-{number}.pem"
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".key-", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, pem)
            os.fsync(fd)
            os.close(fd)
            try:
                os.link(tmp, final)
            except FileExistsError:
                return
        finally:
            os.unlink(tmp)
        self._write_public(number)

    def _write_public(self, number: int) -> dict[str, Any]:
        signing = self._load_private(number)
        info = PublicKeyInfo(
            signing.key_id, signing.private_key.public_key(), datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        doc = {"id": info.key_id, "created": info.created, "publicKeyMultibase": info.multikey, "publicKeyJwk": info.jwk}
        target = self.directory / f"key-{number}.pub.json"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        tmp.replace(target)
        return doc

    def signing_key(self) -> SigningKey:
        """The newest key; created on first use."""
        numbers = self._numbers()
        if not numbers:
            self._create(1)
            numbers = self._numbers()
        return self._load_private(numbers[-1])

    def rotate(self) -> SigningKey:
        """Start signing with a new key; older public keys stay published."""
        numbers = self._numbers()
        self._create((numbers[-1] if numbers else 0) + 1)
        return self.signing_key()

    def public_keys(self) -> list[PublicKeyInfo]:
        """Every key ever used, oldest first (what the issuer profile publishes)."""
        keys = []
        for number in self._numbers():
            path = self.directory / f"key-{number}.pub.json"
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                doc = self._write_public(number)  # derived data: rebuild it from the private key
            raw = ed25519_from_multikey(doc["publicKeyMultibase"])
            keys.append(PublicKeyInfo(doc["id"], Ed25519PublicKey.from_public_bytes(raw), doc["created"]))
        return keys

    def verification_keys(self, controller: str) -> list[VerificationKey]:
        """The published keys as keys a verifier trusts for the issuer ``controller``."""
        return [VerificationKey(f"{controller}#{k.key_id}", controller, k.public_key) for k in self.public_keys()]
