"""The labour-market shortage lists shipped in seed_data/labour_market: dated, sourced, idempotent."""

from __future__ import annotations

import datetime as dt

import seed_data.labour_market
from models import db
from models.permit import ShortageList, ShortageListEntry
from seed_data.load import REFERENCE_LOADERS


def test_lists_load_as_dated_sourced_labour_market_lists_and_twice_changes_nothing(app):
    assert "seed_data.labour_market" in REFERENCE_LOADERS
    with db.connection_context():
        first = seed_data.labour_market.load()
        assert "8 lists created" in first[0] and "275 entries created" in first[0]
        lists = list(ShortageList.select())
        assert {lst.purpose for lst in lists} == {"labour_market"}
        assert {lst.authority for lst in lists} == {"flanders", "brussels", "wallonia", "german_speaking"}
        for lst in lists:
            assert lst.status == "in_force" and lst.valid_from and lst.source_url.startswith("https://")
            assert lst.confidence in ("medium", "low") and lst.note
            entries = ShortageListEntry.select().where(ShortageListEntry.shortage_list == lst.id).count()
            if lst.completeness == "partial":
                assert lst.known_size is None or entries < lst.known_size
            else:
                assert entries == lst.known_size  # the VDAB 2026 list: all 227 names
        entries = list(ShortageListEntry.select())
        assert all(e.source_url.startswith("https://") for e in entries)
        assert all(bool(e.esco_uris) == (e.mapping_confidence != "none") for e in entries)
        assert sum(bool(e.esco_uris) for e in entries) / len(entries) > 0.75
        vdab = ShortageList.get(ShortageList.name.startswith("VDAB knelpuntberoepen 2026"))
        assert vdab.valid_from == dt.date(2026, 2, 1) and vdab.valid_to is None and vdab.completeness == "complete"

        second = seed_data.labour_market.load()
        assert "0 lists created" in second[0] and "0 entries created" in second[0]
        assert ShortageListEntry.select().count() == len(entries)


def test_successive_lists_of_one_service_do_not_overlap(app):
    with db.connection_context():
        seed_data.labour_market.load()
        by_authority: dict = {}
        for lst in ShortageList.select().order_by(ShortageList.valid_from):
            by_authority.setdefault(lst.authority, []).append(lst)
    for lists in by_authority.values():
        for earlier, later in zip(lists, lists[1:], strict=False):
            assert earlier.valid_to is not None and earlier.valid_to < later.valid_from
