"""Competency codes: the data file, coverage, and the ``ailit curriculum coverage`` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ailit.cli import main
from ailit.content.competencies import (
    coverage,
    known_codes,
    load_competencies,
    load_frameworks,
    parse_competency_data,
)
from ailit.locales import LOCALES

DATA_FILE = Path(__file__).parents[2] / "platform" / "ailit" / "content" / "data" / "competencies.yaml"
STUDENT_CODES = {f"S{a}.{lvl}" for a in range(1, 5) for lvl in "UAC"}
TEACHER_CODES = {f"T{a}.{lvl}" for a in range(1, 6) for lvl in range(1, 4)}
BIG_IDEAS = {f"BI{i}" for i in range(1, 6)}
# DigComp 2.2: areas 1-5 with 3, 6, 4, 4 and 4 competences
DIGCOMP = {f"DC{area}.{n}" for area, count in enumerate((3, 6, 4, 4, 4), start=1) for n in range(1, count + 1)}
ALL_CODES = STUDENT_CODES | TEACHER_CODES | BIG_IDEAS | DIGCOMP
SCRIPTS = {  # a character every name in that locale must contain: real translations, not copies
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}


def test_data_file_validates() -> None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    _, competencies, problems = parse_competency_data(data)
    assert problems == []
    assert set(competencies) == ALL_CODES


def test_known_codes_are_the_four_frameworks() -> None:
    assert len(DIGCOMP) == 21
    assert known_codes() == ALL_CODES


@pytest.mark.parametrize("code", sorted(ALL_CODES))
def test_every_code_is_named_in_all_six_locales(code: str) -> None:
    competency = load_competencies()[code]
    assert set(competency.name) == set(LOCALES)
    assert all(name.strip() for name in competency.name.values())
    for locale, script in SCRIPTS.items():
        assert script.search(competency.name[locale]), (code, locale)


def test_frameworks_aspects_and_levels() -> None:
    competencies = load_competencies()
    assert competencies["S2.C"].framework == "unesco-students"
    assert (competencies["S2.C"].aspect, competencies["S2.C"].level) == ("S2", "C")
    assert competencies["T4.2"].framework == "unesco-teachers"
    assert (competencies["T4.2"].aspect, competencies["T4.2"].level) == ("T4", "2")
    assert competencies["BI3"].framework == "ai4k12"
    assert competencies["BI3"].level is None
    assert competencies["S3.C"].name["en"] == "Creating AI tools"
    assert competencies["T1.3"].name["en"] == "Social responsibility"
    assert competencies["BI2"].name["en"] == "Representation and reasoning"
    students = load_frameworks()["unesco-students"]
    assert students.levels["U"]["en"] == "Understand"
    assert load_frameworks()["unesco-teachers"].levels["2"]["en"] == "Deepen"


def test_digcomp_areas_and_competences() -> None:
    competencies, digcomp = load_competencies(), load_frameworks()["digcomp"]
    assert not digcomp.full_coverage and all(f.full_coverage for k, f in load_frameworks().items() if k != "digcomp")
    assert list(digcomp.aspects) == ["DC1", "DC2", "DC3", "DC4", "DC5"] and digcomp.levels == {}
    assert digcomp.aspects["DC4"]["en"] == "Safety"
    assert digcomp.name["en"] == "DigComp 2.2: The Digital Competence Framework for Citizens (JRC, 2022)"
    assert (competencies["DC1.2"].framework, competencies["DC1.2"].aspect, competencies["DC1.2"].level) == (
        "digcomp", "DC1", None
    )
    assert competencies["DC1.2"].name["en"] == "Evaluating data, information and digital content"
    assert competencies["DC2.6"].name["en"] == "Managing digital identity"
    assert competencies["DC4.2"].name["fr"] == "Protéger les données personnelles et la vie privée"
    assert competencies["DC5.4"].name["en"] == "Identifying digital competence gaps"


def _valid_data() -> dict:
    names = {locale: f"name {locale}" for locale in LOCALES}
    return {
        "frameworks": {
            "fw": {"name": names, "aspects": {"A1": names}, "levels": {"U": names}},
            "ideas": {"name": names},
        },
        "competencies": {
            "A1.U": {"framework": "fw", "aspect": "A1", "level": "U", "name": dict(names)},
            "I1": {"framework": "ideas", "name": dict(names)},
        },
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["competencies"]["I1"]["name"].pop("ar"), "competencies.I1.name: missing name in ar"),
        (lambda d: d["competencies"]["I1"]["name"].update(de="x"), "unknown locale de"),
        (lambda d: d["competencies"]["I1"]["name"].update(zh="  "), "missing name in zh"),
        (lambda d: d["competencies"]["I1"].update(framework="nope"), "unknown framework 'nope'"),
        (lambda d: d["competencies"]["A1.U"].update(level="C"), "level 'C' is not one of U"),
        (lambda d: d["competencies"]["A1.U"].update(aspect="A2"), "aspect 'A2' is not one of A1"),
        (lambda d: d["competencies"].update({"A1.X": d["competencies"]["A1.U"]}), "code should be A1.U"),
        (lambda d: d.pop("frameworks"), "frameworks: expected a non-empty mapping"),
        (lambda d: d["competencies"].update({"A2.1": {**d["competencies"]["A1.U"], "level": None}}),
         "code should start with A1. (its aspect)"),
        (lambda d: d["frameworks"]["fw"].update(full_coverage="no"), "fw.full_coverage: expected true or false"),
    ],
)
def test_invalid_data_is_reported(change, expected: str) -> None:
    data = _valid_data()
    assert parse_competency_data(data)[2] == []
    change(data)
    problems = parse_competency_data(data)[2]
    assert any(expected in p for p in problems), problems


def test_coverage_maps_codes_to_stages() -> None:
    result = coverage([("primary", ["S1.U", "BI3"]), ("higher-ed", ["BI3", "NOT-A-CODE"])])
    assert set(result) == known_codes()
    assert result["S1.U"] == {"primary"}
    assert result["BI3"] == {"primary", "higher-ed"}
    assert result["T1.1"] == set()
    assert "NOT-A-CODE" not in result


# --- ailit curriculum coverage ---------------------------------------------------------------


def _write_course(root: Path, stage: str, course: str, codes: list[str] | str) -> Path:
    folder = root / stage / course
    folder.mkdir(parents=True)
    path = folder / "course.yaml"
    if isinstance(codes, str):
        path.write_text(codes, encoding="utf-8")
    else:
        path.write_text(
            yaml.safe_dump({"id": course, "stage": stage, "source_locale": "en", "competencies": codes}),
            encoding="utf-8",
        )
    return path


def _run(*args: str):
    return CliRunner().invoke(main, ["curriculum", "coverage", *args])


def test_coverage_command_all_covered(tmp_path: Path) -> None:
    _write_course(tmp_path, "primary", "a", sorted(STUDENT_CODES | BIG_IDEAS))
    _write_course(tmp_path, "teacher-pd", "b", sorted(TEACHER_CODES))
    result = _run("--courses", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "32/32 codes covered"
    assert result.output.splitlines()[-2] == (
        "DigComp 2.2: The Digital Competence Framework for Citizens (JRC, 2022): "
        "0/21 codes mapped (a partial mapping: not counted below)"
    )
    row = next(line for line in result.output.splitlines() if line.startswith("T2.3"))
    assert row.split()[1:7] == ["·", "·", "·", "·", "x", "·"]
    assert row.endswith("Co-creating ethical rules")


def test_coverage_command_reports_uncovered_codes(tmp_path: Path) -> None:
    _write_course(tmp_path, "primary", "a", ["S1.U", "BI1"])
    _write_course(tmp_path, "older-learners", "b", ["S1.U", "DC1.2", "DC4.2"])
    result = _run("--courses", str(tmp_path))
    assert result.exit_code == 1
    assert "0/21 codes mapped" not in result.output and "2/21 codes mapped" in result.output
    digcomp = next(line for line in result.output.splitlines() if line.startswith("DC4.2"))
    assert digcomp.split()[1:7] == ["·", "·", "·", "·", "·", "x"]
    assert result.output.splitlines()[-1] == "2/32 codes covered"
    row = next(line for line in result.output.splitlines() if line.startswith("S1.U"))
    assert row.split()[1:7] == ["x", "·", "·", "·", "·", "x"]


def test_coverage_command_names_in_locale(tmp_path: Path) -> None:
    _write_course(tmp_path, "primary", "a", ["S1.U"])
    result = _run("--courses", str(tmp_path), "--locale", "fr")
    assert "Citoyenneté à l'ère de l'IA" in result.output
    assert "Human agency" not in result.output


def test_coverage_command_json(tmp_path: Path) -> None:
    _write_course(tmp_path, "higher-ed", "a", ["BI5", "S2.C"])
    result = CliRunner().invoke(main, ["curriculum", "coverage", "--courses", str(tmp_path), "--json", "--locale", "zh"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["covered"] == 2 and payload["total"] == 32
    assert payload["codes"]["BI5"] == {"framework": "ai4k12", "name": "社会影响", "stages": ["higher-ed"]}
    assert "BI5" not in payload["uncovered"] and "T5.3" in payload["uncovered"]
    assert "DC1.1" not in payload["uncovered"] and payload["partial"] == {"digcomp": {"mapped": 0, "total": 21}}
    assert payload["codes"]["DC1.1"]["framework"] == "digcomp"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: a\ncompetencies: [S1.U\n", r"course\.yaml:\d+: error: invalid YAML"),
        ("- just\n- a list\n", r"course\.yaml: error: expected a mapping"),
        ("id: a\ncompetencies: S1.U\n", r"course\.yaml: error: competencies must be a list"),
        ("id: a\nstage: higher-ed\ncompetencies: [S1.U]\n", r"error: stage 'higher-ed' differs from its folder"),
    ],
)
def test_coverage_command_reports_broken_course_files(tmp_path: Path, content: str, expected: str) -> None:
    path = _write_course(tmp_path, "primary", "broken", content)
    _write_course(tmp_path, "teacher-pd", "fine", ["T1.1"])
    result = _run("--courses", str(tmp_path))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert re.search(expected, result.stderr)
    assert result.stderr.startswith(str(path))
    assert "1/32 codes covered" in result.stdout


def test_coverage_command_warns_on_unknown_codes_and_stage_folders(tmp_path: Path) -> None:
    _write_course(tmp_path, "primary", "a", ["S1.U", "S9.Z"])
    _write_course(tmp_path, "kindergarten", "b", ["S1.A"])
    result = _run("--courses", str(tmp_path))
    assert "warning: unknown competency code 'S9.Z'" in result.stderr
    assert "error: folder 'kindergarten' is not a stage" in result.stderr


def test_coverage_command_missing_folder(tmp_path: Path) -> None:
    result = _run("--courses", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert "no such courses folder" in result.output
    assert "Traceback" not in result.output
