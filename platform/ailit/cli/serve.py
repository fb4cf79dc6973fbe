"""``ailit serve``: build if stale, migrate, then serve with gunicorn (or Flask's reloader)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click
from flask import Flask

from ailit.cli.web import _prepare_sqlite_dir, catalogue_is_stale, compile_translations
from ailit.content.build import build_catalogue
from ailit.content.catalogue import MANIFEST
from ailit.migrations import upgrade
from ailit.services.studio import studio_paths
from ailit import settings
from ailit.web import create_app
from ailit.web.extensions import content


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: AILIT_WORKERS, else two per CPU core plus one, at most 8).",
)
@click.option("--dev", is_flag=True, help="Flask's development server with reloader and debugger.")
def serve(host: str, port: int, workers: int | None, dev: bool) -> None:
    """Build the catalogue if stale, migrate the database, then serve with gunicorn."""
    from ailit import server

    metrics_dir = None
    if not dev:
        # A fresh folder per start: every worker writes its metric samples there.
        metrics_dir = tempfile.mkdtemp(prefix="ailit-metrics-")
        settings.use_metrics_dir(metrics_dir)
    app = create_app()
    prepare(app)
    _set_base_url(app, server.bind_address(host, port))
    if dev:
        app.run(host=host, port=port, debug=True, use_reloader=True)  # nosec B201  # --dev only: the debugger
        return
    count = workers or app.config["WORKERS"] or server.default_workers()
    storage = app.config["RATELIMIT_STORAGE_URI"]
    if count > 1 and storage.startswith("memory://"):
        click.echo(
            f"warning: {count} workers count rate limits each on their own (memory://), so "
            f"a limit allows up to {count} times its figure; set AILIT_RATELIMIT_STORAGE_URL "
            "to a Redis URL (redis://host:6379/0) to count them together",
            err=True,
        )
    click.echo(f"serving on http://{server.bind_address(host, port)}/ with {count} workers")
    server.Server(app, server.bind_address(host, port), count, metrics_dir).run()


def prepare(app: Flask) -> None:
    """Build the catalogue if a course changed, compile UI translations, migrate, load."""
    courses, out = Path(app.config["COURSES_DIR"]), Path(app.config["CATALOGUE_DIR"])
    live = studio_paths(Path(app.config["DATA_DIR"])).live_root  # courses published in the studio
    if catalogue_is_stale(courses, out) or catalogue_is_stale(live, out):
        click.echo(f"building {out} from {courses} ...")
        report = build_catalogue(courses, out, extra_roots=[live])
        for diagnostic in report.diagnostics:
            click.echo(str(diagnostic), err=True)
        if not report.ok:
            if not (out / MANIFEST).is_file():
                raise click.ClickException("the courses have errors; fix them or run `ailit check`")
            broken = sorted({_course_of(d.path, courses) for d in report.diagnostics if d.is_error})
            click.echo(
                f"warning: not rebuilt: {', '.join(broken)} ha{'s' if len(broken) == 1 else 've'} "
                f"errors (listed above); serving the last good catalogue in {out} until they are "
                "fixed (`ailit check PATH` checks one course)",
                err=True,
            )
    compile_translations(Path(app.config["TRANSLATIONS_DIR"]))
    url = app.config["DATABASE_URL"]
    _prepare_sqlite_dir(url)
    upgrade(url)
    with app.app_context():
        content.catalogue  # loaded once here, before the workers fork  # noqa: B018


def _course_of(path: str, courses: Path) -> str:
    """The course folder (``stage/course``) a diagnostic's file belongs to."""
    try:
        parts = Path(path).resolve().relative_to(courses.resolve()).parts
    except ValueError:
        parts = Path(path).parts
    return "/".join(parts[:2]) or path


def _set_base_url(app: Flask, address: str) -> None:
    """Without AILIT_BASE_URL, the address served on becomes the site's public address."""
    if app.config.get("BASE_URL"):
        return
    base = f"http://{address}"
    app.config["BASE_URL"] = base
    click.echo(
        f"AILIT_BASE_URL is not set: certificates and links use {base}; set it to the "
        "public address (https://…) before issuing certificates others will verify"
    )


COMMANDS: list[click.Command] = [serve]
