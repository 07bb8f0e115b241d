"""Request and response schemas of the permit assessment and its reference data."""

from __future__ import annotations

import datetime as dt

import marshmallow as ma

from api.fields import StrictBool, StrictFloat, StrictInt, UtcDateTime
from api.pagination import MAX_EUR_AMOUNT, PageQuerySchema
from api.vacancies.schemas import (
    POSTCODE_PATTERN,
    PostcodeField,
    full_time_weekly_hours_field,
    weekly_hours_field,
)
from core.permits import (
    AUTHORITIES,
    COMPLETENESS,
    CONFIDENCE,
    LABEL_LANGUAGES,
    LAWFUL_STAY_TYPES,
    LIST_PURPOSES,
    LIST_STATUSES,
    MAPPING_CONFIDENCE,
    ROUTES,
    RULE_FIELDS,
    RULE_ROUTES,
    RuleField,
)
from core.residence import RESIDENCE_SITUATIONS
from core.vacancies import CONTRACT_TYPES, PAY_CATEGORIES, SALARY_PERIODS

EUR_RANGE = ma.validate.Range(min=0, max=MAX_EUR_AMOUNT)


def _raise(message: str):
    raise ma.ValidationError(message)


def _one_of(values):
    return ma.validate.OneOf(values, error="Must be one of: {choices}.")


# ------------------------------------------------------------------------------------------------
# Assessment
# ------------------------------------------------------------------------------------------------


class SalarySchema(ma.Schema):
    amount = StrictFloat(
        required=True,
        validate=ma.validate.Range(min=0, min_inclusive=False, max=MAX_EUR_AMOUNT),
        metadata={"description": "Gross amount in EUR."},
    )
    period = ma.fields.Str(required=True, validate=_one_of(SALARY_PERIODS))


class VacancyFactsSchema(ma.Schema):
    postcode = PostcodeField(
        required=True, metadata={"description": "Belgian postcode of the workplace.", "pattern": POSTCODE_PATTERN}
    )
    occupation_uri = ma.fields.Str(metadata={"description": "ESCO occupation URI."})
    title = ma.fields.Str(
        validate=ma.validate.Length(min=2, max=300),
        metadata={"description": "Job title; normalised to an ESCO occupation when no URI is given."},
    )
    salary = ma.fields.Nested(SalarySchema, allow_none=True)
    weekly_hours = weekly_hours_field()
    full_time_weekly_hours = full_time_weekly_hours_field()
    contract_type = ma.fields.Str(allow_none=True, validate=_one_of(CONTRACT_TYPES))
    duration_months = StrictInt(allow_none=True, validate=ma.validate.Range(min=1, max=600))
    pay_category = ma.fields.Str(allow_none=True, validate=_one_of(PAY_CATEGORIES))
    employer_in_belgium = StrictBool(allow_none=True)
    executive_post = StrictBool(
        allow_none=True,
        metadata={"description": "Is the job an executive post? Needed by the executive routes; null = not said."},
    )

    @ma.validates_schema
    def _occupation_given(self, data, **kwargs):
        if not data.get("occupation_uri") and not data.get("title"):
            raise ma.ValidationError("Give occupation_uri or title.", field_name="occupation_uri")


class CandidateFactsSchema(ma.Schema):
    eu_eea_swiss_citizen = StrictBool(allow_none=True)
    birth_year = StrictInt(
        allow_none=True, validate=ma.validate.Range(min=1900, max=dt.date.today().year)
    )
    education_eqf = StrictInt(
        allow_none=True,
        validate=ma.validate.Range(min=0, max=8),
        metadata={"description": "Highest EQF level (0 = none)."},
    )
    is_nurse = StrictBool(allow_none=True)
    is_teacher = StrictBool(allow_none=True)
    residence_situation = ma.fields.Str(allow_none=True, validate=_one_of(RESIDENCE_SITUATIONS))
    lawful_stay_type = ma.fields.Str(
        allow_none=True,
        validate=_one_of(LAWFUL_STAY_TYPES),
        metadata={
            "description": "Kind of lawful stay (residence_situation legal_residence_without_work_access); "
            "decides in-country filing."
        },
    )
    eu_long_term_resident = StrictBool(
        allow_none=True, metadata={"description": "EU long-term resident status in another member state."}
    )
    asylum_filed_on = ma.fields.Date(
        allow_none=True,
        validate=lambda day: day <= dt.date.today() or _raise("The asylum application cannot be filed in the future."),
        metadata={"description": "Date the asylum application was filed (asylum applicants); not in the future."},
    )


