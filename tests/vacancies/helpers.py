"""Small builders shared by the vacancy and candidate tests."""

from __future__ import annotations

import datetime as dt

from models.taxonomy import Occupation, OccupationLabel, Skill, SkillLabel

ESCO_OCC = "http://data.europa.eu/esco/occupation/"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"


def make_occupation(slug: str, isco: str, labels: dict[str, str]) -> Occupation:
    occupation = Occupation.create(uri=ESCO_OCC + slug, isco_code=isco)
    for lang, text in labels.items():
        OccupationLabel.create(occupation=occupation, lang=lang, kind="preferred", text=text)
    return occupation


def make_skill(slug: str, labels: dict[str, str]) -> Skill:
    skill = Skill.create(uri=ESCO_SKILL + slug, skill_type="skill/competence")
    for lang, text in labels.items():
        SkillLabel.create(skill=skill, lang=lang, kind="preferred", text=text)
    return skill


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


def build_vocabulary() -> dict:
    """A tiny multilingual vocabulary: three occupations, four skills, their relations.

    Call inside a connection context. Returns ids and URIs by short name.
    """
    from models.cache_version import CacheVersion
    from models.taxonomy import OccupationSkill

    occupations = {
        "bricklayer": make_occupation(
            "bricklayer", "7112", {"en": "bricklayer", "nl": "metselaar", "fr": "maçon", "de": "Maurer"}
        ),
        "truck_driver": make_occupation(
            "truck-driver",
            "8332",
            {
                "en": "heavy truck driver",
                "nl": "vrachtwagenchauffeur",
                "fr": "chauffeur poids lourd",
                "de": "Lkw-Fahrer",
            },
        ),
        "nurse": make_occupation(
            "nurse",
            "2221",
            {"en": "general nurse", "nl": "verpleegkundige", "fr": "infirmier", "de": "Krankenpfleger"},
        ),
    }
    skills = {
        "lay_bricks": make_skill(
            "lay-bricks", {"en": "lay bricks", "nl": "bakstenen metselen", "fr": "poser des briques"}
        ),
        "mortar": make_skill("mix-mortar", {"en": "mix mortar", "nl": "mortel mengen"}),
        "drive_truck": make_skill(
            "drive-truck", {"en": "drive heavy vehicles", "nl": "zware voertuigen besturen"}
        ),
        "wound_care": make_skill(
            "wound-care", {"en": "wound care", "nl": "wondzorg", "fr": "soins des plaies"}
        ),
    }
    for occ, skill, relation in (
        ("bricklayer", "lay_bricks", "essential"),
        ("bricklayer", "mortar", "optional"),
        ("truck_driver", "drive_truck", "essential"),
        ("nurse", "wound_care", "essential"),
    ):
        OccupationSkill.create(occupation=occupations[occ], skill=skills[skill], relation=relation)
    CacheVersion.bump("vocabulary")
    return {
        "occupations": {k: {"id": o.id, "uri": o.uri} for k, o in occupations.items()},
        "skills": {k: {"id": s.id, "uri": s.uri} for k, s in skills.items()},
    }
