"""Issue 11, "Misleading explanations": best route, the region's own labour-market-test procedure,
noise, and the language of every sentence. Facts quoted from
../shared/domain/belgian-work-permit-rules.md next to the cases."""

from __future__ import annotations

import datetime as dt

import pytest

from matching.permits import CandidateFacts, Snapshot, VacancyFacts, assess, summarise

from .helpers import (
    BRICKLAYER,
    CASHIER,
    SOFTWARE_DEVELOPER,
    condition,
    route,
    rule,
    run,
    shipped_snapshot,
    shipped_uri,
)

SNAP = shipped_snapshot()
ABROAD = {"birth_year": 1980, "education_eqf": 4, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}


def cashier(postcode, **extra):
    return {
        "postcode": postcode,
        "occupation_uri": CASHIER,
        "salary": {"amount": 2300, "period": "month"},
        "contract_type": "permanent",
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        **extra,
    }


# --- best route ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "postcode,on,executive_post",
    [
        ("1000", "2024-11-01", None),  # Brussels executive amount Oct-Dec 2024 NOT FOUND
        ("1000", "2024-11-01", True),
        ("4700", "2025-06-01", None),  # DG amounts without a year: always unknown
        ("4700", "2025-06-01", True),
    ],
)
def test_a_cashier_is_never_pointed_to_the_executive_route(postcode, on, executive_post):
    job = cashier(postcode, executive_post=executive_post)
    result = run(SNAP, job, ABROAD, on)
    assert result["verdict"] == "conditional"
    assert result["best_route"] not in ("executive", "highly_qualified", "eu_blue_card")
    short = summarise(SNAP, VacancyFacts.from_dict(job), CandidateFacts.from_dict(ABROAD), dt.date.fromisoformat(on))
    assert short == {"verdict": result["verdict"], "best_route": result["best_route"]}


DG_HQ = rule(
    authority="german_speaking",
    route="highly_qualified",
    valid_from="2023-01-01",
    threshold_amount="49830",
    threshold_unit="annual_gross",
    threshold_status="unconfirmed",
)
DG_LMT = rule(
    authority="german_speaking",
    route="labour_market_test",
    valid_from="2023-01-01",
    labour_market_test="true",
    employer_in_belgium_required="true",
)


def test_fewest_unknowns_win_but_never_a_route_far_below_its_salary():
    """HQ has 1 unknown (an amount without a year) and LMT 2 (test + employer); 2,300/month is at most
    32,016/yr, far below 49,830: HQ is not offered. At 3,700/month HQ is close and wins."""
    snap = Snapshot.build([DG_HQ, DG_LMT], [])
    far = assess(snap, cashier("4700"), ABROAD, dt.date(2025, 6, 1))
    assert (route(far, "highly_qualified")["status"], route(far, "labour_market_test")["status"]) == (
        "conditional",
        "conditional",
    )
    assert far["best_route"] == "labour_market_test"
    close = assess(snap, cashier("4700", salary={"amount": 3700, "period": "month"}), ABROAD, dt.date(2025, 6, 1))
    assert close["best_route"] == "highly_qualified"
    only_far = assess(Snapshot.build([DG_HQ], []), cashier("4700"), ABROAD, dt.date(2025, 6, 1))
    assert (only_far["verdict"], only_far["best_route"]) == ("conditional", None)


def test_among_equally_open_routes_the_least_demanding_wins():
    """Brussels cashier, 2024-11: executive (2 unknowns now), shortage list (1), LMT (1): the
    shortage-list route, which asks least of the job, is the best one."""
    result = run(SNAP, cashier("1000"), ABROAD, "2024-11-01")
    assert result["best_route"] == "shortage_occupation"


# --- the region's own labour-market-test procedure --------------------------------------------------


@pytest.mark.parametrize(
    "postcode,on,words,not_words",
    [
        # §1.5 "The vacancy was published on VDAB for at least 6 weeks ... (3 weeks for seasonal work)"; "negen weken"
        ("9000", "2025-06-01", ("VDAB for at least 6 weeks", "9 weeks"), ("Actiris", "FOREM")),
        # §2.5 "the vacancy is published on Actiris for at least 5 weeks, or Actiris recruitment services are used"
        ("1000", "2025-06-01", ("Actiris for at least 5 weeks", "recruitment services"), ("VDAB", "FOREM")),
        # §3.4 "sotra.be: ... 4 weeks." "le-tribunal.be: vacancy open for at least 5 weeks."
        ("5000", "2025-06-01", ("FOREM attestation", "4 weeks", "5 weeks"), ("VDAB", "Actiris")),
        # §4 "a permit is granted only if no suitable worker can be found on the European labour market"
        ("4700", "2025-06-01", ("European labour market",), ("VDAB", "Actiris", "FOREM")),
    ],
)
def test_the_labour_market_test_gives_the_regions_own_procedure(postcode, on, words, not_words):
    result = run(SNAP, cashier(postcode), ABROAD, on)
    lmt = route(result, "labour_market_test")
    detail = condition(result, "labour_market_test", "labour_market_test")["detail"]
    for word in words:
        assert word in detail and word in lmt["lmt_detail"]
    for word in not_words:
        assert word not in detail


