"""Ranked, explained matches in both directions, a preview for unsaved profiles, and the match feed."""

from flask_smorest import Blueprint

URL_PREFIX = ""
blp = Blueprint("matches", __name__, description="Ranked, explained matches between candidates and vacancies.")

from . import routes  # noqa: E402,F401
