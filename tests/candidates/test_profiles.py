"""The service functions other modules call: access helpers and the matching profiles."""

import datetime as dt

import pytest

from models import db
from models.candidate import Candidate
from models.errors import ForbiddenError, NotFoundError
from models.organisation import ApiKey
from models.vacancy import Vacancy
from services.actor import Actor
from services.candidates import get_owned_candidate
from services.matches.profiles import candidates_to_profiles, vacancies_to_profiles
from services.vacancies import get_visible_vacancy
from tests.vacancies.helpers import candidate_body, vacancy_body

PERSONAL = {
    "birth_year",
    "residence_situation",
    "eu_eea_swiss_citizen",
    "nationality",
    "is_nurse",
    "is_teacher",
    "permit_facts",
    "reference",
    "external_id",
    "consent_given_at",
    "age",
    "sex",
    "gender",
}


def _actor(caller) -> Actor:
    """`caller`'s key as the Actor a view builds (api.auth.current_actor)."""
    with db.connection_context():
        key = ApiKey.find_active(caller.secret)
    return Actor(organisation_id=key.organisation_id, role=key.role, key_id=key.id)


def test_vacancy_profile_has_plain_values_for_the_engine(app, employer, vocab):
    body = employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(
            skills=[
                {"text": "bakstenen metselen", "importance": "essential"},
                {"text": "juggling", "importance": "optional"},
            ],
            languages={"nl": "B1", "fr": "A2"},
        ),
    ).get_json()
    with db.connection_context():
        profile = vacancies_to_profiles([Vacancy.get_by_id(body["id"])])[0]
    assert profile["id"] == body["id"] and profile["title"] == "Metselaar"
    assert profile["occupation_id"] == vocab["occupations"]["bricklayer"]["id"]
    assert profile["occupation_uri"] == vocab["occupations"]["bricklayer"]["uri"]
    assert profile["isco_code"] == "7112" and profile["region"] == "flanders"
    assert profile["skills"] == [
        {
            "skill_id": vocab["skills"]["lay_bricks"]["id"],
            "text": "bakstenen metselen",
            "importance": "essential",
        },
        {"skill_id": None, "text": "juggling", "importance": "optional"},
    ]
    assert profile["languages"] == {"nl": "B1", "fr": "A2"}
    assert (profile["min_education_eqf"], profile["min_experience_years"]) == (3, 2)
    assert isinstance(profile["start_date"], dt.date) and isinstance(profile["valid_through"], dt.date)
    assert (profile["status"], profile["sponsors_permit"]) == ("open", True)
    assert profile["salary_annual_eur"] == pytest.approx(2800 * 13.92)


def test_candidate_profile_never_contains_permit_or_personal_facts(app, coach, vocab):
    body = coach.post("/api/v1/candidates", json=candidate_body(driving_licences=["B", "CE"])).get_json()
    with db.connection_context():
        profile = candidates_to_profiles([Candidate.get_by_id(body["id"])])[0]
    assert not PERSONAL & set(profile)
    for erased_value in ("1994", "abroad", "CAND-001"):
        assert erased_value not in repr(profile)
    assert profile["skills"] == [
        {"skill_id": vocab["skills"]["lay_bricks"]["id"], "text": "metselen", "years": 4.0}
    ]
    [experience] = profile["experiences"]
    alternatives = experience.pop("occupation_alternatives")
    score = experience.pop("occupation_score")
    assert experience == {
        "occupation_id": vocab["occupations"]["bricklayer"]["id"],
        "isco_code": "7112",
        "years": 5.0,
        "title": "Metselaar",
        "occupation_source": "auto",
    }
    # The normaliser's runner-ups, as occupation ids with their (lower) scores, for the engine.
    known_ids = {o["id"] for o in vocab["occupations"].values()}
    assert alternatives and all(a["occupation_id"] in known_ids for a in alternatives)
    assert vocab["occupations"]["bricklayer"]["id"] not in {a["occupation_id"] for a in alternatives}
    assert all(a["score"] <= score for a in alternatives)
    assert profile["languages"] == {"fr": "C1", "nl": "A2"}
    assert (profile["education_eqf"], profile["diploma_recognition"]) == (3, "pending")
    assert profile["preferred_regions"] == ["flanders", "brussels"]
    assert profile["driving_licences"] == ["B", "CE"]
    assert isinstance(profile["available_from"], dt.date)


def test_profiles_in_batch_equal_one_by_one(app, coach):
    ids = [
        coach.post("/api/v1/candidates", json=candidate_body(reference=f"R{i}")).get_json()["id"]
        for i in range(3)
    ]
    with db.connection_context():
        candidates = list(Candidate.select().where(Candidate.id.in_(ids)).order_by(Candidate.id))
        assert candidates_to_profiles(candidates) == [candidates_to_profiles([c])[0] for c in candidates]


def test_get_visible_vacancy_applies_the_callers_rules(app, employer, other_employer, coach):
    open_id = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    draft_id = employer.post("/api/v1/vacancies", json=vacancy_body(status="draft")).get_json()["id"]
    coach_actor, other_employer_actor = _actor(coach), _actor(other_employer)
    with db.connection_context():
        assert get_visible_vacancy(coach_actor, open_id).id == open_id
        with pytest.raises(NotFoundError):
            get_visible_vacancy(coach_actor, draft_id)
        with pytest.raises(NotFoundError):
            get_visible_vacancy(other_employer_actor, open_id)


def test_get_owned_candidate_applies_the_callers_rules(app, coach, other_coach, employer, admin):
    cid = coach.post("/api/v1/candidates", json=candidate_body()).get_json()["id"]
    for caller, outcome in (
        (coach, cid),
        (admin, cid),
        (other_coach, NotFoundError),
        (employer, ForbiddenError),
    ):
        actor = _actor(caller)
        with db.connection_context():
            if isinstance(outcome, int):
                assert get_owned_candidate(actor, cid).id == outcome
            else:
                with pytest.raises(outcome):
                    get_owned_candidate(actor, cid)
