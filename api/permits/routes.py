import datetime as dt

from flask.views import MethodView

from api.answers import RenderedAnswers, request_key
from api.auth import current_actor, require_role
from api.i18n import request_language
from api.openapi import POSTCODE_RULE, rules_beyond_schema
from api.pagination import PageQuerySchema, page_schema, paginate
from models.errors import ValidationFailed
from services import permits as service

from . import blp
from .schemas import (
    AsOfQuerySchema,
    AssessmentInputSchema,
    AssessmentSchema,
    PermitRuleSchema,
    RetireSchema,
    RuleQuerySchema,
    ShortageListEntrySchema,
    ShortageListQuerySchema,
    ShortageListSchema,
)

ADMIN = ("admin",)

# What the service checks beyond the schemas (the same rules as the CSV import).
RULE_RULES = rules_beyond_schema(
    "a new rule needs authority, route, valid_from, threshold_status and at least one source URL",
    "threshold_unit is required when threshold_status is known",
    "reduced_for says who gets a reduced_threshold_amount",
    "valid_to is not before valid_from",
    "validity must not overlap another rule of the same authority and route (409)",
)
LIST_RULES = rules_beyond_schema(
    "a new list needs authority, name, purpose and a source URL",
    "a list in force needs valid_from (ship it as status draft otherwise)",
    "validity must not overlap a list of the same authority and purpose (409)",
)
ENTRY_RULES = rules_beyond_schema("an entry needs official_label; ESCO URIs must be in the loaded vocabulary")
RETIRE_RULES = rules_beyond_schema("valid_to is not before the valid_from of the rule or list")


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


_assessment_answers = RenderedAnswers("permit_assessment_answers", ("permit_reference", "vocabulary"),
                                      AssessmentSchema())


@blp.route("/permit-assessments")
class PermitAssessments(MethodView):
    @require_role()
    @blp.doc(**rules_beyond_schema(
        f"vacancy.{POSTCODE_RULE}",
        "the vacancy needs occupation_uri or a title in which an ESCO occupation is recognised",
        "occupation_uri must be in the loaded ESCO vocabulary",
        "asylum_filed_on is not in the future",
    ))
    @blp.arguments(AssessmentInputSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, data):
        """Assess the work-authorisation routes of a job (and optionally a candidate); stores nothing"""
        lang, as_of = request_language(), data.get("as_of") or _today()
        # The answer is a function of the facts, the date, the language, the permit reference data
        # and the vocabulary: a repeated assessment is served as answered while both stay put.
        key = (request_key(data), as_of, lang)
        return _assessment_answers.respond(
            key,
            lambda: service.assess_request(data["vacancy"], data.get("candidate"), as_of, lang),
        )


@blp.route("/vacancies/<int:vacancy_id>/permit-assessment")
class VacancyPermitAssessment(MethodView):
    @require_role()
    @blp.arguments(AsOfQuerySchema, location="query")
    @blp.response(200, AssessmentSchema)
    def get(self, args, vacancy_id):
        """Assess the work-authorisation routes of a vacancy you may see"""
        from services.vacancies import get_visible_vacancy

        vacancy = get_visible_vacancy(current_actor(), vacancy_id)
        return service.assess_vacancy(vacancy, args.get("as_of") or _today(), request_language())


# --- permit rules ---------------------------------------------------------------------------------


@blp.route("/permit-rules")
class PermitRules(MethodView):
    @require_role()
    @blp.arguments(RuleQuerySchema, location="query")
    @blp.response(200, page_schema(PermitRuleSchema))
    def get(self, args):
        """List permit rules (filter by authority, route, date in force)"""
        page, page_size = args.pop("page"), args.pop("page_size")
        return paginate(service.list_rules(args), page, page_size)

    @require_role(*ADMIN)
    @blp.doc(**RULE_RULES)
    @blp.arguments(PermitRuleSchema)
    @blp.response(201, PermitRuleSchema)
    @blp.alt_response(409, description="The validity overlaps another rule of the same authority and route.")
    def post(self, data):
        """Create a permit rule (admin)"""
        return service.create_rule(data)


@blp.route("/permit-rules/<int:rule_id>")
class PermitRuleById(MethodView):
    @require_role()
    @blp.response(200, PermitRuleSchema)
    def get(self, rule_id):
        """Get one permit rule"""
        return service.get_rule(rule_id)

    @require_role(*ADMIN)
    @blp.doc(**RULE_RULES)
    @blp.arguments(PermitRuleSchema)
    @blp.response(200, PermitRuleSchema)
    @blp.alt_response(
        409, description="The new validity overlaps another rule of the same authority and route."
    )
    def patch(self, data, rule_id):
        """Change fields of a permit rule (admin)"""
        if not data:
            raise ValidationFailed("Send at least one field to change.")
        return service.update_rule(rule_id, data)


