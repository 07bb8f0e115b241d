from flask import request
from flask.views import MethodView

from api.auth import current_actor, require_role
from api.common_schemas import bulk_item_loader
from api.i18n import request_language
from api.openapi import POSTCODE_RULE, rules_beyond_schema
from api.pagination import page_schema, paginate
from services import vacancies

from . import blp
from .schemas import (
    LANGUAGE_KEY_RULE,
    BulkInputSchema,
    BulkResultSchema,
    VacancyInputSchema,
    VacancyListQuerySchema,
    VacancyPatchSchema,
    VacancySchema,
    VacancyWriteSchema,
)

READERS = ("admin", "employer", "coach", "integration")
# Employers post their own vacancies; case-management integrations push the vacancies they hold
# (e.g. a public employment service relaying employers) under their own organisation.
WRITERS = ("admin", "employer", "integration")
WRITE_CODES = {"created": 201, "updated": 200, "unchanged": 200}
WRITE_RULES = rules_beyond_schema(
    POSTCODE_RULE,
    "salary_amount needs salary_period",
    "an hourly salary needs weekly_hours",
    "a fixed_term contract needs duration_months",
    "an open vacancy's valid_through is today or later",
    "occupation_uri and skill URIs must be in the loaded ESCO vocabulary",
    "the external_id is unique in your organisation (409)",
    f"in languages, {LANGUAGE_KEY_RULE}",
)


def _one(vacancy, status: int = 200, write_status: str | None = None):
    body = vacancies.serialise_vacancy(vacancy, request_language())
    if write_status:
        body["write_status"] = write_status
    return body, status, {"ETag": vacancies.vacancy_etag(vacancy)}


@blp.route("")
class Vacancies(MethodView):
    @require_role(*READERS)
    @blp.arguments(VacancyListQuerySchema, location="query")
    @blp.response(200, page_schema(VacancySchema))
    def get(self, args):
        """List the vacancies you may see, filtered and paginated"""
        page, page_size = args.pop("page"), args.pop("page_size")
        result = paginate(vacancies.list_vacancies(current_actor(), args), page, page_size)
        result["items"] = vacancies.serialise_vacancies(result["items"], request_language())
        return result

    @require_role(*WRITERS)
    @blp.doc(**WRITE_RULES)
    @blp.arguments(VacancyInputSchema)
    @blp.response(201, VacancyWriteSchema)
    @blp.alt_response(409, description="The external_id is already used in your organisation.")
    def post(self, data):
        """Create a vacancy in your organisation"""
        vacancy, write_status = vacancies.create_vacancy(current_actor(), data)
        return _one(vacancy, 201, write_status)


@blp.route("/bulk")
class VacancyBulk(MethodView):
    @require_role(*WRITERS)
    @blp.arguments(BulkInputSchema)
    @blp.response(200, BulkResultSchema)
    def post(self, data):
        """Upsert up to 1,000 vacancies by external id, each on its own; per-item status"""
        return vacancies.bulk_upsert_vacancies(current_actor(), data["items"], bulk_item_loader(VacancyInputSchema()))


@blp.route("/by-external-id/<extid:external_id>")
class VacancyByExternalId(MethodView):
    @require_role(*WRITERS)
    @blp.doc(**WRITE_RULES)
    @blp.arguments(VacancyInputSchema)
    @blp.response(200, VacancyWriteSchema, description="Updated, or unchanged (same body again).")
    @blp.alt_response(201, schema=VacancyWriteSchema, description="Created.")
    @blp.alt_response(412, description="If-Match names a stale version.")
    def put(self, data, external_id):
        """Create or replace a vacancy by your external id (idempotent)"""
        vacancy, write_status = vacancies.upsert_vacancy(
            current_actor(), external_id, data, request.headers.get("If-Match")
        )
        return _one(vacancy, WRITE_CODES[write_status], write_status)


@blp.route("/<int:vacancy_id>")
class VacancyById(MethodView):
    @require_role(*READERS)
    @blp.response(200, VacancySchema)
    def get(self, vacancy_id):
        """Get one vacancy"""
        return _one(vacancies.get_visible_vacancy(current_actor(), vacancy_id))

    @require_role(*WRITERS)
    @blp.doc(**WRITE_RULES)
    @blp.arguments(VacancyPatchSchema())
    @blp.response(200, VacancyWriteSchema)
    @blp.alt_response(412, description="If-Match names a stale version.")
    def patch(self, data, vacancy_id):
        """Change some fields of a vacancy"""
        vacancy, write_status = vacancies.update_vacancy(
            current_actor(), vacancy_id, data, request.headers.get("If-Match")
        )
        return _one(vacancy, 200, write_status)

    @require_role(*WRITERS)
    @blp.response(204)
    @blp.alt_response(412, description="If-Match names a stale version.")
    def delete(self, vacancy_id):
        """Delete a vacancy"""
        vacancies.delete_vacancy(current_actor(), vacancy_id, request.headers.get("If-Match"))
