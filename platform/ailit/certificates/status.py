"""Revocation status as a W3C BitstringStatusList credential (one bit per certificate).

The list is at least 16 KB of bits (131,072 entries) as the specification asks, so a
verifier cannot tell from its size how many certificates exist; it is gzip-compressed and
base64url-encoded with the multibase prefix ``u``.
"""

from __future__ import annotations

import base64
import gzip
import zlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from ailit.certificates.credential import iso_utc
from ailit.certificates.jsonld import VC_V2_CONTEXT

MIN_ENTRIES = 16 * 1024 * 8
# How long a fetched list may be trusted. The list is signed afresh on each request (and cached
# for five minutes), so a verifier never needs an old one; an hour covers clock skew and caches
# while stopping anyone from replaying a list from before a revocation for long.
VALIDITY = timedelta(hours=1)


def encode_bitstring(revoked: Iterable[int], size: int = MIN_ENTRIES) -> str:
    """``u`` + base64url(gzip(bits)), bit 0 being the most significant bit of the first byte."""
    indexes = list(revoked)
    size = max(size, MIN_ENTRIES, (max(indexes, default=0) // 8 + 1) * 8)
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


MAX_LIST_BYTES = 16 * 1024 * 1024  # a list of 134 million entries: far beyond any real issuer


def decode_bitstring(encoded: str) -> bytes:
    """Inverse of :func:`encode_bitstring`; refuses a list that inflates beyond MAX_LIST_BYTES."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be base64url multibase (prefix 'u')")
    data = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
        inflater = zlib.decompressobj(wbits=31)  # gzip
        bits = inflater.decompress(compressed, MAX_LIST_BYTES + 1)
    except (ValueError, zlib.error) as error:
        raise ValueError(f"encodedList is not gzip in base64url: {error}") from None
    if len(bits) > MAX_LIST_BYTES:
        raise ValueError("encodedList inflates to more than 16 MB")
    return bits


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
        "validUntil": iso_utc(now + VALIDITY),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bitstring(revoked),
        },
    }
