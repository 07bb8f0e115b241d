"""Table-driven checks of the shipped reference data against the facts file
(../shared/domain/belgian-work-permit-rules.md): every threshold of every route and authority,
on both sides of the amount and of each validity date. No database."""

from __future__ import annotations

import pytest

from .helpers import (
    NURSE,
    SOFTWARE_DEVELOPER,
    D,
    condition,
    read_rows,
    route,
    run,
    shipped_snapshot,
    shipped_uri,
)

SNAP = shipped_snapshot()
POSTCODE = {"flanders": "9000", "brussels": "1000", "wallonia": "5000", "german_speaking": "4700"}
OLDER = {
    "birth_year": 1970,
    "is_nurse": False,
    "is_teacher": False,
    "education_eqf": 7,
    "eu_eea_swiss_citizen": False,
    "residence_situation": "abroad",
}


def vacancy(authority, amount, period, **extra):
    # A job of known occupation (software developer, ISCO 2512: neither nurse nor teacher), since the
    # Flemish 80% reduction for nurses and teachers follows the job's occupation (issue 11 item 7).
    return {
        "occupation_uri": SOFTWARE_DEVELOPER,
        "postcode": POSTCODE[authority],
        "salary": {"amount": amount, "period": period},
        "contract_type": "permanent",
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        "employer_in_belgium": True,
        **extra,
    }


# (authority, route, as_of, threshold, period of the threshold's unit) — figures from the facts file.
THRESHOLDS = [
    # Flanders §0.1 / §1.1-1.4 (annual gross)
    ("flanders", "highly_qualified", "2023-06-01", 45984, "year"),
    ("flanders", "highly_qualified", "2023-12-31", 45984, "year"),
    ("flanders", "highly_qualified", "2024-01-01", 46632, "year"),
    ("flanders", "highly_qualified", "2024-12-31", 46632, "year"),
    ("flanders", "highly_qualified", "2025-01-01", 48912, "year"),
    ("flanders", "highly_qualified", "2026-06-01", 48912, "year"),  # 2025 amount stays (Statbel)
    ("flanders", "executive", "2023-06-01", 73574, "year"),
    ("flanders", "executive", "2024-06-01", 74611, "year"),
    ("flanders", "executive", "2025-06-01", 78259.20, "year"),
    ("flanders", "executive", "2026-03-01", 78259.20, "year"),
    ("flanders", "eu_blue_card", "2023-06-01", 55181, "year"),
    ("flanders", "eu_blue_card", "2024-04-30", 55958, "year"),
    ("flanders", "eu_blue_card", "2025-06-01", 63586, "year"),
    ("flanders", "eu_blue_card", "2026-06-01", 63586, "year"),
    # Brussels §0.2 / §2: annual until 30 Sep 2024, monthly base pay from 1 Oct 2024
    ("brussels", "highly_qualified", "2023-06-01", 47174, "year"),
    ("brussels", "highly_qualified", "2024-09-30", 50310, "year"),
    ("brussels", "highly_qualified", "2024-10-01", 3591.12, "month"),
    ("brussels", "highly_qualified", "2025-06-01", 3703.44, "month"),
    ("brussels", "highly_qualified", "2026-06-01", 3703.44, "month"),
    ("brussels", "executive", "2023-06-01", 78704, "year"),
    ("brussels", "executive", "2024-09-30", 83936, "year"),
    ("brussels", "executive", "2025-06-01", 6647.20, "month"),
    ("brussels", "executive", "2026-06-01", 6647.20, "month"),
    ("brussels", "eu_blue_card", "2023-06-01", 60998, "year"),
    ("brussels", "eu_blue_card", "2024-09-30", 65053, "year"),
    ("brussels", "eu_blue_card", "2024-10-01", 4604, "month"),
    ("brussels", "eu_blue_card", "2025-06-01", 4748, "month"),
    ("brussels", "eu_blue_card", "2026-06-01", 4748, "month"),
    # Wallonia §0.3 / §3 (annual gross)
    ("wallonia", "highly_qualified", "2023-06-01", 47175, "year"),
    ("wallonia", "highly_qualified", "2024-06-01", 50310, "year"),
    ("wallonia", "highly_qualified", "2025-06-01", 51613, "year"),
    ("wallonia", "highly_qualified", "2026-06-01", 53220, "year"),
    ("wallonia", "executive", "2023-06-01", 78704, "year"),
    ("wallonia", "executive", "2024-06-01", 83936, "year"),
    ("wallonia", "executive", "2025-06-01", 86110, "year"),
    ("wallonia", "executive", "2026-06-01", 88790, "year"),
    ("wallonia", "eu_blue_card", "2023-06-01", 60998, "year"),
    ("wallonia", "eu_blue_card", "2024-06-01", 65053, "year"),
    # Junior Blue Card (53,390 / 55,052) applies to juniors, which no candidate fact tells: unknown.
    ("wallonia", "eu_blue_card", "2025-06-01", 66738, "year", "unknown"),
    ("wallonia", "eu_blue_card", "2026-06-01", 68815, "year", "unknown"),
]


