"""Tenants and API keys, and the counters that tell per-process caches that data changed.

The tables as they were at this version (see `frozen.py`); later changes are later migrations.
"""

from peewee import BigIntegerField, BooleanField, CharField, DateTimeField, ForeignKeyField

from .frozen import FrozenModel, create_frozen_tables


class Organisation(FrozenModel):
    name = CharField(max_length=200, unique=True)
    kind = CharField(max_length=20)
    created_at = DateTimeField()


class ApiKey(FrozenModel):
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    role = CharField(max_length=20)
    key_hash = CharField(max_length=64, unique=True)
    prefix = CharField(max_length=16)
    label = CharField(max_length=200)
    created_at = DateTimeField()
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)
    is_active = BooleanField(index=True)


class CacheVersion(FrozenModel):
    name = CharField(max_length=50, primary_key=True)
    version = BigIntegerField()


def up(database):
    create_frozen_tables(database, [Organisation, ApiKey, CacheVersion])
