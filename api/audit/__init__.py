"""The audit trail of match queries and erasures (admins), and `flask audit purge` for retention."""

from flask_smorest import Blueprint

URL_PREFIX = "/audit"
blp = Blueprint("audit", __name__, description="Audit trail of match queries and erasures (admins only).")

from . import routes  # noqa: E402,F401
from .cli import cli  # noqa: E402,F401
