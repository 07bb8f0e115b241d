"""Candidate profiles kept by coaching and integration organisations; never visible to employers."""

from flask_smorest import Blueprint

URL_PREFIX = "/candidates"
blp = Blueprint(
    "candidates",
    __name__,
    description="Pseudonymous candidate profiles, visible only to the "
    "owning coaching or integration organisation and to admins. DELETE erases.",
)

from . import routes  # noqa: E402,F401
