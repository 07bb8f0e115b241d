"""Match request and response schemas."""

from __future__ import annotations

import marshmallow as ma
from webargs.fields import DelimitedList

from api.fields import StrictFloat, StrictInt, UtcDateTime
from api.pagination import MAX_PAGE, id_field
from api.vacancies.schemas import languages_field, one_of
from core.candidates import DIPLOMA_RECOGNITION
from core.matching import MATCH_COMPONENTS as COMPONENTS
from core.regions import REGIONS

PERMIT_VERDICTS = ("supportive", "conditional", "not_supportive")
MAX_LIMIT = 100
MAX_OFFSET = MAX_PAGE * MAX_LIMIT


class MatchWindowQuerySchema(ma.Schema):
    limit = ma.fields.Int(
        load_default=20,
        validate=ma.validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Results per page, 1 to {MAX_LIMIT}."},
    )
    offset = ma.fields.Int(
        load_default=None,
        validate=ma.validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "Results to skip, counted from the start of `page` (1 by default)."},
    )
    page = ma.fields.Int(
        load_default=None,
        validate=ma.validate.Range(min=1, max=MAX_PAGE),
        metadata={"description": "Page number from 1, of `limit` results; `offset` is added to its start."},
    )
    min_score = ma.fields.Float(
        load_default=None,
        validate=ma.validate.Range(min=0, max=100),
        metadata={"description": "Only results scoring at least this (0-100)."},
    )
    as_of = ma.fields.Date(
        load_default=None,
        metadata={"description": "Day the match is computed for (availability, permit rules); default today."},
    )


class CandidateMatchQuerySchema(MatchWindowQuerySchema):
    region = DelimitedList(
        ma.fields.Str(validate=one_of(REGIONS, "region")),
        load_default=list,
        metadata={"description": "Only vacancies in these regions (comma-separated)."},
    )
    sponsors_permit = ma.fields.Bool(
        load_default=None,
        metadata={"description": "Only vacancies whose employer does (true) or does not (false) sponsor a permit."},
    )
    shortage_only = ma.fields.Bool(
        load_default=False,
        metadata={"description": "Only vacancies whose occupation is on a shortage list of their region."},
    )
    permit_verdict = ma.fields.Str(
        load_default=None,
        validate=one_of(PERMIT_VERDICTS, "permit verdict"),
        metadata={"description": "Only vacancies with this permit verdict for this candidate."},
    )
    occupation = ma.fields.Str(
        load_default=None,
        validate=ma.validate.Length(max=255),
        metadata={"description": "Only vacancies of this ESCO occupation (URI or id)."},
    )


class VacancyMatchQuerySchema(MatchWindowQuerySchema):
    pass


class PreviewSkillSchema(ma.Schema):
    uri = ma.fields.Str(
        load_default=None, validate=ma.validate.Length(max=255), metadata={"description": "ESCO skill URI."}
    )
    text = ma.fields.Str(
        load_default="",
        validate=ma.validate.Length(max=300),
        metadata={"description": "Free text, normalised to ESCO when confident, else compared as text."},
    )


class PreviewExperienceSchema(ma.Schema):
    title = ma.fields.Str(load_default="", validate=ma.validate.Length(max=300))
    occupation_uri = ma.fields.Str(load_default=None, validate=ma.validate.Length(max=255))
    years = StrictFloat(load_default=None, allow_none=True, validate=ma.validate.Range(min=0, max=50))


class PreviewInputSchema(ma.Schema):
    """An unsaved profile. It has no field for identity, nationality, sex, age, origin or residence."""

    skills = ma.fields.List(
        ma.fields.Nested(PreviewSkillSchema), load_default=list, validate=ma.validate.Length(max=200)
    )
    experiences = ma.fields.List(
        ma.fields.Nested(PreviewExperienceSchema), load_default=list, validate=ma.validate.Length(max=50)
    )
    languages = languages_field("Languages and CEFR levels.")
    education_eqf = StrictInt(load_default=None, allow_none=True, validate=ma.validate.Range(min=0, max=8))
    diploma_recognition = ma.fields.Str(
        load_default="unknown", validate=one_of(DIPLOMA_RECOGNITION, "diploma recognition")
    )
    preferred_regions = ma.fields.List(ma.fields.Str(validate=one_of(REGIONS, "region")), load_default=list)
    available_from = ma.fields.Date(load_default=None, allow_none=True)


class MatchSkillSchema(ma.Schema):
    skill_id = ma.fields.Int()
    uri = ma.fields.Str(allow_none=True)
    label = ma.fields.Str(allow_none=True)


class MatchLanguageGapSchema(ma.Schema):
    lang = ma.fields.Str()
    required = ma.fields.Str()
    have = ma.fields.Str(allow_none=True, metadata={"description": "null: not in the profile."})


class MatchOccupationSchema(ma.Schema):
    id = ma.fields.Int()
    uri = ma.fields.Str(allow_none=True)
    label = ma.fields.Str(allow_none=True)


