"""Migration 0009 adds the issue-11 columns to databases created before it, keeping their rows."""

from __future__ import annotations

import importlib

from models import db
from models.migrations import foreign_key_actions_off
from models.permit import PermitRule, ShortageListEntry
from models.vacancy import Vacancy

migration = importlib.import_module("models.migrations.0009_permit_precision")


def _columns(table: str) -> set[str]:
    return {c.name for c in db.get_columns(table)}


def test_an_older_database_gains_the_columns_and_keeps_its_rows(reference):
    with db.connection_context():
        before = PermitRule.select().count(), ShortageListEntry.select().count()
        # The tables as they were before 0009 (SQLite >= 3.35 and PostgreSQL drop columns).
        for model, names in migration.COLUMNS:
            for name in names:
                db.execute_sql(f"ALTER TABLE {model._meta.table_name} DROP COLUMN {name}")
        assert "valid_from" not in _columns(ShortageListEntry._meta.table_name)
        assert "executive_post" not in _columns(Vacancy._meta.table_name)
        with foreign_key_actions_off():  # as apply_migrations runs it
            migration.up(db)
        for model, names in migration.COLUMNS:
            assert set(names) <= _columns(model._meta.table_name)
        assert (PermitRule.select().count(), ShortageListEntry.select().count()) == before
        rule = PermitRule.get_by_id(reference["hq"])
        assert (rule.requires_executive_post, rule.reduced_isco_groups, rule.wage_floor_amount) == (False, "", None)
        assert ShortageListEntry.get_by_id(reference["entry"]).valid_to is None
        with foreign_key_actions_off():
            migration.up(db)  # running it again changes nothing
