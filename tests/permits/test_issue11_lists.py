"""Issue 11, items 5 and 6 (and the list half of item 4): dated list membership and list confidence.

Facts (../shared/domain/belgian-work-permit-rules.md):
- §1.3 "From 1 Sep 2023: 29 functions ... Added: boor- en heimachinist, ..., metselaar, ...
  Removed: chef-kok, installateur van datacommunicatiewerken, rigger-monteerder."
- §1.3 "1 Apr 2021 – 31 Mar 2023, 22 functions ... It was kept in use until 31 Aug 2023".
- §1.3 update: "the revision was adopted, with 21 functions from 1 January 2026 ... So: the 2023 list
  applies up to 31 Dec 2025 (medium-high confidence); the 2026 list applies from 1 Jan 2026;
  membership of a named 2026 item rests on a single secondary source."
- §3.4 "1 Oct 2024 – 30 Sep 2025: 73 functions ... Removed: butcher, baker, sales manager, plasterer,
  meat cutter, boilermaker, refrigeration technician, ..."
- §3.4 "1 Oct 2025 – 30 Sep 2026: new list ... (low-reliability source, not confirmed officially)".
"""

from __future__ import annotations

import datetime as dt

import pytest

from matching.permits import Snapshot, assess

from .helpers import condition, read_rows, route, run, shipped_snapshot, shipped_uri

SNAP = shipped_snapshot()
PERSON = {"birth_year": 1980, "education_eqf": 4, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}
OCC = "http://data.europa.eu/esco/occupation/"
HEAD_CHEF = OCC + "01484951-15e6-4b88-a20f-1201868d36a0"
BUTCHER = OCC + "37c7880e-cfee-4c41-a41b-061682fefde3"
BAKER = OCC + "1aadb308-432a-4d01-b54b-b4f7f76dd419"
PLASTERER = OCC + "f4a22809-c00c-4dd0-8b09-c7251f8dcd1c"
REFRIGERATION = OCC + "79f435d0-9bc6-4d25-a26a-acbe16569ebb"
TRUCK_DRIVER = OCC + "45037d43-a8f5-4f46-b332-b2935bc305f4"
ROOFER = OCC + "b4c6d1b0-929e-48be-9f67-47bd8c30658b"


def flemish(uri):
    return {
        "postcode": "9000",
        "occupation_uri": uri,
        "salary": {"amount": 3000, "period": "month"},
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        "contract_type": "permanent",
        "pay_category": "skilled",
        "employer_in_belgium": True,
    }


def walloon(uri):
    return {**flemish(uri), "postcode": "5000"}


def listed(result, route_id):
    return condition(result, route_id, "occupation_on_list")


# (occupation, as_of, status): Flemish medium-skilled list membership by date
FLEMISH = [
    # "Added: ... metselaar" on 1 Sep 2023
    (shipped_uri("metselaar"), "2023-08-31", "not_met"),
    (shipped_uri("metselaar"), "2023-09-01", "met"),
    (shipped_uri("koeltechnicus"), "2023-05-01", "not_met"),
    (shipped_uri("koeltechnicus"), "2024-05-01", "met"),
    # "Removed: chef-kok" on 1 Sep 2023 (it was on the 2021 list)
    (HEAD_CHEF, "2023-08-31", "met"),
    (HEAD_CHEF, "2023-09-01", "not_met"),
    (HEAD_CHEF, "2025-12-31", "not_met"),
    (shipped_uri("installateur van datacommunicatiewerken"), "2024-01-01", "not_met"),
    # The 2023 list ends 31 Dec 2025; the 2026 list's names rest on a single secondary source.
    (shipped_uri("metselaar"), "2025-12-31", "met"),
    (shipped_uri("metselaar"), "2026-01-01", "unknown"),
    (ROOFER, "2026-03-01", "unknown"),  # "Dakwerker": named on the 2026 list only
    # On the 2023 list only (not named by the 2026 list): not_met from 2026.
    (TRUCK_DRIVER, "2025-12-31", "met"),
    (TRUCK_DRIVER, "2026-01-01", "not_met"),
    (shipped_uri("slager"), "2026-06-01", "not_met"),
    (shipped_uri("bakker en/of patissier"), "2026-06-01", "not_met"),
]


@pytest.mark.parametrize("uri,on,status", FLEMISH)
def test_flemish_dated_membership(uri, on, status):
    cond = listed(run(SNAP, flemish(uri), PERSON, on), "medium_skilled_shortage")
    assert cond["status"] == status, cond["detail"]


