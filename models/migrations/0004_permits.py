"""Permit reference data: rules, shortage lists and their entries (issue 5), as they were at this
version (see `frozen.py`). ShortageList.confidence is added by 0007."""

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

from .frozen import FrozenModel, create_frozen_tables


class PermitRule(FrozenModel):
    authority = CharField(max_length=20, index=True)
    route = CharField(max_length=40, index=True)
    valid_from = DateField()
    valid_to = DateField(null=True)
    threshold_amount = FloatField(null=True)
    threshold_unit = CharField(max_length=20, null=True)
    threshold_status = CharField(max_length=20)
    threshold_alt_amount = FloatField(null=True)
    reduced_threshold_amount = FloatField(null=True)
    reduced_for = CharField(max_length=100)
    long_contract_threshold_amount = FloatField(null=True)
    long_contract_after_months = IntegerField(null=True)
    monthly_divisor = FloatField(null=True)
    min_eqf = IntegerField(null=True)
    experience_can_replace_diploma = BooleanField()
    min_contract_months = IntegerField(null=True)
    min_working_time_fraction = FloatField(null=True)
    min_pay_category = CharField(max_length=20, null=True)
    employer_in_belgium_required = BooleanField()
    requires_list_purpose = CharField(max_length=40, null=True)
    labour_market_test = BooleanField()
    lmt_detail = TextField()
    applicant_must_be_abroad = BooleanField()
    unknown_parameters = CharField(max_length=200)
    source_urls = TextField()
    note = TextField()
    confidence = CharField(max_length=10)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("authority", "route", "valid_from"), True),)


class ShortageList(FrozenModel):
    authority = CharField(max_length=20, index=True)
    name = CharField(max_length=300, unique=True)
    purpose = CharField(max_length=40)
    status = CharField(max_length=10)
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    completeness = CharField(max_length=10)
    known_size = IntegerField(null=True)
    source_url = TextField()
    note = TextField()
    created_at = DateTimeField()
    updated_at = DateTimeField()


class ShortageListEntry(FrozenModel):
    shortage_list = ForeignKeyField(ShortageList, on_delete="CASCADE")
    official_label = CharField(max_length=500)
    label_language = CharField(max_length=5)
    esco_uris = TextField()
    esco_preferred_labels_en = TextField()
    isco08_code = CharField(max_length=4, null=True)
    mapping_confidence = CharField(max_length=10)
    source_url = TextField()
    note = TextField()

    class Meta:
        indexes = ((("shortage_list", "official_label"), True),)


def up(database):
    create_frozen_tables(database, [PermitRule, ShortageList, ShortageListEntry])
