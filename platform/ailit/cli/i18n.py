"""`ailit i18n`: translation status, stamping, the source's changes, XLIFF export and import."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ailit.cli.content import catalogue_option, courses_option, revisions_folder, revisions_option
from ailit.content.check import CheckPathError, check_file_text
from ailit.content.files import write_atomic
from ailit.content.history import RevisionStore
from ailit.content.sourcediff import DiffError, source_diff
from ailit.content.stamp import StampError, stamp
from ailit.content.status import CourseStatus, i18n_status
from ailit.content.translations import COMPLETE, MISSING, STALE
from ailit.content.xliff import XliffError, export_module, import_module, module_of
from ailit.locales import LOCALES

@click.group("i18n")
def i18n_group() -> None:
    """Translation status, stamping, source diffs and XLIFF for translators' tools."""


@i18n_group.command("status")
@courses_option
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
def status_command(courses_dir: Path, as_json: bool) -> None:
    """Course × locale matrix, then every stale or missing module and course text by name."""
    statuses = i18n_status(courses_dir)
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=2))
        return
    width = max([len(s.course_id) for s in statuses] + [6])
    click.echo(f"{'course':<{width}}  " + "  ".join(f"{loc:<8}" for loc in LOCALES))
    for status in statuses:
        cells = [f"{_status_cell(status, locale):<8}" for locale in LOCALES]
        click.echo(f"{status.course_id:<{width}}  " + "  ".join(cells).rstrip())
    click.echo("source: the language it is written in; complete: every module and course text "
               "translated and up to date; n/m: n of m modules complete (details below)")
    for status in statuses:
        for locale in LOCALES:
            if locale == status.source_locale or status.complete(locale):
                continue
            parts = [f"{what}: {', '.join(names)}" for what, names in (
                (STALE, status.named(locale, STALE)),
                (MISSING, status.named(locale, MISSING)),
                ("course.yaml lacks", status.missing_strings.get(locale, [])),
                ("glossary.yaml lacks", status.missing_terms.get(locale, [])),
            ) if names]
            click.echo(f"  {status.course_id} {locale}: " + "; ".join(parts))


def _status_cell(status: CourseStatus, locale: str) -> str:
    total = len(status.modules)
    done = status.counts(locale)[COMPLETE]
    if locale == status.source_locale:
        return "source"
    if status.complete(locale):
        return "complete"
    if done == 0 and status.counts(locale)[MISSING] == total:
        return "missing"
    return f"{done}/{total}"


@i18n_group.command("stamp")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Stamp even a stale translation that was not updated.")
@revisions_option
@catalogue_option
def stamp_command(files: tuple[Path, ...], force: bool, revisions_dir: Path | None, out_dir: Path) -> None:
    """Record the source file's current hash in each translation (source_hash).

    A translation with errors is refused, and so is a stale one whose text has not changed
    since it went stale (unless --force).
    """
    failed = False
    for path in files:
        try:
            value = stamp(path, force=force, store=RevisionStore(revisions_folder(revisions_dir, out_dir)))
        except StampError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        click.echo(f"{path}: source_hash {value}")
    if failed:
        sys.exit(1)


@i18n_group.command("diff")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the word diff as JSON runs.")
@revisions_option
@catalogue_option
def diff_command(file: Path, as_json: bool, revisions_dir: Path | None, out_dir: Path) -> None:
    """What changed in the source since the translation FILE was made from it (word diff)."""
    try:
        diff = source_diff(file, RevisionStore(revisions_folder(revisions_dir, out_dir)))
    except DiffError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2))
        return
    if not diff.changed:
        click.echo(f"{file}: up to date with the source ({diff.new_hash}); nothing changed")
        return
    click.echo(
        f"{file}: the source changed from {diff.old_hash} to {diff.new_hash}: "
        f"{diff.words('insert')} words added, {diff.words('delete')} removed "
        "([-removed-] {+added+}; line numbers of the source now)"
    )
    click.echo(diff.plain())


@i18n_group.command("export")
@click.argument("module_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--locale", required=True, type=click.Choice(LOCALES), help="The target language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: <module>.<locale>.xlf in the current folder).")
def export_command(module_dir: Path, locale: str, output: Path | None) -> None:
    """Write an XLIFF 2.1 document for translating MODULE_DIR into LOCALE."""
    try:
        document = export_module(module_dir, locale)
    except XliffError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    target = output or Path(f"{module_dir.resolve().name}.{locale}.xlf")
    write_atomic(target, document)
    click.echo(f"wrote {target}: translate the <target> texts, then `ailit i18n import {target}`")


@i18n_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@courses_option
def import_command(files: tuple[Path, ...], courses_dir: Path) -> None:
    """Write translations from XLIFF documents; each is checked before it is written."""
    failed = False
    for file in files:
        try:
            document = file.read_bytes()
            module_dir, locale = module_of(document, courses_dir)
            text = import_module(module_dir, locale, document)
            target = module_dir / f"{locale}.md"
            problems = [d for d in check_file_text(target, text.encode()) if d.is_error]
            if problems:
                raise XliffError("the translation would not compile:\n  " + "\n  ".join(map(str, problems[:10])))
        except (OSError, XliffError, CheckPathError) as exc:
            click.echo(f"error: {file}: {exc}", err=True)
            failed = True
            continue
        write_atomic(target, text.encode())
        click.echo(f"{file}: wrote {target}")
    if failed:
        sys.exit(1)


COMMANDS: list[click.Command] = [i18n_group]
