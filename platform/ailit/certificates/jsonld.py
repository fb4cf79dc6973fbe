"""JSON-LD canonicalisation (RDFC-1.0 / URDNA2015) with the two contexts shipped in this package.

Credentials are signed over their canonical RDF form. The document loader answers only for the
W3C credentials v2 context and the Open Badges 3.0.3 context, from local copies: signing and
verifying never touch the network, and a document naming any other context is refused.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from pyld import jsonld

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_CONTEXTS: tuple[str, ...] = (VC_V2_CONTEXT, OB_V3_CONTEXT)

_LOCAL_FILES = {
    VC_V2_CONTEXT: "credentials-v2.json",
    OB_V3_CONTEXT: "ob-v3p0-3.0.3.json",
}


class CanonicalisationError(ValueError):
    """The document cannot be canonicalised (unknown context, malformed JSON-LD)."""


@cache
def local_context(url: str) -> dict[str, Any]:
    """The parsed local copy of a known context."""
    name = _LOCAL_FILES[url]
    text = resources.files("ailit.certificates").joinpath("contexts", name).read_text(encoding="utf-8")
    return json.loads(text)


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """PyLD document loader serving the shipped contexts and refusing everything else."""
    if url not in _LOCAL_FILES:
        raise jsonld.JsonLdError(
            f"context {url} is not one of the contexts ailit ships; refusing to fetch it",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": local_context(url)}


def canonicalize(document: dict[str, Any]) -> str:
    """The RDFC-1.0 (URDNA2015) canonical N-Quads of ``document``."""
    try:
        return jsonld.normalize(
            document,
            {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader},
        )
    except jsonld.JsonLdError as exc:
        raise CanonicalisationError(f"not canonicalisable JSON-LD: {exc}") from exc
