"""Six languages: the locale in every URL, negotiation at ``/``, the switcher, text direction."""

from __future__ import annotations

from typing import Any

from babel import negotiate_locale as babel_negotiate
from babel.lists import format_list
from flask import Flask, abort, current_app, g, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ailit.locales import DEFAULT_LOCALE, LOCALE_INFO, LOCALES, direction, is_locale

LOCALE_COOKIE = "locale"
LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600


def negotiate_locale() -> str:
    """The signed-in user's preference, the ``locale`` cookie, Accept-Language, then en."""
    if current_user.is_authenticated and is_locale(current_user.locale):
        return current_user.locale
    cookie = request.cookies.get(LOCALE_COOKIE, "")
    if is_locale(cookie):
        return cookie
    preferred = [lang.replace("-", "_") for lang in request.accept_languages.values()]
    return babel_negotiate(preferred, LOCALES) or DEFAULT_LOCALE


def current_locale() -> str:
    """The locale of the page being rendered (from its URL), else the negotiated one."""
    if "locale" not in g:
        # A URL that matched no rule may still start with a locale: /zh/nowhere is a 404 in zh.
        first = request.path.lstrip("/").split("/", 1)[0]
        g.locale = first if is_locale(first) else negotiate_locale()
    return str(g.locale)


def switcher_links() -> list[dict[str, Any]]:
    """One link per language to the same page (same path and query) in that language."""
    endpoint, args = request.endpoint, dict(request.view_args or {})
    keeps_page = (
        endpoint is not None
        and request.method == "GET"
        and current_app.url_map.is_endpoint_expecting(endpoint, "locale")
    )
    links = []
    for code in LOCALES:
        if keeps_page:
            assert endpoint is not None
            href = url_for(endpoint, **{**request.args.to_dict(), **args, "locale": code})
        else:
            href = url_for("dashboard.home", locale=code)
        info = LOCALE_INFO[code]
        links.append(
            {"code": code, "name": info.native_name, "dir": info.direction, "href": href,
             "current": code == current_locale()}
        )
    return links


def init_app(app: Flask) -> None:
    """Take the locale out of URLs, put it back into ``url_for``, remember it in a cookie."""

    @app.url_value_preprocessor
    def pull_locale(endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values and "locale" in values:
            code = values.pop("locale")
            if not is_locale(code):
                abort(404)
            g.locale = code

    @app.url_defaults
    def add_locale(endpoint: str, values: dict[str, Any]) -> None:
        if "locale" not in values and app.url_map.is_endpoint_expecting(endpoint, "locale"):
            values["locale"] = current_locale()

    @app.after_request
    def remember_locale(response: Any) -> ResponseReturnValue:
        code = g.get("locale")
        if code and request.cookies.get(LOCALE_COOKIE) != code and response.status_code < 400:
            response.set_cookie(
                LOCALE_COOKIE,
                code,
                max_age=LOCALE_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure or app.config["SECURE_COOKIES"],
            )
        return response

    @app.context_processor
    def locale_context() -> dict[str, Any]:
        code = current_locale()
        return {
            "locale": code,
            "text_direction": direction(code),
            "switcher_links": switcher_links,
            "locale_info": LOCALE_INFO,
            "direction": direction,
            "format_list": lambda items: format_list(list(items), locale=code),
        }
