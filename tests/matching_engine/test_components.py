"""Each component on hand-made pairs: the direction and the reported evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from matching.engine import (
    CandidateProfile,
    Experience,
    MatchConfig,
    VacancyIndex,
    VacancyProfile,
    Vocabulary,
    explain,
    prepare_candidate,
    score_pair,
)

AS_OF = dt.date(2026, 3, 1)
VOCAB = Vocabulary(
    occupation_isco={1: "7212", 2: "7212", 3: "7213", 4: "7221", 5: "7311", 6: "2221"},
    occupation_skills={1: ((10, 11, 12), (13,)), 6: ((20, 21), ())},
    skill_labels={
        10: "weld metal",
        11: "read blueprints",
        12: "use welding equipment",
        13: "grind metal",
        20: "administer medication",
        21: "patient care",
        30: "drive forklift",
    },
)
WELDER = VacancyProfile(vacancy_id=1, title="Welder", occupation_id=1)


def score(candidate, vacancy=WELDER, config=None, vocab=VOCAB):
    config = config or MatchConfig()
    index = VacancyIndex([vacancy], vocab, config)
    result = score_pair(
        prepare_candidate(candidate, vocab, config, index.text_model),
        vacancy,
        vocab,
        config,
        AS_OF,
        index.text_model,
    )
    ids, scores = index.scores(candidate, AS_OF)
    assert scores[0] == pytest.approx(result.score, abs=2e-6)  # the index agrees on every hand-made case
    return result


def worked_as(occupation_id, years=None):
    return CandidateProfile(candidate_id=1, experiences=(Experience(occupation_id=occupation_id, years=years),))


def test_occupation_fit_ranks_same_occupation_then_isco_unit_minor_sub_major_groups():
    values = [score(worked_as(occ, 5)).components["occupation"] for occ in (1, 2, 3, 4, 5, 6)]
    assert values[0] > values[1] > values[2] > values[3] > values[4] == 0
    assert values[5] == 0  # 2221 shares no group with 7212
    assert score(worked_as(2, 5)).facts["occupation_level"] == "unit_group"


def test_years_of_experience_raise_the_occupation_fit_and_saturate():
    by_years = [score(worked_as(1, y)).components["occupation"] for y in (None, 1, 2, 3, 10)]
    assert by_years[0] < by_years[1] < by_years[2] < by_years[3] == by_years[4] == 1.0
    strict = dataclasses.replace(WELDER, min_experience_years=6)
    assert score(worked_as(1, 3), strict).components["occupation"] < 1.0


def test_vacancy_without_skills_uses_the_skills_of_its_occupation():
    candidate = CandidateProfile(candidate_id=1, skill_ids=(10, 11))
    result = score(candidate)
    assert result.facts["skills_from_occupation"] is True
    assert result.components["essential_skills"] == pytest.approx(2 / 3)
    assert result.missing_essential_skill_ids == (12,)
    assert set(result.matched_skill_ids) == {10, 11}
    listed = dataclasses.replace(WELDER, essential_skill_ids=(30,))
    assert score(candidate, listed).components["essential_skills"] == 0
    assert score(candidate, listed).facts["skills_from_occupation"] is False


def test_language_fit_met_one_level_short_missing():
    vacancy = dataclasses.replace(WELDER, languages=(("fr", "B1"), ("nl", "B2")))
    met = score(CandidateProfile(candidate_id=1, languages=(("nl", "C1"), ("fr", "B1"))), vacancy)
    short = score(CandidateProfile(candidate_id=1, languages=(("nl", "B1"), ("fr", "B1"))), vacancy)
    missing = score(CandidateProfile(candidate_id=1, languages=(("fr", "B2"),)), vacancy)
    assert met.components["languages"] == 1.0 and met.language_gaps == ()
    assert short.components["languages"] == pytest.approx(0.75)
    assert [(g.lang, g.required, g.have) for g in short.language_gaps] == [("nl", "B2", "B1")]
    assert missing.components["languages"] == pytest.approx(0.5)
    assert [(g.lang, g.have) for g in missing.language_gaps] == [("nl", None)]


def test_unrecognised_foreign_diploma_is_reported_not_silently_met():
    vacancy = dataclasses.replace(WELDER, min_education_eqf=4)
    recognised = score(CandidateProfile(candidate_id=1, education_eqf=5, diploma_recognition="recognised"), vacancy)
    refused = score(CandidateProfile(candidate_id=1, education_eqf=5, diploma_recognition="not_recognised"), vacancy)
    pending = score(CandidateProfile(candidate_id=1, education_eqf=5, diploma_recognition="pending"), vacancy)
    assert recognised.components["education"] == 1.0
    assert refused.components["education"] < pending.components["education"] < 1.0
    assert refused.facts["education"] == "met_diploma_not_recognised"
    assert any("not recognised" in s for s in explain(refused, "en"))
    assert score(CandidateProfile(candidate_id=1, education_eqf=3), vacancy).components["education"] == 0.5
    assert score(CandidateProfile(candidate_id=1, education_eqf=1), vacancy).components["education"] == 0.0


def test_location_is_neutral_without_preferred_regions():
    vacancy = dataclasses.replace(WELDER, region="wallonia")
    config = MatchConfig()
    assert score(CandidateProfile(candidate_id=1), vacancy).components["location"] == config.neutral
    assert score(CandidateProfile(candidate_id=1, preferred_regions=("wallonia",)), vacancy).components["location"] == 1
    assert score(CandidateProfile(candidate_id=1, preferred_regions=("flanders",)), vacancy).components["location"] == 0


def test_availability_falls_after_the_start_date():
    vacancy = dataclasses.replace(WELDER, start_date=AS_OF + dt.timedelta(days=30))
    on_time = score(CandidateProfile(candidate_id=1, available_from=AS_OF), vacancy)
    late = score(CandidateProfile(candidate_id=1, available_from=AS_OF + dt.timedelta(days=75)), vacancy)
    very_late = score(CandidateProfile(candidate_id=1, available_from=AS_OF + dt.timedelta(days=400)), vacancy)
    assert on_time.components["availability"] == 1.0
    assert 0 < late.components["availability"] < 1 and late.facts["days_late"] == 45
    assert very_late.components["availability"] == 0.0


def test_free_text_skills_are_used_by_text_similarity_not_dropped():
    plain = CandidateProfile(candidate_id=1)
    related = CandidateProfile(candidate_id=1, skill_texts=("welding of metal parts", "blueprints"))
    unrelated = CandidateProfile(candidate_id=1, skill_texts=("baking bread",))
    assert score(plain).components["text"] is None  # not applicable: its weight is left out
    assert score(related).components["text"] > score(unrelated).components["text"]
    assert score(related).components["text"] > 0.3


def test_free_text_resembling_the_title_counts():
    vacancy = VacancyProfile(vacancy_id=2, title="Heftruckchauffeur", skill_texts=("heftruckattest",))
    close = score(CandidateProfile(candidate_id=1, skill_texts=("heftruck rijden",)), vacancy)
    far = score(CandidateProfile(candidate_id=1, skill_texts=("boekhouding",)), vacancy)
    assert close.components["text"] > far.components["text"]


def test_explanations_exist_in_three_languages_and_name_missing_skills():
    candidate = CandidateProfile(
        candidate_id=1, skill_ids=(10,), experiences=(Experience(1, None, 2),), languages=(("nl", "A2"),)
    )
    result = score(candidate, dataclasses.replace(WELDER, languages=(("nl", "B1"),)))
    labels = {11: "read blueprints", 12: "use welding equipment"}
    english, dutch, french = (explain(result, lang, labels, "welder") for lang in ("en", "nl", "fr"))
    assert english != dutch != french and len(english) == len(dutch) == len(french)
    assert any("read blueprints" in s and "use welding equipment" in s for s in english)
    assert any("Nederlands" in s and "B1" in s and "A2" in s for s in dutch)
    assert any("2 an(s)" in s for s in french)


def test_weights_come_from_configuration():
    candidate = CandidateProfile(candidate_id=1, skill_ids=(10, 11, 12), preferred_regions=("flanders",))
    vacancy = dataclasses.replace(WELDER, region="wallonia")
    default = score(candidate, vacancy).score
    skills_only = MatchConfig.from_mapping(
        {
            "occupation": 0,
            "optional_skills": 0,
            "languages": 0,
            "education": 0,
            "location": 0,
            "availability": 0,
            "text": 0,
        }
    )
    assert score(candidate, vacancy, skills_only).score == 1.0
    assert default < 1.0
    with pytest.raises(ValueError, match="unknown"):
        MatchConfig.from_mapping({"salary": 1})
    with pytest.raises(ValueError):
        MatchConfig(occupation=-1)


def test_unnormalised_past_job_titles_count_as_title_evidence():
    profile = CandidateProfile.from_mapping(
        {"experiences": [{"title": "Lasser TIG", "occupation_id": None}, {"title": "welder", "occupation_id": 1}]}
    )
    assert profile.skill_texts == ()
    result = score(profile)
    assert result.components["text"] is None and result.components["title"] is not None
    assert score(CandidateProfile(candidate_id=1)).components["title"] is None  # no titles: not applicable


def test_vacancy_without_occupation_is_compared_by_past_job_titles():
    vacancy = VacancyProfile(vacancy_id=3, title="Lasser TIG/MIG")
    close = score(CandidateProfile(candidate_id=1, experiences=(Experience(title="TIG-lasser", years=3),)), vacancy)
    far = score(CandidateProfile(candidate_id=1, experiences=(Experience(title="boekhouder", years=3),)), vacancy)
    untitled = score(CandidateProfile(candidate_id=1, experiences=(Experience(occupation_id=1, years=3),)), vacancy)
    assert close.facts["occupation_level"] == "title_similarity"
    assert MatchConfig().same_unit_group >= close.components["occupation"] > far.components["occupation"]
    assert untitled.components["occupation"] == MatchConfig().neutral
    assert any("resembles a past job title" in s for s in explain(close, "en"))
