from flask.views import MethodView

from api.auth import current_actor, require_role
from api.i18n import request_language
from api.openapi import rules_beyond_schema
from api.vacancies.schemas import LANGUAGE_KEY_RULE
from services import matches

from . import blp
from .schemas import (
    CandidateMatchesSchema,
    CandidateMatchQuerySchema,
    MatchEventPageSchema,
    MatchEventQuerySchema,
    PreviewInputSchema,
    PreviewMatchesSchema,
    VacancyMatchesSchema,
    VacancyMatchQuerySchema,
)
from .wiring import match_settings, rendered


@blp.route("/candidates/<int:candidate_id>/matches")
class CandidateMatches(MethodView):
    @require_role("coach", "integration", "admin")
    @blp.doc(**rules_beyond_schema("occupation is an ESCO occupation URI or id of the loaded vocabulary"))
    @blp.arguments(CandidateMatchQuerySchema, location="query")
    @blp.response(200, CandidateMatchesSchema)
    def get(self, params, candidate_id):
        """Rank open vacancies for one of your candidates, with explanations"""
        answer = matches.candidate_answer(current_actor(), candidate_id, params, request_language(), match_settings())
        return rendered(answer, CandidateMatchesSchema)


@blp.route("/vacancies/<int:vacancy_id>/matches")
class VacancyMatches(MethodView):
    @require_role("employer", "coach", "integration", "admin")
    @blp.arguments(VacancyMatchQuerySchema, location="query")
    @blp.response(200, VacancyMatchesSchema)
    def get(self, params, vacancy_id):
        """Rank candidates for a vacancy (employers: shared profiles, anonymised)"""
        return matches.rank_for_vacancy(current_actor(), vacancy_id, params, request_language(), match_settings())


@blp.route("/matches/preview")
class MatchPreview(MethodView):
    @require_role("coach", "integration", "admin")
    @blp.doc(**rules_beyond_schema(
        "occupation and skill URIs must be in the loaded ESCO vocabulary", f"in languages, {LANGUAGE_KEY_RULE}"
    ))
    @blp.arguments(PreviewInputSchema)
    @blp.arguments(CandidateMatchQuerySchema, location="query")
    @blp.response(200, PreviewMatchesSchema)
    def post(self, data, params):
        """Rank open vacancies for an unsaved profile (only the audit record is stored)"""
        return matches.preview(current_actor(), data, params, request_language(), match_settings())


@blp.route("/match-events")
class MatchEvents(MethodView):
    @require_role("coach", "integration")
    @blp.arguments(MatchEventQuerySchema, location="query")
    @blp.response(200, MatchEventPageSchema)
    def get(self, params):
        """New or changed matches for your candidates since a cursor"""
        return matches.list_match_events(current_actor(), params["since"], params["limit"], match_settings())
