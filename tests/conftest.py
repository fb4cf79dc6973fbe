"""Shared fixtures: the app on a clean database per test, a client, a CLI runner, an auth helper.

The database is SQLite in ``tmp_path`` unless ``AILIT_TEST_DATABASE_URL`` names a PostgreSQL
database: then this session migrates a schema of its own once and empties its tables between
tests. The catalogue is compiled once per session from ``tests/fixtures/courses``.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session

from ailit.content.build import build_catalogue
from ailit.migrations import upgrade
from ailit.models import Role, User
from ailit.models.database import make_engine
from ailit.services import accounts
from ailit.web import create_app

pytest_plugins = ["tests.browser_fixtures", "tests.web.steps_course"]

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_COURSES = ROOT / "tests" / "fixtures" / "courses"
LOCALES_DIR = ROOT / "locales"
PASSWORD = "correct horse battery"

# Tests that use any of these fixtures touch the database: they get the ``db`` marker, and
# scripts/test.sh runs them again on PostgreSQL.
DB_FIXTURES = frozenset(
    {"app", "client", "runner", "auth", "db_session", "make_user", "database_url", "app_factory"}
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "db: uses the database (run again on PostgreSQL)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DB_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


# --- compiled inputs, once per session ------------------------------------------------------


@pytest.fixture(scope="session")
def translations_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The UI catalogues compiled to .mo in a temporary directory (the repository's stay .po)."""
    out = tmp_path_factory.mktemp("translations")
    for po_path in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"):
        locale = po_path.parent.parent.name
        with open(po_path, "rb") as fh:
            catalog = read_po(fh, locale=locale)
        target = out / locale / "LC_MESSAGES"
        target.mkdir(parents=True)
        with open(target / "messages.mo", "wb") as fh:
            write_mo(fh, catalog)
    return out


@pytest.fixture(scope="session")
def catalogue_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tests/fixtures/courses`` compiled with the real compiler."""
    out = tmp_path_factory.mktemp("catalogue") / "catalogue"
    report = build_catalogue(FIXTURE_COURSES, out)
    assert report.ok, [str(d) for d in report.diagnostics]
    return out


# --- the database -----------------------------------------------------------------------------


@dataclass
class TestDatabase:
    """Where this session's tests keep their data."""

    url: str
    template: Path | None = None  # SQLite: a migrated file copied for each test
    schema: str | None = None  # PostgreSQL: this session's own schema


@pytest.fixture(scope="session")
def test_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    """Migrate once per session: a SQLite template file, or a PostgreSQL schema of our own."""
    postgres = os.environ.get("AILIT_TEST_DATABASE_URL")
    if not postgres:
        template = tmp_path_factory.mktemp("db") / "template.db"
        url = f"sqlite:///{template}"
        upgrade(url)
        yield TestDatabase(url=url, template=template)
        return
    schema = f"test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(postgres)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in postgres else "?"
    url = f"{postgres}{sep}options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        yield TestDatabase(url=url, schema=schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database_url(test_database: TestDatabase, tmp_path: Path) -> str:
    """A clean, migrated database for this test."""
    if test_database.template is not None:
        path = tmp_path / "ailit.db"
        shutil.copyfile(test_database.template, path)
        return f"sqlite:///{path}"
    engine = make_engine(test_database.url)
    try:
        with engine.begin() as conn:
            tables = conn.execute(
                sa.text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = :schema AND table_name <> 'alembic_version'"
                ),
                {"schema": test_database.schema},
            ).scalars().all()
            if tables:
                names = ", ".join(f'"{name}"' for name in tables)
                conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
    return test_database.url


# --- the app ----------------------------------------------------------------------------------


@pytest.fixture
def app_config(
    database_url: str, catalogue_dir: Path, translations_dir: Path, tmp_path: Path
) -> dict[str, Any]:
    """The test configuration; tests may change it before asking for ``app``."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test secret key",
        "DATABASE_URL": database_url,
        "CATALOGUE_DIR": catalogue_dir,
        "COURSES_DIR": FIXTURE_COURSES,
        "DATA_DIR": tmp_path / "data",
        "BASE_URL": "http://localhost",  # links never come from the Host header
        "BABEL_TRANSLATION_DIRECTORIES": str(translations_dir),
        "WTF_CSRF_ENABLED": False,  # tests that check CSRF turn it back on
        "RATELIMIT_ENABLED": False,  # rate-limit tests turn it back on
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8,
        "ARGON2_PARALLELISM": 1,
    }


@pytest.fixture
def app_factory(app_config: dict[str, Any]) -> Iterator[Callable[..., Flask]]:
    """Build apps from the test configuration plus overrides; engines are closed afterwards."""
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = create_app({**app_config, **overrides})
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.extensions["ailit.db"][0].dispose()


@pytest.fixture
def app(app_factory: Callable[..., Flask]) -> Flask:
    """The app on a clean database."""
    return app_factory()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def db_session(app: Flask) -> Iterator[Session]:
    """A session on the app's database, inside an app context."""
    with app.app_context():
        from ailit.web.extensions import db

        yield db.session


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Create accounts: ``make_user("ada", role=Role.TEACHER, locale="fr")``."""
    counter = iter(range(1, 10_000))

    def factory(
        username: str | None = None,
        *,
        password: str = PASSWORD,
        display_name: str | None = None,
        locale: str = "en",
        role: Role = Role.LEARNER,
    ) -> User:
        name = username or f"learner{next(counter)}"
        with app.app_context():
            from ailit.web.extensions import db, security

            return accounts.register_user(
                db.session,
                username=name,
                password=password,
                display_name=display_name or name.title(),
                locale=locale,
                role=role,
                hasher=security.hasher,
            )

    return factory


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/en/sign-in") -> str:
    """The CSRF token of the client's session, read from a form page."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no csrf_token on {path}"
    return match.group(1) or match.group(2)


class AuthActions:
    """Register, sign in and sign out through the HTML forms."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def register(
        self,
        username: str = "ada",
        password: str = PASSWORD,
        display_name: str = "Ada",
        locale: str = "en",
    ) -> Any:
        return self._client.post(
            f"/{locale}/register",
            data={
                "username": username,
                "password": password,
                "display_name": display_name,
                "locale": locale,
            },
        )

    def login(self, username: str = "ada", password: str = PASSWORD, locale: str = "en") -> Any:
        return self._client.post(
            f"/{locale}/sign-in", data={"username": username, "password": password}
        )

    def logout(self) -> Any:
        return self._client.post("/en/sign-out")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)
