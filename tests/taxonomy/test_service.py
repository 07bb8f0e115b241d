"""The vocabulary service contract other domains call (docs/architecture.md)."""

import pytest

from models.errors import ValidationFailed
from services import taxonomy


def test_search_occupations_returns_the_contract_fields(db_conn, vocabulary):
    hits = taxonomy.search_occupations("Soudeur H/F", lang="fr", limit=3)
    assert set(hits[0]) >= {
        "occupation_id",
        "uri",
        "preferred_label",
        "isco_code",
        "score",
        "matched_label",
        "matched_lang",
    }
    assert hits[0]["occupation_id"] == vocabulary["occupations"]["welder"]["id"]
    assert hits[0]["preferred_label"] == "soudeur/soudeuse"
    assert hits[0]["score"] >= taxonomy.OCCUPATION_LOW_CONFIDENCE
    assert len(hits) <= 3


def test_search_skills_returns_the_contract_fields(db_conn, vocabulary):
    hits = taxonomy.search_skills("lasapparatuur", lang="nl")
    assert set(hits[0]) >= {"skill_id", "uri", "preferred_label", "score", "matched_label", "matched_lang"}
    assert hits[0]["skill_id"] == vocabulary["skills"]["weld_metal"]["id"]
    assert hits[0]["score"] >= taxonomy.SKILL_MIN_CONFIDENCE


def test_unrelated_text_stays_below_the_confidence_thresholds(db_conn, vocabulary):
    occupation = taxonomy.search_occupations("astronaut quantum physicist")
    assert not occupation or occupation[0]["score"] < taxonomy.OCCUPATION_LOW_CONFIDENCE
    skill = taxonomy.search_skills("juggling flaming torches")
    assert not skill or skill[0]["score"] < taxonomy.SKILL_MIN_CONFIDENCE


@pytest.mark.parametrize(
    "args, field",
    [(("",), "q"), (("x", "es"), "lang"), (("x", None, 0), "limit"), (("x", None, 51), "limit")],
)
def test_bad_arguments_raise_validation_failed(db_conn, args, field):
    with pytest.raises(ValidationFailed) as error:
        taxonomy.search_occupations(*args)
    assert field in error.value.errors


def test_labels_relations_and_version(db_conn, vocabulary):
    welder, cook = vocabulary["occupations"]["welder"]["id"], vocabulary["occupations"]["cook"]["id"]
    assert taxonomy.occupation_labels([welder, cook], "nl") == {welder: "lasser", cook: "kok"}
    assert taxonomy.occupation_labels([welder], "de") == {welder: "Schweißer/Schweißerin"}
    relations = taxonomy.occupation_skill_ids([welder, 999999])
    skills = vocabulary["skills"]
    assert sorted(relations[welder]["essential"]) == sorted(
        skills[k]["id"] for k in vocabulary["relations"]["welder"]["essential"]
    )
    assert relations[welder]["optional"] == [skills["cut_metal"]["id"]]
    assert relations[999999] == {"essential": [], "optional": []}
    weld = skills["weld_metal"]["id"]
    assert taxonomy.skill_labels([weld], "fr") == {weld: "utiliser du matériel de soudage"}
    assert taxonomy.skill_labels([weld], "de") == {weld: "use welding equipment"}  # falls back to en
    assert taxonomy.vocabulary_version() == f"v{vocabulary['version']}"


def test_vocabulary_version_without_vocabulary(db_conn):
    assert taxonomy.vocabulary_version() == "none"
