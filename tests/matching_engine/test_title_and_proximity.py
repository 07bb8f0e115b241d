"""Title evidence, ties ordered by evidence, and the graded occupation proximity (match-1.2.0)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from matching.engine import (
    CandidatePool,
    CandidateProfile,
    Experience,
    MatchConfig,
    VacancyIndex,
    VacancyProfile,
    Vocabulary,
    explain,
    occupation_proximity,
    prepare_candidate,
    score_pair,
)

AS_OF = dt.date(2026, 3, 1)
# 1 welder 7212.1, 2 TIG welder 7212.1.2 (narrower of 1), 3 pipe fitter 7212.3 (same unit group,
# shares most of 1's essential skills), 4 sheet metal worker 7213 (same minor group), 5 nurse 2221,
# 6 metal grinder 7224 (same sub-major group only, has all of 1's essential skills).
VOCAB = Vocabulary(
    occupation_isco={1: "7212", 2: "7212", 3: "7212", 4: "7213", 5: "2221", 6: "7224", 7: "7212"},
    occupation_codes={1: "7212.1", 2: "7212.1.2", 3: "7212.3", 7: "7212.4"},
    occupation_skills={
        1: ((10, 11, 12, 13), (20,)),
        2: ((10, 11, 14), ()),
        3: ((10, 11, 12, 15), ()),
        4: ((30, 31, 32), ()),
        5: ((40, 41, 42), ()),
        6: ((10, 11, 12, 13, 16, 17, 18, 19, 60), ()),
        7: ((50, 51, 52), ()),
    },
)


def welder(title="lasser TIG", occupation=1, years=3.0):
    return CandidateProfile(
        candidate_id=1, experiences=(Experience(occupation_id=occupation, title=title, years=years, manual=True),)
    )


def ranked(candidate, vacancies, config=None):
    """The index's ranking, checked against the reference scorer pair by pair."""
    index = VacancyIndex(vacancies, VOCAB, config)
    page = index.rank(candidate, as_of=AS_OF, top_k=len(vacancies))
    prepared = prepare_candidate(candidate, VOCAB, index.config, index.text_model)
    by_id = {v.vacancy_id: v for v in vacancies}
    for result in page.results:
        reference = score_pair(prepared, by_id[result.vacancy_id], VOCAB, index.config, AS_OF, index.text_model)
        assert result.score == pytest.approx(reference.score, abs=2e-6)
        assert result.components == pytest.approx(dict(reference.components), abs=2e-6)
    return page.results


def test_occupation_proximity_is_graded_by_hierarchy_and_shared_skills():
    same = occupation_proximity(1, 1, VOCAB)
    variant = occupation_proximity(1, 2, VOCAB)  # narrower occupation in ESCO
    sibling = occupation_proximity(1, 3, VOCAB)  # shares 3 of the pipe fitter's 4 essential skills
    unit = occupation_proximity(1, 7, VOCAB)  # same unit group, nothing else in common
    minor = occupation_proximity(1, 4, VOCAB)
    none = occupation_proximity(1, 5, VOCAB)
    assert (same.level, variant.level, sibling.level, unit.level, minor.level, none.level) == (
        "occupation",
        "sibling",
        "sibling",
        "unit_group",
        "minor_group",
        "none",
    )
    assert same.value > sibling.value == variant.value > unit.value > minor.value > none.value == 0
    assert sibling.shared_skills == pytest.approx(0.75)


def test_shared_skills_link_groups_and_depend_on_the_direction():
    # The grinder (7224) needs 9 essential skills, the welder has 4 of them: only the sub-major group.
    assert occupation_proximity(1, 6, VOCAB).level == "sub_major_group"
    # The other way round the grinder has all of the welder's essential skills.
    towards_welder = occupation_proximity(6, 1, VOCAB)
    assert towards_welder.level == "shared_skills" and towards_welder.shared_skills == 1.0
    assert towards_welder.value == pytest.approx(MatchConfig().same_unit_group)
    assert occupation_proximity(6, 1, VOCAB, MatchConfig(shared_skills_min=1.0, same_unit_group=0.6)).value == 0.6


