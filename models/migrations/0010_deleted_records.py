"""Deletions reach the per-process match caches through the cache counters, not the audit trail:
the deleting transaction writes (kind, former id, time) here beside its counter bump. As the table
was at this version (see `frozen.py`)."""

from peewee import CharField, DateTimeField, IntegerField

from .frozen import FrozenModel, create_frozen_tables


class DeletedRecord(FrozenModel):
    kind = CharField(max_length=20)
    record_id = IntegerField()
    deleted_at = DateTimeField(index=True)


def up(database):
    create_frozen_tables(database, [DeletedRecord])
