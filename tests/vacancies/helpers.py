"""Small builders shared by the vacancy and candidate tests."""

from __future__ import annotations

import datetime as dt


def future(days: int = 60) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def past(days: int = 1) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def vacancy_body(**overrides) -> dict:
    body = {
        "title": "Metselaar",
        "title_lang": "nl",
        "postcode": "2000",
        "skills": [{"text": "metselen", "importance": "essential"}],
        "languages": {"nl": "B1"},
        "min_education_eqf": 3,
        "min_experience_years": 2,
        "salary_amount": 2800,
        "salary_period": "month",
        "weekly_hours": 38,
        "contract_type": "permanent",
        "start_date": future(30),
        "positions": 2,
        "status": "open",
        "valid_through": future(90),
        "sponsors_permit": True,
    }
    body.update(overrides)
    return body


def candidate_body(**overrides) -> dict:
    body = {
        "reference": "CAND-001",
        "skills": [{"text": "metselen", "years": 4}],
        "experiences": [{"title": "Metselaar", "years": 5, "country": "MA"}],
        "education_eqf": 3,
        "education_field": "construction",
        "diploma_recognition": "pending",
        "languages": {"fr": "C1", "nl": "A2"},
        "driving_licences": ["B"],
        "preferred_regions": ["flanders", "brussels"],
        "available_from": future(10),
        "consent_given_at": "2026-01-05T10:00:00Z",
        "consent_purpose": "job matching",
        "share_with_employers": True,
        "permit_facts": {"residence_situation": "abroad", "eu_eea_swiss_citizen": False, "birth_year": 1994},
    }
    body.update(overrides)
    return body
