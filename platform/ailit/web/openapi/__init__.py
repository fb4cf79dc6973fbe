"""The API's OpenAPI 3.1 document, merged at start-up from one YAML fragment per capability.

``base.yaml`` holds the document's head (``openapi``, ``info``, security schemes, the error
schema); every other ``*.yaml`` here (``lms.yaml``, ``certificates.yaml``, ``schools.yaml``...)
holds the ``paths`` and ``components`` of one capability. The schemas ``PublicQuestion`` and
``Answer`` come from the registry of question types. Adding a capability means adding a
file: fragments are merged in name order, and a path operation, an operationId or a component
defined twice with different content is an error at start-up, naming both files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ailit.content.questions import answer_schema, public_question_schema

FRAGMENTS_DIR = Path(__file__).resolve().parent
BASE = "base.yaml"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
FRAGMENT_KEYS = frozenset({"paths", "components", "tags"})


class OpenAPIMergeError(Exception):
    """Two fragments disagree, or a fragment is not shaped like one."""


def load_document(directory: Path = FRAGMENTS_DIR) -> dict[str, Any]:
    """The merged document: ``base.yaml`` first, then every other fragment in name order."""
    document = _read(directory / BASE)
    document.setdefault("paths", {})
    document.setdefault("components", {})
    owners: dict[tuple[str, ...], str] = {}
    _claim_all(document, BASE, owners)
    for path in sorted(directory.glob("*.yaml")):
        if path.name == BASE:
            continue
        fragment = _read(path)
        unknown = set(fragment) - FRAGMENT_KEYS
        if unknown:
            raise OpenAPIMergeError(
                f"{path.name}: a fragment has only paths, components and tags; "
                f"found {', '.join(sorted(unknown))}"
            )
        _merge(document, fragment, path.name, owners)
    _merge(document, _question_schemas(), "the registry of question types", owners)
    return document


def _question_schemas() -> dict[str, Any]:
    """The question shapes and answers, from the question types themselves (one copy)."""
    return {
        "components": {
            "schemas": {"PublicQuestion": public_question_schema(), "Answer": answer_schema()}
        }
    }


def operation_ids(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """operationId -> (method, path) for every operation of the document."""
    found: dict[str, tuple[str, str]] = {}
    for route, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS and "operationId" in operation:
                found[operation["operationId"]] = (method, route)
    return found


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise OpenAPIMergeError(f"{path.name}: cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise OpenAPIMergeError(f"{path.name}: expected a mapping at the top level")
    return data


def _claim_all(document: dict[str, Any], source: str, owners: dict[tuple[str, ...], str]) -> None:
    for route, item in document["paths"].items():
        for method in item:
            owners[("paths", route, method)] = source
    for kind, entries in document["components"].items():
        for name in entries:
            owners[("components", kind, name)] = source


def _merge(
    document: dict[str, Any],
    fragment: dict[str, Any],
    source: str,
    owners: dict[tuple[str, ...], str],
) -> None:
    ids = operation_ids(document)
    for route, item in (fragment.get("paths") or {}).items():
        target = document["paths"].setdefault(route, {})
        for method, operation in item.items():
            key = ("paths", route, method)
            if key in owners and target.get(method) != operation:
                raise OpenAPIMergeError(
                    f"{source}: {method.upper()} {route} is already defined in {owners[key]}"
                )
            op_id = operation.get("operationId") if isinstance(operation, dict) else None
            if op_id in ids and ids[op_id] != (method, route):
                raise OpenAPIMergeError(
                    f"{source}: operationId {op_id!r} is already used by "
                    f"{ids[op_id][0].upper()} {ids[op_id][1]}"
                )
            target[method] = operation
            owners[key] = source
            if op_id:
                ids[op_id] = (method, route)
    for kind, entries in (fragment.get("components") or {}).items():
        target = document["components"].setdefault(kind, {})
        for name, value in entries.items():
            key = ("components", kind, name)
            if key in owners and target.get(name) != value:
                raise OpenAPIMergeError(
                    f"{source}: components.{kind}.{name} is already defined in {owners[key]}"
                )
            target[name] = value
            owners[key] = source
    if fragment.get("tags"):
        known = {t["name"] for t in document.setdefault("tags", [])}
        document["tags"].extend(t for t in fragment["tags"] if t["name"] not in known)
