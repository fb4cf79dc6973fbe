"""A course's competencies as teachers see them: DigComp 2.2 codes are checked and named."""

from __future__ import annotations

from pathlib import Path

from ailit.content.build import build_catalogue
from ailit.content.catalogue import load_catalogue
from ailit.content.check import check_courses
from ailit.services.courses import course_detail
from tests.content.cases import COURSE_YAML, NEXT_MODULE, course_with_module


def _course(tmp_path: Path, codes: str) -> Path:
    courses = course_with_module(tmp_path / "courses", {"en.md": NEXT_MODULE.encode()})
    (courses / "primary/sample-course/course.yaml").write_text(
        COURSE_YAML + f"competencies: [{codes}]\n", encoding="utf-8"
    )
    return courses


def test_digcomp_codes_are_listed_with_their_names(tmp_path: Path) -> None:
    courses = _course(tmp_path, "DC1.2, DC2.1, DC4.2, BI3")
    assert build_catalogue(courses, tmp_path / "out").ok
    detail = course_detail(load_catalogue(tmp_path / "out"), "sample-course", "es")
    assert detail.competencies == ("DC1.2", "DC2.1", "DC4.2", "BI3")
    assert detail.competency_names["DC1.2"] == "Evaluar datos, información y contenidos digitales"
    assert detail.competency_names["DC4.2"] == "Proteger los datos personales y la privacidad"


def test_a_digcomp_code_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    errors = [d for d in check_courses(_course(tmp_path, "DC2.7")) if d.is_error]
    assert [d.message for d in errors] == ["unknown competency code 'DC2.7' (did you mean 'DC2.6'?)"]