class AssessmentInputSchema(ma.Schema):
    as_of = ma.fields.Date(
        load_default=None, metadata={"description": "Date of the assessment; today by default."}
    )
    vacancy = ma.fields.Nested(VacancyFactsSchema, required=True)
    candidate = ma.fields.Nested(CandidateFactsSchema, allow_none=True, load_default=None)


class ConditionSchema(ma.Schema):
    id = ma.fields.Str()
    status = ma.fields.Str(metadata={"description": "met | not_met | unknown"})
    detail = ma.fields.Str(metadata={"description": "Sentence in the requested language."})
    source_url = ma.fields.Str()


class ChangeSchema(ma.Schema):
    condition = ma.fields.Str()
    change = ma.fields.Str()
    value = ma.fields.Dict()
    route = ma.fields.Str()


class RouteResultSchema(ma.Schema):
    route = ma.fields.Str(metadata={"description": "One of: " + ", ".join(ROUTES)})
    status = ma.fields.Str(metadata={"description": "eligible | conditional | not_eligible"})
    application_from = ma.fields.Str(metadata={"description": "in_belgium | abroad_only | unknown"})
    application_from_reason = ma.fields.Str()
    conditions = ma.fields.List(ma.fields.Nested(ConditionSchema))
    next_questions = ma.fields.List(ma.fields.Str())
    what_would_change = ma.fields.List(ma.fields.Nested(ChangeSchema))
    note = ma.fields.Str()
    lmt_detail = ma.fields.Str(
        metadata={"description": "The region's own labour-market-test procedure (routes with a labour-market test)."}
    )
    lmt_detail_language = ma.fields.Str(
        metadata={"description": "Language of lmt_detail: the requested one, or en when no translation is loaded."}
    )
    rule = ma.fields.Dict(
        metadata={
            "description": "The reference-data row applied (validity, note, note_language, sources). "
            "Notes are English research notes (note_language en)."
        }
    )


class AssessmentSchema(ma.Schema):
    vacancy_id = StrictInt()
    as_of = ma.fields.Str()
    authority = ma.fields.Str(metadata={"description": "flanders | brussels | wallonia | german_speaking"})
    occupation = ma.fields.Dict(
        metadata={"description": "The occupation assessed (when normalised from title)."}
    )
    verdict = ma.fields.Str(metadata={"description": "supportive | conditional | not_supportive"})
    best_route = ma.fields.Str(allow_none=True)
    routes = ma.fields.List(ma.fields.Nested(RouteResultSchema))
    what_would_change = ma.fields.List(ma.fields.Nested(ChangeSchema))
    reference_data = ma.fields.Dict()
    disclaimer = ma.fields.Str()


class AsOfQuerySchema(ma.Schema):
    as_of = ma.fields.Date(
        load_default=None, metadata={"description": "Date of the assessment; today by default."}
    )


# ------------------------------------------------------------------------------------------------
# Reference data (one schema for create and partial update: the service checks required fields,
# with the same rules as the CSV import)
# ------------------------------------------------------------------------------------------------


def _rule_field(field: RuleField) -> ma.fields.Field:
    """The API field of a rule column, from its facts in core.permits (the validator uses the same)."""
    options = {"metadata": {"description": field.description}} if field.description else {}
    if field.kind in ("number", "integer"):
        kind = StrictInt if field.kind == "integer" else StrictFloat
        return kind(allow_none=True, validate=ma.validate.Range(min=field.minimum, max=field.maximum), **options)
    if field.kind == "bool":
        return StrictBool(**options)
    if field.kind == "date":
        return ma.fields.Date(allow_none=field.nullable, **options)
    if field.kind == "choice":
        return ma.fields.Str(allow_none=field.nullable, validate=_one_of(field.choices), **options)
    return ma.fields.Str(**options)  # text, urls, comma-separated values, ISCO groups


