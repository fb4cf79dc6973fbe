"""Online revocation check: fetch a credential's BitstringStatusList and read its bit.

The status list is itself a credential: it must come from the address the (already verified)
credential names, be signed by the same issuer with one of the keys the verifier trusts, be
within its ``validFrom``/``validUntil`` (a replayed old list from before a revocation is refused),
and have the purpose the entry names. Fetching is a function passed in, so the command line uses
HTTP and tests may use anything.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from ailit.certificates.credential import verify_document
from ailit.certificates.jsonld import VC_V2_CONTEXT
from ailit.certificates.keys import VerificationKey
from ailit.certificates.status import MIN_ENTRIES, decode_bitstring, is_set
from ailit.certificates.wellformed import MalformedCredential, parse_credential

Fetch = Callable[[str], bytes]
MAX_RESPONSE_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 10
STATUS_LIST_TYPES = ("VerifiableCredential", "BitstringStatusListCredential")


class StatusUnavailable(Exception):
    """The status list could not be fetched or is not one this verifier can trust."""


@dataclass(frozen=True)
class RevocationResult:
    """``revoked`` is True or False once checked; ``reason`` says what was found."""

    revoked: bool
    reason: str


def http_fetch(url: str) -> bytes:
    """GET ``url`` (http or https only), at most MAX_RESPONSE_BYTES, within TIMEOUT_SECONDS."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise StatusUnavailable(f"the status list address is not http(s): {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/ld+json, application/json"})
    try:
        # Only http and https reach here (checked above), never file: or another scheme.
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # nosec B310  # noqa: S310
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except OSError as error:  # URLError, HTTPError, timeouts, refused connections
        raise StatusUnavailable(f"cannot fetch {url}: {error}") from None
    if len(body) > MAX_RESPONSE_BYTES:
        raise StatusUnavailable(f"{url}: the status list is larger than {MAX_RESPONSE_BYTES} bytes")
    return body


def _entry(credential: dict[str, Any]) -> tuple[str, int, str]:
    entries = credential.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries]
    for entry in entries:
        if isinstance(entry, dict) and entry.get("type") == "BitstringStatusListEntry" and entry.get("statusPurpose") == "revocation":
            url, index = entry.get("statusListCredential"), entry.get("statusListIndex")
            if not isinstance(url, str) or not isinstance(index, str) or not index.isdigit():
                raise StatusUnavailable("credentialStatus needs statusListCredential and a numeric statusListIndex")
            return url, int(index), "revocation"
    raise StatusUnavailable("the credential names no revocation status list (credentialStatus)")


def check_revocation(
    credential: dict[str, Any],
    issuer_id: str,
    keys: Iterable[VerificationKey],
    fetch: Fetch = http_fetch,
    now: datetime | None = None,
) -> RevocationResult:
    """Whether the issuer has revoked ``credential`` (already verified, issued by ``issuer_id``).

    Raises StatusUnavailable when the list cannot be fetched or trusted.
    """
    url, index, purpose = _entry(credential)
    try:
        status_list = parse_credential(fetch(url))
    except MalformedCredential as error:
        raise StatusUnavailable(f"{url}: {error}") from None
    result = verify_document(
        status_list,
        keys,
        contexts=(VC_V2_CONTEXT,),
        types=STATUS_LIST_TYPES,
        context_name="the VC 2.0 context",
        now=now,
    )
    if not result.valid:
        raise StatusUnavailable(f"{url}: the status list is not valid: {result.reason}")
    if status_list.get("id") != url:
        raise StatusUnavailable(f"{url}: the status list says it is {status_list.get('id')!r}")
    if result.issuer_id != issuer_id:
        raise StatusUnavailable(f"{url}: the status list is issued by {result.issuer_id}, not {issuer_id}")
    if "validUntil" not in status_list:
        raise StatusUnavailable(f"{url}: the status list has no validUntil, so it could be an old copy")
    subject = status_list.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("type") != "BitstringStatusList":
        raise StatusUnavailable(f"{url}: not a BitstringStatusList")
    if subject.get("statusPurpose") != purpose:
        raise StatusUnavailable(f"{url}: the list's purpose is {subject.get('statusPurpose')!r}, not {purpose!r}")
    try:
        bits = decode_bitstring(str(subject.get("encodedList", "")))
    except ValueError as error:
        raise StatusUnavailable(f"{url}: {error}") from None
    if len(bits) * 8 < MIN_ENTRIES or index >= len(bits) * 8:
        raise StatusUnavailable(f"{url}: the list is too short for index {index}")
    if is_set(bits, index):
        return RevocationResult(True, f"revoked by its issuer (status list {url}, index {index})")
    return RevocationResult(False, f"not revoked (status list {url}, valid until {status_list['validUntil']})")
