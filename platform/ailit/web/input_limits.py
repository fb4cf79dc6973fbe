"""What a request may carry, checked before any view: no 5xx from a malformed request.

- A body without ``Content-Length`` (chunked) is read up to ``MAX_CONTENT_LENGTH`` first, so
  one over the limit is a 413 (``security.refuse_oversized_body``), never cut off and processed.
- A NUL character in the address is a 404 (it names nothing), in a query parameter or a form
  field a 400 naming the field: PostgreSQL cannot store it and file paths cannot hold it.
- ``<int:...>`` in a URL rule accepts only ids the database can hold (PostgreSQL's
  ``integer``): a larger number is a 404, never an overflow in the query.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import IntegerConverter

from ailit.web.api.auth import is_api_request
from ailit.web.api.errors import ApiError
from ailit.web.errors import render_error

DATABASE_ID_MAX = 2**31 - 1
SPOOL_BYTES = 1024 * 1024  # a chunked body larger than this waits in a temporary file
NUL = "\x00"


class DatabaseId(IntegerConverter):
    """``<int:name>``: a non-negative integer no larger than the database's ``integer``."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", DATABASE_ID_MAX)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Install the checks (before the blueprints register their URL rules)."""
    app.url_map.converters["int"] = DatabaseId
    app.wsgi_app = SizedBody(app.wsgi_app, app)  # type: ignore[method-assign]
    app.before_request(refuse_nul_characters)


class SizedBody:
    """WSGI middleware: a body without Content-Length (chunked) is read up to the limit first.

    Werkzeug stops reading such a stream at ``MAX_CONTENT_LENGTH`` without an error, so a
    view would act on a cut-off body. Reading at most one byte more than the limit and passing
    the bytes on with their length makes ``refuse_oversized_body`` answer 413 instead.
    """

    def __init__(self, wsgi_app: Any, app: Flask) -> None:
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            limit = self._view_limit(environ) or limit
            body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - WSGI keeps it
            length = _copy_at_most(environ["wsgi.input"], body, limit + 1)
            body.seek(0)
            environ["wsgi.input"] = body
            environ["CONTENT_LENGTH"] = str(length)
            del environ["wsgi.input_terminated"]
            environ.pop("HTTP_TRANSFER_ENCODING", None)  # the body is no longer chunked
        return self.wsgi_app(environ, start_response)  # type: ignore[no-any-return]


    def _view_limit(self, environ: dict[str, Any]) -> int | None:
        """The larger limit of an upload view (``security.accepts_body_up_to``), if this is one."""
        try:
            endpoint, _args = self.app.url_map.bind_to_environ(environ).match()
        except HTTPException:
            return None
        return getattr(self.app.view_functions.get(str(endpoint)), "max_body", None)


def _copy_at_most(stream: Any, out: Any, size: int) -> int:
    copied = 0
    while copied < size:
        part = stream.read(min(size - copied, 64 * 1024))
        if not part:
            break
        out.write(part)
        copied += len(part)
    return copied


def refuse_nul_characters() -> Any:
    """404 for a NUL in the address; 400 naming the query parameter or form field with one."""
    if any(NUL in str(value) for value in (request.view_args or {}).values()):
        raise NotFound()
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            name, value = name or "", value or ""  # a malformed multipart part may lack a name
            if NUL in name or NUL in value:
                shown = name.replace(NUL, "\\0")
                if is_api_request():
                    raise ApiError(400, "invalid_text", f"{shown}: contains a NUL character",
                                   field=shown)
                return render_error(400, _("The field “%(name)s” contains a NUL character.",
                                           name=shown))
    return None