PermitRuleSchema = type(
    "PermitRuleSchema",
    (ma.Schema,),
    {
        "__doc__": "A permit rule: one route of one authority over one validity period (fields: core.permits).",
        "id": StrictInt(dump_only=True),
        **{field.name: _rule_field(field) for field in RULE_FIELDS},
        "created_at": UtcDateTime(dump_only=True),
        "updated_at": UtcDateTime(dump_only=True),
    },
)


class RuleQuerySchema(PageQuerySchema):
    authority = ma.fields.Str(validate=_one_of(AUTHORITIES))
    route = ma.fields.Str(validate=_one_of(RULE_ROUTES))
    as_of = ma.fields.Date(metadata={"description": "Only rules in force on this date."})


class RetireSchema(ma.Schema):
    valid_to = ma.fields.Date(
        required=True, metadata={"description": "Last day (inclusive) the row applies."}
    )


class ShortageListSchema(ma.Schema):
    id = StrictInt(dump_only=True)
    authority = ma.fields.Str(validate=_one_of(AUTHORITIES))
    name = ma.fields.Str(validate=ma.validate.Length(min=1, max=300))
    purpose = ma.fields.Str(validate=_one_of(LIST_PURPOSES))
    status = ma.fields.Str(
        validate=_one_of(LIST_STATUSES),
        metadata={"description": "in_force, or draft (never used for assessments)."},
    )
    valid_from = ma.fields.Date(allow_none=True)
    valid_to = ma.fields.Date(allow_none=True)
    completeness = ma.fields.Str(
        validate=_one_of(COMPLETENESS),
        metadata={
            "description": "partial: an occupation not among the entries gives 'unknown', never 'not_met'."
        },
    )
    known_size = StrictInt(
        allow_none=True,
        validate=ma.validate.Range(min=0, max=100_000),
        metadata={"description": "Number of functions the source says the list has."},
    )
    confidence = ma.fields.Str(
        validate=_one_of(CONFIDENCE),
        metadata={"description": "Reliability of the list's source: high, medium or low (single secondary source)."},
    )
    source_url = ma.fields.Str()
    note = ma.fields.Str()
    name_nl = ma.fields.Str(metadata={"description": "The list's name in Dutch (when `name` is not)."})
    name_fr = ma.fields.Str(metadata={"description": "The list's name in French (when `name` is not)."})
    entry_count = StrictInt(dump_only=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class ShortageListQuerySchema(PageQuerySchema):
    authority = ma.fields.Str(validate=_one_of(AUTHORITIES))
    purpose = ma.fields.Str(validate=_one_of(LIST_PURPOSES))
    status = ma.fields.Str(validate=_one_of(LIST_STATUSES))
    as_of = ma.fields.Date(metadata={"description": "Only lists in force on this date."})


class ShortageListEntrySchema(ma.Schema):
    id = StrictInt(dump_only=True)
    shortage_list_id = StrictInt(dump_only=True)
    official_label = ma.fields.Str(validate=ma.validate.Length(min=1, max=500))
    label_language = ma.fields.Str(validate=_one_of(LABEL_LANGUAGES))
    esco_uris = ma.fields.List(ma.fields.Str(), metadata={"description": "Mapped ESCO occupation URIs."})
    esco_preferred_labels_en = ma.fields.List(ma.fields.Str())
    isco08_code = ma.fields.Str(allow_none=True)
    mapping_confidence = ma.fields.Str(validate=_one_of(MAPPING_CONFIDENCE))
    source_url = ma.fields.Str()
    note = ma.fields.Str()
    valid_from = ma.fields.Date(
        allow_none=True,
        metadata={"description": "Dated membership: first day on the list (null = the list's start)."},
    )
    valid_to = ma.fields.Date(
        allow_none=True,
        metadata={"description": "Last day on the list, inclusive (null = the list's end); a removal."},
    )
