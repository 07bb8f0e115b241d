from flask import current_app
from flask.views import MethodView

from api.auth import current_actor, require_role
from api.i18n import request_language
from api.openapi import rules_beyond_schema
from services import pathways

from . import blp
from .schemas import CandidatePathwaysSchema, OverviewQuerySchema, OverviewSchema, PathwayQuerySchema


@blp.route("/candidates/<int:candidate_id>/pathways")
class CandidatePathways(MethodView):
    @require_role("coach", "integration", "admin")
    @blp.arguments(PathwayQuerySchema, location="query")
    @blp.response(200, CandidatePathwaysSchema)
    def get(self, params, candidate_id):
        """Shortage occupations within reach of one of your candidates, with gaps and permit outlook"""
        return pathways.pathways_for_candidate(current_actor(), candidate_id, params, request_language(), _max_lag())


@blp.route("/pathways/overview")
class PathwaysOverview(MethodView):
    @require_role("coach", "integration", "admin")
    @blp.doc(**rules_beyond_schema("organisation may be given by administrators only"))
    @blp.arguments(OverviewQuerySchema, location="query")
    @blp.response(200, OverviewSchema)
    def get(self, params):
        """Per region and shortage occupation: how many of your candidates have it within reach, common gaps"""
        return pathways.organisation_overview(current_actor(), params, request_language(), _max_lag())


def _max_lag() -> float:
    return current_app.config.get("PATHWAYS_DEMAND_MAX_LAG", pathways.DEMAND_MAX_LAG_SECONDS)
