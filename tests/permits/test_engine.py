"""Engine mechanics on small, explicit snapshots: verdict logic, unknowns, conversions, where to
file, person-based routes, languages, counterfactuals. No database."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys

import pytest

from matching.permits import (
    CandidateFacts,
    InvalidFacts,
    Snapshot,
    VacancyFacts,
    assess,
    salary_band,
    summarise,
    under_30,
)

from .helpers import D, condition, route, rule

OCC = "http://data.europa.eu/esco/occupation/"
LISTED, UNLISTED = OCC + "00000000-0000-0000-0000-000000000001", OCC + "00000000-0000-0000-0000-000000000002"

HQ = rule(
    authority="flanders",
    route="highly_qualified",
    valid_from="2025-01-01",
    threshold_amount="48000",
    threshold_unit="annual_gross",
    threshold_status="known",
    monthly_divisor="13.92",
    min_eqf="6",
    reduced_threshold_amount="38400",
    reduced_for="under_30,nurse",
)
MEDIUM = rule(
    authority="flanders",
    route="medium_skilled_shortage",
    valid_from="2025-01-01",
    min_eqf="3",
    experience_can_replace_diploma="true",
    min_pay_category="skilled",
    employer_in_belgium_required="true",
    requires_list_purpose="medium_skilled",
    min_working_time_fraction="0.8",
)
LMT = rule(
    authority="flanders",
    route="labour_market_test",
    valid_from="2025-01-01",
    labour_market_test="true",
    applicant_must_be_abroad="true",
    employer_in_belgium_required="true",
)
BXL = rule(
    authority="brussels",
    route="highly_qualified",
    valid_from="2025-01-01",
    threshold_amount="3700",
    threshold_unit="monthly_base_pay",
    threshold_status="known",
    min_eqf="5",
)
BXL_WAIVER = rule(
    authority="brussels",
    route="shortage_occupation",
    valid_from="2025-01-01",
    requires_list_purpose="permit_waiver",
)


def snapshot(*rules, lists=()):
    return Snapshot.build(list(rules), list(lists), version="test:1")


def a_list(
    completeness="partial",
    status="in_force",
    valid_from="2025-01-01",
    valid_to="",
    uris=(LISTED,),
    authority="flanders",
    purpose="medium_skilled",
    name="test list",
):
    return (
        {
            "authority": authority,
            "name": name,
            "purpose": purpose,
            "status": status,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "completeness": completeness,
            "source_url": "https://example.org/list",
        },
        uris,
    )


JOB = {
    "postcode": "9000",
    "occupation_uri": LISTED,
    "salary": {"amount": 3000, "period": "month"},
    "weekly_hours": 38,
    "full_time_weekly_hours": 38,
    "contract_type": "permanent",
    "pay_category": "skilled",
    "employer_in_belgium": True,
}
PERSON = {
    "eu_eea_swiss_citizen": False,
    "birth_year": 1980,
    "education_eqf": 4,
    "is_nurse": False,
    "is_teacher": False,
    "residence_situation": "abroad",
}
ON = D("2025-06-01")


# --- shortage lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "completeness,uri,status",
    [
        ("partial", LISTED, "met"),
        ("partial", UNLISTED, "unknown"),
        ("complete", LISTED, "met"),
        ("complete", UNLISTED, "not_met"),
    ],
)
def test_list_membership_partial_lists_never_say_not_met(completeness, uri, status):
    snap = snapshot(MEDIUM, lists=[a_list(completeness)])
    result = assess(snap, {**JOB, "occupation_uri": uri}, PERSON, ON)
    assert condition(result, "medium_skilled_shortage", "occupation_on_list")["status"] == status


@pytest.mark.parametrize("status,valid_from", [("draft", ""), ("draft", "2025-01-01")])
def test_draft_lists_are_never_used(status, valid_from):
    snap = snapshot(MEDIUM, lists=[a_list(status=status, valid_from=valid_from)])
    result = assess(snap, JOB, PERSON, ON)
    cond = condition(result, "medium_skilled_shortage", "occupation_on_list")
    assert cond["status"] == "unknown"
    assert result["reference_data"]["lists"] == []


def test_list_validity_dates_are_inclusive():
    snap = snapshot(MEDIUM, lists=[a_list(valid_from="2025-01-01", valid_to="2025-06-01")])
    assert (
        condition(
            assess(snap, JOB, PERSON, D("2025-06-01")), "medium_skilled_shortage", "occupation_on_list"
        )["status"]
        == "met"
    )
    assert (
        condition(
            assess(snap, JOB, PERSON, D("2025-06-02")), "medium_skilled_shortage", "occupation_on_list"
        )["status"]
        == "unknown"
    )


def test_missing_occupation_gives_unknown_list_condition():
    snap = snapshot(MEDIUM, lists=[a_list()])
    job = {k: v for k, v in JOB.items() if k != "occupation_uri"}
    result = assess(snap, job, PERSON, ON)
    assert condition(result, "medium_skilled_shortage", "occupation_on_list")["status"] == "unknown"
    assert any("occupation" in q for q in route(result, "medium_skilled_shortage")["next_questions"])


# --- verdict logic --------------------------------------------------------------------------------


def test_verdict_supportive_when_a_route_is_eligible():
    result = assess(snapshot(HQ, MEDIUM, lists=[a_list()]), JOB, PERSON, ON)
    assert route(result, "medium_skilled_shortage")["status"] == "eligible"
    assert route(result, "highly_qualified")["status"] == "not_eligible"
    assert (result["verdict"], result["best_route"]) == ("supportive", "medium_skilled_shortage")


def test_verdict_conditional_when_the_best_route_has_unknowns():
    result = assess(snapshot(HQ, LMT), JOB, PERSON, ON)
    assert route(result, "labour_market_test")["status"] == "conditional"
    assert (result["verdict"], result["best_route"]) == ("conditional", "labour_market_test")


def test_verdict_not_supportive_when_every_route_fails():
    job = {**JOB, "employer_in_belgium": False}
    result = assess(snapshot(HQ, LMT), job, PERSON, ON)
    assert {r["status"] for r in result["routes"]} == {"not_eligible"}
    assert (result["verdict"], result["best_route"]) == ("not_supportive", None)


def test_highly_qualified_is_preferred_over_other_eligible_routes():
    person = {**PERSON, "education_eqf": 7}
    job = {**JOB, "salary": {"amount": 4000, "period": "month"}}  # 4000 x 13.92 = 55,680
    result = assess(snapshot(HQ, MEDIUM, lists=[a_list()]), job, person, ON)
    assert route(result, "medium_skilled_shortage")["status"] == "eligible"
    assert result["best_route"] == "highly_qualified"


def test_rule_outside_its_validity_is_not_a_route():
    ended = {**HQ, "valid_to": "2025-05-31"}
    result = assess(snapshot(ended), JOB, PERSON, ON)
    assert route(result, "highly_qualified") is None
    assert (result["verdict"], result["best_route"]) == ("not_supportive", None)


def test_summarise_agrees_with_the_full_assessment_on_a_grid():
    snap = snapshot(HQ, MEDIUM, LMT, lists=[a_list()])
    amounts = (None, 2500, 3000, 3600)
    categories = ("semi_skilled", "skilled", None)
    uris = (LISTED, UNLISTED)
    people = (
        None,
        PERSON,
        {**PERSON, "education_eqf": 7},
        {**PERSON, "birth_year": 2000},
        {**PERSON, "eu_eea_swiss_citizen": True},
        {**PERSON, "residence_situation": "asylum_applicant"},
    )
    hours = (None, 20, 38)
    employers = (True, None)
    for amount, category, uri, person, weekly, employer in itertools.product(
        amounts, categories, uris, people, hours, employers
    ):
        job = {
            **JOB,
            "occupation_uri": uri,
            "pay_category": category,
            "weekly_hours": weekly,
            "employer_in_belgium": employer,
            "salary": {"amount": amount, "period": "month"} if amount else None,
        }
        full = assess(snap, job, person, ON)
        short = summarise(snap, VacancyFacts.from_dict(job), CandidateFacts.from_dict(person), ON)
        assert short == {"verdict": full["verdict"], "best_route": full["best_route"]}, (job, person)


# --- missing facts --------------------------------------------------------------------------------


def test_vacancy_only_assessment_leaves_person_conditions_unknown():
    result = assess(snapshot(HQ), {**JOB, "salary": {"amount": 4000, "period": "month"}}, None, ON)
    assert condition(result, "highly_qualified", "education")["status"] == "unknown"
    salary = condition(result, "highly_qualified", "salary_threshold")
    assert salary["status"] == "met"  # above the full threshold, whoever the candidate is
    assert route(result, "highly_qualified")["application_from"] == "unknown"
    assert result["verdict"] == "conditional"


def test_salary_between_reduced_and_full_threshold_is_unknown_without_age():
    result = assess(snapshot(HQ), JOB, None, ON)  # 3000 x 13.92 = 41,760: between 38,400 and 48,000
    cond = condition(result, "highly_qualified", "salary_threshold")
    assert cond["status"] == "unknown"
    assert "reduced threshold" in cond["detail"]
    assert any("reduced threshold" in q for q in route(result, "highly_qualified")["next_questions"])


@pytest.mark.parametrize(
    "job_change,expected",
    [
        ({"salary": None}, "The salary is not known"),
        ({"salary": {"amount": 20, "period": "hour"}, "weekly_hours": None}, "weekly hours are not known"),
    ],
)
def test_missing_salary_facts_give_unknown(job_change, expected):
    result = assess(snapshot(HQ), {**JOB, **job_change}, PERSON, ON)
    cond = condition(result, "highly_qualified", "salary_threshold")
    assert cond["status"] == "unknown"
    assert expected in cond["detail"]


@pytest.mark.parametrize(
    "fact,cond_id",
    [
        ("pay_category", "pay_category"),
        ("employer_in_belgium", "employer_in_belgium"),
        ("weekly_hours", "working_time"),
    ],
)
def test_missing_job_facts_give_unknown(fact, cond_id):
    job = {**JOB, fact: None}
    result = assess(snapshot(MEDIUM, lists=[a_list()]), job, PERSON, ON)
    assert condition(result, "medium_skilled_shortage", cond_id)["status"] == "unknown"
    assert route(result, "medium_skilled_shortage")["status"] == "conditional"
    assert route(result, "medium_skilled_shortage")["next_questions"]


def test_threshold_not_found_gives_unknown():
    gap = rule(
        authority="german_speaking",
        route="eu_blue_card",
        valid_from="2023-01-01",
        threshold_status="not_found",
        threshold_unit="annual_gross",
        unknown_parameters="min_eqf",
    )
    result = assess(snapshot(gap), {**JOB, "postcode": "4700"}, PERSON, ON)
    assert {c["status"] for c in route(result, "eu_blue_card")["conditions"]} == {"unknown"}


def test_education_below_minimum_with_experience_route_is_unknown():
    result = assess(snapshot(MEDIUM, lists=[a_list()]), JOB, {**PERSON, "education_eqf": 2}, ON)
    assert condition(result, "medium_skilled_shortage", "education")["status"] == "unknown"


# --- salary conversion ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount,period,hours,unit,divisor,expected",
    [
        (50000, "year", 38, "annual_gross", 13.92, (50000, 50000)),
        (3000, "month", 38, "annual_gross", 13.92, (41760, 41760)),
        (3000, "month", 38, "annual_gross", None, (36000, 41760)),
        (20, "hour", 38, "annual_gross", 13.92, (20 * 38 * 52 / 12 * 13.92,) * 2),
        (3000, "month", 38, "monthly_base_pay", None, (3000, 3000)),
        (20, "hour", 40, "monthly_base_pay", None, (20 * 40 * 52 / 12,) * 2),
        (48000, "year", 38, "monthly_base_pay", None, (48000 / 13.92, 4000)),
    ],
)
def test_salary_conversion(amount, period, hours, unit, divisor, expected):
    facts = VacancyFacts(authority="flanders", salary_amount=amount, salary_period=period, weekly_hours=hours)
    band, reason = salary_band(facts, unit, divisor)
    assert reason is None
    assert band == pytest.approx(expected)


def test_brussels_monthly_threshold_on_both_sides():
    snap = snapshot(BXL)
    at = assess(snap, {**JOB, "postcode": "1000", "salary": {"amount": 3700, "period": "month"}}, PERSON, ON)
    below = assess(
        snap, {**JOB, "postcode": "1000", "salary": {"amount": 3699.99, "period": "month"}}, PERSON, ON
    )
    assert condition(at, "highly_qualified", "salary_threshold")["status"] == "met"
    assert condition(below, "highly_qualified", "salary_threshold")["status"] == "not_met"


@pytest.mark.parametrize("birth_year,expected", [(1996, True), (1995, None), (1994, False), (None, None)])
def test_under_30_from_birth_year_only(birth_year, expected):
    assert under_30(birth_year, D("2025-06-01")) is expected


# --- counterfactuals ------------------------------------------------------------------------------


def test_what_would_change_gives_the_salary_needed():
    person = {**PERSON, "education_eqf": 7}
    result = assess(snapshot(HQ), {**JOB, "salary": {"amount": 3000, "period": "month"}}, person, ON)
    hints = route(result, "highly_qualified")["what_would_change"]
    assert hints[0]["condition"] == "salary_threshold"
    assert hints[0]["value"] == {"amount": 48000, "unit": "annual_gross"}
    assert "3,448.28" in hints[0]["change"]  # 48,000 / 13.92 per month
    assert result["what_would_change"][0]["route"] == "highly_qualified"


def test_what_would_change_for_working_time():
    job = {**JOB, "weekly_hours": 20}
    result = assess(snapshot(MEDIUM, lists=[a_list()]), job, PERSON, ON)
    hint = route(result, "medium_skilled_shortage")["what_would_change"][0]
    assert hint["value"] == {"weekly_hours": 30.4}


# --- person-based routes --------------------------------------------------------------------------


def test_eu_citizens_need_no_permit():
    result = assess(snapshot(HQ, LMT), JOB, {**PERSON, "eu_eea_swiss_citizen": True}, ON)
    assert [r["route"] for r in result["routes"]] == ["no_permit_needed"]
    assert (result["verdict"], result["best_route"]) == ("supportive", "no_permit_needed")


def test_existing_work_access():
    result = assess(
        snapshot(HQ), JOB, {**PERSON, "residence_situation": "legal_residence_with_work_access"}, ON
    )
    assert (result["verdict"], result["best_route"]) == ("supportive", "existing_work_access")


@pytest.mark.parametrize(
    "filed,status", [(None, "unknown"), ("2025-02-01", "met"), ("2025-02-02", "not_met")]
)
def test_asylum_applicants_work_after_four_months_and_it_is_not_a_single_permit(filed, status):
    person = {**PERSON, "residence_situation": "asylum_applicant", "asylum_filed_on": filed}
    result = assess(snapshot(LMT), JOB, person, ON)
    asylum = route(result, "asylum_applicant_work_access")
    assert condition(result, "asylum_applicant_work_access", "four_months_since_filing")["status"] == status
    assert "not a single permit" in asylum["note"]
    assert (
        asylum["application_from"] == "in_belgium" and "No application" in asylum["application_from_reason"]
    )
    assert route(result, "labour_market_test")["application_from"] == "abroad_only"  # Flemish "overige"
    assert asylum["status"] == ("not_eligible" if status == "not_met" else "conditional")
    # The single-permit routes are still listed, with an honest "unknown" on where to file.
    assert route(result, "labour_market_test") is not None


# --- where the application can be filed -----------------------------------------------------------


@pytest.mark.parametrize(
    "person_change,rule_,expected",
    [
        ({"residence_situation": "abroad"}, HQ, "abroad_only"),
        ({"residence_situation": "no_legal_residence"}, HQ, "abroad_only"),
        (
            {"residence_situation": "legal_residence_without_work_access", "lawful_stay_type": "student"},
            HQ,
            "in_belgium",
        ),
        ({"residence_situation": "legal_residence_without_work_access"}, HQ, "unknown"),
        ({"residence_situation": "asylum_applicant"}, HQ, "unknown"),
        ({"residence_situation": "unknown"}, HQ, "unknown"),
        (
            {"residence_situation": "legal_residence_without_work_access", "lawful_stay_type": "student"},
            LMT,
            "abroad_only",
        ),
        (
            {
                "residence_situation": "legal_residence_without_work_access",
                "lawful_stay_type": "student",
                "eu_long_term_resident": True,
            },
            LMT,
            "in_belgium",
        ),
    ],
)
def test_application_from(person_change, rule_, expected):
    result = assess(snapshot(rule_), JOB, {**PERSON, **person_change}, ON)
    found = route(result, rule_["route"])
    assert found["application_from"] == expected
    assert found["application_from_reason"]


def test_no_legal_residence_says_abroad_plainly():
    result = assess(snapshot(HQ), JOB, {**PERSON, "residence_situation": "no_legal_residence"}, ON)
    reason = route(result, "highly_qualified")["application_from_reason"]
    assert "cannot be filed from Belgium" in reason and "9bis" in reason


def test_in_country_exception_dates_matter():
    person = {
        **PERSON,
        "residence_situation": "legal_residence_without_work_access",
        "lawful_stay_type": "humanitarian_or_medical",
    }
    old = {**HQ, "valid_from": "2022-01-01"}
    before = assess(snapshot(old), JOB, person, D("2022-12-29"))
    after = assess(snapshot(old), JOB, person, D("2022-12-30"))
    assert route(before, "highly_qualified")["application_from"] == "unknown"
    assert route(after, "highly_qualified")["application_from"] == "in_belgium"


# --- languages, input errors, purity ---------------------------------------------------------------


@pytest.mark.parametrize("lang,word", [("en", "threshold"), ("nl", "drempel"), ("fr", "seuil")])
def test_sentences_in_the_requested_language(lang, word):
    result = assess(snapshot(HQ), JOB, PERSON, ON, lang)
    assert word in condition(result, "highly_qualified", "salary_threshold")["detail"]
    assert result["disclaimer"]


def test_unknown_language_falls_back_to_english():
    result = assess(snapshot(HQ), JOB, PERSON, ON, "de")
    assert "threshold" in condition(result, "highly_qualified", "salary_threshold")["detail"]


@pytest.mark.parametrize(
    "job,message",
    [
        ({"postcode": "0999"}, "not a Belgian postcode"),
        ({"postcode": "9000", "salary": {"amount": 1, "period": "week"}}, "period"),
    ],
)
def test_invalid_vacancy_facts(job, message):
    with pytest.raises(InvalidFacts, match=message):
        VacancyFacts.from_dict(job)


def test_invalid_candidate_facts():
    with pytest.raises(InvalidFacts, match="residence_situation"):
        CandidateFacts.from_dict({"residence_situation": "tourist"})


def test_snapshot_is_reused_and_rules_sorted_by_route_preference():
    snap = snapshot(LMT, MEDIUM, HQ)
    assert [r.route for r in snap.rules_in_force("flanders", ON)] == [
        "highly_qualified",
        "medium_skilled_shortage",
        "labour_market_test",
    ]
    assert snap.rules_in_force("flanders", ON) is snap.rules_in_force("flanders", ON)
    assert snap.rules_in_force("flanders", dt.date(2024, 1, 1)) == ()


def test_matching_permits_imports_neither_flask_nor_peewee():
    code = (
        "import sys, matching.permits; bad = [m for m in ('flask', 'peewee') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_rules_on_the_date_is_said_not_hidden():
    result = assess(snapshot(HQ), JOB, PERSON, D("2022-06-01"), "fr")
    assert (result["verdict"], result["routes"]) == ("not_supportive", [])
    assert "aucune règle" in result["reference_data"]["note"]


def _assert_same_statuses(snap, job, person, on):
    from matching.permits.engine import evaluate, evaluate_statuses

    vacancy, candidate = VacancyFacts.from_dict(job), CandidateFacts.from_dict(person)
    full = [(r.route, r.status, r.unknown_count, r.salary_far_below) for r in evaluate(snap, vacancy, candidate, on)[0]]
    short = [(r.route, r.status, r.unknown_count, r.salary_far_below)
             for r in evaluate_statuses(snap, vacancy, candidate, on)]
    assert short == full, (job, person, on)


def test_status_only_evaluation_agrees_with_evaluate_route_by_route():
    """`summarise` decides routes without sentences (`evaluate_statuses`); on a spread of facts every
    route's status, unknown count and far-below flag equal those of the full `evaluate` (issue 14)."""
    snap = snapshot(HQ, MEDIUM, LMT, lists=[a_list()])
    people = (None, PERSON, {**PERSON, "education_eqf": 2}, {**PERSON, "birth_year": 2000},
              {**PERSON, "residence_situation": "asylum_applicant", "asylum_filed_on": "2025-01-01"},
              {**PERSON, "residence_situation": "legal_residence_with_work_access"})
    salaries = (None, {"amount": 1500, "period": "month"}, {"amount": 3000, "period": "month"},
                {"amount": 52000, "period": "year"}, {"amount": 22, "period": "hour"})
    for salary, uri, person, weekly, contract, duration, on in itertools.product(
        salaries, (LISTED, UNLISTED, None), people, (None, 20, 38), ("permanent", "fixed_term"), (None, 2, 12),
        (ON, dt.date(2024, 1, 1)),
    ):
        job = {**JOB, "occupation_uri": uri, "salary": salary, "weekly_hours": weekly,
               "contract_type": contract, "duration_months": duration}
        _assert_same_statuses(snap, job, person, on)