@blp.route("/permit-rules/<int:rule_id>/retire")
class PermitRuleRetire(MethodView):
    @require_role(*ADMIN)
    @blp.doc(**RETIRE_RULES)
    @blp.arguments(RetireSchema)
    @blp.response(200, PermitRuleSchema)
    def post(self, data, rule_id):
        """Retire a permit rule: set the last day it applies (admin)"""
        return service.retire_rule(rule_id, data["valid_to"])


# --- shortage lists -------------------------------------------------------------------------------


@blp.route("/shortage-lists")
class ShortageLists(MethodView):
    @require_role()
    @blp.arguments(ShortageListQuerySchema, location="query")
    @blp.response(200, page_schema(ShortageListSchema))
    def get(self, args):
        """List shortage-occupation lists (filter by authority, purpose, status, date in force)"""
        page, page_size = args.pop("page"), args.pop("page_size")
        result = paginate(service.list_shortage_lists(args), page, page_size)
        result["items"] = service.serialise_lists(result["items"])
        return result

    @require_role(*ADMIN)
    @blp.doc(**LIST_RULES)
    @blp.arguments(ShortageListSchema)
    @blp.response(201, ShortageListSchema)
    @blp.alt_response(
        409, description="Same name, or validity overlapping a list of the same authority and purpose."
    )
    def post(self, data):
        """Create a shortage-occupation list (admin)"""
        return service.serialise_lists([service.create_shortage_list(data)])[0]


@blp.route("/shortage-lists/<int:list_id>")
class ShortageListById(MethodView):
    @require_role()
    @blp.response(200, ShortageListSchema)
    def get(self, list_id):
        """Get one shortage-occupation list"""
        return service.serialise_lists([service.get_shortage_list(list_id)])[0]

    @require_role(*ADMIN)
    @blp.doc(**LIST_RULES)
    @blp.arguments(ShortageListSchema)
    @blp.response(200, ShortageListSchema)
    @blp.alt_response(
        409, description="Same name, or validity overlapping a list of the same authority and purpose."
    )
    def patch(self, data, list_id):
        """Change fields of a shortage-occupation list (admin)"""
        if not data:
            raise ValidationFailed("Send at least one field to change.")
        return service.serialise_lists([service.update_shortage_list(list_id, data)])[0]


@blp.route("/shortage-lists/<int:list_id>/retire")
class ShortageListRetire(MethodView):
    @require_role(*ADMIN)
    @blp.doc(**RETIRE_RULES)
    @blp.arguments(RetireSchema)
    @blp.response(200, ShortageListSchema)
    def post(self, data, list_id):
        """Retire a shortage-occupation list: set the last day it applies (admin)"""
        return service.serialise_lists([service.retire_shortage_list(list_id, data["valid_to"])])[0]


@blp.route("/shortage-lists/<int:list_id>/entries")
class ShortageListEntries(MethodView):
    @require_role()
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_schema(ShortageListEntrySchema))
    def get(self, args, list_id):
        """List the entries of a shortage-occupation list"""
        result = paginate(service.list_entries(list_id), args["page"], args["page_size"])
        result["items"] = [service.serialise_entry(e) for e in result["items"]]
        return result

    @require_role(*ADMIN)
    @blp.doc(**ENTRY_RULES)
    @blp.arguments(ShortageListEntrySchema)
    @blp.response(201, ShortageListEntrySchema)
    def post(self, data, list_id):
        """Add an entry to a shortage-occupation list (admin)"""
        return service.serialise_entry(service.create_entry(list_id, data))


@blp.route("/shortage-lists/<int:list_id>/entries/<int:entry_id>")
class ShortageListEntryById(MethodView):
    @require_role()
    @blp.response(200, ShortageListEntrySchema)
    def get(self, list_id, entry_id):
        """Get one entry of a shortage-occupation list"""
        return service.serialise_entry(service.get_entry(list_id, entry_id))

    @require_role(*ADMIN)
    @blp.doc(**ENTRY_RULES)
    @blp.arguments(ShortageListEntrySchema)
    @blp.response(200, ShortageListEntrySchema)
    def patch(self, data, list_id, entry_id):
        """Change fields of a shortage-list entry (admin)"""
        if not data:
            raise ValidationFailed("Send at least one field to change.")
        return service.serialise_entry(service.update_entry(list_id, entry_id, data))

    @require_role(*ADMIN)
    @blp.response(204)
    def delete(self, list_id, entry_id):
        """Remove an entry from a shortage-occupation list (admin)"""
        service.delete_entry(list_id, entry_id)
