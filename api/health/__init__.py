"""Service and database health (no authentication)."""

from flask_smorest import Blueprint

URL_PREFIX = "/health"
blp = Blueprint("health", __name__, description="Service and database status (no key needed).")

from . import routes  # noqa: E402,F401
