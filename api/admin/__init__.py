"""Organisations and API keys (administrators), and `GET /me` for any key."""

from flask_smorest import Blueprint

URL_PREFIX = ""
blp = Blueprint("admin", __name__, description="Organisations, API keys, and who am I.")

from . import routes  # noqa: E402,F401
