"""Permit reference data: every enum and every rule field, defined once.

The model (`models/permit.py`), the validator of the admin API and the CSV import
(`importers/permit_rows.py`), the API schema (`api/permits/schemas.py`) and the engine's `Rule`
(`matching/permits/data.py`) all take their names, kinds, ranges and allowed values from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pay import MAX_EUR_AMOUNT
from .regions import REGIONS

AUTHORITIES = REGIONS  # the competent authority for work permits is the region of the workplace
# Routes that a rule row can describe; the person-based routes need no reference data.
RULE_ROUTES = (
    "highly_qualified",
    "executive",
    "eu_blue_card",
    "medium_skilled_shortage",
    "shortage_occupation",
    "labour_market_test",
)
PERSON_ROUTES = ("asylum_applicant_work_access", "no_permit_needed", "existing_work_access")
ROUTES = RULE_ROUTES + PERSON_ROUTES
THRESHOLD_UNITS = ("annual_gross", "monthly_base_pay")
# known: stated by a source for the period; carried_forward: the source says the previous amount
# stays in force; conflict: sources disagree (threshold_alt_amount holds the other figure);
# unconfirmed: the figure exists but its period is not stated; not_found: no figure (condition unknown);
# not_applicable: the route has no salary threshold.
# An amount applies only within the period its source covers: the shipped rows with an amount all end,
# and the period after the last sourced one is a `pending` row.
# pending: the period the sources cover has ended and the new amount is not yet known (condition unknown).
THRESHOLD_STATUSES = (
    "known",
    "carried_forward",
    "conflict",
    "unconfirmed",
    "not_found",
    "pending",
    "not_applicable",
)
AMOUNT_STATUSES = ("known", "carried_forward", "conflict", "unconfirmed")  # statuses that carry an amount
REDUCED_GROUPS = ("under_30", "nurse", "teacher", "junior")
PAY_CATEGORY_ORDER = ("unskilled", "semi_skilled", "skilled", "highly_skilled")
CONFIDENCE = ("high", "medium", "low")
# labour_market: a public employment service's general shortage list: a demand signal, never a permit waiver.
LIST_PURPOSES = ("medium_skilled", "permit_waiver", "vdab_knelpuntberoepen", "labour_market")
LIST_STATUSES = ("in_force", "draft")
COMPLETENESS = ("complete", "partial")
MAPPING_CONFIDENCE = ("exact", "close", "broad", "proposed", "none")
LABEL_LANGUAGES = ("nl", "fr", "de", "en")
# Kinds of lawful stay (residence without work access) that may file a single permit in Belgium.
LAWFUL_STAY_TYPES = (
    "short_stay",
    "student",
    "researcher",
    "humanitarian_or_medical",
    "family_reunification",
    "temporary_protection",
)
# Facts NOT FOUND that make a condition `unknown`: the diploma level, the contract length, the
# minimum wage of the period, whether a "save exceptions" diploma rule has exceptions for this
# person, and whether a route is still restricted to EU long-term residents.
UNKNOWN_PARAMETERS = (
    "min_eqf",
    "min_contract_months",
    "wage_floor",
    "diploma_exceptions",
    "eu_long_term_resident_only",
)
MAX_MONTHS = 600


@dataclass(frozen=True)
class RuleField:
    """One column of a permit rule: its kind, allowed values or range, default and description.

    Kinds: choice (one of `choices`), date, number, integer, bool, text, multi (comma-separated
    `choices`), urls (whitespace-separated), isco_groups ("nurse=2221,3221 teacher=2330").
    `required`: a value (or the `default`) must be given. `default` replaces a blank value."""

    name: str
    kind: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: object = None
    required: bool = False
    description: str = ""

    @property
    def nullable(self) -> bool:
        """A blank value is stored as NULL (numbers, optional dates and choices)."""
        return self.kind in ("number", "integer") or (self.kind in ("date", "choice") and not self.required)


def _amount(name: str, description: str = "") -> RuleField:
    return RuleField(name, "number", minimum=0, maximum=MAX_EUR_AMOUNT, description=description)


RULE_FIELDS = (
    RuleField("authority", "choice", AUTHORITIES, required=True),
    RuleField("route", "choice", RULE_ROUTES, required=True),
    RuleField("valid_from", "date", required=True),
    RuleField("valid_to", "date", description="Inclusive; null = open-ended."),
    _amount("threshold_amount"),
    RuleField("threshold_unit", "choice", THRESHOLD_UNITS),
    RuleField(
        "threshold_status", "choice", THRESHOLD_STATUSES, default="not_applicable", required=True,
        description="known | carried_forward (previous amount continues, per the source) | conflict | "
        "unconfirmed (period not stated) | not_found | not_applicable",
    ),
    _amount("threshold_alt_amount", "Other figure when sources conflict."),
    _amount("reduced_threshold_amount"),
    RuleField("reduced_for", "multi", REDUCED_GROUPS, description="Comma-separated: under_30, nurse, teacher, junior."),
    _amount("long_contract_threshold_amount"),
    RuleField("long_contract_after_months", "integer", minimum=1, maximum=MAX_MONTHS),
    RuleField(
        "monthly_divisor", "number", minimum=12, maximum=15, description="Annual = monthly × this (e.g. 13.92)."
    ),
    RuleField("min_eqf", "integer", minimum=1, maximum=8),
    RuleField("experience_can_replace_diploma", "bool"),
    RuleField("min_contract_months", "integer", minimum=1, maximum=MAX_MONTHS),
    RuleField("min_working_time_fraction", "number", minimum=0.01, maximum=1),
    RuleField("min_pay_category", "choice", PAY_CATEGORY_ORDER),
    RuleField("employer_in_belgium_required", "bool"),
    RuleField("requires_list_purpose", "choice", LIST_PURPOSES),
    RuleField("labour_market_test", "bool"),
    RuleField("lmt_detail", "text"),
    RuleField("applicant_must_be_abroad", "bool"),
    RuleField(
        "unknown_parameters", "multi", UNKNOWN_PARAMETERS,
        description="Comma-separated facts NOT FOUND: min_eqf, min_contract_months.",
    ),
    RuleField("source_urls", "urls", required=True, description="Whitespace-separated URLs."),
    RuleField("note", "text"),
    RuleField("confidence", "choice", CONFIDENCE, default="medium", required=True),
    # Columns of migration 0009 (issue 11):
    RuleField(
        "requires_executive_post", "bool",
        description="The route is for executive posts only (the vacancy's executive_post).",
    ),
    _amount("wage_floor_amount", "Minimum wage floor (GGMMI), gross per month for a full-time job."),
    _amount("wage_floor_alt_amount", "Other possible floor when the date of an indexation is not known (a range)."),
    RuleField(
        "reduced_isco_groups", "isco_groups", REDUCED_GROUPS,
        description="Reductions keyed to the job's occupation: 'nurse=2221,3221 teacher=2330' "
        "(ISCO-08 unit groups or prefixes).",
    ),
    RuleField(
        "in_country_stay_types", "multi", LAWFUL_STAY_TYPES,
        description="Comma-separated lawful stays that may file in Belgium, when narrower than the federal list.",
    ),
    RuleField(
        "max_days_outside_single_permit", "integer", minimum=1, maximum=3660,
        description="Work of at most this many days is not single-permit work (90).",
    ),
    RuleField("lmt_detail_nl", "text"),
    RuleField("lmt_detail_fr", "text"),
)
RULE_FIELD = {field.name: field for field in RULE_FIELDS}
RULE_COLUMNS = tuple(field.name for field in RULE_FIELDS)
# Rule columns of migration 0009 (issue 11): files without them still import.
RULE_COLUMNS_0009 = RULE_COLUMNS[RULE_COLUMNS.index("requires_executive_post"):]