@pytest.mark.parametrize("case", THRESHOLDS, ids=lambda c: "-".join(map(str, c[:4])))
def test_salary_threshold_both_sides(case):
    authority, route_id, on, threshold, period = case[:5]
    below_status = case[5] if len(case) > 5 else "not_met"
    at = run(SNAP, vacancy(authority, threshold, period), OLDER, on)
    below = run(SNAP, vacancy(authority, round(threshold - 0.01, 2), period), OLDER, on)
    assert at["authority"] == authority
    assert condition(at, route_id, "salary_threshold")["status"] == "met"
    assert condition(below, route_id, "salary_threshold")["status"] == below_status


@pytest.mark.parametrize(
    "on,junior,amount",
    [("2024-10-01", 40248, 50000), ("2025-06-01", 53390, 60000), ("2026-06-01", 55052, 60000)],
)
def test_walloon_junior_blue_card_conflict_gives_unknown_between_amounts(on, junior, amount):
    between = condition(
        run(SNAP, vacancy("wallonia", amount, "year"), OLDER, on), "eu_blue_card", "salary_threshold"
    )
    under = condition(
        run(SNAP, vacancy("wallonia", junior - 1, "year"), OLDER, on), "eu_blue_card", "salary_threshold"
    )
    assert between["status"] == "unknown"
    assert "junior" in between["detail"]
    assert under["status"] == "not_met"


# (authority, route, as_of, reduced amount, candidate facts, job facts that earn it).
# Corrected for issue 11 item 7: facts §1.1 "Reduced threshold of 80%. Applies to workers under 30
# and nurses ... From 1 May 2024 the reduction also covers teachers" — a nurse or teacher is the job
# (the vacancy's occupation, ISCO 2221/3221 and teaching unit groups), not a flag of the candidate.
TEACHING = {"occupation_uri": None, "occupation_isco": "2330"}  # secondary-school teacher
REDUCED = [
    ("flanders", "highly_qualified", "2023-06-01", 36787.20, {"birth_year": 1998}, {}),
    ("flanders", "highly_qualified", "2023-06-01", 36787.20, {}, {"occupation_uri": NURSE}),
    ("flanders", "highly_qualified", "2024-06-01", 37305.60, {"birth_year": 1999}, {}),
    ("flanders", "highly_qualified", "2024-05-01", 37305.60, {}, TEACHING),  # teachers from 1 May 2024
    ("flanders", "highly_qualified", "2025-06-01", 39129.60, {"birth_year": 2000}, {}),
    ("flanders", "highly_qualified", "2026-06-01", 39129.60, {}, {"occupation_uri": NURSE}),
    ("wallonia", "highly_qualified", "2024-09-01", 40248, {"birth_year": 1999}, {}),  # junior from 1 Sep 2024
    ("wallonia", "highly_qualified", "2025-06-01", 41290, {"birth_year": 2000}, {}),
    ("wallonia", "highly_qualified", "2026-06-01", 42576, {"birth_year": 2001}, {}),
]


@pytest.mark.parametrize("authority,route_id,on,reduced,facts,job", REDUCED)
def test_reduced_threshold_for_qualifying_candidates(authority, route_id, on, reduced, facts, job):
    candidate = {**OLDER, **facts}
    at = run(SNAP, vacancy(authority, reduced, "year", **job), candidate, on)
    below = run(SNAP, vacancy(authority, round(reduced - 0.01, 2), "year", **job), candidate, on)
    older = run(SNAP, vacancy(authority, reduced, "year"), OLDER, on)  # 40+ in a developer job
    assert condition(at, route_id, "salary_threshold")["status"] == "met"
    assert condition(below, route_id, "salary_threshold")["status"] == "not_met"
    assert condition(older, route_id, "salary_threshold")["status"] == "not_met"


@pytest.mark.parametrize("on,status", [("2024-04-30", "not_met"), ("2024-05-01", "met")])
def test_flemish_teacher_reduction_starts_1_may_2024(on, status):
    """Corrected for issue 11 item 7: the teaching job (ISCO 2330), not a candidate flag."""
    result = run(SNAP, vacancy("flanders", 40000, "year", **TEACHING), OLDER, on)
    assert condition(result, "highly_qualified", "salary_threshold")["status"] == status


