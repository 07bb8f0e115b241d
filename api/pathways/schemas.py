"""Pathways request and response schemas (every field documented in the OpenAPI document)."""

from __future__ import annotations

import marshmallow as ma

from api.pagination import PageQuerySchema
from api.vacancies.schemas import one_of
from core.matching import PATHWAY_COMPONENTS as COMPONENTS
from core.permits import LIST_PURPOSES
from core.regions import REGIONS

MAX_LIMIT = 50
VERDICTS = ("supportive", "conditional", "not_supportive", "unknown")
SMALL_COUNT = {
    "oneOf": [{"type": "integer", "minimum": 5}, {"type": "string", "enum": ["< 5"]}],
    "description": "A count of people; under 5 it is shown as the text \"< 5\" so that nobody can be singled out.",
}


class SmallCount(ma.fields.Field):
    """An integer of at least 5, or the text "< 5" (already suppressed by the service)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value


def _regions_field(description: str):
    return ma.fields.List(
        ma.fields.Str(validate=one_of(REGIONS, "region")),
        load_default=list,
        metadata={"description": description + " Repeat the parameter for several regions."},
    )


_AS_OF = {"description": "Day the shortage lists and permit rules are read for; default today."}


class PathwayQuerySchema(ma.Schema):
    region = _regions_field("Regions to look in; default the candidate's preferred regions, else all four.")
    as_of = ma.fields.Date(load_default=None, metadata=_AS_OF)
    limit = ma.fields.Int(
        load_default=20,
        validate=ma.validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Pathways returned, 1 to {MAX_LIMIT}."},
    )


class OverviewQuerySchema(PageQuerySchema):
    region = _regions_field("Regions to count; default all four.")
    as_of = ma.fields.Date(load_default=None, metadata=_AS_OF)
    organisation = ma.fields.Int(
        load_default=None,
        validate=ma.validate.Range(min=1),
        metadata={"description": "Administrators only: the organisation whose candidates are counted."},
    )


class PathwayOccupationRefSchema(ma.Schema):
    id = ma.fields.Int(metadata={"description": "Internal occupation id."})
    uri = ma.fields.Str(metadata={"description": "ESCO occupation URI."})
    isco_code = ma.fields.Str(allow_none=True, metadata={"description": "ISCO-08 unit group."})
    label = ma.fields.Str(allow_none=True, metadata={"description": "Preferred label in the response language."})


class PathwayListReasonSchema(ma.Schema):
    name = ma.fields.Str(metadata={"description": "Name of the shortage list."})
    kind = ma.fields.Str(
        metadata={
            "description": "Kind of list: `labour_market` (an employment service's general list: a demand "
            "signal, never a permit waiver), `medium_skilled` or `permit_waiver` (permit lists), "
            "`vdab_knelpuntberoepen`.",
            "enum": list(LIST_PURPOSES),
        }
    )
    authority = ma.fields.Str(metadata={"description": "Region of the list."})
    valid_from = ma.fields.Date(allow_none=True)
    valid_to = ma.fields.Date(allow_none=True, metadata={"description": "Inclusive; null = open-ended."})
    completeness = ma.fields.Str(
        metadata={"description": "`partial`: only part of the list is known, it may hold more occupations.",
                  "enum": ["complete", "partial"]}
    )
    confidence = ma.fields.Str(
        metadata={"description": "How far the list's source can be trusted.", "enum": ["high", "medium", "low"]}
    )
    source_url = ma.fields.Str()


class PathwayEvidenceSchema(ma.Schema):
    open_vacancies = ma.fields.Int(metadata={"description": "Open vacancies of the occupation in the region now."})
    lists = ma.fields.List(
        ma.fields.Nested(PathwayListReasonSchema),
        metadata={"description": "Shortage lists in force at as_of in the region that name the occupation."},
    )
    partial_lists_not_naming = ma.fields.List(
        ma.fields.Nested(PathwayListReasonSchema),
        metadata={"description": "Partial lists in force in the region whose known entries do not name it: "
                  "they may still hold it."},
    )


ComponentsSchema = ma.Schema.from_dict(
    {
        name: ma.fields.Float(allow_none=True, metadata={"description": "0-100; null when it does not apply."})
        for name in COMPONENTS
    },
    name="PathwayComponentsSchema",
)


class PathwaySkillRefSchema(ma.Schema):
    skill_id = ma.fields.Int()
    uri = ma.fields.Str(allow_none=True, metadata={"description": "ESCO skill URI."})
    label = ma.fields.Str(allow_none=True, metadata={"description": "Preferred label in the response language."})


class PathwayProximitySchema(ma.Schema):
    kind = ma.fields.Str(
        metadata={
            "enum": ["same_occupation", "same_isco_unit_group", "same_isco_minor_group",
                     "same_isco_sub_major_group", "shared_essential_skills", "none"],
            "description": "How the closest past job relates to the occupation.",
        }
    )
    past_occupation_id = ma.fields.Int(allow_none=True)
    past_occupation_label = ma.fields.Str(allow_none=True)


class PathwaySkillsFitSchema(ma.Schema):
    matched_essential = ma.fields.List(ma.fields.Nested(PathwaySkillRefSchema))
    missing_essential = ma.fields.List(ma.fields.Nested(PathwaySkillRefSchema))
    essential_total = ma.fields.Int()
    optional_held = ma.fields.Int()
    optional_total = ma.fields.Int()


class PathwayLanguageFitSchema(ma.Schema):
    lang = ma.fields.Str(metadata={"description": "The region's working language that serves the person best."})
    have = ma.fields.Str(allow_none=True, metadata={"description": "The person's CEFR level (null: none)."})
    need = ma.fields.Str(allow_none=True, metadata={"description": "CEFR level needed."})
    levels_short = ma.fields.Int()
    need_source = ma.fields.Str(
        metadata={"enum": ["vacancies", "default"],
                  "description": "`vacancies`: the median level open vacancies state; `default`: too few state one."}
    )
    vacancies_stating = ma.fields.Int()


class PathwayEducationFitSchema(ma.Schema):
    have = ma.fields.Int(allow_none=True, metadata={"description": "The person's EQF level."})
    need = ma.fields.Int(allow_none=True, metadata={"description": "EQF level needed (null: not known)."})
    need_source = ma.fields.Str(metadata={"enum": ["vacancies", "permit_route", "unknown"]})


class PathwayRecognitionSchema(ma.Schema):
    status = ma.fields.Str(metadata={"enum": ["recognised", "pending", "not_recognised", "unknown"]})
    applies = ma.fields.Bool(metadata={"description": "Whether the pathway needs a diploma (EQF 3 or more)."})


class PathwaySalaryBasisSchema(ma.Schema):
    basis = ma.fields.Str(metadata={"enum": ["median_of_open_vacancies"]})
    median_annual_eur = ma.fields.Float(
        allow_none=True, metadata={"description": "The MEDIAN gross annual salary of the open vacancies that state "
                                   "one; null when fewer than min_vacancies do."}
    )
    vacancies_with_salary = ma.fields.Int(metadata={"description": "How many vacancies the median rests on."})
    min_vacancies = ma.fields.Int(metadata={"description": "Vacancies with a salary needed for an outlook."})


class PathwayPermitOutlookSchema(ma.Schema):
    verdict = ma.fields.Str(metadata={"enum": list(VERDICTS)})
    best_route = ma.fields.Str(allow_none=True)
    salary = ma.fields.Nested(PathwaySalaryBasisSchema)
    sentence = ma.fields.Str()


class PathwayPermitAfterSchema(ma.Schema):
    verdict = ma.fields.Str(metadata={"enum": list(VERDICTS)})
    best_route = ma.fields.Str(allow_none=True)
    changes = ma.fields.Bool(metadata={"description": "Whether closing the gap changes the permit outlook."})


class PathwayGapSchema(ma.Schema):
    kind = ma.fields.Str(metadata={"enum": ["skills", "language", "education", "recognition"]})
    sentence = ma.fields.Str(metadata={"description": "The step, in the response language."})
    skills = ma.fields.List(
        ma.fields.Nested(PathwaySkillRefSchema), metadata={"description": "kind skills: the missing essential skills."}
    )
    lang = ma.fields.Str(metadata={"description": "kind language."})
    have = ma.fields.Raw(allow_none=True, metadata={"description": "kind language (CEFR level), education (EQF), "
                                                    "null when none.", "oneOf": [{"type": "string"},
                                                                                 {"type": "integer"}]})
    need = ma.fields.Raw(metadata={"description": "kind language (CEFR level) or education (EQF).",
                                   "oneOf": [{"type": "string"}, {"type": "integer"}]})
    status = ma.fields.Str(metadata={"description": "kind recognition: the diploma's status now."})
    reach_after = ma.fields.Float(metadata={"description": "Reach once this gap is closed."})
    permit_after = ma.fields.Nested(PathwayPermitAfterSchema)


class PathwaySchema(ma.Schema):
    occupation = ma.fields.Nested(PathwayOccupationRefSchema)
    region = ma.fields.Str(metadata={"enum": list(REGIONS)})
    reach = ma.fields.Float(metadata={"description": "Reach score 0-100 (see docs/pathways.md)."})
    components = ma.fields.Nested(ComponentsSchema)
    evidence = ma.fields.Nested(PathwayEvidenceSchema)
    proximity = ma.fields.Nested(PathwayProximitySchema)
    skills = ma.fields.Nested(PathwaySkillsFitSchema)
    language = ma.fields.Nested(PathwayLanguageFitSchema)
    education = ma.fields.Nested(PathwayEducationFitSchema)
    recognition = ma.fields.Nested(PathwayRecognitionSchema)
    gaps = ma.fields.List(ma.fields.Nested(PathwayGapSchema))
    permit_outlook = ma.fields.Nested(PathwayPermitOutlookSchema, allow_none=True)
    explanation = ma.fields.List(ma.fields.Str(), metadata={"description": "Sentences explaining the reach."})


class CandidatePathwaysSchema(ma.Schema):
    candidate_id = ma.fields.Int()
    engine_version = ma.fields.Str()
    vocabulary_version = ma.fields.Str()
    as_of = ma.fields.Date()
    language = ma.fields.Str()
    regions = ma.fields.List(ma.fields.Str())
    limit = ma.fields.Int()
    items = ma.fields.List(ma.fields.Nested(PathwaySchema),
                           metadata={"description": "Best first: reach, then open vacancies, then lists naming "
                                     "the occupation, then the occupation's label."})


class OverviewSkillGapSchema(PathwaySkillRefSchema):
    people = SmallCount(metadata=SMALL_COUNT)


class OverviewLanguageGapSchema(ma.Schema):
    lang = ma.fields.Str()
    need = ma.fields.Str(metadata={"description": "CEFR level needed."})
    people = SmallCount(metadata=SMALL_COUNT)


class OverviewItemSchema(ma.Schema):
    occupation = ma.fields.Nested(PathwayOccupationRefSchema)
    region = ma.fields.Str(metadata={"enum": list(REGIONS)})
    open_vacancies = ma.fields.Int()
    lists = ma.fields.List(ma.fields.Str(), metadata={"description": "Lists in force that name the occupation."})
    list_kinds = ma.fields.List(ma.fields.Str(), metadata={"description": "Their kinds (see PathwayListReason.kind)."})
    within_reach = SmallCount(metadata=SMALL_COUNT)
    top_skill_gaps = ma.fields.List(ma.fields.Nested(OverviewSkillGapSchema))
    language_gaps = ma.fields.List(ma.fields.Nested(OverviewLanguageGapSchema))


class OverviewSchema(ma.Schema):
    engine_version = ma.fields.Str()
    as_of = ma.fields.Date()
    language = ma.fields.Str()
    regions = ma.fields.List(ma.fields.Str())
    reach_threshold = ma.fields.Float(metadata={"description": "Reach from which a candidate counts as within reach."})
    candidates_counted = SmallCount(metadata=SMALL_COUNT)
    items = ma.fields.List(ma.fields.Nested(OverviewItemSchema))
    page = ma.fields.Int()
    page_size = ma.fields.Int()
    total = ma.fields.Int()
    total_pages = ma.fields.Int()
