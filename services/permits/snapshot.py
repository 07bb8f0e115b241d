"""The permit reference data as one `matching.permits.Snapshot` per process.

Built from the tables on first use and rebuilt when `CacheVersion("permit_reference")` moves.
"""

from __future__ import annotations

import threading

from importers.permit_rows import LIST_COLUMNS, RULE_COLUMNS
from matching.permits import Snapshot
from models.cache_version import CacheVersion
from models.permit import PermitRule, ShortageList, ShortageListEntry
from services.cache import register_cache

CACHE_NAME = "permit_reference"


def _rule_row(rule: PermitRule) -> dict:
    row = {column: getattr(rule, column) for column in RULE_COLUMNS}
    row["id"] = rule.id
    return row


def build_snapshot() -> Snapshot:
    version = CacheVersion.current(CACHE_NAME)
    rules = [_rule_row(r) for r in PermitRule.select().order_by(PermitRule.id)]
    uris: dict[int, list] = {}  # list id -> (uri, valid_from, valid_to): dated membership
    for entry in ShortageListEntry.select(
        ShortageListEntry.shortage_list,
        ShortageListEntry.esco_uris,
        ShortageListEntry.valid_from,
        ShortageListEntry.valid_to,
    ):
        uris.setdefault(entry.shortage_list_id, []).extend(
            (uri, entry.valid_from, entry.valid_to) for uri in entry.esco_uris.split()
        )
    lists = [
        ({column: getattr(lst, column) for column in LIST_COLUMNS}, uris.get(lst.id, ()))
        for lst in ShortageList.select().order_by(ShortageList.id)
    ]
    return Snapshot.build(rules, lists, version=f"{CACHE_NAME}:{version}")


class _SnapshotCache:
    """One snapshot per process; one primary-key read per call tells whether it is stale."""

    def __init__(self):
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._version: int | None = None

    def clear(self):
        with self._lock:
            self._snapshot, self._version = None, None

    def get(self) -> Snapshot:
        current = CacheVersion.current(CACHE_NAME)
        snapshot = self._snapshot
        if snapshot is not None and self._version == current:
            return snapshot
        with self._lock:
            if self._snapshot is None or self._version != current:
                self._snapshot, self._version = build_snapshot(), current
            return self._snapshot


_cache = _SnapshotCache()
register_cache(_cache)


def snapshot() -> Snapshot:
    return _cache.get()