@pytest.mark.parametrize("on,status", [("2024-08-31", "not_met"), ("2024-09-01", "met")])
def test_walloon_junior_threshold_starts_1_september_2024(on, status):
    young = {**OLDER, "birth_year": 1998}
    result = run(SNAP, vacancy("wallonia", 45000, "year"), young, on)
    assert condition(result, "highly_qualified", "salary_threshold")["status"] == status


@pytest.mark.parametrize("amount,status", [(60621.60, "met"), (60500, "unknown"), (60321.59, "not_met")])
def test_flemish_blue_card_may_2024_conflict_is_kept(amount, status):
    """Source says 60,321.6; 130% x 46,632 = 60,621.60. Between the two: unknown."""
    result = run(SNAP, vacancy("flanders", amount, "year"), OLDER, "2024-06-01")
    cond = condition(result, "eu_blue_card", "salary_threshold")
    assert cond["status"] == status
    if status == "unknown":
        assert "disagree" in cond["detail"]


@pytest.mark.parametrize("on,months,status", [("2024-04-30", 8, "not_met"), ("2024-05-01", 8, "met")])
def test_flemish_blue_card_contract_length_changes_1_may_2024(on, months, status):
    job = vacancy("flanders", 70000, "year", contract_type="fixed_term", duration_months=months)
    assert condition(run(SNAP, job, OLDER, on), "eu_blue_card", "contract_length")["status"] == status


@pytest.mark.parametrize(
    "on,eqf,status", [("2024-04-30", 5, "unknown"), ("2024-05-01", 5, "unknown"), ("2024-05-01", 6, "met")]
)
def test_flemish_blue_card_bachelor_from_1_may_2024(on, eqf, status):
    """Corrected for issue 11 item 8: §1.4 "Diploma: at least a bachelor diploma, save exceptions,
    from 1 May 2024" — below a bachelor the exceptions may apply, so EQF 5 is unknown, not not_met."""
    result = run(SNAP, vacancy("flanders", 70000, "year"), {**OLDER, "education_eqf": eqf}, on)
    assert condition(result, "eu_blue_card", "education")["status"] == status


@pytest.mark.parametrize("on,months,status", [("2024-09-30", 8, "not_met"), ("2024-10-01", 8, "met")])
def test_brussels_blue_card_contract_six_months_from_1_october_2024(on, months, status):
    job = vacancy("brussels", 90000, "year", contract_type="fixed_term", duration_months=months)
    assert condition(run(SNAP, job, OLDER, on), "eu_blue_card", "contract_length")["status"] == status


def test_brussels_executive_amount_oct_dec_2024_is_not_found():
    result = run(SNAP, vacancy("brussels", 9000, "month"), OLDER, "2024-11-01")
    cond = condition(result, "executive", "salary_threshold")
    assert cond["status"] == "unknown"
    assert "not in our facts" in cond["detail"]


def test_brussels_annual_salary_against_monthly_base_pay_is_a_band():
    """50,000/yr is 3,592 to 4,167 a month of base pay depending on the bonuses: around 3,703.44."""
    result = run(SNAP, vacancy("brussels", 50000, "year"), OLDER, "2025-06-01")
    assert condition(result, "highly_qualified", "salary_threshold")["status"] == "unknown"
    surely = run(SNAP, vacancy("brussels", 3703.44 * 13.92, "year"), OLDER, "2025-06-01")
    assert condition(surely, "highly_qualified", "salary_threshold")["status"] == "met"


def test_german_speaking_amounts_without_a_year_are_never_certain():
    for amount in (90000, 50000, 40000):
        result = run(SNAP, vacancy("german_speaking", amount, "year"), OLDER, "2025-06-01")
        cond = condition(result, "highly_qualified", "salary_threshold")
        assert cond["status"] == "unknown"
        assert "year" in cond["detail"]


@pytest.mark.parametrize(
    "contract,months,amount,expected_threshold",
    [("fixed_term", 24, 60000, "49,830"), ("permanent", None, 60000, "83,135")],
)
def test_german_speaking_long_contracts_use_the_higher_amount(contract, months, amount, expected_threshold):
    job = vacancy("german_speaking", amount, "year", contract_type=contract, duration_months=months)
    cond = condition(run(SNAP, job, OLDER, "2025-06-01"), "highly_qualified", "salary_threshold")
    assert expected_threshold in cond["detail"]


