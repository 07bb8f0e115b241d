"""Permit reference data: work-authorisation rules and shortage-occupation lists, as versioned data.

Every row carries its validity (`valid_from`, `valid_to` inclusive, NULL = open-ended), its
sources and a note that keeps the conflicts, gaps and unconfirmed marks of the research notes
(`../shared/domain/belgian-work-permit-rules.md`). The rule engine (`matching/permits`) reads a
plain snapshot of these rows; it never reads the tables itself.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from core.permits import (  # noqa: F401 (the enums of these tables, defined once in core.permits)
    AUTHORITIES,
    COMPLETENESS,
    CONFIDENCE,
    LIST_PURPOSES,
    LIST_STATUSES,
    MAPPING_CONFIDENCE,
    PAY_CATEGORY_ORDER,
    REDUCED_GROUPS,
    RULE_ROUTES,
    THRESHOLD_STATUSES,
    THRESHOLD_UNITS,
)

from .base import BaseModel, utcnow


class PermitRule(BaseModel):
    """One route of one authority over one validity period, with all its parameters."""

    authority = CharField(max_length=20, index=True)
    route = CharField(max_length=40, index=True)
    valid_from = DateField()
    valid_to = DateField(null=True)

    threshold_amount = FloatField(null=True)
    threshold_unit = CharField(max_length=20, null=True)
    threshold_status = CharField(max_length=20, default="not_applicable")
    threshold_alt_amount = FloatField(null=True)  # the other figure when sources conflict
    reduced_threshold_amount = FloatField(null=True)
    reduced_for = CharField(max_length=100, default="")  # comma-separated REDUCED_GROUPS
    # A second, higher threshold for long or open-ended contracts (German-speaking Community).
    long_contract_threshold_amount = FloatField(null=True)
    long_contract_after_months = IntegerField(null=True)
    # Annual amount = monthly gross × this divisor, as the source publishes it (e.g. 13.92).
    monthly_divisor = FloatField(null=True)

    min_eqf = IntegerField(null=True)
    experience_can_replace_diploma = BooleanField(default=False)
    min_contract_months = IntegerField(null=True)
    min_working_time_fraction = FloatField(null=True)
    min_pay_category = CharField(max_length=20, null=True)
    employer_in_belgium_required = BooleanField(default=False)
    requires_list_purpose = CharField(max_length=40, null=True)  # occupation must be on such a list
    labour_market_test = BooleanField(default=False)
    lmt_detail = TextField(default="")  # what the employer must prove (English)
    lmt_detail_nl = TextField(default="")  # the same in Dutch and French (migration 0009)
    lmt_detail_fr = TextField(default="")
    applicant_must_be_abroad = BooleanField(default=False)
    unknown_parameters = CharField(max_length=200, default="")  # comma-separated: facts NOT FOUND
    # Migration 0009:
    # the route is for executive posts only (Vacancy.executive_post must be true)
    requires_executive_post = BooleanField(default=False)
    # the guaranteed minimum monthly income (GGMMI) as the floor of the route, gross per month for a
    # full-time job; the alt amount makes a range when the date of an indexation is NOT FOUND
    wage_floor_amount = FloatField(null=True)
    wage_floor_alt_amount = FloatField(null=True)
    # which occupations earn a reduced threshold, by ISCO-08 unit group of the vacancy's occupation:
    # "nurse=2221,3221 teacher=2330,2341" (groups of `reduced_for`; our reading, see docs/permits.md)
    reduced_isco_groups = TextField(default="")
    # lawful stays that may file in Belgium for this route, when narrower than the federal exceptions
    # (comma-separated stay types; empty = the federal list)
    in_country_stay_types = CharField(max_length=200, default="")
    # a single permit covers work of more than this many days (shorter work needs another permit)
    max_days_outside_single_permit = IntegerField(null=True)

    source_urls = TextField(default="")  # whitespace-separated
    note = TextField(default="")
    confidence = CharField(max_length=10, default="medium")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("authority", "route", "valid_from"), True),)


class ShortageList(BaseModel):
    authority = CharField(max_length=20, index=True)
    name = CharField(max_length=300, unique=True)
    purpose = CharField(max_length=40)
    status = CharField(max_length=10, default="in_force")  # a draft is never used for assessments
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    completeness = CharField(max_length=10, default="partial")
    known_size = IntegerField(null=True)  # the number of functions the source says the list has
    # How far the list's source can be trusted (CONFIDENCE): "low" means a single secondary or
    # low-reliability source, so membership of its items is never taken as established.
    confidence = CharField(max_length=10, default="medium")
    source_url = TextField(default="")
    note = TextField(default="")
    # The list's name in Dutch and French when `name` is in another language (migration 0009);
    # empty = `name` is shown as it is, with its language marked.
    name_nl = TextField(default="")
    name_fr = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class ShortageListEntry(BaseModel):
    shortage_list = ForeignKeyField(ShortageList, backref="entries", on_delete="CASCADE")
    official_label = CharField(max_length=500)
    label_language = CharField(max_length=5)
    esco_uris = TextField(default="")  # whitespace-separated ESCO occupation URIs
    esco_preferred_labels_en = TextField(default="")  # "|"-separated, for humans
    isco08_code = CharField(max_length=4, null=True)
    mapping_confidence = CharField(max_length=10, default="proposed")
    source_url = TextField(default="")
    note = TextField(default="")
    # Dated membership (migration 0009): the occupation is on the list only from `valid_from` to
    # `valid_to` (inclusive, NULL = the list's own bounds). A date inside the list's validity but
    # outside these bounds means "known NOT on the list" (an item added or removed on a date).
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)

    class Meta:
        indexes = ((("shortage_list", "official_label"), True),)
