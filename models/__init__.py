"""peewee models. Importing this package registers every table in dependency order."""

from .base import MODEL_REGISTRY, BaseModel, bind_database, db, is_postgres, utcnow  # noqa: F401
from .organisation import ApiKey, Organisation  # noqa: F401
from .cache_version import CacheVersion  # noqa: F401
from . import taxonomy, vacancy, candidate, permit, audit  # noqa: F401,E402  (domain tables)

ALL_MODELS = list(MODEL_REGISTRY)