def test_low_confidence_membership_gives_the_reason_and_a_question():
    result = run(SNAP, flemish(shipped_uri("metselaar")), PERSON, "2026-06-01")
    cond = listed(result, "medium_skilled_shortage")
    assert "single secondary" in cond["detail"]
    assert route(result, "medium_skilled_shortage")["status"] == "conditional"
    assert any("official list" in q for q in route(result, "medium_skilled_shortage")["next_questions"])


# Wallonia: "Removed: butcher, baker, ..., plasterer, ..., refrigeration technician" on 1 Oct 2024
WALLOON = [
    (BUTCHER, "2024-09-30", "met"),
    (BUTCHER, "2024-10-01", "not_met"),
    (BAKER, "2025-09-30", "not_met"),
    (PLASTERER, "2025-01-01", "not_met"),
    (REFRIGERATION, "2025-01-01", "not_met"),
    # the 2025-26 list is new and partial: the 2024 removal says nothing about it
    (BUTCHER, "2025-10-01", "unknown"),
    # "low-reliability source, not confirmed officially": named items are unknown, never met
    (shipped_uri("industrial installation electricians"), "2025-10-01", "unknown"),
    (shipped_uri("mechanics for cars and light vehicles"), "2026-03-01", "unknown"),
]


@pytest.mark.parametrize("uri,on,status", WALLOON)
def test_walloon_dated_membership_and_low_confidence(uri, on, status):
    cond = listed(run(SNAP, walloon(uri), PERSON, on), "shortage_occupation")
    assert cond["status"] == status, cond["detail"]


def test_removal_sentences_name_the_date_in_every_language():
    for lang, words in (
        ("en", "removed from the list on 2024-10-01"),
        ("nl", "geschrapt"),
        ("fr", "retiré le 2024-10-01"),
    ):
        cond = listed(run(SNAP, walloon(BUTCHER), PERSON, "2025-01-01", lang), "shortage_occupation")
        assert words in cond["detail"]


def test_a_dated_entry_beats_partial_completeness_in_a_small_snapshot():
    """Engine mechanics: an entry whose dates exclude the day gives not_met even on a partial list."""
    rule = {
        "authority": "flanders",
        "route": "medium_skilled_shortage",
        "valid_from": "2025-01-01",
        "requires_list_purpose": "medium_skilled",
        "source_urls": "https://example.org/rule",
    }
    lst = {
        "authority": "flanders",
        "name": "test",
        "purpose": "medium_skilled",
        "status": "in_force",
        "valid_from": "2025-01-01",
        "completeness": "partial",
    }
    snap = Snapshot.build([rule], [(lst, [(BUTCHER, None, "2025-03-31"), (BAKER, "2025-04-01", None)])])
    on_day = {
        "2025-03-31": {BUTCHER: "met", BAKER: "not_met", ROOFER: "unknown"},
        "2025-04-01": {BUTCHER: "not_met", BAKER: "met", ROOFER: "unknown"},
    }
    for on, expected in on_day.items():
        for uri, status in expected.items():
            result = assess(snap, flemish(uri), None, dt.date.fromisoformat(on))
            assert listed(result, "medium_skilled_shortage")["status"] == status, (on, uri)
    assert snap.lists_with_occupation(BUTCHER, "flanders", dt.date(2025, 4, 1)) == []
    assert snap.lists_with_occupation(BAKER, "flanders", dt.date(2025, 4, 1)) == ["test"]


def test_shipped_lists_carry_the_facts_dates_and_confidence():
    lists = {r["name"]: r for r in read_rows("shortage_lists.csv")}
    flemish_2023 = lists["Migratielijst middengeschoolde functies (MB 1-9-2023, 29 functies)"]
    assert (flemish_2023["valid_from"], flemish_2023["valid_to"]) == ("2023-09-01", "2025-12-31")
    adopted = [r for r in lists.values() if r["valid_from"] == "2026-01-01" and r["authority"] == "flanders"]
    assert len(adopted) == 1 and adopted[0]["confidence"] == "low" and adopted[0]["known_size"] == "21"
    named = [
        e for e in read_rows("shortage_list_entries.csv") if e["list_name"] == adopted[0]["name"] and not e["valid_to"]
    ]
    assert len(named) == 21
    walloon = [r for r in lists.values() if r["authority"] == "wallonia" and r["valid_from"] == "2025-10-01"]
    assert walloon[0]["confidence"] == "low"
