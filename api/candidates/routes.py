from flask import request
from flask.views import MethodView

from api.auth import current_actor, require_role
from api.common_schemas import LANGUAGE_KEY_RULE, BulkInputSchema, BulkResultSchema, bulk_item_loader
from api.i18n import request_language
from api.openapi import rules_beyond_schema
from api.pagination import page_schema, paginate
from core.roles import CANDIDATE_ROLES
from services import candidates

from . import blp
from .schemas import (
    CandidateInputSchema,
    CandidateListQuerySchema,
    CandidatePatchSchema,
    CandidateSchema,
    CandidateWriteSchema,
)

WRITE_CODES = {"created": 201, "updated": 200, "unchanged": 200}
WRITE_RULES = rules_beyond_schema(
    "occupation_uri of experiences and skill URIs must be in the loaded ESCO vocabulary",
    "the external_id is unique in your organisation (409)",
    f"in languages, {LANGUAGE_KEY_RULE}",
)


def _one(candidate, status: int = 200, write_status: str | None = None):
    body = candidates.serialise_candidate(candidate, request_language())
    if write_status:
        body["write_status"] = write_status
    return body, status, {"ETag": candidates.candidate_etag(candidate)}


@blp.route("")
class Candidates(MethodView):
    @require_role(*CANDIDATE_ROLES)
    @blp.arguments(CandidateListQuerySchema, location="query")
    @blp.response(200, page_schema(CandidateSchema))
    def get(self, args):
        """List your organisation's candidates, filtered and paginated"""
        page, page_size = args.pop("page"), args.pop("page_size")
        result = paginate(candidates.list_candidates(current_actor(), args), page, page_size)
        result["items"] = candidates.serialise_candidates(result["items"], request_language())
        return result

    @require_role(*CANDIDATE_ROLES)
    @blp.doc(**WRITE_RULES)
    @blp.arguments(CandidateInputSchema)
    @blp.response(201, CandidateWriteSchema)
    @blp.alt_response(409, description="The external_id is already used in your organisation.")
    def post(self, data):
        """Create a candidate profile in your organisation"""
        candidate, write_status = candidates.create_candidate(current_actor(), data)
        return _one(candidate, 201, write_status)


@blp.route("/bulk")
class CandidateBulk(MethodView):
    @require_role(*CANDIDATE_ROLES)
    @blp.arguments(BulkInputSchema)
    @blp.response(200, BulkResultSchema)
    def post(self, data):
        """Upsert up to 1,000 candidates by external id, each on its own; per-item status"""
        return candidates.bulk_upsert_candidates(
            current_actor(), data["items"], bulk_item_loader(CandidateInputSchema())
        )


@blp.route("/by-external-id/<extid:external_id>")
class CandidateByExternalId(MethodView):
    @require_role(*CANDIDATE_ROLES)
    @blp.doc(**WRITE_RULES)
    @blp.arguments(CandidateInputSchema)
    @blp.response(200, CandidateWriteSchema, description="Updated, or unchanged (same body again).")
    @blp.alt_response(201, schema=CandidateWriteSchema, description="Created.")
    @blp.alt_response(412, description="If-Match names a stale version.")
    def put(self, data, external_id):
        """Create or replace a candidate by your external id (idempotent)"""
        candidate, write_status = candidates.upsert_candidate(
            current_actor(), external_id, data, request.headers.get("If-Match")
        )
        return _one(candidate, WRITE_CODES[write_status], write_status)


@blp.route("/<int:candidate_id>")
class CandidateById(MethodView):
    @require_role(*CANDIDATE_ROLES)
    @blp.response(200, CandidateSchema)
    def get(self, candidate_id):
        """Get one candidate profile"""
        return _one(candidates.get_owned_candidate(current_actor(), candidate_id))

    @require_role(*CANDIDATE_ROLES)
    @blp.doc(**WRITE_RULES)
    @blp.arguments(CandidatePatchSchema())
    @blp.response(200, CandidateWriteSchema)
    @blp.alt_response(412, description="If-Match names a stale version.")
    def patch(self, data, candidate_id):
        """Change some fields of a candidate profile"""
        candidate, write_status = candidates.update_candidate(
            current_actor(), candidate_id, data, request.headers.get("If-Match")
        )
        return _one(candidate, 200, write_status)

    @require_role(*CANDIDATE_ROLES)
    @blp.response(204)
    @blp.alt_response(412, description="If-Match names a stale version.")
    def delete(self, candidate_id):
        """Erase a candidate and everything derived from it (GDPR art. 17)"""
        candidates.erase_candidate(current_actor(), candidate_id, request.headers.get("If-Match"))
