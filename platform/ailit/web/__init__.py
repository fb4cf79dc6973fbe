"""The Flask app: ``create_app()`` builds it; one blueprint per capability.

Run it with ``ailit serve`` or ``gunicorn 'ailit.web:create_app()'``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as L_

from ailit.web import auth, catalogue, config, dashboard, errors, i18n, input_limits, labels, learning, security
from ailit.web import account, api, card_sign_in, certificates, sign_in
from ailit.web import classes, experience, schools, studio, task_pages
from ailit.web import pictures
from ailit.web import formatting, health, metrics, request_log, serving, static_files
from ailit.web.extensions import babel, content, csrf, db, limiter, login_manager
from ailit.web.extensions import security as security_settings

BLUEPRINTS = (
    dashboard.bp, auth.bp, catalogue.bp, learning.bp, certificates.bp, classes.bp, schools.bp, account.bp,
    studio.bp, api.bp, experience.bp, task_pages.bp, pictures.bp, card_sign_in.bp,
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment (``AILIT_*``), then ``test_config`` on top."""
    settings = {**config.DEFAULTS, **config.from_environment(), **(test_config or {})}
    app = Flask(
        __name__,
        template_folder=str(settings["TEMPLATES_DIR"]),
        static_folder=str(settings["STATIC_DIR"]),
        instance_path=str(settings["DATA_DIR"]),
    )
    app.config.update(settings)
    config.public_base_url(app.config)  # a malformed AILIT_BASE_URL stops the start, with its reason
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.ensure_secret_key(app.config["DATA_DIR"])
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(settings["TRANSLATIONS_DIR"]))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")

    db.init_app(app)
    content.init_app(app)
    security_settings.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.current_locale)
    _init_login(app)
    i18n.init_app(app)
    labels.init_app(app)
    experience.init_app(app)
    security.init_app(app)
    input_limits.init_app(app)
    errors.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    health.init_app(app)
    serving.init_app(app)
    static_files.init_app(app)
    formatting.init_app(app)
    request_log.init_app(app, metrics.init_app(app))
    return app


def _init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = L_("Please sign in to continue.")
    login_manager.session_protection = "strong"
    sign_in.init_app(app)
