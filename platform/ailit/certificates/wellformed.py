"""What a credential must be before its signature is checked: JSON read strictly, and nothing in
it that canonicalisation would silently drop.

A Data Integrity proof signs the canonical RDF form, not the JSON text. Whatever the JSON holds
that produces no RDF is therefore unsigned: a key written twice (JSON readers keep one, each its
own), a key like ``"@honours"`` (not a JSON-LD keyword: ignored), a term no context defines (the
VC context's ``@vocab`` turns it into an "issuer-dependent" IRI nobody agreed on), ``null`` and
``[]`` values, relative IRIs, a nested ``@context`` that defines new terms. A verifier that
accepted these would show a reader text the issuer never signed, so each is refused with its
place in the document. Deep nesting is refused before anything recursive sees it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from pyld import jsonld

from ailit.certificates.jsonld import CanonicalisationError, document_loader

MAX_DEPTH = 32  # an Open Badges credential nests about 6 levels deep
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"
KEYWORDS = frozenset(
    "@base @container @context @direction @graph @id @import @included @index @json @language "
    "@list @nest @none @prefix @propagate @protected @reverse @set @type @value @version @vocab".split()
)
_ABSOLUTE_IRI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|_:)")


class MalformedCredential(ValueError):
    """The document is not a credential this verifier can vouch for; the message says where."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise MalformedCredential(f"the key {key!r} appears twice in one object")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise MalformedCredential(f"{name} is not a JSON number")


def parse_credential(text: str | bytes) -> Any:
    """Read JSON refusing duplicate keys, NaN/Infinity and nesting deeper than MAX_DEPTH."""
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RecursionError:
        raise MalformedCredential(f"the JSON is nested more than {MAX_DEPTH} levels deep") from None
    except UnicodeDecodeError as error:
        raise MalformedCredential(f"not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise MalformedCredential(f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    check_depth(document)
    return document


def check_depth(document: Any, limit: int = MAX_DEPTH) -> None:
    """Refuse documents nested deeper than ``limit`` (iteratively: no recursion to exhaust)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                raise MalformedCredential(f"the JSON is nested more than {limit} levels deep")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def _walk(value: Any, path: str) -> Iterator[tuple[str, str, Any]]:
    """(path, key, value) for every member of every object, depth first."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield path, key, child
            yield from _walk(child, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, f"{path}[{index}]")


def _json_problems(document: dict[str, Any]) -> Iterator[str]:
    for path, key, value in _walk(document, ""):
        where = f"{path}.{key}" if path else key
        if key.startswith("@") and key not in KEYWORDS:
            yield f"{where}: {key!r} is not a JSON-LD keyword, so the signature does not cover it"
        elif key == "@context" and path:
            yield f"{where}: only the top-level @context is accepted"
        elif value is None:
            yield f"{where}: null values are not signed"
        elif value == [] and key != "@context":
            yield f"{where}: empty lists are not signed"


def _expanded_problems(expanded: Any) -> Iterator[str]:
    for _path, key, value in _walk(expanded, ""):
        if key.startswith(ISSUER_DEPENDENT):
            yield f"the term {key.removeprefix(ISSUER_DEPENDENT)!r} is not defined by the credential's contexts"
        elif key == "@type":
            for name in value if isinstance(value, list) else [value]:
                if isinstance(name, str) and name.startswith(ISSUER_DEPENDENT):
                    yield f"the type {name.removeprefix(ISSUER_DEPENDENT)!r} is not defined by the credential's contexts"
                elif isinstance(name, str) and not _ABSOLUTE_IRI.match(name):
                    yield f"the type {name!r} is not an absolute IRI"
        elif key == "@id" and isinstance(value, str) and not _ABSOLUTE_IRI.match(value):
            yield f"the id {value!r} is not an absolute IRI"


def check_signed_content(document: dict[str, Any]) -> None:
    """Raise MalformedCredential if anything in ``document`` would be left out of its
    canonical form (and so out of the signature); the message names the first such place."""
    check_depth(document)
    for problem in _json_problems(document):
        raise MalformedCredential(problem)
    dropped: list[str | None] = []
    try:
        expanded = jsonld.expand(
            # No base IRI: a relative id stays relative here and is refused below.
            document, {"documentLoader": document_loader, "base": None}, on_property_dropped=dropped.append
        )
    except jsonld.JsonLdError as error:
        raise CanonicalisationError(f"not canonicalisable JSON-LD: {error}") from error
    for problem in _expanded_problems(expanded):
        raise MalformedCredential(problem)
    if dropped:
        raise MalformedCredential(f"{len(dropped)} key(s) are not defined by the credential's contexts")
