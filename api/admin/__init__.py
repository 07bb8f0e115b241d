"""Placeholder blueprint: routes for this domain are added by its issue."""

from flask_smorest import Blueprint

URL_PREFIX = "/admin"
blp = Blueprint("admin", __name__, description="admin")
