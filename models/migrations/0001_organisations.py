"""Tenants and API keys."""

from models.cache_version import CacheVersion
from models.organisation import ApiKey, Organisation


def up(database):
    database.create_tables([Organisation, ApiKey, CacheVersion], safe=True)
