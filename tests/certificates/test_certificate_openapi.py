"""The certificates OpenAPI fragment merges cleanly and describes what the API returns."""

from __future__ import annotations

import jsonschema
import pytest
from openapi_schema_validator import OAS31Validator

from ailit.web.openapi import FRAGMENTS_DIR, load_document, operation_ids

from certificate_helpers import issue_via_api

REQUIRED = {"issueCertificate", "getCertificatePdf", "verifyCertificate", "getCredential"}


@pytest.fixture(scope="module")
def document():
    return load_document(FRAGMENTS_DIR)


def _schema(document, name):
    return {"$ref": f"#/components/schemas/{name}", "components": document["components"]}


def test_fragment_defines_the_fixed_operation_ids(document):
    ids = operation_ids(document)
    assert REQUIRED <= set(ids)
    assert ids["issueCertificate"] == ("post", "/api/v1/certificates")


def test_responses_match_the_schemas(document, client, auth, arabic_learner):
    code = issue_via_api(client, auth)
    for path, name in [
        (f"/api/v1/certificates/{code}", "CertificateVerification"),
        (f"/api/v1/certificates/{code}/credential", "OpenBadgeCredential"),
        ("/api/v1/issuer", "IssuerProfile"),
    ]:
        body = client.get(path).get_json()
        OAS31Validator(_schema(document, name)).validate(body)
    with pytest.raises(jsonschema.ValidationError):
        OAS31Validator(_schema(document, "IssuedCertificate")).validate({"code": "x"})
