"""The permit reference data as one `matching.permits.Snapshot` per process.

Built from the tables on first use and rebuilt when `CacheVersion("permit_reference")` moves
(`services.cache.VersionedCache`: the counters are read once per request for every cache).
"""

from __future__ import annotations

from importers.permit_csv import CACHE_NAME
from importers.permit_rows import LIST_COLUMNS, RULE_COLUMNS
from matching.permits import Snapshot
from models.cache_version import CacheVersion
from models.permit import PermitRule, ShortageList, ShortageListEntry
from models.taxonomy import Occupation
from services.cache import VersionedCache


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


def build_occupation_codes() -> dict[str, str]:
    """{ESCO occupation URI: its ISCO-08 unit group, or ""} of the loaded vocabulary (one query)."""
    query = Occupation.select(Occupation.uri, Occupation.isco_code).tuples()
    return {uri: isco or "" for uri, isco in query}


_snapshots = VersionedCache(CACHE_NAME, (CACHE_NAME,), build=build_snapshot)
# Which occupations exist and their ISCO unit group (reduced thresholds for nurses and teachers):
# read from memory, so an assessment costs no query beyond the cache counters.
_occupation_codes = VersionedCache("permit_occupation_codes", ("vocabulary",), build=build_occupation_codes)


def snapshot() -> Snapshot:
    return _snapshots.get()


def occupation_codes() -> dict[str, str]:
    return _occupation_codes.get()
