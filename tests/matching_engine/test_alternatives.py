"""Occupation fit with the title normaliser's alternatives (runner-up occupations with scores)."""

from __future__ import annotations

import datetime as dt

import pytest

from matching.engine import (
    CandidatePool,
    CandidateProfile,
    MatchConfig,
    VacancyIndex,
    VacancyProfile,
    Vocabulary,
    explain,
    prepare_candidate,
    score_pair,
)

AS_OF = dt.date(2026, 3, 1)
# 1 welder, 2 pipe welder (same unit group 7212), 3 nurse (2221), 4 cook (5120), 5 truck driver (8332)
VOCAB = Vocabulary(occupation_isco={1: "7212", 2: "7212", 3: "2221", 4: "5120", 5: "8332"})
NURSE = VacancyProfile(vacancy_id=10, title="Nurse", occupation_id=3)


def past_job(occupation_id, score=0.5, alternatives=(), source="auto", years=3):
    """A candidate with one past job as the product stores it (best hit, its score, runner-ups)."""
    return CandidateProfile.from_mapping(
        {
            "id": 7,
            "experiences": [
                {
                    "title": "zorgkundige",
                    "occupation_id": occupation_id,
                    "occupation_score": score,
                    "occupation_source": source,
                    "occupation_alternatives": [
                        {"occupation_id": o, "isco_code": None, "score": s} for o, s in alternatives
                    ],
                    "years": years,
                }
            ],
        }
    )


def checked(candidate, vacancies, config=None):
    """Scores from the reference scorer, checked against the index and the candidate pool."""
    config = config or MatchConfig()
    index = VacancyIndex(vacancies, VOCAB, config)
    prepared = prepare_candidate(candidate, VOCAB, config, index.text_model)
    reference = {v.vacancy_id: score_pair(prepared, v, VOCAB, config, AS_OF, index.text_model) for v in vacancies}
    ids, scores = index.scores(candidate, AS_OF)
    pool = CandidatePool([candidate], VOCAB, config, index.text_model)
    for vid, value in zip(ids.tolist(), scores.tolist(), strict=True):
        assert value == pytest.approx(reference[vid].score, abs=2e-6)
        vacancy = next(v for v in vacancies if v.vacancy_id == vid)
        assert pool.scores(vacancy, AS_OF)[1][0] == pytest.approx(reference[vid].score, abs=2e-6)
    return reference


def occupation_fit(candidate, vacancy=NURSE, config=None):
    return checked(candidate, [vacancy], config)[vacancy.vacancy_id].components["occupation"]


def test_alternative_only_match_scores_below_a_confident_one_but_above_no_match():
    confident = occupation_fit(past_job(3, 0.9))
    via_alternative = occupation_fit(past_job(4, 0.5, [(3, 0.4)]))
    no_match = occupation_fit(past_job(4, 0.5, [(5, 0.4)]))
    assert confident > via_alternative > no_match == 0
    # The alternative's weight is alternative_weight x its score relative to the best hit.
    assert via_alternative == pytest.approx(confident * 0.8 * 0.4 / 0.5)


def test_a_runner_up_far_below_a_confident_best_hit_counts_little():
    close = occupation_fit(past_job(4, 0.5, [(3, 0.45)]))
    far = occupation_fit(past_job(4, 0.95, [(3, 0.01)]))
    assert close > 10 * far > 0


def test_alternatives_of_the_vacancy_title_count_too_and_both_sides_multiply():
    vacancy = VacancyProfile.from_mapping(
        {
            "id": 11,
            "title": "Verpleegkundige",
            "occupation_id": 4,
            "occupation_score": 0.5,
            "occupation_source": "auto",
            "occupation_alternatives": [{"occupation_id": 3, "isco_code": "2221", "score": 0.5}],
        }
    )
    one_side = occupation_fit(past_job(3, 0.9), vacancy)
    both_sides = occupation_fit(past_job(4, 0.5, [(3, 0.5)]), vacancy)  # best hits agree: full fit
    assert one_side == pytest.approx(0.8) and both_sides == 1.0
    only_alternatives = occupation_fit(past_job(5, 0.5, [(3, 0.5)]), vacancy)
    assert only_alternatives == pytest.approx(0.8 * 0.8)


