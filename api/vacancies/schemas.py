"""Vacancy request and response schemas, and field types shared with the candidate schemas."""

from __future__ import annotations

import re
import unicodedata

import marshmallow as ma

from api.common_schemas import (  # noqa: F401  (BulkResultSchema, LANGUAGE_KEY_RULE: imported from here too)
    LANGUAGE_KEY_RULE,
    BulkInputSchema,
    BulkResultSchema,
    PatchMixin,
    SkillRefField,
    external_id_field,
    languages_field,
    one_of,
)
from api.fields import StrictBool, StrictFloat, StrictInt, UtcDateTime, utc_datetime_param
from api.pagination import MAX_EUR_AMOUNT, PageQuerySchema
from core.regions import REGIONS, InvalidPostcode, lookup_postcode
from core.vacancies import CONTRACT_TYPES, IMPORTANCE, PAY_CATEGORIES, SALARY_PERIODS, TEXT_LANGUAGES, VACANCY_STATUSES


def validate_postcode(value: str) -> None:
    try:
        lookup_postcode(value)
    except InvalidPostcode as exc:
        raise ma.ValidationError(str(exc)) from exc


# Four digits, the first not 0; surrounding whitespace is allowed and dropped. Digits of other
# scripts (e.g. Arabic-Indic, as some keyboards type them) are accepted too and stored as ASCII.
POSTCODE_PATTERN = r"^\s*[1-9][0-9]{3}\s*$"


