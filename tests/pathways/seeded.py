"""The shipped seed data (curated vocabulary, permit rules, permit and labour-market shortage lists)
as pure engine inputs, read straight from the seed files: no database, so table-driven engine tests
stay fast. Skill and occupation ids are positions in the seed files.
"""

from __future__ import annotations

from functools import lru_cache

from matching.pathways import Occupation, PathwayMarket
from matching.permits import Snapshot
from seed_data.labour_market.files import shipped_occupations, shipped_snapshot


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict, list[Occupation]]:
    """({occupation English label: Occupation}, occupations)."""
    occupations = shipped_occupations()
    return {o.label: o for o in occupations}, occupations


@lru_cache(maxsize=1)
def permit_snapshot() -> Snapshot:
    return shipped_snapshot()


def market(demand=(), lists=None) -> PathwayMarket:
    snapshot = permit_snapshot() if lists is None else Snapshot.build([], lists)
    return PathwayMarket(vocabulary()[1], demand, snapshot.all_lists(), version="seed")
