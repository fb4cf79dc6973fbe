"""`ailit` commands for the content capability: build, check, i18n status/stamp, new course."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ailit.content.build import build_catalogue
from ailit.content.check import check_courses
from ailit.content.diagnostics import Diagnostic
from ailit.content.scaffold import ScaffoldError, new_course
from ailit.content.stamp import StampError, stamp
from ailit.content.status import i18n_status
from ailit.content.translations import COMPLETE, MISSING, STALE
from ailit.locales import LOCALES
from ailit.settings import settings

courses_option = click.option(
    "--courses",
    "courses_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: settings().courses_dir,
    show_default="$AILIT_COURSES_DIR or courses/ of the checkout",
    help="Folder of course sources (env AILIT_COURSES_DIR).",
)


def _print_diagnostics(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)
    errors = sum(d.is_error for d in diagnostics)
    return errors, len(diagnostics) - errors


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.command("build")
@courses_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: settings().catalogue_dir,
    show_default="$AILIT_CATALOGUE_DIR or build/catalogue/ of the checkout",
    help="Catalogue folder to write (env AILIT_CATALOGUE_DIR).",
)
def build_command(courses_dir: Path, out_dir: Path) -> None:
    """Compile the courses into the catalogue (only changed modules are re-rendered)."""
    report = build_catalogue(courses_dir, out_dir, progress=True)
    errors, warnings = _print_diagnostics(report.diagnostics)
    counts = f"{report.rendered} rendered, {report.reused} reused"
    if not report.ok:
        click.echo(
            f"build failed: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}; "
            f"the previous catalogue in {out_dir} is unchanged",
            err=True,
        )
        sys.exit(1)
    if report.changed:
        click.echo(f"built {out_dir} (version {report.version}): {counts}")
    else:
        click.echo(f"{out_dir} is up to date: {counts}")


@click.command("check")
@courses_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check_command(courses_dir: Path, strict: bool) -> None:
    """Validate every course without writing anything; exit 1 on errors."""
    diagnostics = check_courses(courses_dir, strict=strict)
    errors, warnings = _print_diagnostics(diagnostics)
    click.echo(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}", err=True)
    if errors:
        sys.exit(1)


@click.group("i18n")
def i18n_group() -> None:
    """Translation status and stamping."""


@i18n_group.command("status")
@courses_option
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
def status_command(courses_dir: Path, as_json: bool) -> None:
    """Course × locale matrix: complete, stale and missing modules."""
    statuses = i18n_status(courses_dir)
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=2))
        return
    width = max([len(s.course_id) for s in statuses] + [6])
    click.echo(f"{'course':<{width}}  " + "  ".join(f"{loc:<12}" for loc in LOCALES))
    for status in statuses:
        cells = []
        total = len(status.modules)
        for locale in LOCALES:
            counts = status.counts(locale)
            if locale == status.source_locale:
                cell = "source"
            elif counts[MISSING] == total:
                cell = "missing"
            elif counts[COMPLETE] == total:
                cell = "complete"
            else:
                cell = f"{counts[COMPLETE]}/{total}" + (f" {counts[STALE]} stale" if counts[STALE] else "")
            cells.append(f"{cell:<12}")
        click.echo(f"{status.course_id:<{width}}  " + "  ".join(cells))
    click.echo("complete: up to date; n/m: n of m modules complete; stale: the source changed since")


@i18n_group.command("stamp")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def stamp_command(files: tuple[Path, ...]) -> None:
    """Record the source file's current hash in each translation (source_hash)."""
    failed = False
    for path in files:
        try:
            value = stamp(path)
        except StampError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        click.echo(f"{path}: source_hash {value}")
    if failed:
        sys.exit(1)


@click.group("new")
def new_group() -> None:
    """Create new content from a template."""


@new_group.command("course")
@click.option("--stage", required=True, help="Learner stage, e.g. primary.")
@click.option("--id", "course_id", required=True, help="Course id: a-z, 0-9 and hyphens.")
@courses_option
@click.option("--locale", default="en", show_default=True, help="The source locale.")
def new_course_command(stage: str, course_id: str, courses_dir: Path, locale: str) -> None:
    """Scaffold a course that builds and passes `ailit check`."""
    try:
        folder = new_course(courses_dir, stage, course_id, locale)
    except (ScaffoldError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"created {folder}: edit course.yaml and 01-getting-started/{locale}.md")


COMMANDS: list[click.Command] = [build_command, check_command, i18n_group, new_group]
