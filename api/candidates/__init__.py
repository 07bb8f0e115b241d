"""Placeholder blueprint: routes for this domain are added by its issue."""

from flask_smorest import Blueprint

URL_PREFIX = "/candidates"
blp = Blueprint("candidates", __name__, description="candidates")
