"""One fact, one place: the permit rule fields of core.permits are those of the model, the API schema,
the validator and the engine's Rule (issue 14)."""

from __future__ import annotations

import dataclasses

import pytest

from api.permits.schemas import PermitRuleSchema
from core.permits import LAWFUL_STAY_TYPES, LIST_PURPOSES, REDUCED_GROUPS, RULE_COLUMNS, RULE_FIELDS
from importers.permit_rows import clean_rule
from matching.permits import Rule, texts
from models.errors import ValidationFailed
from models.permit import PermitRule

BASE = {
    "authority": "flanders",
    "route": "highly_qualified",
    "valid_from": "2025-01-01",
    "threshold_status": "not_found",
    "source_urls": "https://example.org/source",
}


def test_the_model_schema_and_engine_have_the_fields_of_core_permits():
    model = set(PermitRule._meta.fields) - {"id", "created_at", "updated_at"}
    schema = set(PermitRuleSchema().fields) - {"id", "created_at", "updated_at"}
    engine = {f.name for f in dataclasses.fields(Rule)} - {"rule_id"}
    assert model == schema == engine == set(RULE_COLUMNS)


def test_translated_enums_name_the_values_of_core_permits():
    assert tuple(texts.STAY_TYPES) == LAWFUL_STAY_TYPES
    assert set(texts.GROUPS) == set(REDUCED_GROUPS)
    assert set(texts.LIST_PURPOSES) == set(LIST_PURPOSES)


@pytest.mark.parametrize("field", [f for f in RULE_FIELDS if f.kind in ("number", "integer")], ids=lambda f: f.name)
def test_validator_and_schema_share_each_range(field):
    schema_field = PermitRuleSchema().fields[field.name]
    for value, ok in ((field.minimum, True), (field.maximum, True), (field.maximum + 1, False),
                      (field.minimum - 1, False)):
        schema_errors = PermitRuleSchema(partial=True).validate({field.name: value})
        assert (not schema_errors) is ok, (field.name, value, schema_errors, schema_field)
        try:
            clean_rule({**BASE, field.name: value})
            validator_ok = True
        except ValidationFailed as exc:
            # cross-field rules (e.g. an amount needs a status) may fail too: only the range counts here
            validator_ok = not any("outside" in m for m in exc.errors.get(field.name, []))
        assert validator_ok is ok, (field.name, value)
