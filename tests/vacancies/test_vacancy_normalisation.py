"""Occupation and skill normalisation of vacancies (through the vocabulary service)."""

import pytest

from services.taxonomy import OCCUPATION_LOW_CONFIDENCE

from .helpers import vacancy_body

URL = "/api/v1/vacancies"


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        ("Metselaar", "nl", "bricklayer"),
        ("Maçon (h/f)", "fr", "bricklayer"),
        ("Ervaren metselaar m/v/x", None, "bricklayer"),
        ("Lkw-Fahrer", "de", "truck_driver"),
        ("Verpleegkundige", None, "nurse"),
    ],
)
def test_occupation_is_normalised_from_the_title(employer, vocab, title, lang, expected):
    body = employer.post(URL, json=vacancy_body(title=title, title_lang=lang)).get_json()
    occupation = body["occupation"]
    assert occupation["uri"] == vocab["occupations"][expected]["uri"]
    assert occupation["source"] == "auto"
    assert occupation["score"] >= OCCUPATION_LOW_CONFIDENCE
    assert body["occupation_low_confidence"] is False
    assert occupation["isco_code"] and occupation["preferred_label"]


def test_an_unrelated_title_is_flagged_with_alternatives_instead_of_a_guess(employer, vocab):
    body = employer.post(URL, json=vacancy_body(title="Astronaut ruimtevaart")).get_json()
    assert body["occupation_low_confidence"] is True
    assert body["occupation"]["source"] in ("none", "auto")
    if body["occupation"]["source"] == "auto":
        assert body["occupation"]["score"] < OCCUPATION_LOW_CONFIDENCE
    known = {o["uri"] for o in vocab["occupations"].values()}
    assert all(alt["uri"] in known for alt in body["occupation_alternatives"])


def test_owner_may_set_the_occupation_explicitly(employer, vocab):
    nurse = vocab["occupations"]["nurse"]
    body = employer.post(URL, json=vacancy_body(title="Metselaar", occupation_uri=nurse["uri"])).get_json()
    assert body["occupation"] == {
        "id": nurse["id"],
        "uri": nurse["uri"],
        "preferred_label": "nurse responsible for general care",
        "isco_code": "2221",
        "score": None,
        "source": "manual",
    }
    assert body["occupation_low_confidence"] is False


def test_a_manual_occupation_survives_a_title_change_and_null_returns_to_auto(employer, vocab):
    nurse = vocab["occupations"]["nurse"]
    created = employer.post(URL, json=vacancy_body(title="Metselaar", occupation_uri=nurse["uri"])).get_json()
    patched = employer.patch(f"{URL}/{created['id']}", json={"title": "Maurer"}).get_json()
    assert patched["occupation"]["uri"] == nurse["uri"]
    auto = employer.patch(f"{URL}/{created['id']}", json={"occupation_uri": None}).get_json()
    assert auto["occupation"]["source"] == "auto"
    assert auto["occupation"]["uri"] == vocab["occupations"]["bricklayer"]["uri"]


def test_auto_occupation_follows_a_title_change(employer, vocab):
    created = employer.post(URL, json=vacancy_body(title="Metselaar")).get_json()
    patched = employer.patch(f"{URL}/{created['id']}", json={"title": "Vrachtwagenchauffeur"}).get_json()
    assert patched["occupation"]["uri"] == vocab["occupations"]["truck_driver"]["uri"]
    assert patched["write_status"] == "updated"


def test_skills_as_uri_free_text_or_objects(employer, vocab):
    skills = vocab["skills"]
    body = employer.post(
        URL,
        json=vacancy_body(
            skills=[
                skills["read_drawings"]["uri"],
                {"text": "bakstenen metselen", "importance": "essential"},
                {"uri": skills["drive_truck"]["uri"], "importance": "optional"},
                {"text": "jongleren met fakkels", "importance": "optional"},
            ]
        ),
    ).get_json()
    got = [(s["skill_id"], s["importance"]) for s in body["skills"]]
    assert got == [
        (skills["read_drawings"]["id"], "essential"),
        (skills["lay_bricks"]["id"], "essential"),
        (skills["drive_truck"]["id"], "optional"),
        (None, "optional"),
    ]
    assert body["skills"][1]["match_score"] > 0.5
    assert body["skills"][3]["text"] == "jongleren met fakkels"
    assert body["skills"][0]["preferred_label"] == "read standard blueprints"
