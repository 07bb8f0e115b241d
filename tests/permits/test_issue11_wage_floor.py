"""Issue 11, item 3: the guaranteed minimum monthly income (GGMMI) is the floor of the Flemish
medium-skilled route, and its dated amounts are data.

Facts (../shared/domain/belgian-work-permit-rules.md):
- §1.3 "There is no specific minimum wage; the GGMMI is the absolute floor (agii middengeschoolde)".
- §6 "1 Apr 2022: 1,806.16 €/month." "After indexations: 1,994.18 €." "1 Apr 2024: +35.70 € →
  2,029.88 €/month". "2,070.48 €/month is cited by Brussels Economy-Employment ... the effective date
  is NOT FOUND". "1 Apr 2026 increase — conflict: +35 € ... +37.50 € ... The resulting 2026 amount is NOT FOUND."
"""

from __future__ import annotations

import pytest

from .helpers import BRICKLAYER, condition, route, run, shipped_snapshot

SNAP = shipped_snapshot()
MASON = {"birth_year": 1980, "education_eqf": 4, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}


def bricklayer(amount, period="month", weekly_hours=38, **extra):
    return {
        "postcode": "9000",
        "occupation_uri": BRICKLAYER,
        "salary": {"amount": amount, "period": period},
        "weekly_hours": weekly_hours,
        "full_time_weekly_hours": 38,
        "contract_type": "permanent",
        "pay_category": "skilled",
        "employer_in_belgium": True,
        **extra,
    }


# (as_of, monthly full-time pay, status of the floor condition)
FLOOR = [
    # until 31 Mar 2024 the floor is 1,806.16 or 1,994.18 (the indexation dates are not in the facts)
    ("2023-10-01", 1806.15, "not_met"),
    ("2023-10-01", 1900, "unknown"),
    ("2023-10-01", 1994.18, "met"),
    ("2024-03-31", 1994.18, "met"),
    # "1 Apr 2024: +35.70 € → 2,029.88 €/month"; 2,070.48 is cited without a date: a range
    ("2024-04-01", 1994.18, "not_met"),
    ("2024-04-01", 2029.87, "not_met"),
    ("2024-06-01", 1500, "not_met"),  # the issue's bricklayer at €1,500/month full time in 2024
    ("2024-06-01", 2050, "unknown"),
    ("2024-06-01", 2070.48, "met"),
    ("2025-06-01", 2029.87, "not_met"),
    ("2026-03-31", 2070.48, "met"),
    # "The resulting 2026 amount is NOT FOUND": from 1 Apr 2026 the floor is unknown
    ("2026-04-01", 1500, "unknown"),
    ("2026-06-01", 3000, "unknown"),
]


@pytest.mark.parametrize("on,amount,status", FLOOR)
def test_ggmmi_floor_of_the_medium_skilled_route(on, amount, status):
    result = run(SNAP, bricklayer(amount), MASON, on)
    floor = condition(result, "medium_skilled_shortage", "minimum_wage")
    assert floor["status"] == status, floor["detail"]
    if status == "not_met":
        assert route(result, "medium_skilled_shortage")["status"] == "not_eligible"
        assert "GGMMI" in floor["detail"]
    if on >= "2026-04-01":
        assert "not in our facts" in floor["detail"]


def test_issue_example_bricklayer_at_1500_is_not_eligible():
    """Issue: "a bricklayer at €1,500/month full time in 2024 is eligible"."""
    result = run(SNAP, bricklayer(1500), MASON, "2024-06-01")
    assert route(result, "medium_skilled_shortage")["status"] == "not_eligible"
    assert result["verdict"] != "supportive"
    hint = next(
        h for h in route(result, "medium_skilled_shortage")["what_would_change"] if h["condition"] == "minimum_wage"
    )
    assert hint["value"] == {"amount": 2070.48, "unit": "monthly_gross"}


@pytest.mark.parametrize(
    "amount,period,hours,status",
    [
        (1700, "month", 30.4, "met"),  # 80% of full time: 1,700 / 0.8 = 2,125 full time
        (1600, "month", 30.4, "not_met"),  # 1,600 / 0.8 = 2,000 full time
        (1600, "month", None, "unknown"),  # maybe part time: cannot say
        (12.0, "hour", 38, "not_met"),  # 12 x 38 x 52 / 12 = 1,976
        (13.0, "hour", 30.4, "met"),  # per hour: 13 x 38 x 52 / 12 = 2,140.67 full time
        (24000, "year", 38, "not_met"),  # at most 24,000 / 12 = 2,000 a month
        (30000, "year", 38, "met"),  # at least 30,000 / 13.92 = 2,155 a month
    ],
)
def test_the_floor_is_compared_for_a_full_time_job(amount, period, hours, status):
    result = run(SNAP, bricklayer(amount, period, weekly_hours=hours), MASON, "2025-06-01")
    assert condition(result, "medium_skilled_shortage", "minimum_wage")["status"] == status


def test_ggmmi_amounts_are_dated_rows_with_sources():
    from .helpers import read_rows

    rows = [r for r in read_rows("permit_rules.csv") if r["route"] == "medium_skilled_shortage"]
    floors = {(r["valid_from"], r["valid_to"]): (r["wage_floor_amount"], r["wage_floor_alt_amount"]) for r in rows}
    assert floors[("2024-05-01", "2026-03-31")] == ("2029.88", "2070.48")
    assert all("sodalis.be" in r["source_urls"] for r in rows if r["wage_floor_amount"])


@pytest.mark.parametrize("lang,word", [("nl", "GGMMI"), ("fr", "RMMMG")])
def test_floor_sentences_are_translated(lang, word):
    result = run(SNAP, bricklayer(1500), MASON, "2024-06-01", lang)
    assert word in condition(result, "medium_skilled_shortage", "minimum_wage")["detail"]
