"""Bodies over ``MAX_CONTENT_LENGTH`` are a 413 on every write, JSON under /api/, and change nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

from ailit.models.base import Base
from ailit.web.extensions import db

from tests.security.conftest import SecurityWorld, sign_in
from tests.security.routes import routes, url_for_rule

LIMIT = 1024  # small, so that every route is tried quickly
FRENCH_TITLE = "Trop de données"  # the 413 page's title in French


def _snapshot(app: Flask) -> tuple[dict[str, int], set[Path]]:
    """Row counts of every table and the files of the data directory."""
    with app.app_context():
        counts = {t.name: db.session.scalar(sa.select(sa.func.count()).select_from(t))
                  for t in Base.metadata.sorted_tables}
        rows = {t.name: db.session.execute(sa.select(t)).all() for t in Base.metadata.sorted_tables}
    data_dir = Path(app.config["DATA_DIR"])
    files = {p for p in data_dir.rglob("*") if p.is_file()} if data_dir.exists() else set()
    return {**counts, **{f"{k} rows": hash(repr(v)) for k, v in rows.items()}}, files


def test_every_write_over_the_limit_is_413_and_writes_nothing(
    app_factory: Callable[..., Flask], world: SecurityWorld
) -> None:
    app = app_factory(MAX_CONTENT_LENGTH=LIMIT)
    with _uploads_limited_to(app, LIMIT):
        _every_write(app, world)


@contextmanager
def _uploads_limited_to(app: Flask, limit: int) -> Iterator[None]:
    """Uploads take larger bodies (``accepts_body_up_to``): here their limit is ``limit`` too."""
    larger = {v: v.max_body for v in app.view_functions.values() if hasattr(v, "max_body")}
    assert larger, "the upload views declare their own limits"
    for view in larger:
        view.max_body = limit
    try:
        yield
    finally:
        for view, old in larger.items():
            view.max_body = old


def _every_write(app: Flask, world: SecurityWorld) -> None:
    client = app.test_client()
    sign_in(client, world.usernames["teacher"])
    before = _snapshot(app)
    tried = 0
    for rule, method in routes(app):
        if method == "GET":
            continue
        url = url_for_rule(rule, world)
        if url.startswith("/api/"):
            body = json.dumps({"name": "x" * LIMIT}).encode()
            response = client.open(url, method=method, data=body, content_type="application/json")
            assert response.status_code == 413, (method, url, response.status_code)
            error = response.get_json()["error"]
            assert error["code"] == "too_large" and error["message"], (url, error)
        else:
            url = url.replace("/en/", "/fr/", 1)
            body = b"name=" + b"x" * LIMIT
            response = client.open(url, method=method, data=body, content_type="application/x-www-form-urlencoded")
            assert response.status_code == 413, (method, url, response.status_code)
            assert response.mimetype == "text/html"
            assert FRENCH_TITLE in response.get_data(as_text=True), url
        tried += 1
    assert tried > 20
    assert _snapshot(app) == before


def test_the_default_limit_is_one_mebibyte(app: Flask) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit == 1024 * 1024
    client = app.test_client()
    padding = b" " * (limit - 40)
    body = b'{"username": "big", "password": "x"}' + padding + b" " * 64
    response = client.post("/api/v1/auth/register", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    response = client.post("/ar/register", data=b"username=big&x=" + b"a" * limit,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and 'dir="rtl"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM user_account WHERE username = 'big'")) == 0


def _chunked(app: Flask, path: str, body: bytes, content_type: str, cookie: str = "") -> tuple[int, bytes]:
    """Send ``body`` as a server hands over a chunked request: no Content-Length, the input
    stream terminated by the server (``wsgi.input_terminated``)."""
    environ = EnvironBuilder(path=path, method="POST", content_type=content_type).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True,
                    "wsgi.input": io.BytesIO(body), "HTTP_COOKIE": cookie})
    chunks, status, _ = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0]), b"".join(chunks)


def test_a_chunked_body_over_the_limit_is_413_on_every_write_and_writes_nothing(
    app_factory: Callable[..., Flask], world: SecurityWorld
) -> None:
    app = app_factory(MAX_CONTENT_LENGTH=LIMIT)
    client = app.test_client()
    sign_in(client, world.usernames["teacher"])
    cookie = f"session={client.get_cookie('session').value}"
    before = _snapshot(app)
    tried = 0
    with _uploads_limited_to(app, LIMIT):
        tried = _every_chunked_post(app, world, cookie)
    assert tried > 20
    assert _snapshot(app) == before


def test_a_chunked_upload_is_held_to_its_own_limit(app_factory: Callable[..., Flask], tmp_path: Path) -> None:
    """A chunked upload over the view's larger limit is a 413; under it, it is read whole."""
    app = app_factory(MAX_CONTENT_LENGTH=LIMIT)
    view = app.view_functions["studio.upload"]
    boundary = "XyZ"
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"p.zip\"\r\n"
            "Content-Type: application/zip\r\n\r\n").encode()
    form = part + b"x" * (3 * LIMIT) + f"\r\n--{boundary}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={boundary}"
    assert view.max_body > len(form)
    status, _ = _chunked(app, "/en/studio/upload", form, content_type)
    assert status == 302  # read whole (then sent to sign in: nobody is signed in)
    with _uploads_limited_to(app, 2 * LIMIT):
        status, _ = _chunked(app, "/en/studio/upload", form, content_type)
    assert status == 413


def _every_chunked_post(app: Flask, world: SecurityWorld, cookie: str) -> int:
    tried = 0
    for rule, method in routes(app):
        if method != "POST":  # a chunked DELETE is tried below
            continue
        url = url_for_rule(rule, world)
        if url.startswith("/api/"):
            status, body = _chunked(app, url, json.dumps({"name": "x" * 2 * LIMIT}).encode(),
                                    "application/json", cookie)
            assert status == 413 and json.loads(body)["error"]["code"] == "too_large", (url, status)
        else:
            status, _ = _chunked(app, url, b"name=" + b"x" * 2 * LIMIT,
                                 "application/x-www-form-urlencoded", cookie)
            assert status == 413, (url, status)
        tried += 1
    return tried


def test_a_chunked_body_is_not_cut_off_and_processed(app_factory: Callable[..., Flask]) -> None:
    # Werkzeug alone stops reading at the limit: the first LIMIT bytes of this form are a
    # complete registration, which used to be processed.
    app = app_factory(MAX_CONTENT_LENGTH=LIMIT)
    form = b"username=chunky&display_name=C&locale=en&password=correct+horse+battery&pad="
    status, _ = _chunked(app, "/en/register", form + b"x" * 2 * LIMIT, "application/x-www-form-urlencoded")
    assert status == 413
    body = json.dumps({"username": "chunky", "password": "correct horse battery",
                       "display_name": "C", "locale": "en"}).encode()
    assert _chunked(app, "/api/v1/auth/register", body + b" " * 2 * LIMIT, "application/json")[0] == 413
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM user_account WHERE username = 'chunky'")) == 0
    # Under the limit a chunked body is read whole, as if it had a length.
    status, answer = _chunked(app, "/api/v1/auth/register", body, "application/json")
    assert status == 201, answer
