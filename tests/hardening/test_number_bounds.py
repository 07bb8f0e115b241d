"""Issue 10 item 1: numbers are bounded on input, and the JSON encoder never writes NaN/Infinity."""

import json
import math

import pytest

from models.base import db
from models.vacancy import Vacancy
from tests.foundation.test_errors import assert_error_shape
from tests.vacancies.helpers import candidate_body, vacancy_body


@pytest.mark.parametrize("overrides", [
    {"salary_amount": 1e308, "salary_period": "month"},
    {"salary_amount": 1_000_001, "salary_period": "year"},
    {"weekly_hours": 61},
    {"positions": 10_001},
    {"min_experience_years": 51},
    {"duration_months": 121, "contract_type": "fixed_term"},
])
def test_implausible_vacancy_numbers_are_422(employer, overrides):
    response = employer.post("/api/v1/vacancies", json=vacancy_body(**overrides))
    body = assert_error_shape(response, 422)
    assert set(overrides) & set(body["errors"]["json"])


def test_a_huge_salary_never_reaches_a_list_as_infinity(employer, coach):
    employer.post("/api/v1/vacancies", json=vacancy_body(salary_amount=1e308, salary_period="month"))
    listed = coach.get("/api/v1/vacancies")
    assert listed.status_code == 200
    # Strict parsing: Python's json accepts Infinity unless told not to.
    json.loads(listed.get_data(as_text=True), parse_constant=lambda name: pytest.fail(f"{name} in JSON"))


@pytest.mark.parametrize("overrides", [
    {"skills": [{"text": "metselen", "years": 1e300}]},
    {"experiences": [{"title": "Metselaar", "years": 51}]},
    {"education_eqf": 9},
])
def test_implausible_candidate_numbers_are_422(coach, overrides):
    assert_error_shape(coach.post("/api/v1/candidates", json=candidate_body(**overrides)), 422)


def test_permit_assessment_salary_is_bounded(coach):
    response = coach.post("/api/v1/permit-assessments", json={
        "as_of": "2025-06-01",
        "vacancy": {"postcode": "9000", "salary": {"amount": 1e308, "period": "month"}, "weekly_hours": 38},
        "candidate": {"education_eqf": 4, "residence_situation": "abroad"},
    })
    assert_error_shape(response, 422)


def test_the_json_encoder_refuses_nan_and_infinity(app):
    for value in (math.inf, -math.inf, math.nan):
        with pytest.raises(ValueError):
            app.json.dumps({"salary_annual_eur": value})


def test_an_infinite_value_in_the_database_is_a_500_not_invalid_json(app, employer):
    created = employer.post("/api/v1/vacancies", json=vacancy_body())
    assert created.status_code == 201
    with db.connection_context():
        Vacancy.update(salary_annual_eur=math.inf).where(Vacancy.id == created.get_json()["id"]).execute()
    client = app.test_client()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = client.get(f"/api/v1/vacancies/{created.get_json()['id']}", headers=employer.headers)
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert_error_shape(response, 500)
    assert "Infinity" not in response.get_data(as_text=True)
