"""Issue 11, item 7: the Flemish reduced threshold for nurses and teachers belongs to the job.

Facts (../shared/domain/belgian-work-permit-rules.md §1.1): "Reduced threshold of 80%. Applies to
workers under 30 and nurses, not to secondments. ... From 1 May 2024 the reduction also covers
teachers". A nurse is the job (the vacancy's occupation: ISCO-08 unit groups 2221/3221; teachers
2310, 2320, 2330, 2341, 2342, 2352, our reading, in the rule rows' `reduced_isco_groups`); under 30
is the candidate's age.
"""

from __future__ import annotations

import pytest

from .helpers import NURSE, SOFTWARE_DEVELOPER, condition, route, run, shipped_snapshot

SNAP = shipped_snapshot()
AGED_35 = {"birth_year": 1990, "education_eqf": 6, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}


def job(uri, amount, **extra):
    return {
        "postcode": "9000",
        "occupation_uri": uri,
        "salary": {"amount": amount, "period": "year"},
        "contract_type": "permanent",
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        **extra,
    }


# (job, candidate changes, as_of, salary/yr, salary status)
CASES = [
    # the issue's example: a €45,000 developer job in 2025 for a 35-year-old -> not_met (48,912)
    (SOFTWARE_DEVELOPER, {}, "2025-06-01", 45000, "not_met"),
    # a nurse candidate in a developer job gets no reduction (is_nurse is not used)
    (SOFTWARE_DEVELOPER, {"is_nurse": True, "is_teacher": True}, "2025-06-01", 45000, "not_met"),
    # a nursing job earns the 80% amount (39,129.60) whoever fills it
    (NURSE, {}, "2025-06-01", 39129.60, "met"),
    (NURSE, {"is_nurse": False}, "2025-06-01", 39129.59, "not_met"),
    (NURSE, {}, "2023-06-01", 36787.20, "met"),
    # the under-30 reduction stays with the candidate's age
    (SOFTWARE_DEVELOPER, {"birth_year": 2000}, "2025-06-01", 39129.60, "met"),
    (SOFTWARE_DEVELOPER, {"birth_year": 1995}, "2025-06-01", 45000, "unknown"),  # 29 or 30 in 2025
]


@pytest.mark.parametrize("uri,changes,on,amount,status", CASES)
def test_reductions_follow_the_job_and_the_age(uri, changes, on, amount, status):
    result = run(SNAP, job(uri, amount), {**AGED_35, **changes}, on)
    assert condition(result, "highly_qualified", "salary_threshold")["status"] == status


def test_issue_example_developer_is_not_eligible_and_asks_nothing_about_nursing():
    result = run(SNAP, job(SOFTWARE_DEVELOPER, 45000), AGED_35, "2025-06-01")
    hq = route(result, "highly_qualified")
    assert hq["status"] == "not_eligible"
    assert not any("nurse" in q or "teacher" in q for q in hq["next_questions"])
    assert "nurses" not in condition(result, "highly_qualified", "salary_threshold")["detail"]


@pytest.mark.parametrize(
    "isco,on,status",
    [
        ("2330", "2024-04-30", "not_met"),
        ("2330", "2024-05-01", "met"),
        ("2341", "2025-06-01", "met"),
        ("5230", "2025-06-01", "not_met"),
    ],
)
def test_teaching_jobs_from_1_may_2024(isco, on, status):
    result = run(SNAP, {**job(None, 40000), "occupation_isco": isco}, AGED_35, on)
    assert condition(result, "highly_qualified", "salary_threshold")["status"] == status


def test_unknown_occupation_keeps_the_job_reduction_open():
    result = run(SNAP, job(None, 45000), AGED_35, "2025-06-01")
    cond = condition(result, "highly_qualified", "salary_threshold")
    assert cond["status"] == "unknown" and "nurses" in cond["detail"]


def test_the_service_derives_the_group_from_the_stored_vocabulary(vocabulary, coach):
    """Over HTTP the ISCO unit group comes from the occupation table (models.taxonomy.Occupation)."""
    from models import db
    from seed_data.permits import load

    with db.connection_context():
        load()
    body = {"as_of": "2025-06-01", "vacancy": job(NURSE, 40000), "candidate": AGED_35}
    nurse = coach.post("/api/v1/permit-assessments", json=body)
    assert nurse.status_code == 200, nurse.get_json()
    assert condition(nurse.get_json(), "highly_qualified", "salary_threshold")["status"] == "met"
    body["vacancy"]["occupation_uri"] = SOFTWARE_DEVELOPER
    developer = coach.post("/api/v1/permit-assessments", json=body).get_json()
    assert condition(developer, "highly_qualified", "salary_threshold")["status"] == "not_met"


def test_the_question_asks_about_the_person_for_age_and_about_the_job_for_nursing():
    borderline = {**AGED_35, "birth_year": 1995}  # 29 or 30 in 2025
    known_job = route(run(SNAP, job(SOFTWARE_DEVELOPER, 45000), borderline, "2025-06-01"), "highly_qualified")
    assert any("under 30" in q and "nurse" not in q for q in known_job["next_questions"])
    unknown_job = route(run(SNAP, job(None, 45000), AGED_35, "2025-06-01"), "highly_qualified")
    assert any("Which occupation" in q for q in unknown_job["next_questions"])
    assert not any("nurse" in q for q in unknown_job["next_questions"])
