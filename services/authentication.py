"""The per-request key check: one database round trip that also reads the cache counters.

Every authenticated request starts here, so it is kept to ONE statement: the active key with the
hash of the presented secret, its organisation, and the counters of `models.cache_version` (scalar
sub-queries). The counters fill the request's counter scope, so the per-process caches consulted
afterwards (vocabulary, vacancy index, permit reference data) cost no further round trip.

Nothing is cached across requests: a key revoked (or its organisation deleted) a moment ago is
refused by the next request, because the query itself checks `is_active`. The SQL text is built by
peewee once per database object and reused with a fresh parameter; the rows are turned into model
instances without peewee's per-query compilation, which costs more than the query itself.
"""

from __future__ import annotations

import datetime as dt
import hmac
import threading

from models.base import db, execute_on_live_connection, utcnow
from models.cache_version import COUNTER_NAMES, CacheVersion, prime_counters
from models.organisation import ApiKey, Organisation, hash_key

__all__ = ["LAST_USED_RESOLUTION", "find_active_key", "hash_key", "note_use"]

# Writing last_used_at on every request would turn every read into a write; a minute is precise
# enough to tell whether a key is still in use.
LAST_USED_RESOLUTION = dt.timedelta(seconds=60)

_DIGEST_PLACEHOLDER = "\x00digest\x00"
_compiled: dict[int, tuple[object, str, int, int]] = {}  # id(database) -> (database, sql, param index, n params)
_compiled_lock = threading.Lock()
_KEY_FIELDS = ApiKey._meta.sorted_fields
_ORGANISATION_FIELDS = Organisation._meta.sorted_fields


def _key_check_query():
    counters = [
        CacheVersion.select(CacheVersion.version).where(CacheVersion.name == name).alias(f"counter_{name}")
        for name in COUNTER_NAMES
    ]
    return (ApiKey.select(*_KEY_FIELDS, *_ORGANISATION_FIELDS, *counters)
            .join(Organisation, on=(ApiKey.organisation == Organisation.id))
            .where(ApiKey.key_hash == _DIGEST_PLACEHOLDER, ApiKey.is_active == True))  # noqa: E712


def _compiled_sql() -> tuple[str, list]:
    """The SQL text of the key check for the bound database, and its parameters with a placeholder."""
    database = db.obj
    entry = _compiled.get(id(database))
    if entry is None or entry[0] is not database:
        with _compiled_lock:
            sql, params = _key_check_query().sql()
            entry = (database, sql, params.index(_DIGEST_PLACEHOLDER), list(params))
            _compiled[id(database)] = entry
    return entry[1], entry[3], entry[2]


def _row_to_key(row) -> ApiKey:
    values = iter(row)
    key_data = {field.name: field.python_value(next(values)) for field in _KEY_FIELDS}
    organisation = Organisation(__no_default__=True,
                                **{field.name: field.python_value(next(values)) for field in _ORGANISATION_FIELDS})
    key_data.pop("organisation")
    key = ApiKey(__no_default__=True, organisation=organisation, **key_data)
    key._dirty.clear()
    organisation._dirty.clear()
    prime_counters({name: version or 0 for name, version in zip(COUNTER_NAMES, values, strict=True)})
    return key


def find_active_key(secret: str | None) -> ApiKey | None:
    """The active key with this secret, its organisation loaded, or None. One query, which also
    reads every cache counter into the current counter scope."""
    if not secret:
        return None
    digest = hash_key(secret)
    sql, params, index = _compiled_sql()
    params = params.copy()
    params[index] = digest
    row = execute_on_live_connection(sql, params).fetchone()
    # The look-up is by hash; the constant-time compare guards against timing on the index.
    if row is None:
        return None
    key = _row_to_key(row)
    if not hmac.compare_digest(key.key_hash, digest):
        return None
    return key


def note_use(key: ApiKey) -> None:
    """Record when the key was last used, at most once per LAST_USED_RESOLUTION (a write)."""
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.update(last_used_at=now).where(ApiKey.id == key.id).execute()
        key.last_used_at = now
