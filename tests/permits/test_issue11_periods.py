"""Issue 11, item 2: an amount applies only within the period its source covers.

Facts (../shared/domain/belgian-work-permit-rules.md):
- §1.1 "2026: Flanders keeps the 2025 thresholds until Statbel publishes new figures, then updates
  within about a month ... No final 2026 Flemish amount was found."
- Header: "NOT FOUND means no source was found, so there is no value. Do not fill these gaps by
  interpolation." The facts cover 2023–2026; nothing is given for 2027.
"""

from __future__ import annotations

import pytest

from .helpers import condition, read_rows, run, shipped_snapshot

SNAP = shipped_snapshot()
OLDER = {"birth_year": 1970, "education_eqf": 7, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}
AMOUNT_STATUSES = ("known", "carried_forward", "conflict")


def job(postcode, amount, period):
    return {
        "postcode": postcode,
        "salary": {"amount": amount, "period": period},
        "contract_type": "permanent",
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        "executive_post": True,
    }


# (postcode, route, last sourced day, amount of that day, period)
LAST_SOURCED = [
    ("9000", "highly_qualified", "2026-12-31", 48912, "year"),
    ("9000", "executive", "2026-12-31", 78259.20, "year"),
    ("9000", "eu_blue_card", "2026-12-31", 63586, "year"),
    ("1000", "highly_qualified", "2026-12-31", 3703.44, "month"),
    ("1000", "executive", "2026-12-31", 6647.20, "month"),
    ("5000", "highly_qualified", "2026-12-31", 53220, "year"),
    ("5000", "executive", "2026-12-31", 88790, "year"),
]


@pytest.mark.parametrize("postcode,route_id,last,amount,period", LAST_SOURCED)
def test_the_last_sourced_amount_ends_with_its_period(postcode, route_id, last, amount, period):
    inside = run(SNAP, job(postcode, amount, period), OLDER, last)
    assert condition(inside, route_id, "salary_threshold")["status"] == "met"
    for later in ("2027-01-01", "2028-06-01", "2031-01-01"):
        after = run(SNAP, job(postcode, amount * 3, period), OLDER, later)
        cond = condition(after, route_id, "salary_threshold")
        assert cond["status"] == "unknown", later
        assert "not yet known" in cond["detail"] and last in cond["detail"]


@pytest.mark.parametrize("lang,words", [("nl", "nog niet gekend"), ("fr", "pas encore connu")])
def test_the_pending_sentence_is_translated(lang, words):
    result = run(SNAP, job("9000", 90000, "year"), OLDER, "2027-06-01", lang)
    assert words in condition(result, "highly_qualified", "salary_threshold")["detail"]


def test_every_shipped_amount_has_an_end_and_a_pending_successor():
    """One rule for all authorities: no amount row is open-ended (except the German-speaking
    amounts whose year is not stated, which are never used as certain), and each route with amounts
    continues with a `pending` row the day after its last sourced period."""
    rows = read_rows("permit_rules.csv")
    for row in rows:
        if row["threshold_status"] in AMOUNT_STATUSES:
            assert row["valid_to"], (row["authority"], row["route"], row["valid_from"])
    routes = {(r["authority"], r["route"]) for r in rows if r["threshold_status"] in AMOUNT_STATUSES}
    for authority, route_id in routes:
        own = [r for r in rows if (r["authority"], r["route"]) == (authority, route_id)]
        last_end = max(r["valid_to"] for r in own if r["threshold_status"] in AMOUNT_STATUSES)
        successors = [r for r in own if r["valid_from"] > last_end]
        assert [r["threshold_status"] for r in successors] == ["pending"], (authority, route_id)
        assert not successors[0]["valid_to"]
