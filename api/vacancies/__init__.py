"""Vacancies posted by employers: CRUD, idempotent upsert by external id, bulk, ETags."""

from flask_smorest import Blueprint

URL_PREFIX = "/vacancies"
blp = Blueprint(
    "vacancies",
    __name__,
    description="Vacancies posted by employer organisations. Employers "
    "see and write their own; coaches and integrations read every open vacancy.",
)

from . import routes  # noqa: E402,F401
