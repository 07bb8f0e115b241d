"""Issue 11, item 8: the smaller over-confident answers, each against the sentence of the facts
(../shared/domain/belgian-work-permit-rules.md) quoted next to its cases."""

from __future__ import annotations

from collections import defaultdict

import pytest

from .helpers import condition, developer_job, read_rows, route, run, shipped_snapshot

SNAP = shipped_snapshot()
OLDER = {"birth_year": 1970, "education_eqf": 7, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}


# §1.4 "Diploma: at least a bachelor diploma, save exceptions, from 1 May 2024"
@pytest.mark.parametrize(
    "on,eqf,status",
    [
        ("2024-05-01", 5, "unknown"),
        ("2025-06-01", 4, "unknown"),
        ("2025-06-01", 6, "met"),
        ("2026-06-01", 5, "unknown"),
    ],
)
def test_flemish_blue_card_diploma_save_exceptions(on, eqf, status):
    result = run(SNAP, developer_job("9000", 70000), {**OLDER, "education_eqf": eqf}, on)
    cond = condition(result, "eu_blue_card", "education")
    assert cond["status"] == status
    if status == "unknown":
        assert "save exceptions" in cond["detail"]


# §1.1 "2022: 45,096 (vreemdelingenrecht.be ...)": the years the facts give are covered.
@pytest.mark.parametrize("amount,status", [(45096, "met"), (45095.99, "not_met")])
def test_flemish_2022_highly_qualified_amount(amount, status):
    result = run(SNAP, developer_job("9000", amount), OLDER, "2022-06-01")
    assert condition(result, "highly_qualified", "salary_threshold")["status"] == status


def test_2022_is_covered_where_the_facts_give_it_and_unknown_beyond():
    result = run(SNAP, developer_job("9000", 200000, executive_post=True), OLDER, "2022-06-01")
    assert route(result, "highly_qualified")["status"] == "eligible"
    assert result["verdict"] == "supportive"
    # executive and Blue Card amounts for 2022 are not in the facts: unknown, not invented
    for route_id in ("executive", "eu_blue_card"):
        assert condition(result, route_id, "salary_threshold")["status"] == "unknown"
    # before 1 Apr 2022 the GGMMI is not in the facts ("1 Apr 2022: 1,806.16 €/month")
    early = run(SNAP, {**developer_job("9000", 3000, "month"), "pay_category": "skilled"}, OLDER, "2022-02-01")
    assert condition(early, "medium_skilled_shortage", "minimum_wage")["status"] == "unknown"
    # the other authorities have no 2022 figures at all: said, not hidden
    brussels = run(SNAP, developer_job("1000", 200000), OLDER, "2022-06-01")
    assert brussels["routes"] == [] and "do not cover" in brussels["reference_data"]["note"]


# §5.1 "From 30 Dec 2022 ... lawful long-stay persons who may switch in-country include: ... certain
# family-reunification residents"
@pytest.mark.parametrize(
    "stay,on,expected",
    [
        ("family_reunification", "2025-06-01", "unknown"),
        ("temporary_protection", "2025-06-01", "in_belgium"),
        ("student", "2025-06-01", "in_belgium"),
    ],
)
def test_family_reunification_is_only_certain_residents(stay, on, expected):
    person = {**OLDER, "residence_situation": "legal_residence_without_work_access", "lawful_stay_type": stay}
    found = route(run(SNAP, developer_job("9000", 60000), person, on), "highly_qualified")
    assert found["application_from"] == expected
    if stay == "family_reunification":
        assert "certain" in found["application_from_reason"]


# §5.1 DG summary: "in-country filing is possible for categories exempt from the LMT (highly qualified,
# executives…) and for EU long-term residents of another member state. The worker must then hold a
# short stay (e.g. tourist) or a student/researcher residence."
@pytest.mark.parametrize(
    "route_id,stay,resident,expected",
    [
        ("highly_qualified", "student", None, "in_belgium"),
        ("highly_qualified", "short_stay", None, "in_belgium"),
        ("highly_qualified", "humanitarian_or_medical", None, "unknown"),
        ("executive", "temporary_protection", None, "unknown"),
        ("labour_market_test", "student", None, "abroad_only"),
        ("labour_market_test", "student", True, "in_belgium"),
    ],
)
def test_german_speaking_in_country_filing_limits(route_id, stay, resident, expected):
    person = {
        **OLDER,
        "residence_situation": "legal_residence_without_work_access",
        "lawful_stay_type": stay,
        "eu_long_term_resident": resident,
    }
    found = route(run(SNAP, developer_job("4700", 90000), person, "2025-06-01"), route_id)
    assert found["application_from"] == expected, found["application_from_reason"]


# Header: "Single permit ... = work of more than 90 days. A work permit ... = 90 days or less"
@pytest.mark.parametrize(
    "months,status",
    [(1, "not_met"), (2, "not_met"), (3, "unknown"), (4, None), (None, None)],
)
def test_contracts_of_90_days_or_less_are_not_single_permit_work(months, status):
    short = developer_job("9000", 60000, contract_type="fixed_term", duration_months=months)
    for route_id in ("highly_qualified", "labour_market_test"):
        cond = condition(run(SNAP, short, OLDER, "2025-06-01"), route_id, "single_permit_duration")
        assert (cond and cond["status"]) == status
        if status == "not_met":
            assert "90 days or less" in cond["detail"]


# §4 "at least 49,830 EUR/yr for employment up to 4 years; at least 83,135 EUR/yr for unlimited,
# non-seconded employment"
@pytest.mark.parametrize(
    "contract,months,amount,status",
    [
        ("fixed_term", 60, 60000, "unknown"),  # 5 years fixed term: neither "up to 4 years" nor "unlimited"
        ("fixed_term", 48, 60000, "unknown"),  # the amounts have no year: never certain
        ("permanent", None, 60000, "unknown"),
    ],
)
def test_german_speaking_five_year_fixed_term_is_not_unlimited(contract, months, amount, status):
    five = developer_job("4700", amount, contract_type=contract, duration_months=months)
    cond = condition(run(SNAP, five, OLDER, "2025-06-01"), "highly_qualified", "salary_threshold")
    assert cond["status"] == status
    if months == 60:
        assert "83,135" in cond["detail"] and "neither" in cond["detail"]


def test_one_conversion_rule_per_authority():
    """Wallonia's ×13.92 was applied on some rows and not others (issue 11): one rule per authority.
    vlaanderen.be: "Monthly amount = annual ÷ 13.92"; le-tribunal.be (Wallonia): "40,248/yr, i.e.
    2,891.38/month". Brussels' annual amounts (to Sep 2024) and the German-speaking amounts come with
    no monthly figure: no divisor (the ×12 to ×13.92 band)."""
    divisors = defaultdict(set)
    for row in read_rows("permit_rules.csv"):
        if row["threshold_unit"] == "annual_gross":
            divisors[row["authority"]].add(row["monthly_divisor"])
    assert divisors == {
        "flanders": {"13.92"},
        "wallonia": {"13.92"},
        "brussels": {""},
        "german_speaking": {""},
    }


@pytest.mark.parametrize("on", ["2023-06-01", "2024-06-01", "2024-10-01", "2025-06-01", "2026-06-01"])
def test_identical_walloon_facts_do_not_flip_overnight(on):
    """A monthly salary is converted the same way on every Walloon row: 6,500/month x 13.92 = 90,480."""
    result = run(SNAP, developer_job("5000", 6500, "month", executive_post=True), OLDER, on)
    assert condition(result, "executive", "salary_threshold")["status"] == "met"
