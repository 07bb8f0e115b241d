"""Application factory: `create_app(config=None)` builds a configured Flask app."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from flask import Flask, g, request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api
from peewee import InterfaceError, OperationalError

from models.base import bind_database, connection_reusable, db, discard_connection
from models.cache_version import close_counter_scope, open_counter_scope

from . import arguments, http_conventions, request_guard
from .config import Config, instance_secret
from .errors import error_body, register_error_handlers
from .openapi import SchemaExtrasPlugin
from .rate_limit import init_rate_limits

arguments.install()  # before any blueprint declares its routes (api/arguments.py)

# Each package exports `blp` (a flask-smorest Blueprint) and may export `cli` (a click group).
API_PACKAGES = ("health", "admin", "taxonomy", "vacancies", "candidates", "permits", "matches", "pathways", "audit")


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object(Config)
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(Path(app.config["INSTANCE_DIR"]))
    logging.basicConfig(level=app.config["LOG_LEVEL"],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app.logger.setLevel(app.config["LOG_LEVEL"])
    app.json = StrictJSONProvider(app)
    app.json.sort_keys = False

    _ensure_sqlite_folder(app.config["DATABASE_URL"])
    bind_database(app.config["DATABASE_URL"])
    register_db_hooks(app)
    http_conventions.install(app)

    register_docs_assets(app)  # before Api(): it reads the Swagger UI URL from the config
    api = Api(app, spec_kwargs={"extra_plugins": [SchemaExtrasPlugin()]})
    request_guard.install(app, api)  # before the blueprints: it defines the URL converters
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    register_error_handlers(app)  # after Api(), so our handlers replace flask-smorest's default
    init_rate_limits(app)  # per API key; its 429 handler is more specific than the HTTPException one
    for name in API_PACKAGES:
        package = importlib.import_module(f"api.{name}")
        api.register_blueprint(package.blp, url_prefix=f"/api/v1{package.URL_PREFIX}")
        if getattr(package, "cli", None) is not None:
            app.cli.add_command(package.cli)

    from .cli import register_cli
    register_cli(app)
    app.extensions["knelpunt_api"] = api
    return app


class StrictJSONProvider(DefaultJSONProvider):
    """Never writes NaN or Infinity: strict JSON parsers reject them. A number that slipped past the
    input bounds raises (a logged 500) instead of sending invalid JSON to every reader of a list."""

    def dumps(self, obj, **kwargs):
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)


def register_docs_assets(app: Flask) -> None:
    """Serve the Swagger UI files from the installed bundle, so the docs work offline too."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # without the bundle there is no UI page (never a CDN); openapi.json stays
        app.config["OPENAPI_SWAGGER_UI_PATH"] = None
        return
    from flask import send_from_directory

    app.config["OPENAPI_SWAGGER_UI_URL"] = "/api/v1/docs/assets/"

    @app.get("/api/v1/docs/assets/<path:filename>", endpoint="api-docs-assets")
    def _swagger_ui_asset(filename):
        return send_from_directory(swagger_ui_path, filename, max_age=86400)


# Connection-level failures (server stopped, restarting, unreachable; SQLite locked past its busy
# timeout) are temporary: the client should retry, so they answer 503, not 500. peewee's
# IntegrityError and DataError are not among them.
DATABASE_RETRY_AFTER_SECONDS = 5
_DISCARD_CONNECTION = "knelpunt_discard_connection"


def discard_connection_after_request() -> None:
    """Close this thread's connection when the request ends instead of keeping it for the next."""
    setattr(g, _DISCARD_CONNECTION, True)


def register_db_hooks(app: Flask) -> None:
    """One connection per worker thread, kept open between requests.

    Opening a connection costs more than most requests (a PostgreSQL handshake; SQLite's file open
    and five PRAGMAs), so it stays open. Autocommit means an idle connection holds no lock and no
    snapshot. It is dropped, and the next request opens a fresh one, whenever a request leaves it
    in doubt: a connection-level error (answered 503), an unexpected error (500), a transaction left
    open, or a driver that reports it closed. A kept connection found dead by the first statement
    of a request (the database restarted meanwhile) is reopened once (`services.authentication`).
    """

    @app.before_request
    def _db_connect():
        if request.blueprint == "health":
            return  # /health opens the connection itself, to report a failure in its own shape
        if db.is_closed():
            db.connect()

    @app.before_request
    def _open_counter_scope():
        # The caches consulted by one request share one read of the cache counters.
        g.counter_scope_token = open_counter_scope()

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database_unavailable(error):
        app.logger.warning("database unavailable: %s", error)
        discard_connection_after_request()
        message = f"The database is unavailable at the moment; retry in {DATABASE_RETRY_AFTER_SECONDS} s."
        return error_body(503, message), 503, {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)}

    @app.teardown_request  # runs on errors too; after_request does not
    def _db_release(exc):
        close_counter_scope(g.pop("counter_scope_token", None))
        if exc is not None or g.pop(_DISCARD_CONNECTION, False) or not connection_reusable():
            discard_connection()


def _ensure_sqlite_folder(url: str) -> None:
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
