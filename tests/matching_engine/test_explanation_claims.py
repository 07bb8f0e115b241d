"""Explanations claim no more than the score supports, and keep free text away from employers."""

from matching.engine.explain import explain
from matching.engine.scoring import MatchResult


def _result(occupation: float, facts: dict) -> MatchResult:
    components = {"occupation": occupation, "essential_skills": None, "optional_skills": None,
                  "languages": None, "education": None, "location": None, "availability": None, "text": None}
    return MatchResult(vacancy_id=1, candidate_id=2, score=occupation, components=components, facts=facts)


UNCERTAIN = {"occupation_level": "sub_major_group", "experience_years": 2,
             "uncertain_past_job": {"title": "kok bij Restaurant De Smet, Gent", "occupation_id": 7}}


def test_a_negligible_fit_through_an_alternative_is_not_claimed():
    sentences = explain(_result(0.001, UNCERTAIN), "en", occupation_labels={7: "cook"})
    assert "No past job in this or a related occupation is recorded." in sentences
    assert not any("broad field" in s or "probably" in s for s in sentences)


def test_a_real_fit_through_an_alternative_is_claimed_and_qualified():
    sentences = explain(_result(0.2, UNCERTAIN), "nl", occupation_labels={7: "kok"})
    assert any("brede vakgebied" in s for s in sentences)
    assert any("waarschijnlijk" in s and "De Smet" in s for s in sentences)


def test_employer_sentences_never_quote_the_candidates_job_titles():
    for lang in ("en", "nl", "fr"):
        sentences = explain(_result(0.2, UNCERTAIN), lang, occupation_labels={7: "cook"},
                            omit=("education", "past_job_titles"))
        assert not any("De Smet" in s for s in sentences), sentences
        assert any("cook" in s for s in sentences)