def test_a_manual_occupation_ignores_alternatives_on_both_sides():
    manual = past_job(4, None, [(3, 0.9)], source="manual")
    assert manual.experiences[0].alternatives == ()
    assert occupation_fit(manual) == 0
    manual_vacancy = VacancyProfile.from_mapping(
        {
            "id": 12,
            "title": "Kok",
            "occupation_id": 4,
            "occupation_source": "manual",
            "occupation_alternatives": [{"occupation_id": 3, "isco_code": "2221", "score": 0.9}],
        }
    )
    assert manual_vacancy.occupation_alternatives == ()
    assert occupation_fit(past_job(3, 0.9), manual_vacancy) == 0


def test_a_title_that_did_not_normalise_brings_no_alternatives():
    unclassified = VacancyProfile.from_mapping(
        {
            "id": 13,
            "title": "xyz",
            "occupation_id": None,
            "occupation_source": "none",
            "occupation_alternatives": [{"occupation_id": 3, "isco_code": "2221", "score": 0.05}],
        }
    )
    assert unclassified.occupation_alternatives == ()


def test_alternatives_reach_the_isco_hierarchy_at_their_weight():
    # A runner-up in the same ISCO unit group as the vacancy: unit-group value x its weight.
    welder = VacancyProfile(vacancy_id=14, title="Welder", occupation_id=1)
    fit = occupation_fit(past_job(4, 0.5, [(2, 0.5)]), welder)
    assert fit == pytest.approx(MatchConfig().same_unit_group * 0.8)


def test_max_alternatives_zero_uses_the_best_hit_only():
    assert occupation_fit(past_job(4, 0.5, [(3, 0.5)]), config=MatchConfig(max_alternatives=0)) == 0


def test_explanation_says_when_the_fit_came_from_an_uncertain_alternative():
    result = checked(past_job(4, 0.5, [(3, 0.4)]), [NURSE])[10]
    assert result.facts["uncertain_past_job"] == {"title": "zorgkundige", "occupation_id": 3}
    labels = {3: "nurse"}
    en = explain(result, "en", occupation_label="nurse", occupation_labels=labels)
    assert "Past job 'zorgkundige' probably corresponds to nurse" in " ".join(en)
    assert "waarschijnlijk" in " ".join(explain(result, "nl", occupation_labels=labels))
    assert "probablement" in " ".join(explain(result, "fr", occupation_labels=labels))
    confident = checked(past_job(3, 0.9), [NURSE])[10]
    assert "uncertain_past_job" not in confident.facts
    assert not any("probably" in s for s in explain(confident, "en", occupation_labels=labels))


def test_alternatives_are_deterministic_whatever_their_order_of_arrival():
    vacancies = [
        VacancyProfile.from_mapping(
            {
                "id": vid,
                "title": f"job {vid}",
                "occupation_id": best,
                "occupation_score": 0.6,
                "occupation_source": "auto",
                "occupation_alternatives": [
                    {"occupation_id": o, "isco_code": None, "score": s} for o, s in alternatives
                ],
            }
        )
        for vid, best, alternatives in (
            (1, 4, [(3, 0.3), (1, 0.2)]),
            (2, 3, []),
            (3, 5, [(2, 0.5)]),
            (4, 1, [(3, 0.6)]),
            (5, 2, [(4, 0.1), (3, 0.1)]),
        )
    ]
    candidate = past_job(1, 0.5, [(3, 0.45), (5, 0.2)])
    first = VacancyIndex(vacancies, VOCAB).rank(candidate, as_of=AS_OF, top_k=5)
    again = VacancyIndex(list(reversed(vacancies)), VOCAB).rank(candidate, as_of=AS_OF, top_k=5)
    assert [(r.vacancy_id, r.score, dict(r.facts)) for r in first.results] == [
        (r.vacancy_id, r.score, dict(r.facts)) for r in again.results
    ]
    checked(candidate, vacancies)


def test_every_past_job_title_counts_as_title_evidence_not_as_free_text():
    def texts(score, source="auto"):
        return past_job(4, score, [(3, 0.1)], source=source).skill_texts

    # Low or high confidence, or chosen by a person: the title is never copied into the free text.
    assert texts(0.3) == () and texts(0.9) == () and texts(None, source="manual") == ()
    # It takes part in the score through the title component; the occupation fit is unchanged.
    vacancy = VacancyProfile(vacancy_id=15, title="zorgkundige thuiszorg", occupation_id=3)
    for score in (0.3, 0.9):
        result = checked(past_job(4, score, [(3, 0.1)]), [vacancy])[15]
        assert result.components["text"] is None
        assert result.components["title"] > 0.3
        assert result.components["occupation"] == pytest.approx(0.8 * 0.1 / score, abs=1e-6)
