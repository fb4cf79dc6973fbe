"""`ailit curriculum` commands: competency coverage across the stages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from ailit.content.competencies import (
    CompetencyDataError,
    coverage,
    goal_codes,
    load_competencies,
    load_frameworks,
)
from ailit.locales import DEFAULT_LOCALE, LOCALES
from ailit.settings import settings
from ailit.stages import STAGES

MARK = "x"


@dataclass
class CourseScan:
    """What the course files under a courses folder say: (stage, codes) pairs and problems."""

    courses: list[tuple[str, list[str]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _yaml_error(path: Path, exc: yaml.YAMLError) -> str:
    """``path:line: error: ...`` for a YAML syntax error, with the line when PyYAML knows it."""
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: error: invalid YAML: {problem}"


def scan_courses(courses_dir: Path) -> CourseScan:
    """Read the stage and competency codes of every ``<stage>/<course>/course.yaml``."""
    scan = CourseScan()
    known = load_competencies()
    for path in sorted(courses_dir.glob("*/*/course.yaml")):
        stage = path.parent.parent.name
        if stage not in STAGES:
            scan.errors.append(f"{path}: error: folder {stage!r} is not a stage ({', '.join(STAGES)})")
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            scan.errors.append(_yaml_error(path, exc))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            scan.errors.append(f"{path}: error: cannot read the file: {exc}")
            continue
        if not isinstance(data, dict):
            scan.errors.append(f"{path}: error: expected a mapping of course settings")
            continue
        if data.get("stage", stage) != stage:
            scan.errors.append(f"{path}: error: stage {data.get('stage')!r} differs from its folder {stage!r}")
            continue
        codes = data.get("competencies", [])
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            scan.errors.append(f"{path}: error: competencies must be a list of codes, like [S1.U, BI3]")
            continue
        for code in codes:
            if code not in known:
                scan.warnings.append(f"{path}: warning: unknown competency code {code!r}")
        scan.courses.append((stage, codes))
    return scan


def _text_report(matrix: dict[str, set[str]], locale: str) -> list[str]:
    """The coverage matrix as text: marks under stage columns, then the code's name."""
    competencies = load_competencies()
    frameworks = load_frameworks()
    code_width = max(len(code) for code in matrix)
    header = "  ".join([" " * code_width, *STAGES])
    lines = [header]
    current_framework = None
    for code, stages in matrix.items():
        competency = competencies[code]
        if competency.framework != current_framework:
            current_framework = competency.framework
            lines.append(frameworks[current_framework].name.get(locale, current_framework))
        marks = [(MARK if stage in stages else "·").center(len(stage)) for stage in STAGES]
        lines.append("  ".join([code.ljust(code_width), *marks, competency.display_name(locale)]))
    return lines


def _partial_frameworks(matrix: dict[str, set[str]]) -> dict[str, tuple[int, int]]:
    """Frameworks the curriculum maps to in part: framework id -> (codes mapped, codes)."""
    frameworks, competencies = load_frameworks(), load_competencies()
    result: dict[str, tuple[int, int]] = {}
    for code, stages in matrix.items():
        fid = competencies[code].framework
        if not frameworks[fid].full_coverage:
            mapped, total = result.get(fid, (0, 0))
            result[fid] = (mapped + bool(stages), total + 1)
    return result


@click.group("curriculum")
def curriculum() -> None:
    """The curriculum as a whole: competency coverage across the stages."""


@curriculum.command("coverage")
@click.option(
    "--courses",
    "courses_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: settings().courses_dir,
    show_default="$AILIT_COURSES_DIR or courses/ of the checkout",
    help="The courses folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
@click.option("--locale", type=click.Choice(LOCALES), default=DEFAULT_LOCALE, show_default=True,
              help="Language of the competency names.")
def coverage_command(courses_dir: Path, as_json: bool, locale: str) -> None:
    """Show which stages' courses cover each competency code; exit 1 if any code the curriculum
    aims to cover is uncovered (DigComp is mapped in part and never counted)."""
    if not courses_dir.is_dir():
        raise click.ClickException(f"{courses_dir}: no such courses folder (use --courses DIR)")
    try:
        scan = scan_courses(courses_dir)
    except CompetencyDataError as exc:
        raise click.ClickException(str(exc)) from exc
    for message in [*scan.errors, *scan.warnings]:
        click.echo(message, err=True)
    matrix = coverage(scan.courses)
    goal = goal_codes()
    covered = sum(1 for code in goal if matrix[code])
    partial = _partial_frameworks(matrix)
    if as_json:
        competencies = load_competencies()
        payload = {
            "stages": list(STAGES),
            "codes": {
                code: {
                    "framework": competencies[code].framework,
                    "name": competencies[code].display_name(locale),
                    "stages": [stage for stage in STAGES if stage in stages],
                }
                for code, stages in matrix.items()
            },
            "covered": covered,
            "total": len(goal),
            "uncovered": [code for code in goal if not matrix[code]],
            "partial": {fid: {"mapped": mapped, "total": total} for fid, (mapped, total) in partial.items()},
            "errors": scan.errors,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for line in _text_report(matrix, locale):
            click.echo(line)
        frameworks = load_frameworks()
        for fid, (mapped, total) in partial.items():
            name = frameworks[fid].name.get(locale, fid)
            click.echo(f"{name}: {mapped}/{total} codes mapped (a partial mapping: not counted below)")
        click.echo(f"{covered}/{len(goal)} codes covered")
    if covered < len(goal) or scan.errors:
        raise SystemExit(1)


COMMANDS: list[click.Command] = [curriculum]