def test_german_speaking_blue_card_threshold_not_found_and_no_shortage_route():
    result = run(SNAP, vacancy("german_speaking", 90000, "year"), OLDER, "2025-06-01")
    assert condition(result, "eu_blue_card", "salary_threshold")["status"] == "unknown"
    assert route(result, "shortage_occupation") is None
    assert route(result, "medium_skilled_shortage") is None


# --- shortage lists -------------------------------------------------------------------------------


def medium(uri, **extra):
    return vacancy("flanders", 2900, "month", occupation_uri=uri, pay_category="skilled", **extra)


@pytest.mark.parametrize(
    "on,status", [("2023-08-31", "not_met"), ("2023-09-01", "met"), ("2025-12-31", "met"), ("2026-06-01", "unknown")]
)
def test_flemish_list_from_1_september_2023(on, status):
    """Corrected for issue 11 items 5 and 6. §1.3: "From 1 Sep 2023: 29 functions ... Added: ...
    metselaar", so the day before (2021 list, "kept in use until 31 Aug 2023") it is not_met, not
    "not in our data". §1.3 update: "the 2023 list applies up to 31 Dec 2025 ... membership of a named
    2026 item rests on a single secondary source", so in 2026 the named metselaar is unknown."""
    result = run(SNAP, medium(shipped_uri("metselaar")), {**OLDER, "education_eqf": 3}, on)
    cond = condition(result, "medium_skilled_shortage", "occupation_on_list")
    assert cond["status"] == status
    if on == "2023-08-31":
        assert "added only on 2023-09-01" in cond["detail"]


def test_flemish_list_partial_gives_unknown_not_not_met():
    cook = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"
    result = run(SNAP, medium(cook), OLDER, "2025-06-01")
    cond = condition(result, "medium_skilled_shortage", "occupation_on_list")
    assert cond["status"] == "unknown"
    assert "incomplete" in cond["detail"]


def test_flemish_draft_2025_list_is_never_used():
    """Corrected for issue 11 item 6: from 1 Jan 2026 the ADOPTED list (not the draft) names the
    asbestos remover (facts §1.3 update), so the check is made in 2025, when only the draft had it."""
    asbestos = shipped_uri("asbestverwijderaar")
    result = run(SNAP, medium(asbestos), OLDER, "2025-06-01")
    assert condition(result, "medium_skilled_shortage", "occupation_on_list")["status"] == "unknown"
    assert not SNAP.lists_with_occupation(asbestos, "flanders", D("2025-06-01"))
    draft = "DRAFT migratielijst middengeschoolde functies 2025 (23 functies; adoption not confirmed)"
    assert draft not in SNAP.lists_with_occupation(asbestos, "flanders", D("2026-06-01"))


@pytest.mark.parametrize(
    "on,hours,status", [("2024-04-30", 28, None), ("2024-05-01", 28, "not_met"), ("2024-05-01", 30.4, "met")]
)
def test_flemish_medium_skilled_80_percent_from_1_may_2024(on, hours, status):
    result = run(SNAP, medium(shipped_uri("metselaar"), weekly_hours=hours), OLDER, on)
    cond = condition(result, "medium_skilled_shortage", "working_time")
    assert (cond and cond["status"]) == status


@pytest.mark.parametrize(
    "category,status",
    [("semi_skilled", "not_met"), ("skilled", "met"), ("highly_skilled", "met"), ("unknown", "unknown")],
)
def test_flemish_medium_skilled_pay_category(category, status):
    job = {**medium(shipped_uri("metselaar")), "pay_category": category}
    assert (
        condition(run(SNAP, job, OLDER, "2025-06-01"), "medium_skilled_shortage", "pay_category")["status"]
        == status
    )


def test_flemish_medium_skilled_needs_a_belgian_employer():
    job = {**medium(shipped_uri("metselaar")), "employer_in_belgium": False}
    result = run(SNAP, job, OLDER, "2025-06-01")
    assert route(result, "medium_skilled_shortage")["status"] == "not_eligible"


def test_flemish_bricklayer_is_supportive_through_medium_skilled():
    result = run(SNAP, medium(shipped_uri("metselaar")), {**OLDER, "education_eqf": 4}, "2025-06-01")
    assert result["verdict"] == "supportive"
    assert result["best_route"] == "medium_skilled_shortage"
    assert result["reference_data"]["lists"] == [
        "Migratielijst middengeschoolde functies (MB 1-9-2023, 29 functies)"
    ]


