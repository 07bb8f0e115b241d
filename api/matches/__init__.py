"""Placeholder blueprint: routes for this domain are added by its issue."""

from flask_smorest import Blueprint

URL_PREFIX = ""
blp = Blueprint("matches", __name__, description="matches")
