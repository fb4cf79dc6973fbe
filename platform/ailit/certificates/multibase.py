"""Base58btc multibase and the Ed25519 Multikey encoding used by Data Integrity proofs."""

from __future__ import annotations

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {ch: i for i, ch in enumerate(_ALPHABET)}
ED25519_PUB_PREFIX = b"\xed\x01"  # multicodec varint for ed25519-pub


class MultibaseError(ValueError):
    """The text is not valid base58btc multibase."""


def base58btc_encode(data: bytes) -> str:
    """Encode bytes in base58btc, keeping leading zero bytes as ``1``."""
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(out))


def base58btc_decode(text: str) -> bytes:
    """Decode base58btc text; raise :class:`MultibaseError` on a foreign character."""
    number = 0
    for ch in text:
        if ch not in _INDEX:
            raise MultibaseError(f"{ch!r} is not a base58btc character")
        number = number * 58 + _INDEX[ch]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_encode(data: bytes) -> str:
    """``z`` + base58btc, the multibase form of proof values and public keys."""
    return "z" + base58btc_encode(data)


def multibase_decode(text: str) -> bytes:
    """Inverse of :func:`multibase_encode`; only the base58btc (``z``) form is accepted."""
    if not text.startswith("z"):
        raise MultibaseError("only base58btc multibase values (starting with 'z') are supported")
    return base58btc_decode(text[1:])


def ed25519_multikey(raw_public_key: bytes) -> str:
    """The ``publicKeyMultibase`` of an Ed25519 public key (``z6Mk...``)."""
    return multibase_encode(ED25519_PUB_PREFIX + raw_public_key)


def ed25519_from_multikey(text: str) -> bytes:
    """The raw 32-byte Ed25519 key inside a ``publicKeyMultibase`` value."""
    data = multibase_decode(text)
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise MultibaseError("not an Ed25519 Multikey")
    return data[2:]
