"""The OpenAPI document: valid OpenAPI 3.1, complete, merged from fragments, true to the code."""

from __future__ import annotations

import re

import shutil
from pathlib import Path

import pytest
import yaml
from flask import Flask
from openapi_spec_validator import validate

from ailit.content.questions import QUESTION_TYPES
from ailit.locales import LOCALES
from ailit.stages import STAGES
from ailit.web.openapi import FRAGMENTS_DIR, OpenAPIMergeError, load_document, operation_ids

from .conftest import ApiClient

# The operations of this capability whose ids clients rely on (the product's contract).
LMS_OPERATIONS = {
    "changePassword",
    "register",
    "login",
    "listCourses",
    "getCourse",
    "getModule",
    "submitQuizAttempt",
    "getMyProgress",
    "exportMyData",
    "deleteMyAccount",
}
METHODS = {"get", "put", "post", "delete", "patch"}


def test_document_is_valid_openapi_3_1() -> None:
    document = load_document()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_lms_operation_id_is_present() -> None:
    assert LMS_OPERATIONS <= set(operation_ids(load_document()))


def test_every_lms_operation_has_id_security_schemas_and_error_responses() -> None:
    lms = yaml.safe_load((FRAGMENTS_DIR / "lms.yaml").read_text(encoding="utf-8"))
    for path, item in lms["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            where = f"{method.upper()} {path}"
            assert operation.get("operationId"), where
            assert "security" in operation, f"{where}: no security"
            responses = operation["responses"]
            success = [code for code in responses if code.startswith("2")]
            assert success, f"{where}: no success response"
            errors = [r for code, r in responses.items() if code[0] in "45" or code == "default"]
            assert errors, f"{where}: no error response"
            if operation["operationId"] in LMS_OPERATIONS and method in ("post", "delete"):
                content = operation["requestBody"]["content"]["application/json"]
                assert "$ref" in content["schema"], f"{where}: no request schema"


def test_every_api_route_of_the_lms_is_documented(app: Flask) -> None:
    documented = {
        (method, path) for path, item in load_document()["paths"].items() for method in item
    }
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method.lower(), path) in documented, f"{method} {path}"


def test_enums_match_the_definitions_in_the_code() -> None:
    schemas = load_document()["components"]["schemas"]
    assert schemas["Locale"]["enum"] == list(LOCALES)
    assert schemas["Stage"]["enum"] == list(STAGES)
    shapes = schemas["PublicQuestion"]["oneOf"]
    assert [shape["properties"]["type"]["const"] for shape in shapes] == list(QUESTION_TYPES)


def test_the_app_serves_the_merged_document(api: ApiClient) -> None:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.get_json() == load_document()


@pytest.fixture
def fragments(tmp_path: Path) -> Path:
    """A folder with this capability's fragments (not the other capabilities') to add files to."""
    folder = tmp_path / "openapi"
    folder.mkdir()
    for name in ("base.yaml", "lms.yaml"):
        shutil.copyfile(FRAGMENTS_DIR / name, folder / name)
    return folder


WIDGETS = """
paths:
  /api/v1/widgets:
    get:
      operationId: listWidgets
      security: [{bearerAuth: []}]
      responses:
        "200":
          description: Widgets.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/WidgetList"}
        default: {$ref: "#/components/responses/Error"}
components:
  schemas:
    WidgetList: {type: array, items: {type: object}}
    Locale: {type: string, enum: [ar, en, es, fr, ru, zh]}
"""


def test_a_new_fragment_is_merged_without_code_changes(fragments: Path) -> None:
    (fragments / "widgets.yaml").write_text(WIDGETS, encoding="utf-8")
    document = load_document(fragments)
    validate(document)
    assert operation_ids(document)["listWidgets"] == ("get", "/api/v1/widgets")
    assert "WidgetList" in document["components"]["schemas"]
    assert LMS_OPERATIONS <= set(operation_ids(document))


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        (WIDGETS.replace("enum: [ar, en, es, fr, ru, zh]", "enum: [en]"),
         "components.schemas.Locale is already defined in lms.yaml"),
        (WIDGETS.replace("/api/v1/widgets", "/api/v1/courses"),
         "GET /api/v1/courses is already defined in lms.yaml"),
        (WIDGETS.replace("operationId: listWidgets", "operationId: getModule"),
         "operationId 'getModule' is already used by GET /api/v1/courses/{course_id}/modules/{module_id}"),
        ("openapi: 3.1.0\npaths: {}\n", "a fragment has only paths, components and tags"),
        ("paths: [", "cannot be read"),
    ],
)
def test_conflicting_fragments_are_refused_naming_the_files(
    fragments: Path, fragment: str, message: str
) -> None:
    (fragments / "zz-widgets.yaml").write_text(fragment, encoding="utf-8")
    with pytest.raises(OpenAPIMergeError) as raised:
        load_document(fragments)
    assert message in str(raised.value)
    assert "zz-widgets.yaml" in str(raised.value)
