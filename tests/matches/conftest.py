"""Builders for the match endpoint tests: vacancies and candidates written through the API."""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date.today()


def future(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def vocab(vocabulary):
    return vocabulary


@pytest.fixture
def make_vacancy(vocab):
    def make(caller, occupation: str, skills=(), optional=(), **overrides):
        body = {
            "title": overrides.pop("title", occupation.replace("_", " ")),
            "postcode": "2000",
            "occupation_uri": vocab["occupations"][occupation]["uri"],
            "skills": [{"uri": vocab["skills"][s]["uri"], "importance": "essential"} for s in skills]
            + [{"uri": vocab["skills"][s]["uri"], "importance": "optional"} for s in optional],
            "languages": {"nl": "B1"},
            "min_education_eqf": 3,
            "salary_amount": 3200,
            "salary_period": "month",
            "weekly_hours": 38,
            "contract_type": "permanent",
            "start_date": future(30),
            "status": "open",
            "valid_through": future(120),
            "sponsors_permit": True,
        }
        body.update(overrides)
        response = caller.post("/api/v1/vacancies", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def make_candidate(vocab):
    def make(caller, skills=(), experiences=(), **overrides):
        body = {
            "reference": overrides.pop("reference", "REF-1"),
            "skills": [{"uri": vocab["skills"][s]["uri"]} for s in skills],
            "experiences": [
                {
                    "title": occ.replace("_", " "),
                    "occupation_uri": vocab["occupations"][occ]["uri"],
                    "years": years,
                }
                for occ, years in experiences
            ],
            "education_eqf": 4,
            "diploma_recognition": "recognised",
            "languages": {"nl": "B1", "fr": "C1"},
            "preferred_regions": ["flanders"],
            "available_from": future(5),
            "consent_given_at": "2026-01-05T10:00:00Z",
            "consent_purpose": "job matching",
            "share_with_employers": True,
            "permit_facts": {
                "residence_situation": "abroad",
                "eu_eea_swiss_citizen": False,
                "birth_year": 1990,
            },
        }
        body.update(overrides)
        response = caller.post("/api/v1/candidates", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def market(employer, other_employer, make_vacancy):
    """Four open vacancies of two employers, one draft."""
    return {
        "welder": make_vacancy(
            employer,
            "welder",
            ["weld_metal", "read_drawings", "safety_equipment"],
            ["cut_metal"],
            external_id="W1",
        ),
        "cnc": make_vacancy(
            employer,
            "cnc_operator",
            ["operate_cnc", "read_drawings"],
            external_id="C1",
            postcode="4000",
            sponsors_permit=False,
        ),
        "nurse": make_vacancy(
            other_employer,
            "nurse",
            ["personal_care", "communicate_patients"],
            languages={"nl": "B2", "fr": "B1"},
            postcode="1000",
            external_id="N1",
        ),
        "cook": make_vacancy(
            other_employer, "cook", [], external_id="K1", postcode="9000"
        ),  # no skills listed
        "draft": make_vacancy(employer, "welder", ["weld_metal"], external_id="D1", status="draft"),
    }