def test_status_only_evaluation_agrees_on_the_shipped_rules_in_every_region():
    import csv
    import random
    from pathlib import Path

    from matching.permits import Snapshot

    folder = Path(__file__).resolve().parents[2] / "seed_data" / "permits"

    def rows(name):
        with open(folder / name, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    entries = rows("shortage_list_entries.csv")
    lists = [(lst, [(u, e.get("valid_from"), e.get("valid_to")) for e in entries if e["list_name"] == lst["name"]
                    for u in e["esco_uris"].split()]) for lst in rows("shortage_lists.csv")]
    snap = Snapshot.build(rows("permit_rules.csv"), lists)
    uris = [u for e in entries for u in e["esco_uris"].split()][:40] + [None, UNLISTED]
    rng = random.Random(14)
    for _ in range(1500):
        period = rng.choice(("month", "year", "hour"))
        amount = {"month": rng.randint(1200, 9000), "year": rng.randint(18000, 110000), "hour": rng.randint(10, 60)}
        job = {"postcode": rng.choice(("9000", "2000", "1000", "5000", "4000", "4700", "8000")),
               "occupation_uri": rng.choice(uris), "occupation_isco": rng.choice((None, "2221", "2330", "7112")),
               "salary": rng.choice((None, {"amount": amount[period], "period": period})),
               "weekly_hours": rng.choice((None, 10, 20, 38)), "full_time_weekly_hours": 38,
               "contract_type": rng.choice((None, "permanent", "fixed_term")),
               "duration_months": rng.choice((None, 2, 3, 12, 60)),
               "pay_category": rng.choice((None, "unskilled", "skilled", "highly_skilled")),
               "employer_in_belgium": rng.choice((None, True, False)),
               "executive_post": rng.choice((None, True, False))}
        person = rng.choice((None, {"birth_year": rng.randint(1960, 2006), "education_eqf": rng.randint(0, 8),
                                    "residence_situation": rng.choice(("abroad", "unknown", "asylum_applicant")),
                                    "eu_long_term_resident": rng.choice((None, True))}))
        on = dt.date(rng.randint(2021, 2027), rng.randint(1, 12), 1)
        _assert_same_statuses(snap, job, person, on)
