"""Pathways: shortage occupations within a candidate's reach, and a coaching organisation's overview."""

from flask_smorest import Blueprint

URL_PREFIX = ""
blp = Blueprint(
    "pathways",
    __name__,
    description="Which shortage occupations are within a person's reach, what it takes, and the permit outlook.",
)

from . import routes  # noqa: E402,F401
