"""`ailit` commands for the web platform: `db upgrade`, `users create`, `users reset-password`,
`serve`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy.engine import make_url

from ailit.content.catalogue import MANIFEST
from ailit.migrations import upgrade
from ailit.models import ROLES, Role
from ailit.services import accounts, password_change, schools
from ailit.services.errors import NotFound, ValidationError
from ailit.web import create_app
from ailit.web.extensions import db, security


@click.group("db")
def db_group() -> None:
    """The database: apply migrations."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def db_upgrade(revision: str) -> None:
    """Apply Alembic migrations to AILIT_DATABASE_URL (default: SQLite in instance/)."""
    app = create_app()
    url = app.config["DATABASE_URL"]
    _prepare_sqlite_dir(url)
    upgrade(url, revision)
    click.echo(f"database at {revision}: {_redact(url)}")


@click.group("users")
def users_group() -> None:
    """Accounts: create them from the command line."""


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default=Role.LEARNER.value, show_default=True)
@click.option("--display-name", help="Name shown on certificates (default: the username).")
@click.option("--locale", default="en", show_default=True, help="Preferred language.")
@click.option(
    "--school",
    type=int,
    help="Id of the school a teacher or school admin works for.",
)
@click.option(
    "--mentor", is_flag=True,
    help="With --school: this teacher reviews the practical tasks of the school's teachers in training.",
)
@click.option("--password", help="The password; read from standard input when omitted.")
def users_create(
    username: str,
    role: str,
    display_name: str | None,
    locale: str,
    school: int | None,
    mentor: bool,
    password: str | None,
) -> None:
    """Create an account (password from --password or the first line of standard input)."""
    if mentor and school is None:
        raise click.UsageError("--mentor needs --school: a mentor reviews for one school")
    if password is None:
        if sys.stdin.isatty():
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        else:
            password = sys.stdin.readline().rstrip("\r\n")
    app = create_app()
    with app.app_context():
        try:
            if school is not None:
                schools.check_staff_school(db.session, Role(role), school)
            user = accounts.register_user(
                db.session,
                username=username,
                password=password,
                display_name=display_name or username,
                locale=locale,
                role=Role(role),
                hasher=security.hasher,
            )
            if school is not None:
                schools.add_staff(db.session, user, school, mentor=mentor)
        except ValidationError as error:
            raise click.ClickException(f"{error.field}: {error.message}") from None
    click.echo(f"created {user.username} ({user.role.value})")


@users_group.command("reset-password")
@click.argument("username")
def users_reset_password(username: str) -> None:
    """Give an account a new one-time password (printed once): its owner chooses their own at
    the next sign-in; every session and bearer token of the account stops working."""
    app = create_app()
    with app.app_context():
        try:
            user, password = password_change.reset_by_operator(db.session, username, hasher=security.hasher)
        except NotFound as error:
            raise click.ClickException(error.message) from None
    click.echo(f"one-time password for {user.username}: {password}")


def catalogue_is_stale(courses: Path, out: Path) -> bool:
    """Whether any course file is newer than the compiled catalogue (or there is none)."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return True
    built = manifest.stat().st_mtime_ns
    return courses.is_dir() and any(
        path.stat().st_mtime_ns > built for path in courses.rglob("*") if path.is_file()
    )


def compile_translations(locales_dir: Path) -> None:
    """Compile each ``messages.po`` whose ``.mo`` is missing or older (as setup.sh does)."""
    for po_path in locales_dir.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.is_file() and mo_path.stat().st_mtime_ns >= po_path.stat().st_mtime_ns:
            continue
        with open(po_path, "rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name)
        with open(mo_path, "wb") as fh:
            write_mo(fh, catalog)


def _prepare_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def _redact(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


COMMANDS: list[click.Command] = [db_group, users_group]
