"""Protected attributes are not inputs: profiles cannot carry them, and changing them changes nothing."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from matching.engine import (
    PROTECTED_KEYS,
    CandidatePool,
    CandidateProfile,
    VacancyIndex,
    VacancyProfile,
    prepare_candidate,
    score_pair,
)

from .conftest import AS_OF

ROOT = Path(__file__).resolve().parents[2]


def test_profiles_have_no_field_for_a_protected_attribute():
    for profile in (CandidateProfile, VacancyProfile):
        names = {f.name for f in dataclasses.fields(profile)}
        assert not names & PROTECTED_KEYS
        assert "age" not in names and not {
            n
            for n in names
            if any(word in n for word in ("nation", "sex", "birth", "relig", "gender", "origin", "residen", "name"))
        }


def profile_dict(base: dict, **protected) -> dict:
    return {**base, **protected}


@pytest.mark.parametrize(
    "protected",
    [
        {
            "nationality": "SY",
            "sex": "F",
            "birth_year": 1990,
            "residence_situation": "asylum_applicant",
            "religion": "x",
            "origin": "y",
            "name": "A. Person",
            "eu_eea_swiss_citizen": False,
        },
        {
            "nationality": "BE",
            "sex": "M",
            "birth_year": 1960,
            "residence_situation": "abroad",
            "religion": "z",
            "origin": "w",
            "name": "B. Other",
            "eu_eea_swiss_citizen": True,
        },
    ],
)
def test_changing_protected_attributes_leaves_every_score_unchanged(vocab, vacancies, protected):
    base = {
        "candidate_id": 7,
        "skills": [{"skill_id": 3}, {"skill_id": 9}, {"text": "lassen en slijpen"}],
        # Past job titles are evidence now (title component): still nothing protected gets in.
        "experiences": [{"occupation_id": 4, "years": 2, "title": "lasser TIG"}, {"title": "heftruck", "years": 1}],
        "languages": [{"lang": "nl", "level": "B1"}],
        "education_eqf": 4,
        "diploma_recognition": "pending",
        "preferred_regions": "flanders,brussels",
        "available_from": "2026-04-01",
    }
    plain = CandidateProfile.from_mapping(base)
    # The country where a past job was held is a proxy for origin: not an input either.
    abroad = [{**e, "country": protected["nationality"]} for e in base["experiences"]]
    with_protected = CandidateProfile.from_mapping(profile_dict({**base, "experiences": abroad}, **protected))
    assert plain == with_protected
    index = VacancyIndex(vacancies, vocab)
    ids_a, scores_a = index.scores(plain, AS_OF)
    ids_b, scores_b = index.scores(with_protected, AS_OF)
    assert ids_a.tolist() == ids_b.tolist() and scores_a.tolist() == scores_b.tolist()
    pool = CandidatePool([with_protected], vocab, text_model=index.text_model)
    assert pool.rank(vacancies[0], as_of=AS_OF).results[0].score == pytest.approx(
        float(scores_a[ids_a.tolist().index(vacancies[0].vacancy_id)]), abs=2e-6
    )


def test_reverse_ranking_agrees_with_the_vacancy_index(vocab, vacancies, candidates):
    index = VacancyIndex(vacancies, vocab)
    pool = CandidatePool(candidates, vocab, text_model=index.text_model)
    for vacancy in vacancies[:5]:
        page = pool.rank(vacancy, as_of=AS_OF, top_k=len(candidates))
        # Best first; equal scores by the evidence (title similarity, then occupation fit), then id.
        assert [r.candidate_id for r in page.results] == [
            r.candidate_id
            for r in sorted(
                page.results,
                key=lambda r: (
                    -r.score,
                    -round(r.components["title"] or 0.0, 9),
                    -round(r.components["occupation"], 9),
                    r.candidate_id,
                ),
            )
        ]
        for result in page.results:
            ids, scores = index.scores(next(c for c in candidates if c.candidate_id == result.candidate_id), AS_OF)
            assert result.score == pytest.approx(float(scores[ids.tolist().index(vacancy.vacancy_id)]), abs=2e-6)


def test_the_engine_imports_neither_flask_nor_peewee():
    code = (
        "import sys, matching, matching.engine, matching.engine.index; "
        "bad = [m for m in ('flask', 'peewee', 'flask_smorest') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_candidate_pool_updates_equal_a_fresh_pool(rng, vocab, vacancies, candidates):
    from .conftest import make_candidate

    index = VacancyIndex(vacancies, vocab)
    pool = CandidatePool(candidates[:10], vocab, text_model=index.text_model)
    pool.rank(vacancies[0], as_of=AS_OF)  # assembled once, then changed
    current = {c.candidate_id: c for c in candidates[:10]}
    for candidate in candidates[10:]:
        pool.upsert(candidate)
        current[candidate.candidate_id] = candidate
    changed = make_candidate(rng, 3, vocab)
    pool.upsert(changed)
    current[3] = changed
    assert pool.remove(5) and not pool.remove(5)
    del current[5]
    fresh = CandidatePool(current.values(), vocab, text_model=index.text_model)
    for vacancy in vacancies[:20]:
        ids_a, scores_a = pool.scores(vacancy, AS_OF)
        ids_b, scores_b = fresh.scores(vacancy, AS_OF)
        assert ids_a.tolist() == ids_b.tolist() == sorted(current)
        assert scores_a.tolist() == scores_b.tolist()
        prepared = {cid: prepare_candidate(c, vocab, index.config, index.text_model) for cid, c in current.items()}
        for cid, value in zip(ids_a.tolist(), scores_a.tolist(), strict=True):
            expected = score_pair(prepared[cid], vacancy, vocab, index.config, AS_OF, index.text_model).score
            assert value == pytest.approx(expected, abs=2e-6)