class MatchPermitSummarySchema(ma.Schema):
    verdict = ma.fields.Str(metadata={"description": "supportive | conditional | not_supportive"})
    best_route = ma.fields.Str(allow_none=True)


ComponentsSchema = ma.Schema.from_dict(
    {name: ma.fields.Float(allow_none=True) for name in COMPONENTS}, name="MatchComponentsSchema"
)


class MatchBodySchema(ma.Schema):
    score = ma.fields.Float(metadata={"description": "0-100: the weighted sum of the components."})
    components = ma.fields.Nested(
        ComponentsSchema,
        metadata={"description": "Each component 0-100; null when it does not apply (see docs/matching.md)."},
    )
    matched_skills = ma.fields.List(ma.fields.Nested(MatchSkillSchema))
    missing_essential_skills = ma.fields.List(ma.fields.Nested(MatchSkillSchema))
    language_gaps = ma.fields.List(ma.fields.Nested(MatchLanguageGapSchema))
    explanation = ma.fields.List(ma.fields.Str(), metadata={"description": "Sentences in the Accept-Language."})


class VacancyMatchSchema(MatchBodySchema):
    vacancy_id = ma.fields.Int()
    title = ma.fields.Str()
    region = ma.fields.Str()
    postcode = ma.fields.Str()
    occupation = ma.fields.Nested(MatchOccupationSchema, allow_none=True)
    start_date = ma.fields.Date(allow_none=True)
    sponsors_permit = ma.fields.Bool()
    permit = ma.fields.Nested(MatchPermitSummarySchema, allow_none=True)


class RankingMetaSchema(ma.Schema):
    engine_version = ma.fields.Str()
    vocabulary_version = ma.fields.Str()
    as_of = ma.fields.Date()
    language = ma.fields.Str()
    limit = ma.fields.Int()
    offset = ma.fields.Int()
    total = ma.fields.Int(
        allow_none=True,
        metadata={"description": "Results over all pages; null with permit filters (found by walking the ranking)."},
    )


class CandidateMatchesSchema(RankingMetaSchema):
    candidate_id = ma.fields.Int()
    items = ma.fields.List(ma.fields.Nested(VacancyMatchSchema))
    scan_truncated = ma.fields.Bool(
        metadata={"description": "With permit filters: the walk stopped at its cap before filling the page."}
    )


class PreviewMatchesSchema(CandidateMatchesSchema):
    normalised_skills = ma.fields.List(
        ma.fields.Dict(), metadata={"description": "Free-text skills mapped to ESCO, with the confidence."}
    )
    unmatched_skill_texts = ma.fields.List(
        ma.fields.Str(),
        metadata={"description": "Free-text skills kept as text (used by the text-similarity component)."},
    )


class CandidateMatchItemSchema(MatchBodySchema):
    candidate_id = ma.fields.Int(metadata={"description": "Coaches and admins only."})
    external_id = ma.fields.Str(allow_none=True, metadata={"description": "Coaches and admins only."})
    reference = ma.fields.Str(
        metadata={"description": "Coaches: your reference. Employers: an opaque reference valid for this vacancy only."}
    )
    skills = ma.fields.List(ma.fields.Nested(MatchSkillSchema), metadata={"description": "Employers only."})
    languages = ma.fields.Dict(metadata={"description": "Employers only."})
    permit = ma.fields.Nested(
        MatchPermitSummarySchema,
        allow_none=True,
        metadata={"description": "Coaches and admins only: the permit verdict with this candidate's facts."},
    )


class VacancyMatchesSchema(RankingMetaSchema):
    vacancy_id = ma.fields.Int()
    items = ma.fields.List(ma.fields.Nested(CandidateMatchItemSchema))
    index_size = ma.fields.Int()


class MatchEventQuerySchema(ma.Schema):
    since = id_field(
        0,
        load_default=0,
        metadata={"description": "Cursor: the `next_cursor` of the previous page (0 = start)."},
    )
    limit = ma.fields.Int(load_default=100, validate=ma.validate.Range(min=1, max=500))


class MatchEventSchema(ma.Schema):
    event_id = ma.fields.Int()
    kind = ma.fields.Str(metadata={"description": "new | changed"})
    reason = ma.fields.Str(
        metadata={"description": "first_poll | new_vacancy | vacancy_changed | candidate_changed | rescored"}
    )
    candidate_id = ma.fields.Int()
    candidate_external_id = ma.fields.Str(allow_none=True)
    candidate_reference = ma.fields.Str()
    vacancy_id = ma.fields.Int()
    vacancy_title = ma.fields.Str()
    score = ma.fields.Float()
    previous_score = ma.fields.Float(allow_none=True)
    engine_version = ma.fields.Str()
    created_at = UtcDateTime()


class MatchEventPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(MatchEventSchema))
    next_cursor = ma.fields.Int()
    has_more = ma.fields.Bool()
