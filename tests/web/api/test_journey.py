"""A learner's whole journey through the API, from registering to deleting the account."""

from __future__ import annotations

from .conftest import ApiClient

MODULE = "/api/v1/courses/sample-robots/modules/what-is-ai"


def _answers(quiz: dict, right: bool) -> list:
    """Answers to the fixture quiz, by source position (whatever order options are shown in)."""
    if right:
        return [[1], [0, 2], 8, "بيانات التدريب"]
    return [[0], [1], 3, "روبوت"]


def test_register_learn_pass_export_delete(api: ApiClient) -> None:
    created = api.register("ada", display_name="عائشة", locale="ar")
    assert created.status_code == 201
    assert created.get_json()["display_name"] == "عائشة"
    api.login("ada")

    stages = api.get("/api/v1/courses?locale=ar").get_json()["stages"]
    ids = [course["id"] for group in stages for course in group["courses"]]
    assert "sample-robots" in ids

    module = api.get(MODULE + "?locale=ar").get_json()
    assert (module["locale"], module["fallback"]) == ("ar", False)
    untranslated = api.get(
        "/api/v1/courses/sample-robots/modules/learning-from-examples?locale=ar"
    ).get_json()
    assert (untranslated["locale"], untranslated["fallback"]) == ("en", True)

    quiz = module["quiz"]
    assert quiz["attempts_left"] == 3
    failed = api.post(MODULE + "/attempts?locale=ar", json={"answers": _answers(quiz, False)})
    assert failed.status_code == 201
    assert failed.get_json()["passed"] is False
    assert failed.get_json()["attempts_left"] == 2
    passed = api.post(MODULE + "/attempts?locale=ar", json={"answers": _answers(quiz, True)})
    assert passed.status_code == 201
    result = passed.get_json()
    assert (result["passed"], result["score"]) == (True, 1.0)
    assert [q["correct"] for q in result["questions"]] == [True] * 4
    assert "للعنكبوت" in result["questions"][2]["explanation"]

    courses = api.get("/api/v1/me/progress?locale=ar").get_json()["courses"]
    course = next(c for c in courses if c["course_id"] == "sample-robots")
    assert course["completed"] == 1 and course["total"] == 3
    assert course["percent"] == 33.3
    first = next(m for m in course["modules"] if m["id"] == "what-is-ai")
    assert (first["status"], first["best_score"]) == ("completed", 1.0)
    assert course["continue"]["module_id"] == "learning-from-examples"
    assert course["continue"]["page_url"] == "/ar/courses/sample-robots/learning-from-examples/"

    export = api.get("/api/v1/me/export")
    assert "attachment" in export.headers["Content-Disposition"]
    data = export.get_json()
    assert data["profile"]["display_name"] == "عائشة"
    assert len(data["quiz_attempts"]) == 2
    assert {row["module_id"] for row in data["progress"]} >= {"what-is-ai", "learning-from-examples"}

    assert api.delete("/api/v1/me", json={"password": "correct horse battery"}).status_code == 204
    assert api.get("/api/v1/me/progress").status_code == 401  # the token went with the account
    api.token = None
    refused = api.post(
        "/api/v1/auth/login", json={"username": "ada", "password": "correct horse battery"}
    )
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "invalid_credentials"
