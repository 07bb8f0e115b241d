"""The vectorised index gives the reference scorer's scores, deterministically, after any updates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import numpy as np
import pytest

from matching.engine import MatchFilters, VacancyIndex, prepare_candidate, score_pair

from .conftest import AS_OF, make_vacancy


def reference_scores(index, candidate, vacancies):
    prepared = prepare_candidate(candidate, index.vocabulary, index.config, index.text_model)
    return {
        v.vacancy_id: score_pair(prepared, v, index.vocabulary, index.config, AS_OF, index.text_model).score
        for v in vacancies
    }


def index_scores(index, candidate, filters=None):
    ids, scores = index.scores(candidate, AS_OF, filters)
    return dict(zip(ids.tolist(), scores.tolist(), strict=True))


def test_index_scores_equal_the_reference_scorer(vocab, vacancies, candidates):
    index = VacancyIndex(vacancies, vocab)
    for candidate in candidates:
        expected = reference_scores(index, candidate, vacancies)
        got = index_scores(index, candidate)
        assert got.keys() == expected.keys()
        for vid, score in expected.items():
            assert got[vid] == pytest.approx(score, abs=2e-6), (candidate.candidate_id, vid)
    assert any(c.skill_texts for c in candidates) and any(not c.skill_texts for c in candidates)


def test_rank_returns_best_first_with_explanations_matching_the_scores(vocab, vacancies, candidates):
    index = VacancyIndex(vacancies, vocab)
    for candidate in candidates[:10]:
        page = index.rank(candidate, as_of=AS_OF, top_k=15)
        expected = reference_scores(index, candidate, vacancies)
        prepared = prepare_candidate(candidate, index.vocabulary, index.config, index.text_model)
        evidence = {
            v.vacancy_id: score_pair(prepared, v, index.vocabulary, index.config, AS_OF, index.text_model).components
            for v in vacancies
        }
        # Best first; equal scores by the evidence (title similarity, then occupation fit), then id.
        best = sorted(
            expected.items(),
            key=lambda item: (
                -item[1],
                -round(evidence[item[0]]["title"] or 0.0, 9),
                -round(evidence[item[0]]["occupation"], 9),
                item[0],
            ),
        )[:15]
        assert [r.vacancy_id for r in page.results] == [vid for vid, _ in best]
        for result in page.results:
            assert 0 <= result.score <= 1
            assert result.score == pytest.approx(expected[result.vacancy_id], abs=2e-6)
            assert all(v is None or 0 <= v <= 1 for v in result.components.values())


def test_equal_scores_are_ordered_by_vacancy_id_whatever_the_input_order(vocab, vacancies, candidates):
    # Copies of one vacancy under other ids score exactly the same: only the id can order them.
    twins = [dataclasses.replace(vacancies[0], vacancy_id=vid) for vid in (900, 450, 700, 451)]
    shuffled = vacancies + twins
    random.Random(1).shuffle(shuffled)
    first = VacancyIndex(shuffled, vocab)
    second = VacancyIndex(list(reversed(shuffled)), vocab)
    candidate = candidates[0]
    page_a = first.rank(candidate, as_of=AS_OF, top_k=len(shuffled))
    page_b = second.rank(candidate, as_of=AS_OF, top_k=len(shuffled))
    assert [(r.vacancy_id, r.score) for r in page_a.results] == [(r.vacancy_id, r.score) for r in page_b.results]
    positions = [r.vacancy_id for r in page_a.results if r.vacancy_id in (1, 450, 451, 700, 900)]
    assert positions == [1, 450, 451, 700, 900]


def test_ties_at_the_page_boundary_are_resolved_by_id(vocab, vacancies, candidates):
    twins = [dataclasses.replace(vacancies[0], vacancy_id=vid) for vid in range(1000, 1040)]
    index = VacancyIndex(vacancies + twins, vocab)
    candidate = candidates[3]
    everything = index.rank(candidate, as_of=AS_OF, top_k=300).results
    for k in (1, 7, 23, 41):
        assert [r.vacancy_id for r in index.rank(candidate, as_of=AS_OF, top_k=k).results] == [
            r.vacancy_id for r in everything[:k]
        ]


def test_offset_pages_concatenate_to_the_full_ranking(vocab, vacancies, candidates):
    index = VacancyIndex(vacancies, vocab)
    candidate = candidates[5]
    whole = [r.vacancy_id for r in index.rank(candidate, as_of=AS_OF, top_k=60).results]
    pages = [
        r.vacancy_id
        for offset in (0, 20, 40)
        for r in index.rank(candidate, as_of=AS_OF, top_k=20, offset=offset).results
    ]
    assert pages == whole
    assert index.rank(candidate, as_of=AS_OF, top_k=20).total == len(vacancies)


@pytest.mark.parametrize("tail_limit", [3, 2048])
def test_incremental_updates_equal_a_rebuild(rng, vocab, vacancies, candidates, tail_limit):
    index = VacancyIndex(vacancies[:100], vocab, tail_limit=tail_limit)
    current = {v.vacancy_id: v for v in vacancies[:100]}
    for vacancy in vacancies[100:]:  # new vacancies
        index.upsert(vacancy)
        current[vacancy.vacancy_id] = vacancy
    for vid in rng.sample(sorted(current), 60):  # changed vacancies (some changed twice)
        changed = make_vacancy(rng, vid, vocab)
        index.upsert(changed)
        current[vid] = changed
    for vid in rng.sample(sorted(current), 40):  # closed vacancies
        assert index.remove(vid)
        del current[vid]
    assert not index.remove(99_999)
    rebuilt = VacancyIndex(list(current.values()), vocab)
    assert len(index) == len(rebuilt) == len(current)
    # Text similarity uses the n-grams seen at build time, so compare candidates without free text
    # and without past job titles (titles are compared with vacancies that have no occupation).
    plain = [c for c in candidates if not c.skill_texts and not any(e.title for e in c.experiences)]
    assert len(plain) >= 3
    for candidate in plain:
        got, expected = index_scores(index, candidate), index_scores(rebuilt, candidate)
        assert got.keys() == expected.keys() == current.keys()
        for vid in expected:
            assert got[vid] == pytest.approx(expected[vid], abs=1e-9)
        assert [r.vacancy_id for r in index.rank(candidate, as_of=AS_OF, top_k=25).results] == [
            r.vacancy_id for r in rebuilt.rank(candidate, as_of=AS_OF, top_k=25).results
        ]


def test_incremental_rows_score_like_the_reference_including_text(vocab, vacancies, candidates):
    index = VacancyIndex(vacancies[:100], vocab, tail_limit=50)
    for vacancy in vacancies[100:]:
        index.upsert(vacancy)
    for candidate in candidates[:8]:
        expected = reference_scores(index, candidate, vacancies)
        got = index_scores(index, candidate)
        assert got == pytest.approx(expected, abs=2e-6)


def test_filters_restrict_the_ranking(vocab, vacancies, candidates):
    index = VacancyIndex(vacancies, vocab)
    by_id = {v.vacancy_id: v for v in vacancies}
    candidate = candidates[2]
    everything = index_scores(index, candidate)

    wallonia = index_scores(index, candidate, MatchFilters(regions=("wallonia",)))
    assert wallonia and set(wallonia) == {vid for vid, v in by_id.items() if v.region == "wallonia"}

    sponsoring = index_scores(index, candidate, MatchFilters(sponsors_permit=True))
    assert set(sponsoring) == {vid for vid, v in by_id.items() if v.sponsors_permit}

    occupation = next(v.occupation_id for v in vacancies if v.occupation_id)
    assert set(index_scores(index, candidate, MatchFilters(occupation_ids=(occupation,)))) == {
        vid for vid, v in by_id.items() if v.occupation_id == occupation
    }

    threshold = float(np.median(list(everything.values())))
    high = index_scores(index, candidate, MatchFilters(min_score=threshold))
    assert set(high) == {vid for vid, s in everything.items() if s >= threshold}
    assert 0 < len(high) < len(everything)

    assert set(index_scores(index, candidate, MatchFilters(vacancy_ids=(3, 5, 999)))) == {3, 5}
    page = index.rank(candidate, as_of=AS_OF, top_k=5, filters=MatchFilters(min_score=threshold))
    assert page.total == len(high)


def test_vacancies_past_their_valid_through_day_drop_out(vocab, vacancies, candidates):
    expiring = [dataclasses.replace(v, valid_through=AS_OF) for v in vacancies[:10]]
    index = VacancyIndex(expiring + vacancies[10:], vocab)
    ids_today, _ = index.scores(candidates[0], AS_OF)
    ids_tomorrow, _ = index.scores(candidates[0], AS_OF + dt.timedelta(days=1))
    expired = {v.vacancy_id for v in expiring}
    assert expired <= set(ids_today.tolist())
    assert not expired & set(ids_tomorrow.tolist()) and len(ids_tomorrow) == len(vacancies) - 10
