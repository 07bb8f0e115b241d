"""Placeholder blueprint: routes for this domain are added by its issue."""

from flask_smorest import Blueprint

URL_PREFIX = "/vacancies"
blp = Blueprint("vacancies", __name__, description="vacancies")
