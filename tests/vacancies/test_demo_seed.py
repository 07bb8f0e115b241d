"""The demo data generator (seed_data/demo): size, spread, realism, reproducibility, idempotency."""

import datetime as dt

from core.regions import region_for_postcode
from models import db
from models.candidate import Candidate, CandidatePermitFacts, CandidateSkill
from models.organisation import Organisation
from models.vacancy import Vacancy, VacancySkill
from seed_data import demo


def test_demo_load_is_realistic_and_idempotent(vocabulary):
    today = dt.date.today()
    first = demo.load(today=today)
    assert "240 created" in first[0] and "60 created" in first[1]
    with db.connection_context():
        vacancies = list(Vacancy.select())
        assert len(vacancies) >= 200
        assert {v.region for v in vacancies} == {"flanders", "brussels", "wallonia", "german_speaking"}
        assert all(region_for_postcode(v.postcode) == v.region for v in vacancies)
        # Gross annual pay per full-time equivalent lies in a Belgian range.
        assert all(20_000 < v.salary_annual_eur * 38 / v.weekly_hours < 110_000 for v in vacancies)
        employers = {v.organisation.name for v in vacancies}
        assert "Demo Employer BV" in employers and len(employers) >= 4
        assert sum(v.status == "open" for v in vacancies) > 150
        assert {v.occupation_source for v in vacancies} >= {"manual", "auto"}
        # Skills come from the vocabulary: almost all resolve to an ESCO skill, a few stay free text.
        skills = list(VacancySkill.select())
        resolved = sum(s.skill_id is not None for s in skills) / len(skills)
        assert 0.8 < resolved < 1.0
        candidates = list(Candidate.select())
        assert len(candidates) >= 50
        assert {c.organisation.name for c in candidates} == {"Demo Coaching NGO", "Demo Case System"}
        assert CandidatePermitFacts.select().count() == len(candidates)
        assert CandidateSkill.select().count() >= 2 * len(candidates)
        assert Organisation.get(Organisation.name == "Demo Case System").kind == "integration"
        snapshot = sorted(
            (v.external_id, v.title, v.postcode, v.salary_annual_eur, v.version) for v in vacancies
        )

    second = demo.load(today=today)
    assert "240 unchanged" in second[0] and "60 unchanged" in second[1]
    with db.connection_context():
        assert Vacancy.select().count() == len(vacancies)
        again = sorted(
            (v.external_id, v.title, v.postcode, v.salary_annual_eur, v.version) for v in Vacancy.select()
        )
    assert again == snapshot


def test_generation_is_reproducible(vocabulary):
    with db.connection_context():
        occupations = demo._occupations()
    today = dt.date.today()
    assert demo.generate(occupations, today) == demo.generate(occupations, today)
