"""Synthetic, seeded profiles for the pure engine tests (no database, no app)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from matching.engine import CandidateProfile, Experience, VacancyProfile, Vocabulary

AS_OF = dt.date(2026, 3, 1)
REGIONS = ("flanders", "brussels", "wallonia", "german_speaking")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
WORDS = (
    "weld",
    "steel",
    "pipe",
    "care",
    "nurse",
    "patient",
    "code",
    "java",
    "python",
    "truck",
    "drive",
    "forklift",
    "cook",
    "kitchen",
    "clean",
    "account",
    "ledger",
    "electric",
    "wire",
    "roof",
)


def make_vocabulary(rng: random.Random, n_occupations=40, n_skills=120) -> Vocabulary:
    isco = {}
    for occ in range(1, n_occupations + 1):
        isco[occ] = f"{rng.choice('2378')}{rng.randint(1, 3)}{rng.randint(1, 2)}{rng.randint(1, 2)}"
    skills = {}
    for occ in isco:
        pool = rng.sample(range(1, n_skills + 1), 12)
        skills[occ] = (tuple(sorted(pool[:7])), tuple(sorted(pool[7:])))
    labels = {s: " ".join(rng.sample(WORDS, 2)) + f" {s}" for s in range(1, n_skills + 1)}
    return Vocabulary(occupation_isco=isco, occupation_skills=skills, skill_labels=labels, version="test-1")


def make_vacancy(rng: random.Random, vid: int, vocab: Vocabulary) -> VacancyProfile:
    occ = rng.choice([None] + list(vocab.occupation_isco)) if rng.random() < 0.9 else None
    listed = rng.random() < 0.7
    skills = sorted(vocab.skill_labels)
    essential = tuple(sorted(rng.sample(skills, rng.randint(0, 6)))) if listed else ()
    optional = tuple(sorted(set(rng.sample(skills, rng.randint(0, 4))) - set(essential))) if listed else ()
    langs = tuple(
        sorted({lang: rng.choice(LEVELS) for lang in rng.sample(("nl", "fr", "en", "de"), rng.randint(0, 2))}.items())
    )
    score, alternatives = make_alternatives(rng, vocab, occ)
    return VacancyProfile(
        vacancy_id=vid,
        title=" ".join(rng.sample(WORDS, 2)),
        occupation_id=occ,
        occupation_score=score,
        occupation_alternatives=alternatives,
        essential_skill_ids=essential,
        optional_skill_ids=optional,
        skill_texts=tuple(rng.sample(WORDS, rng.randint(0, 2))),
        languages=langs,
        region=rng.choice(REGIONS + (None,)),
        min_education_eqf=rng.choice([None, 0, 2, 3, 4, 5, 6]),
        min_experience_years=rng.choice([None, 0, 1, 2, 5]),
        start_date=rng.choice([None, AS_OF + dt.timedelta(days=rng.randint(-30, 120))]),
        sponsors_permit=rng.random() < 0.3,
        organisation_id=rng.randint(1, 5),
    )


def make_alternatives(rng: random.Random, vocab: Vocabulary, occ: int | None):
    """The normaliser's score of the best occupation and up to 4 runner-ups with lower scores."""
    if occ is None or rng.random() < 0.3:
        return None, ()
    best = rng.uniform(0.2, 0.95)
    others = rng.sample([o for o in vocab.occupation_isco if o != occ], rng.randint(0, 4))
    return best, tuple((o, None, rng.uniform(0.0, best)) for o in others)


def make_experience(rng: random.Random, vocab: Vocabulary) -> Experience:
    occ = rng.choice(list(vocab.occupation_isco) + [None])
    score, alternatives = make_alternatives(rng, vocab, occ)
    manual = rng.random() < 0.15
    return Experience(
        occupation_id=occ,
        years=rng.choice([None, 0.5, 1, 3, 8]),
        title=rng.choice(["", " ".join(rng.sample(WORDS, 2))]),
        occupation_score=None if manual else score,
        alternatives=() if manual else alternatives,
        manual=manual,
    )


def make_candidate(rng: random.Random, cid: int, vocab: Vocabulary) -> CandidateProfile:
    experiences = tuple(make_experience(rng, vocab) for _ in range(rng.randint(0, 3)))
    return CandidateProfile(
        candidate_id=cid,
        skill_ids=tuple(sorted(rng.sample(sorted(vocab.skill_labels), rng.randint(0, 15)))),
        skill_texts=tuple(rng.sample(WORDS, rng.randint(0, 2))) if rng.random() < 0.5 else (),
        experiences=experiences,
        languages=tuple(
            sorted(
                {lang: rng.choice(LEVELS) for lang in rng.sample(("nl", "fr", "en", "ar"), rng.randint(0, 3))}.items()
            )
        ),
        education_eqf=rng.choice([None, 1, 3, 4, 5, 6, 7]),
        diploma_recognition=rng.choice(("recognised", "pending", "not_recognised", "unknown")),
        preferred_regions=tuple(sorted(rng.sample(REGIONS, rng.randint(0, 2)))),
        available_from=rng.choice([None, AS_OF + dt.timedelta(days=rng.randint(-10, 200))]),
    )


@pytest.fixture
def rng():
    return random.Random(20260301)


@pytest.fixture
def vocab(rng):
    return make_vocabulary(rng)


@pytest.fixture
def vacancies(rng, vocab):
    return [make_vacancy(rng, vid, vocab) for vid in range(1, 201)]


@pytest.fixture
def candidates(rng, vocab):
    return [make_candidate(rng, cid, vocab) for cid in range(1, 25)]