@pytest.mark.parametrize("lang,words", [("nl", "minstens 6 weken bij VDAB"), ("fr", "au moins 6 semaines")])
def test_lmt_detail_is_translated(lang, words):
    result = run(SNAP, cashier("9000"), ABROAD, "2025-06-01", lang)
    lmt = route(result, "labour_market_test")
    assert words in lmt["lmt_detail"] and lmt["lmt_detail_language"] == lang
    assert words in condition(result, "labour_market_test", "labour_market_test")["detail"]


# --- noise -------------------------------------------------------------------------------------------


def test_no_reduced_threshold_sentence_when_the_full_threshold_is_met():
    result = run(
        SNAP,
        {**cashier("9000", occupation_uri=SOFTWARE_DEVELOPER), "salary": {"amount": 60000, "period": "year"}},
        None,
        "2025-06-01",
    )
    cond = condition(result, "highly_qualified", "salary_threshold")
    assert cond["status"] == "met" and "reduced" not in cond["detail"]
    assert not any("reduced threshold" in q for q in route(result, "highly_qualified")["next_questions"])


@pytest.mark.parametrize("postcode,on", [("1000", "2025-06-01"), ("9000", "2025-06-01"), ("5000", "2025-06-01")])
def test_no_executive_salary_hint_for_a_cashier(postcode, on):
    result = run(SNAP, cashier(postcode), ABROAD, on)
    assert not any(h["route"] == "executive" for h in result.get("what_would_change", []))
    assert not any(
        h["condition"] == "salary_threshold" for h in route(result, "executive").get("what_would_change", [])
    )


def test_exactly_four_months_is_not_more_than_four_months():
    """§5.1 "They may work 4 months after filing": filed 1 Feb, assessed 1 Jun."""
    person = {**ABROAD, "residence_situation": "asylum_applicant", "asylum_filed_on": "2025-02-01"}
    result = run(SNAP, cashier("9000"), person, "2025-06-01")
    cond = condition(result, "asylum_applicant_work_access", "four_months_since_filing")
    assert cond["status"] == "met"
    assert "more than" not in cond["detail"] and "at least 4 months" in cond["detail"]


def test_existing_work_access_does_not_cite_an_asylum_page():
    result = run(
        SNAP, cashier("9000"), {**ABROAD, "residence_situation": "legal_residence_with_work_access"}, "2025-06-01"
    )
    assert "fedasil" not in condition(result, "existing_work_access", "existing_work_access")["source_url"]


# --- language ---------------------------------------------------------------------------------------


def mason(**extra):
    return {
        "postcode": "9000",
        "occupation_uri": BRICKLAYER,
        "salary": {"amount": 3000, "period": "month"},
        "weekly_hours": 20,
        "full_time_weekly_hours": 38,
        "contract_type": "permanent",
        "pay_category": "semi_skilled",
        "employer_in_belgium": True,
        **extra,
    }


@pytest.mark.parametrize(
    "lang,category,hours,list_word",
    [
        ("en", "'semi-skilled'", "30.4 hours", "Migratielijst"),
        ("nl", "'halfgeschoold'", "30,4 uren", "Migratielijst"),
        ("fr", "« semi-qualifié »", "30,4 heures", "Liste flamande"),
    ],
)
def test_pay_categories_numbers_and_list_names_in_the_readers_language(lang, category, hours, list_word):
    result = run(SNAP, mason(), ABROAD, "2025-06-01", lang)
    medium = route(result, "medium_skilled_shortage")
    assert category in condition(result, "medium_skilled_shortage", "pay_category")["detail"]
    changes = " ".join(h["change"] for h in medium["what_would_change"])
    assert hours in changes
    assert list_word in condition(result, "medium_skilled_shortage", "occupation_on_list")["detail"]
    assert medium["rule"]["note_language"] == "en"


@pytest.mark.parametrize("lang,word", [("nl", "Waalse knelpuntberoepenlijst"), ("fr", "Liste wallonne")])
def test_english_named_walloon_lists_are_translated(lang, word):
    result = run(
        SNAP,
        cashier(
            "5000",
            occupation_uri=shipped_uri("social worker"),
        ),
        ABROAD,
        "2025-01-01",
        lang,
    )
    assert word in condition(result, "shortage_occupation", "occupation_on_list")["detail"]
