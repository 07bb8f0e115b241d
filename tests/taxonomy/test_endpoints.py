"""Vocabulary endpoints through real HTTP (Flask test client) on the fixture vocabulary."""

from urllib.parse import quote

import pytest


@pytest.mark.parametrize(
    "title, lang, key",
    [
        ("Lasser TIG (m/v/x) - REF 1234 - Gent", "nl", "welder"),
        ("Soudeur H/F CDI", "fr", "welder"),
        ("Heftruckchauffeur voltijds", "nl", "forklift_driver"),
        ("aide-soignante", "fr", "care_assistant"),
        ("Zorgkundige nachtdienst", None, "care_assistant"),
        ("CNC-operator (m/w/d)", None, "cnc_operator"),
        ("Schweißerin (m/w/d) Vollzeit", "de", "welder"),
        ("Senior Software Engineer", "en", "software_developer"),
        ("Infirmière en CDI - Liège", "fr", "nurse"),
        ("Vrachtwagenchauffeur CE", "nl", "truck_driver"),
    ],
)
def test_search_finds_the_occupation_behind_noisy_titles(coach, vocabulary, title, lang, key):
    params = {"q": title, **({"lang": lang} if lang else {})}
    response = coach.get("/api/v1/occupations/search", query_string=params)
    assert response.status_code == 200, response.json
    hits = response.json
    assert hits[0]["uri"] == vocabulary["occupations"][key]["uri"], [h["matched_label"] for h in hits]
    assert 0.0 <= hits[0]["score"] <= 1.0
    assert hits[0]["isco_code"] == vocabulary["occupations"][key]["isco_code"]


def test_search_hits_are_sorted_with_preferred_label_in_requested_language(coach, vocabulary):
    response = coach.get(
        "/api/v1/occupations/search", query_string={"q": "soudeur", "lang": "nl", "limit": 5}
    )
    hits = response.json
    assert response.status_code == 200
    assert hits[0]["preferred_label"] == "lasser"
    assert hits[0]["matched_lang"] == "fr"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert len(hits) <= 5


def test_preferred_label_falls_back_to_english(coach, vocabulary):
    hits = coach.get("/api/v1/occupations/search", query_string={"q": "welder", "lang": "de"}).json
    assert hits[0]["preferred_label"] == "Schweißer/Schweißerin"


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "lasser", "lang": "es"}, "lang"),
        ({"q": "lasser", "limit": 0}, "limit"),
        ({"q": "lasser", "limit": 51}, "limit"),
        ({"q": "lasser", "limit": "ten"}, "limit"),
    ],
)
def test_search_rejects_bad_parameters_with_422_naming_the_field(coach, vocabulary, params, field):
    response = coach.get("/api/v1/occupations/search", query_string=params)
    assert response.status_code == 422
    assert field in response.json["message"]
    assert field in str(response.json["errors"])


def test_search_needs_a_key_and_admits_every_role(client, employer, integration, vocabulary):
    assert client.get("/api/v1/occupations/search?q=lasser").status_code == 401
    assert employer.get("/api/v1/occupations/search?q=lasser").status_code == 200
    assert integration.get("/api/v1/skills/search?q=lassen").status_code == 200


def test_occupation_detail_by_id_uri_and_uuid(coach, vocabulary):
    welder = vocabulary["occupations"]["welder"]
    by_id = coach.get(f"/api/v1/occupations/{welder['id']}?lang=nl")
    assert by_id.status_code == 200
    body = by_id.json
    assert body["uri"] == welder["uri"] and body["preferred_label"] == "lasser"
    assert [level["code"] for level in body["isco_hierarchy"]] == ["7", "72", "721", "7212"]
    assert body["isco_hierarchy"][-1]["label"] == "Lassers en snijbranders"
    essential = {s["uri"] for s in body["essential_skills"]}
    assert essential == {
        vocabulary["skills"][k]["uri"] for k in vocabulary["relations"]["welder"]["essential"]
    }
    assert {s["uri"] for s in body["optional_skills"]} == {vocabulary["skills"]["cut_metal"]["uri"]}
    assert "TIG-lasser" in body["labels"]["nl"]["alt"]
    assert isinstance(body["shortage_lists"], list)
    by_uri = coach.get("/api/v1/occupations/" + welder["uri"])
    assert by_uri.status_code == 200 and by_uri.json["occupation_id"] == welder["id"]
    encoded = coach.get("/api/v1/occupations/" + quote(welder["uri"], safe=""))
    assert encoded.status_code == 200 and encoded.json["occupation_id"] == welder["id"]
    uuid = welder["uri"].rsplit("/", 1)[-1]
    assert coach.get(f"/api/v1/occupations/{uuid}").json["occupation_id"] == welder["id"]


def test_unknown_occupation_skill_and_group_are_404(coach, vocabulary):
    for url in (
        "/api/v1/occupations/999999",
        "/api/v1/occupations/http://data.europa.eu/esco/occupation/nope",
        "/api/v1/skills/999999",
        "/api/v1/isco-groups/9999",
        "/api/v1/isco-groups/abc",
    ):
        response = coach.get(url)
        assert response.status_code == 404, url
        assert response.json["message"]


def test_skill_search_and_detail(coach, vocabulary):
    hits = coach.get("/api/v1/skills/search", query_string={"q": "heftruck rijden", "lang": "nl"}).json
    assert hits[0]["uri"] == vocabulary["skills"]["drive_forklift"]["uri"]
    assert {"skill_id", "uri", "preferred_label", "score", "matched_label", "matched_lang"} <= set(hits[0])
    detail = coach.get(f"/api/v1/skills/{hits[0]['skill_id']}?lang=fr")
    assert detail.status_code == 200
    assert detail.json["preferred_label"] == "conduire un chariot élévateur"
    assert {o["uri"] for o in detail.json["occupations"]} == {
        vocabulary["occupations"]["forklift_driver"]["uri"]
    }


def test_isco_group_detail(coach, vocabulary):
    response = coach.get("/api/v1/isco-groups/72?lang=fr")
    assert response.status_code == 200
    body = response.json
    assert body["level"] == 2 and body["label"].startswith("Métiers qualifiés de la métallurgie")
    assert [c["code"] for c in body["children"]] == ["721", "722"]
    assert [h["code"] for h in body["hierarchy"]] == ["7"]
    unit = coach.get("/api/v1/isco-groups/7212").json
    assert [o["uri"] for o in unit["occupations"]] == [vocabulary["occupations"]["welder"]["uri"]]


def test_search_on_an_empty_vocabulary_returns_an_empty_list(coach):
    response = coach.get("/api/v1/occupations/search?q=lasser")
    assert response.status_code == 200
    assert response.json == []


def test_index_is_rebuilt_after_a_vocabulary_change(coach, vocabulary):
    from models import db
    from models.cache_version import CacheVersion
    from models.taxonomy import Occupation, OccupationLabel

    assert (
        coach.get("/api/v1/occupations/search?q=trappenmaker&lang=nl").json[0]["matched_label"]
        != "trappenmaker"
    )
    with db.connection_context(), db.atomic():
        stairs = Occupation.get(Occupation.uri == vocabulary["occupations"]["staircase_installer"]["uri"])
        OccupationLabel.create(occupation=stairs, lang="nl", kind="alt", text="trappenmaker")
        CacheVersion.bump("vocabulary")
    hits = coach.get("/api/v1/occupations/search?q=trappenmaker&lang=nl").json
    assert hits[0]["matched_label"] == "trappenmaker"
    assert hits[0]["uri"] == stairs.uri
