"""Issue 11, item 1: the executive routes need an executive post, not only an executive salary.

Facts (../shared/domain/belgian-work-permit-rules.md):
- §0.1 "Executive (leidinggevende), 160%" — Flanders; §1.2 "Executives (leidinggevenden)".
- §2.3 "From 1 Oct 2024 the separate "cadres" category was abolished. Applicants use "highly
  qualified", or a new exemption for senior executives"; "2025: "Hogere kaderleden" at 140% = 6,647.20/month".
- §3.2 "Executives (personnel de direction)" — Wallonia.
- §4 "Direktionspersonal, no LMT: at least 83,135 EUR/yr." — German-speaking Community.
The category is for executive posts: pay alone does not make a job one.
"""

from __future__ import annotations

import pytest

from .helpers import SOFTWARE_DEVELOPER, condition, developer_job, route, run, shipped_snapshot

SNAP = shipped_snapshot()
CANDIDATE = {"birth_year": 1980, "education_eqf": 4, "eu_eea_swiss_citizen": False, "residence_situation": "abroad"}

# (postcode, as_of, salary amount, period): a salary above every executive amount of that authority
EXECUTIVE_PAY = [
    ("2000", "2025-06-01", 80000, "year"),  # Antwerp, 78,259.20 (issue example: developer EQF 4)
    ("2000", "2023-06-01", 80000, "year"),
    ("1000", "2025-06-01", 6700, "month"),  # Brussels "hogere kaderleden" 6,647.20/month
    ("1000", "2023-06-01", 80000, "year"),  # Brussels 78,704 before the reform
    ("5000", "2025-06-01", 90000, "year"),  # Wallonia 86,110
    ("4700", "2025-06-01", 90000, "year"),  # DG 83,135 (year of the amount not stated)
]


@pytest.mark.parametrize("postcode,on,amount,period", EXECUTIVE_PAY)
def test_executive_pay_without_an_executive_post_is_at_most_conditional(postcode, on, amount, period):
    result = run(SNAP, developer_job(postcode, amount, period), CANDIDATE, on)
    post = condition(result, "executive", "executive_post")
    assert post["status"] == "unknown"
    assert route(result, "executive")["status"] == "conditional"
    assert any("executive post" in q for q in route(result, "executive")["next_questions"])
    assert not (result["verdict"] == "supportive" and result["best_route"] == "executive")


@pytest.mark.parametrize("postcode,on,amount,period", EXECUTIVE_PAY)
def test_a_job_that_is_not_an_executive_post_is_not_eligible(postcode, on, amount, period):
    result = run(SNAP, developer_job(postcode, amount, period, executive_post=False), CANDIDATE, on)
    assert condition(result, "executive", "executive_post")["status"] == "not_met"
    assert route(result, "executive")["status"] == "not_eligible"


@pytest.mark.parametrize("postcode,on,amount,period", EXECUTIVE_PAY[:5])
def test_an_executive_post_with_executive_pay_is_eligible(postcode, on, amount, period):
    result = run(SNAP, developer_job(postcode, amount, period, executive_post=True), CANDIDATE, on)
    assert condition(result, "executive", "executive_post")["status"] == "met"
    assert route(result, "executive")["status"] == "eligible"
    assert result["verdict"] == "supportive"


def test_issue_example_antwerp_developer_is_no_longer_supportive():
    """Issue: "A software developer at €80,000 in Antwerp (EQF 4) gets executive: eligible and verdict supportive"."""
    result = run(SNAP, developer_job("2000", 80000, "year"), CANDIDATE, "2025-06-01")
    assert result["verdict"] == "conditional"
    assert route(result, "executive")["status"] == "conditional"


@pytest.mark.parametrize("lang,word", [("nl", "leidinggevende"), ("fr", "postes de direction")])
def test_the_executive_question_is_translated(lang, word):
    result = run(SNAP, developer_job("2000", 80000, "year"), CANDIDATE, "2025-06-01", lang)
    assert word in condition(result, "executive", "executive_post")["detail"]


EXECUTIVE_RULE = {
    "authority": "flanders",
    "route": "executive",
    "valid_from": "2025-01-01",
    "valid_to": "2025-12-31",
    "threshold_amount": 78259.2,
    "threshold_unit": "annual_gross",
    "threshold_status": "known",
    "monthly_divisor": 13.92,
    "requires_executive_post": True,
    "source_urls": "https://example.org/source",
}


def test_vacancy_field_reaches_the_assessment_over_http(vocabulary, admin, employer, coach):
    assert admin.post("/api/v1/permit-rules", json=EXECUTIVE_RULE).status_code == 201
    body = {
        "title": "Software developer",
        "postcode": "2000",
        "occupation_uri": SOFTWARE_DEVELOPER,
        "salary_amount": 80000,
        "salary_period": "year",
        "contract_type": "permanent",
        "status": "open",
    }
    created = employer.post("/api/v1/vacancies", json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["executive_post"] is None
    vacancy_id = created.get_json()["id"]
    url = f"/api/v1/vacancies/{vacancy_id}/permit-assessment?as_of=2025-06-01"

    def executive_status():
        found = coach.get(url).get_json()
        return condition(found, "executive", "executive_post")["status"], route(found, "executive")["status"]

    assert executive_status() == ("unknown", "conditional")
    patched = employer.patch(f"/api/v1/vacancies/{vacancy_id}", json={"executive_post": False})
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["executive_post"] is False
    assert executive_status() == ("not_met", "not_eligible")
    employer.patch(f"/api/v1/vacancies/{vacancy_id}", json={"executive_post": True})
    assert executive_status() == ("met", "eligible")
    facts = {**developer_job("2000", 80000, "year"), "executive_post": False}
    posted = coach.post("/api/v1/permit-assessments", json={"as_of": "2025-06-01", "vacancy": facts})
    assert posted.status_code == 200, posted.get_json()
    assert condition(posted.get_json(), "executive", "executive_post")["status"] == "not_met"
