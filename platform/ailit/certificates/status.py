"""Revocation status as a W3C BitstringStatusList credential (one bit per certificate).

The list is at least 16 KB of bits (131,072 entries) as the specification asks, so a
verifier cannot tell from its size how many certificates exist; it is gzip-compressed and
base64url-encoded with the multibase prefix ``u``.
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ailit.certificates.credential import iso_utc
from ailit.certificates.jsonld import VC_V2_CONTEXT

MIN_ENTRIES = 16 * 1024 * 8


def encode_bitstring(revoked: Iterable[int], size: int = MIN_ENTRIES) -> str:
    """``u`` + base64url(gzip(bits)), bit 0 being the most significant bit of the first byte."""
    indexes = list(revoked)
    size = max(size, MIN_ENTRIES, (max(indexes, default=0) // 8 + 1) * 8)
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_bitstring(encoded: str) -> bytes:
    """Inverse of :func:`encode_bitstring`."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be base64url multibase (prefix 'u')")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    """Whether entry ``index`` is set (revoked)."""
    return index // 8 < len(bits) and bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(list_url: str, issuer_id: str, revoked: Iterable[int], now: datetime) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential listing ``revoked`` indexes."""
    return {
        "@context": [VC_V2_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": iso_utc(now),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bitstring(revoked),
        },
    }
