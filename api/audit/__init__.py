"""Placeholder blueprint: routes for this domain are added by its issue."""

from flask_smorest import Blueprint

URL_PREFIX = "/audit"
blp = Blueprint("audit", __name__, description="audit")