class PostcodeField(ma.fields.Str):
    """A Belgian postcode, stored trimmed and in ASCII digits; it must lie in the postcode table."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        postcode = "".join(str(unicodedata.decimal(char)) for char in text) if text.isdecimal() else text
        if not re.fullmatch(POSTCODE_PATTERN, postcode):
            raise ma.ValidationError(f"'{text}' is not a Belgian postcode (four digits, 1000-9999).")
        validate_postcode(postcode)
        return postcode


# One rule for working time, shared by /vacancies and /permit-assessments.
FULL_TIME_WEEKLY_HOURS_DEFAULT = 38.0  # the usual Belgian full-time week (joint committees: 35 to 40)


def weekly_hours_field() -> ma.fields.Float:
    return StrictFloat(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(min=1, max=60, error="Weekly hours must be between 1 and 60."),
        metadata={"description": "Contractual hours a week (1 to 60)."},
    )


def full_time_weekly_hours_field() -> ma.fields.Float:
    return StrictFloat(
        load_default=FULL_TIME_WEEKLY_HOURS_DEFAULT,
        validate=ma.validate.Range(min=30, max=40, error="Full-time weekly hours must be between 30 and 40."),
        metadata={
            "description": "Hours of a full-time week in the sector (30 to 40; default "
            f"{FULL_TIME_WEEKLY_HOURS_DEFAULT:g}). weekly_hours ÷ this is the working-time fraction."
        },
    )


class VacancySkillInputSchema(ma.Schema):
    uri = ma.fields.Str(
        allow_none=True, validate=ma.validate.Length(max=255), metadata={"description": "ESCO skill URI."}
    )
    text = ma.fields.Str(
        load_default="",
        validate=ma.validate.Length(max=300),
        metadata={"description": "Free-text skill, normalised to ESCO when confident."},
    )
    importance = ma.fields.Str(load_default="essential", validate=one_of(IMPORTANCE, "importance"))


class VacancyInputSchema(ma.Schema):
    """A vacancy as written by its owner. PUT replaces every field; PATCH only the fields sent."""

    external_id = external_id_field("Your id for this vacancy, unique in your organisation.")
    title = ma.fields.Str(
        required=True,
        validate=ma.validate.Length(min=2, max=300),
        metadata={
            "description": "Job title in nl, fr, de or en; the occupation is "
            "normalised from it unless `occupation_uri` is given."
        },
    )
    title_lang = ma.fields.Str(
        load_default=None, allow_none=True, validate=one_of(TEXT_LANGUAGES, "language")
    )
    description = ma.fields.Str(load_default="", validate=ma.validate.Length(max=20_000))
    occupation_uri = ma.fields.Str(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Length(max=255),
        metadata={
            "description": "ESCO occupation URI set by the owner (source "
            "`manual`); omit or null to normalise the title."
        },
    )
    postcode = PostcodeField(
        required=True,
        metadata={
            "description": "Belgian postcode of the workplace (4 digits); decides the region.",
            "pattern": POSTCODE_PATTERN,
        },
    )
    skills = ma.fields.List(
        SkillRefField(
            VacancySkillInputSchema,
            metadata={
                "description": "An ESCO skill URI, a free-text skill, or an object with `uri` or `text`."
            },
        ),
        load_default=list,
        validate=ma.validate.Length(max=100),
    )
    languages = languages_field("Required languages with their minimum CEFR level.")
    min_education_eqf = StrictInt(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(
            min=0, max=8, error="EQF level must be between 1 and 8 (0 = no requirement)."
        ),
    )
    min_experience_years = StrictFloat(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(min=0, max=50, error="Years of experience must be between 0 and 50."),
    )
    salary_amount = StrictFloat(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(
            min=0, min_inclusive=False, max=MAX_EUR_AMOUNT,
            error=f"Salary must be greater than 0 and at most {MAX_EUR_AMOUNT:,} EUR.",
        ),
        metadata={
            "description": "Gross salary in EUR per `salary_period`. Stored as given and as gross "
            "annual EUR: hour × weekly_hours × 52; month × 13.92 (12 months + 13th "
            "month + double holiday pay, the Belgian convention); year as is."
        },
    )
    salary_period = ma.fields.Str(
        load_default=None, allow_none=True, validate=one_of(SALARY_PERIODS, "salary period")
    )
    weekly_hours = weekly_hours_field()
    full_time_weekly_hours = full_time_weekly_hours_field()
    contract_type = ma.fields.Str(
        load_default=None, allow_none=True, validate=one_of(CONTRACT_TYPES, "contract type")
    )
    duration_months = StrictInt(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(min=1, max=120, error="Duration must be between 1 and 120 months."),
    )
    start_date = ma.fields.Date(load_default=None, allow_none=True)
    positions = StrictInt(load_default=1, validate=ma.validate.Range(min=1, max=10_000))
    pay_category = ma.fields.Str(
        load_default="unknown",
        validate=one_of(PAY_CATEGORIES, "pay category"),
        metadata={
            "description": "Pay category of the joint committee scale the "
            "job is paid in (used by the permit check)."
        },
    )
    employer_in_belgium = StrictBool(
        load_default=True,
        metadata={"description": "False when a foreign employer posts the worker (no medium-skilled route)."},
    )
    executive_post = StrictBool(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Is the job an executive post? The executive permit routes need one; "
            "null = not said (the permit check then asks)."
        },
    )
    status = ma.fields.Str(load_default="open", validate=one_of(VACANCY_STATUSES, "status"))
    valid_through = ma.fields.Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Last day the vacancy is open; an open vacancy past it is not matched."},
    )
    sponsors_permit = StrictBool(
        load_default=False, metadata={"description": "The employer is willing to apply for a single permit."}
    )


class OccupationRefSchema(ma.Schema):
    id = StrictInt(allow_none=True)
    uri = ma.fields.Str(allow_none=True)
    preferred_label = ma.fields.Str(allow_none=True)
    isco_code = ma.fields.Str(allow_none=True)
    score = StrictFloat(allow_none=True, metadata={"description": "Normaliser confidence (auto only)."})
    source = ma.fields.Str(metadata={"description": "`auto` (from the title), `manual` or `none`."})


class OccupationAlternativeSchema(ma.Schema):
    uri = ma.fields.Str()
    preferred_label = ma.fields.Str(allow_none=True)
    isco_code = ma.fields.Str(allow_none=True)
    score = StrictFloat()


class VacancySkillSchema(ma.Schema):
    skill_id = StrictInt(allow_none=True)
    uri = ma.fields.Str(allow_none=True)
    preferred_label = ma.fields.Str(allow_none=True)
    text = ma.fields.Str()
    match_score = StrictFloat(allow_none=True)
    importance = ma.fields.Str()


class VacancySchema(ma.Schema):
    id = StrictInt()
    organisation_id = StrictInt()
    external_id = ma.fields.Str(allow_none=True)
    title = ma.fields.Str()
    title_lang = ma.fields.Str(allow_none=True)
    description = ma.fields.Str()
    occupation = ma.fields.Nested(OccupationRefSchema)
    occupation_low_confidence = StrictBool(
        metadata={
            "description": "True when the automatic occupation is uncertain: check it or set occupation_uri."
        }
    )
    occupation_alternatives = ma.fields.List(ma.fields.Nested(OccupationAlternativeSchema))
    postcode = ma.fields.Str()
    region = ma.fields.Str(metadata={"description": f"One of {', '.join(REGIONS)}."})
    skills = ma.fields.List(ma.fields.Nested(VacancySkillSchema))
    languages = ma.fields.Dict(keys=ma.fields.Str(), values=ma.fields.Str())
    min_education_eqf = StrictInt(allow_none=True)
    min_experience_years = StrictFloat(allow_none=True)
    salary_amount = StrictFloat(allow_none=True)
    salary_period = ma.fields.Str(allow_none=True)
    salary_annual_eur = StrictFloat(
        allow_none=True,
        metadata={"description": "Gross annual EUR: hour × weekly_hours × 52; month × 13.92; year as is."},
    )
    weekly_hours = StrictFloat(allow_none=True)
    full_time_weekly_hours = StrictFloat()
    contract_type = ma.fields.Str(allow_none=True)
    duration_months = StrictInt(allow_none=True)
    start_date = ma.fields.Date(allow_none=True)
    positions = StrictInt()
    pay_category = ma.fields.Str()
    employer_in_belgium = StrictBool()
    executive_post = StrictBool(allow_none=True)
    status = ma.fields.Str()
    valid_through = ma.fields.Date(allow_none=True)
    sponsors_permit = StrictBool()
    shortage_lists = ma.fields.List(
        ma.fields.Str(), metadata={"description": "Shortage lists the occupation is on in this region today."}
    )
    version = StrictInt()
    etag = ma.fields.Str(metadata={"description": "Send it back in If-Match to update safely."})
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class VacancyWriteSchema(VacancySchema):
    write_status = ma.fields.Str(metadata={"description": "`created`, `updated` or `unchanged`."})


class VacancyListQuerySchema(PageQuerySchema):
    status = ma.fields.Str(validate=one_of(VACANCY_STATUSES, "status"))
    region = ma.fields.Str(validate=one_of(REGIONS, "region"))
    occupation = ma.fields.Str(metadata={"description": "ESCO occupation URI or occupation id."})
    updated_since = utc_datetime_param(
        metadata={"description": "Only records changed at or after this UTC time (ISO 8601)."}
    )
    external_id = ma.fields.Str()


class VacancyPatchSchema(PatchMixin, VacancyInputSchema):
    """The same fields as a full write, all optional (see PatchMixin); at least one."""