@pytest.mark.parametrize("on,has_list_condition", [("2024-04-30", False), ("2024-05-01", True)])
def test_flemish_labour_market_test_needs_vdab_list_from_1_may_2024(on, has_list_condition):
    result = run(SNAP, medium(shipped_uri("metselaar")), OLDER, on)
    cond = condition(result, "labour_market_test", "occupation_on_list")
    assert (cond is not None) == has_list_condition
    if cond:
        assert cond["status"] == "unknown"  # the VDAB list is not in our data
    assert condition(result, "labour_market_test", "labour_market_test")["status"] == "unknown"
    assert route(result, "labour_market_test")["status"] == "conditional"


@pytest.mark.parametrize("on,present", [("2024-09-30", False), ("2024-10-01", True)])
def test_brussels_shortage_waiver_from_1_october_2024_with_unknown_list(on, present):
    result = run(SNAP, vacancy("brussels", 3000, "month", occupation_uri=shipped_uri("metselaar")), OLDER, on)
    found = route(result, "shortage_occupation")
    assert (found is not None) == present
    if found:
        assert condition(result, "shortage_occupation", "occupation_on_list")["status"] == "unknown"


@pytest.mark.parametrize(
    "label,on,status",
    [
        ("chef/cheffe de partie", "2023-09-30", "unknown"),  # the 75-function list is not in our data
        ("chef/cheffe de partie", "2023-10-01", "met"),
        ("chef/cheffe de partie", "2024-09-30", "met"),
        ("social worker", "2024-09-30", "unknown"),
        ("social worker", "2024-10-01", "met"),
        ("social worker", "2025-09-30", "met"),
        ("social worker", "2025-10-01", "unknown"),  # not among the few known 2025-26 entries: partial list
    ],
)
def test_walloon_lists_by_period(label, on, status):
    """Corrected for issue 11 item 4. §3.4: "Does the long-term-resident restriction still apply
    after 2019? NOT FOUND." A listed job is therefore conditional (supportive only for an EU
    long-term resident of another member state), no longer supportive for everyone."""
    job = vacancy("wallonia", 2500, "month", occupation_uri=shipped_uri(label))
    result = run(SNAP, job, OLDER, on)
    assert condition(result, "shortage_occupation", "occupation_on_list")["status"] == status
    if status == "met":
        assert (result["verdict"], result["best_route"]) == ("conditional", "shortage_occupation")
        resident = run(SNAP, job, {**OLDER, "eu_long_term_resident": True}, on)
        assert (resident["verdict"], resident["best_route"]) == ("supportive", "shortage_occupation")


@pytest.mark.parametrize(
    "postcode,authority",
    [
        ("9000", "flanders"),
        ("1000", "brussels"),
        ("1300", "wallonia"),
        ("4000", "wallonia"),
        ("4700", "german_speaking"),
        ("4780", "german_speaking"),
        ("3500", "flanders"),
    ],
)
def test_authority_from_postcode(postcode, authority):
    result = run(SNAP, {"postcode": postcode}, None, "2025-06-01")
    assert result["authority"] == authority


def test_every_shipped_rule_cites_a_source_and_keeps_gap_marks():
    rows = read_rows("permit_rules.csv")
    assert all(r["source_urls"].startswith("http") for r in rows)
    notes = " ".join(r["note"] for r in rows)
    for mark in ("NOT FOUND", "CONFLICT", "Statbel", "not stated"):
        assert mark in notes
    lists = read_rows("shortage_lists.csv")
    assert {lst["completeness"] for lst in lists} == {"partial"}
    assert [lst["status"] for lst in lists if not lst["valid_from"]] == ["draft"]


@pytest.mark.parametrize(
    "authority,route_id,period",
    [
        ("brussels", "highly_qualified", "month"),
        ("brussels", "eu_blue_card", "month"),
        ("brussels", "executive", "month"),
        ("wallonia", "highly_qualified", "year"),
        ("wallonia", "executive", "year"),
        ("wallonia", "eu_blue_card", "year"),
        ("flanders", "highly_qualified", "year"),
        ("flanders", "executive", "year"),
        ("flanders", "eu_blue_card", "year"),
    ],
)
def test_amounts_after_2026_are_not_invented(authority, route_id, period):
    """The facts stop at 2026. Corrected for issue 11 item 2: Flanders too. §1.1 says for 2026
    "Flanders keeps the 2025 thresholds until Statbel publishes new figures ... No final 2026
    Flemish amount was found": a source for 2026, none for 2027, so from 2027 the Flemish amount
    is as unknown as the others (it used to be applied in 2027 as 'met')."""
    late = run(SNAP, vacancy(authority, 1_000_000, period, executive_post=True), OLDER, "2027-03-01")
    cond = condition(late, route_id, "salary_threshold")
    assert cond["status"] == "unknown" and "not yet known" in cond["detail"]
