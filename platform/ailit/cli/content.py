"""`ailit` commands for the content capability: build, check, i18n status/stamp, new course."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ailit.content.build import build_catalogue
from ailit.content.check import CheckPathError, check_courses
from ailit.content.diagnostics import Diagnostic
from ailit.content.scaffold import ScaffoldError, new_course
from ailit.services.studio import studio_paths
from ailit.settings import settings

courses_option = click.option(
    "--courses",
    "courses_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: settings().courses_dir,
    show_default="$AILIT_COURSES_DIR or courses/ of the checkout",
    help="Folder of course sources (env AILIT_COURSES_DIR).",
)


catalogue_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: settings().catalogue_dir,
    show_default="$AILIT_CATALOGUE_DIR or build/catalogue/ of the checkout",
    help="Catalogue folder (env AILIT_CATALOGUE_DIR).",
)
revisions_option = click.option(
    "--revisions",
    "revisions_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Revision store: every version of the course files a build has seen, for "
    "`ailit i18n diff` and `stamp` [default: 'revisions' beside the catalogue folder].",
)


def revisions_folder(revisions_dir: Path | None, out_dir: Path) -> Path:
    """The revision store: as given, else ``revisions/`` beside the catalogue folder."""
    return revisions_dir if revisions_dir is not None else Path(out_dir).parent / "revisions"


def _print_diagnostics(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)
    errors = sum(d.is_error for d in diagnostics)
    return errors, len(diagnostics) - errors


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.command("build")
@courses_option
@catalogue_option
@revisions_option
def build_command(courses_dir: Path, out_dir: Path, revisions_dir: Path | None) -> None:
    """Compile the courses into the catalogue (only changed modules are re-rendered)."""
    live = studio_paths(settings().data_dir).live_root  # courses published in the studio
    report = build_catalogue(
        courses_dir, out_dir, progress=True, revisions=revisions_folder(revisions_dir, out_dir), extra_roots=[live]
    )
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
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check_command(courses_dir: Path, strict: bool, paths: tuple[Path, ...]) -> None:
    """Validate every course, or only the course folders or files given; exit 1 on errors."""
    try:
        diagnostics = check_courses(courses_dir, strict=strict, paths=list(paths))
    except CheckPathError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    errors, warnings = _print_diagnostics(diagnostics)
    click.echo(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}", err=True)
    if errors:
        sys.exit(1)


@click.group("new")
def new_group() -> None:
    """Create new content from a template."""


@new_group.command("course")
@click.option("--stage", required=True, help="Learner stage, e.g. primary.")
@click.option("--id", "course_id", required=True, help="Course id: a-z, 0-9 and hyphens.")
@click.option("--title", help="The course title in the source language, as it should read.")
@courses_option
@click.option("--locale", default="en", show_default=True, help="The source locale.")
def new_course_command(stage: str, course_id: str, title: str | None, courses_dir: Path, locale: str) -> None:
    """Scaffold a course that builds and passes `ailit check`."""
    try:
        folder = new_course(courses_dir, stage, course_id, locale, title)
    except (ScaffoldError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    module = next(folder.glob("01-*"))
    click.echo(f"created {folder}: edit course.yaml and {module.name}/{locale}.md")


COMMANDS: list[click.Command] = [build_command, check_command, new_group]