def test_a_sibling_ranks_above_the_rest_of_its_unit_group_in_both_directions():
    vacancies = [
        VacancyProfile(vacancy_id=1, title="x", occupation_id=7),  # same unit group only
        VacancyProfile(vacancy_id=2, title="x", occupation_id=3),  # sibling sharing skills
        VacancyProfile(vacancy_id=3, title="x", occupation_id=1),  # same occupation
        VacancyProfile(vacancy_id=4, title="x", occupation_id=4),  # minor group
    ]
    candidate = welder(title="")
    results = ranked(candidate, vacancies)
    assert [r.vacancy_id for r in results] == [3, 2, 1, 4]
    sibling = next(r for r in results if r.vacancy_id == 2)
    assert sibling.facts["occupation_level"] == "sibling" and sibling.facts["related_occupation_id"] == 1
    sentences = explain(sibling, "nl", occupation_labels={1: "lasser"})
    assert "Heeft gewerkt als lasser, een zusterberoep met 75% van de essentiële vaardigheden" in " ".join(sentences)
    # Employers rank candidates with the same evidence: the welder beats a candidate from the unit group only.
    pool = CandidatePool([dataclasses.replace(candidate, candidate_id=5), welder(title="", occupation=7)], VOCAB)
    page = pool.rank(vacancies[1], as_of=AS_OF)
    assert [r.candidate_id for r in page.results] == [5, 1]
    assert page.results[0].facts["occupation_level"] == "sibling"


def test_near_identical_titles_of_one_occupation_come_first_related_occupations_follow():
    vacancies = [
        VacancyProfile(vacancy_id=1, title="Lasser TIG (m/v/x)", occupation_id=1),  # same occupation, same words
        VacancyProfile(vacancy_id=2, title="Hulplasser", occupation_id=1),  # same occupation, other words
        VacancyProfile(vacancy_id=3, title="TIG-lasser", occupation_id=7),  # normalised to a cousin, same words
        VacancyProfile(vacancy_id=4, title="Pijpfitter", occupation_id=3),  # related occupation, other words
        VacancyProfile(vacancy_id=5, title="Verpleegkundige", occupation_id=5),  # unrelated
    ]
    results = ranked(welder(), vacancies)
    order = [r.vacancy_id for r in results]
    assert order[0] == 1 and order[-1] == 5
    # The title lifts the cousin with the same words above the related occupation with other words.
    assert order.index(3) < order.index(4)
    by_id = {r.vacancy_id: r for r in results}
    assert by_id[1].components["title"] > 0.5 > by_id[4].components["title"]
    english = explain(by_id[3], "en")
    assert "The vacancy title resembles the past job title 'lasser TIG' (" in " ".join(english)
    # Employers are not shown the candidate's own wording of the title.
    assert not any("lasser TIG" in s for s in explain(by_id[3], "en", omit=("past_job_titles",)))


def test_equal_scores_are_ordered_by_evidence_not_by_id():
    # With the title weight at 0 the title does not change the score, only the order of equal scores.
    config = MatchConfig(title=0.0)
    vacancies = [
        VacancyProfile(vacancy_id=1, title="Verpleegkundige", occupation_id=1),
        VacancyProfile(vacancy_id=2, title="Lasser", occupation_id=1),
        VacancyProfile(vacancy_id=3, title="Lasser TIG", occupation_id=1),
    ]
    results = ranked(welder(), vacancies, config)
    assert len({r.score for r in results}) == 1
    assert [r.vacancy_id for r in results] == [3, 2, 1]
    index = VacancyIndex(vacancies, VOCAB, config)
    pool = CandidatePool(
        [welder(title="Verpleegkundige"), dataclasses.replace(welder(), candidate_id=9)],
        VOCAB,
        config,
        index.text_model,
    )
    page = pool.rank(vacancies[2], as_of=AS_OF)
    assert page.results[0].score == page.results[1].score
    assert [r.candidate_id for r in page.results] == [9, 1]


def test_a_past_job_without_an_occupation_is_compared_by_title_with_every_vacancy():
    candidate = CandidateProfile(candidate_id=1, experiences=(Experience(title="lasser TIG", years=3),))
    vacancies = [
        VacancyProfile(vacancy_id=1, title="TIG lasser", occupation_id=1),
        VacancyProfile(vacancy_id=2, title="Verpleegkundige", occupation_id=5),
    ]
    results = {r.vacancy_id: r for r in ranked(candidate, vacancies)}
    close = results[1]
    assert close.facts["occupation_level"] == "past_title_similarity"
    assert close.components["occupation"] == pytest.approx(MatchConfig().same_unit_group * close.components["title"])
    assert results[2].components["occupation"] < close.components["occupation"]
    assert any("without an ESCO occupation resembles" in s for s in explain(close, "en"))


def test_a_profile_without_skills_is_neutral_on_skills():
    vacancy = VacancyProfile(vacancy_id=1, title="Lasser", occupation_id=1)  # skills from its occupation
    without = ranked(welder(), [vacancy])[0]
    assert without.components["essential_skills"] == without.components["optional_skills"] == MatchConfig().neutral
    assert any("lists no skills" in s for s in explain(without, "en"))
    with_one = ranked(dataclasses.replace(welder(), skill_ids=(10,)), [vacancy])[0]
    assert with_one.components["essential_skills"] == pytest.approx(0.25)
