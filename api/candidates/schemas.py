"""Candidate request and response schemas. No name or contact fields exist, by design."""

from __future__ import annotations

import datetime as dt

import marshmallow as ma

from api.common_schemas import PatchMixin, SkillRefField, external_id_field, languages_field, one_of
from api.fields import StrictBool, StrictFloat, StrictInt, UtcDateTime, utc_datetime_param
from api.pagination import PageQuerySchema
from core.candidates import DIPLOMA_RECOGNITION, DRIVING_LICENCES
from core.regions import REGIONS
from core.residence import RESIDENCE_SITUATIONS


class CandidateSkillInputSchema(ma.Schema):
    uri = ma.fields.Str(
        allow_none=True, validate=ma.validate.Length(max=255), metadata={"description": "ESCO skill URI."}
    )
    text = ma.fields.Str(
        load_default="",
        validate=ma.validate.Length(max=300),
        metadata={"description": "Free-text skill, normalised to ESCO when confident."},
    )
    years = StrictFloat(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(min=0, max=50, error="Years must be between 0 and 50."),
    )
    level = ma.fields.Str(load_default=None, allow_none=True, validate=ma.validate.Length(max=50))


class ExperienceInputSchema(ma.Schema):
    title = ma.fields.Str(
        required=True,
        validate=ma.validate.Length(min=2, max=300),
        metadata={"description": "Job title as the candidate describes it (any language)."},
    )
    occupation_uri = ma.fields.Str(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Length(max=255),
        metadata={"description": "ESCO occupation URI; omit to normalise the title."},
    )
    years = StrictFloat(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(min=0, max=50, error="Years must be between 0 and 50."),
    )
    country = ma.fields.Str(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Regexp(
            r"^[A-Z]{2}$", error="Use a two-letter ISO 3166-1 country code in capitals, e.g. MA or BE."
        ),
    )


class PermitFactsSchema(ma.Schema):
    """Facts for the permit assessment only; never used to score a match, never shown to employers."""

    residence_situation = ma.fields.Str(
        load_default="unknown", validate=one_of(RESIDENCE_SITUATIONS, "residence situation")
    )
    eu_eea_swiss_citizen = StrictBool(load_default=None, allow_none=True)
    birth_year = StrictInt(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(
            min=1930, max=dt.date.today().year - 14, error="Birth year must be a plausible year of a worker."
        ),
        metadata={"description": "For the age-dependent salary thresholds (under 30)."},
    )
    is_nurse = StrictBool(load_default=None, allow_none=True)
    is_teacher = StrictBool(load_default=None, allow_none=True)


class CandidateInputSchema(ma.Schema):
    """A candidate profile. PUT replaces every field; PATCH only the fields sent."""

    external_id = external_id_field("Your id for this candidate, unique in your organisation.")
    reference = ma.fields.Str(
        load_default="",
        validate=ma.validate.Length(max=200),
        metadata={"description": "A pseudonymous reference chosen by you. Never a name or contact detail."},
    )
    skills = ma.fields.List(
        SkillRefField(
            CandidateSkillInputSchema,
            metadata={
                "description": "An ESCO skill URI, a free-text skill, or an object with `uri` or `text`."
            },
        ),
        load_default=list,
        validate=ma.validate.Length(max=200),
    )
    experiences = ma.fields.List(
        ma.fields.Nested(ExperienceInputSchema), load_default=list, validate=ma.validate.Length(max=50)
    )
    education_eqf = StrictInt(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(
            min=0, max=8, error="EQF level must be between 1 and 8 (0 = no formal education)."
        ),
    )
    education_field = ma.fields.Str(load_default="", validate=ma.validate.Length(max=300))
    diploma_recognition = ma.fields.Str(
        load_default="unknown", validate=one_of(DIPLOMA_RECOGNITION, "diploma recognition")
    )
    languages = languages_field("Languages with the candidate's CEFR level.")
    driving_licences = ma.fields.List(
        ma.fields.Str(validate=one_of(DRIVING_LICENCES, "driving licence category")), load_default=list
    )
    preferred_regions = ma.fields.List(ma.fields.Str(validate=one_of(REGIONS, "region")), load_default=list)
    available_from = ma.fields.Date(load_default=None, allow_none=True)
    consent_given_at = ma.fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=dt.UTC)
    consent_purpose = ma.fields.Str(load_default="", validate=ma.validate.Length(max=500))
    share_with_employers = StrictBool(
        load_default=False,
        metadata={"description": "Whether anonymised matches of this candidate may be shown to employers."},
    )
    permit_facts = ma.fields.Nested(PermitFactsSchema, load_default=None, allow_none=True)


class CandidatePatchSchema(PatchMixin, CandidateInputSchema):
    """The same fields as a full write, all optional (see PatchMixin); at least one."""


class CandidateSkillSchema(ma.Schema):
    skill_id = StrictInt(allow_none=True)
    uri = ma.fields.Str(allow_none=True)
    preferred_label = ma.fields.Str(allow_none=True)
    text = ma.fields.Str()
    match_score = StrictFloat(allow_none=True)
    years = StrictFloat(allow_none=True)
    level = ma.fields.Str(allow_none=True)


class ExperienceSchema(ma.Schema):
    title = ma.fields.Str()
    occupation_id = StrictInt(allow_none=True)
    occupation_uri = ma.fields.Str(allow_none=True)
    occupation_label = ma.fields.Str(allow_none=True)
    isco_code = ma.fields.Str(allow_none=True)
    occupation_score = StrictFloat(allow_none=True)
    occupation_source = ma.fields.Str()
    years = StrictFloat(allow_none=True)
    country = ma.fields.Str(allow_none=True)


class PermitFactsOutSchema(PermitFactsSchema):
    class Meta:
        fields = ("residence_situation", "eu_eea_swiss_citizen", "birth_year", "is_nurse", "is_teacher")


class CandidateSchema(ma.Schema):
    id = StrictInt()
    organisation_id = StrictInt()
    external_id = ma.fields.Str(allow_none=True)
    reference = ma.fields.Str()
    skills = ma.fields.List(ma.fields.Nested(CandidateSkillSchema))
    experiences = ma.fields.List(ma.fields.Nested(ExperienceSchema))
    education_eqf = StrictInt(allow_none=True)
    education_field = ma.fields.Str()
    diploma_recognition = ma.fields.Str()
    languages = ma.fields.Dict(keys=ma.fields.Str(), values=ma.fields.Str())
    driving_licences = ma.fields.List(ma.fields.Str())
    preferred_regions = ma.fields.List(ma.fields.Str())
    available_from = ma.fields.Date(allow_none=True)
    consent_given_at = UtcDateTime(allow_none=True)
    consent_purpose = ma.fields.Str()
    share_with_employers = StrictBool()
    permit_facts = ma.fields.Nested(
        PermitFactsOutSchema,
        allow_none=True,
        metadata={"description": "Only ever returned to the owning organisation and admins."},
    )
    version = StrictInt()
    etag = ma.fields.Str()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class CandidateWriteSchema(CandidateSchema):
    write_status = ma.fields.Str(metadata={"description": "`created`, `updated` or `unchanged`."})


class CandidateListQuerySchema(PageQuerySchema):
    region = ma.fields.Str(
        validate=one_of(REGIONS, "region"), metadata={"description": "Candidates who prefer this region."}
    )
    occupation = ma.fields.Str(metadata={"description": "ESCO occupation URI or id of a past job."})
    updated_since = utc_datetime_param(
        metadata={"description": "Only records changed at or after this UTC time."}
    )
    external_id = ma.fields.Str()
