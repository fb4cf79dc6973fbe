"""Check API responses against the OpenAPI document: find the operation, validate the body.

The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1): each body is validated with
``Draft202012Validator`` against the schema at its place in the document, so ``$ref`` and
the rest resolve exactly as a client would resolve them.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:ailit:openapi"


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


class OpenAPIChecker:
    """Validates responses against one OpenAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry: Registry = Registry().with_resource(DOCUMENT_URI, resource)
        self._routes = [
            (re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$"), path)
            for path in document["paths"]
        ]

    def route_for(self, path: str) -> str | None:
        """The document's path template matching ``path``; literal segments win over {params}."""
        path = urlsplit(path).path
        found = [template for regex, template in self._routes if regex.match(path)]
        return max(found, key=lambda t: -t.count("{"), default=None)

    def schema_pointer(self, method: str, path: str, status: int) -> str | None:
        """The JSON pointer of the response schema, None for a documented empty response."""
        template = self.route_for(path)
        operation = self.document["paths"].get(template or "", {}).get(method.lower())
        if operation is None:
            # No such operation: the API answers 404 or 405 with the error schema.
            assert status in (404, 405), f"{method} {path} is not documented (got {status})"
            return "#/components/schemas/Error"
        responses = operation["responses"]
        key = str(status) if str(status) in responses else "default"
        assert key in responses, f"{method} {template}: status {status} is not documented"
        response = responses[key]
        base = f"#/paths/{_escape(template or '')}/{method.lower()}/responses/{key}"
        if "$ref" in response:
            base = response["$ref"]
            response = self._resolve(base)
        if "content" not in response:
            return None
        if "application/json" not in response["content"]:
            # A document that is not JSON (a PDF, an XLIFF file): its media type is checked.
            return "media:" + ",".join(response["content"])
        return f"{base}/content/application~1json/schema"

    def check(self, method: str, path: str, status: int, body: bytes, content_type: str) -> None:
        """Assert that a response is what the document says for this operation and status."""
        pointer = self.schema_pointer(method, path, status)
        if pointer is None:
            assert body == b"", f"{method} {path} {status}: expected no body"
            return
        if pointer.startswith("media:"):
            documented = pointer.removeprefix("media:").split(",")
            assert content_type.split(";")[0] in documented, f"{method} {path}: {content_type}"
            return
        assert content_type.startswith("application/json"), f"{method} {path}: {content_type}"
        data = json.loads(body)
        validator = Draft202012Validator({"$ref": DOCUMENT_URI + pointer}, registry=self.registry)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        assert not errors, f"{method} {path} {status}: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path)) or '<body>'}: {e.message}" for e in errors[:5]
        )

    def _resolve(self, ref: str) -> Any:
        node: Any = self.document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node
