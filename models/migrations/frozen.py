"""Frozen table definitions for migrations.

A migration must write the schema of ITS version, whatever the live models in `models/` declare
later; otherwise an empty database cannot be migrated from 0001 to head (the first migration
would already create columns that a later one adds). So each migration declares the tables it
creates as small peewee models of its own, derived from `FrozenModel`, and stubs (the primary key
alone) for the tables its foreign keys point at. This module is not a migration (its name has no
number); keep it unchanged, since every migration depends on it.
"""

from __future__ import annotations

from peewee import Model


class FrozenModel(Model):
    """Table name from the class name, as `models.base.BaseModel` derives it (VacancySkill -> vacancy_skill)."""

    class Meta:
        legacy_table_names = False


def create_frozen_tables(database, models: list[type[Model]]) -> None:
    """Create `models` (tables, indexes, foreign keys) on `database`, in the order given."""
    with database.bind_ctx(models, bind_refs=False, bind_backrefs=False):
        database.create_tables(models, safe=True)
