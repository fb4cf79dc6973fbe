"""Page views that cost little: anonymous pages without session, cached with ETags; a
signed-in re-read writes nothing; starting the app imports no PDF renderer and hashes nothing."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa
from flask import Flask

from tests.conftest import PASSWORD

MODULE = "/en/courses/sample-robots/what-is-ai/"
CATALOGUE_PAGES = ["/en/courses/", "/fr/courses/?stage=primary", "/en/courses/sample-robots/", MODULE]


def test_anonymous_catalogue_pages_set_no_session_and_answer_304(client) -> None:
    for path in CATALOGUE_PAGES:
        first = client.get(path)
        assert first.status_code == 200, path
        cookies = " ".join(first.headers.getlist("Set-Cookie"))
        assert "session=" not in cookies, (path, cookies)
        assert first.headers["ETag"] and first.headers["Cache-Control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""
        assert client.get(path).data == first.data  # from the cache, the same page


def test_signed_in_pages_are_never_served_from_the_anonymous_cache(client, make_user) -> None:
    anonymous = client.get(MODULE).get_data(as_text=True)
    make_user("ada")
    client.post("/en/sign-in", data={"username": "ada", "password": PASSWORD})
    page = client.get(MODULE)
    html = page.get_data(as_text=True)
    assert html != anonymous and "Sign out" in html and "Sign out" not in anonymous
    assert "ETag" not in page.headers


def test_a_new_catalogue_version_is_rendered_afresh(app: Flask, client) -> None:
    from ailit.web.extensions import content

    first = client.get("/en/courses/")
    with app.app_context():
        catalogue = content.catalogue
        store = app.extensions["ailit.catalogue"]
        store._catalogue = type(catalogue)(root=catalogue.root, version="another-build", courses=catalogue.courses)
    second = client.get("/en/courses/")
    # Rendered again for the new version (the same text, so the same content-based ETag).
    assert second.status_code == 200 and second.headers["ETag"] == first.headers["ETag"]
    cached = app.extensions["ailit.page_cache"]._pages
    assert {version for (path, version) in cached if path == "/en/courses/?"} == {catalogue.version, "another-build"}


def test_reading_a_module_again_writes_nothing(app: Flask, client, make_user) -> None:
    make_user("ada")
    client.post("/en/sign-in", data={"username": "ada", "password": PASSWORD})
    assert client.get(MODULE).status_code == 200  # the first visit is noted
    statements: list[str] = []
    engine = app.extensions["ailit.db"][0]

    def note(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.split()[0].upper())

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(MODULE).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    writes = [s for s in statements if s in ("INSERT", "UPDATE", "DELETE")]
    assert writes == [], statements


def test_starting_the_app_imports_no_pdf_renderer_and_hashes_no_password(tmp_path) -> None:
    code = (
        "import argon2, sys\n"
        "calls = []\n"
        "original = argon2.PasswordHasher.hash\n"
        "argon2.PasswordHasher.hash = lambda self, *a, **k: calls.append(1) or original(self, *a, **k)\n"
        "from ailit.web import create_app\n"
        f"create_app({{'TESTING': True, 'DATA_DIR': {str(tmp_path)!r}, 'SECRET_KEY': 'x'}})\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n"
        "assert calls == [], 'a password was hashed'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_static_files_have_content_hashed_names_cached_for_a_year(client) -> None:
    html = client.get("/en/courses/").get_data(as_text=True)
    href = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert href.startswith("/static/ailit.") and href.endswith(".css") and href != "/static/ailit.css"
    hashed = client.get(href)
    assert hashed.status_code == 200 and b"body" in hashed.data
    assert "immutable" in hashed.headers["Cache-Control"] and "max-age=31536000" in hashed.headers["Cache-Control"]
    plain = client.get("/static/ailit.css")
    assert plain.status_code == 200 and plain.data == hashed.data
    assert "max-age=300" in plain.headers["Cache-Control"]
    # A stale hash (an old page asking for a previous version) is not cached for long.
    stale = client.get("/static/ailit.000000000000.css")
    assert stale.status_code == 404
    assert client.get("/static/../settings.py").status_code == 404


def test_text_answers_are_compressed_when_the_client_accepts_it(client) -> None:
    response = client.get("/en/courses/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_the_cached_percent_format_matches_babels_in_every_locale(app: Flask) -> None:
    import flask_babel

    from ailit.locales import LOCALES
    from ailit.web.formatting import format_percent

    with app.test_request_context():
        for locale in LOCALES:
            with flask_babel.force_locale(locale):
                for number in (0, 0.5, 0.805, 1):
                    assert format_percent(number) == flask_babel.format_percent(number), (locale, number)
