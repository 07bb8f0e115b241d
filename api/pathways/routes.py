from flask.views import MethodView

from api.auth import require_role
from api.i18n import request_language
from api.openapi import rules_beyond_schema

from services import pathways as service

from . import blp
from .schemas import CandidatePathwaysSchema, OverviewQuerySchema, OverviewSchema, PathwayQuerySchema


@blp.route("/candidates/<int:candidate_id>/pathways")
class CandidatePathways(MethodView):
    @require_role("coach", "integration", "admin")
    @blp.arguments(PathwayQuerySchema, location="query")
    @blp.response(200, CandidatePathwaysSchema)
    def get(self, params, candidate_id):
        """Shortage occupations within reach of one of your candidates, with gaps and permit outlook"""
        return service.pathways_for_candidate(candidate_id, params, request_language())


@blp.route("/pathways/overview")
class PathwaysOverview(MethodView):
    @require_role("coach", "integration", "admin")
    @blp.doc(**rules_beyond_schema("organisation may be given by administrators only"))
    @blp.arguments(OverviewQuerySchema, location="query")
    @blp.response(200, OverviewSchema)
    def get(self, params):
        """Per region and shortage occupation: how many of your candidates have it within reach, common gaps"""
        return service.organisation_overview(params, request_language())
