"""Idempotent upsert by external id, bulk writes and optimistic concurrency (ETag / If-Match)."""

import pytest

from models import db
from models.vacancy import Vacancy

from .helpers import past, vacancy_body

URL = "/api/v1/vacancies"
BY_EXT = URL + "/by-external-id/"


def test_upsert_creates_then_updates_then_reports_unchanged(employer):
    created = employer.put(BY_EXT + "ATS-1", json=vacancy_body())
    assert created.status_code == 201
    assert created.get_json()["write_status"] == "created"
    assert created.get_json()["external_id"] == "ATS-1"

    again = employer.put(BY_EXT + "ATS-1", json=vacancy_body())
    assert again.status_code == 200
    body = again.get_json()
    assert body["write_status"] == "unchanged"
    assert (body["id"], body["version"], body["updated_at"]) == (
        created.get_json()["id"],
        1,
        created.get_json()["updated_at"],
    )

    changed = employer.put(BY_EXT + "ATS-1", json=vacancy_body(positions=5))
    assert changed.status_code == 200
    assert changed.get_json()["write_status"] == "updated"
    assert changed.get_json()["version"] == 2
    with db.connection_context():
        assert Vacancy.select().count() == 1


def test_upsert_replaces_the_whole_record(employer):
    employer.put(BY_EXT + "ATS-2", json=vacancy_body(languages={"nl": "B1", "fr": "A2"}, description="x"))
    body = employer.put(BY_EXT + "ATS-2", json=vacancy_body(languages={"nl": "B2"})).get_json()
    assert body["languages"] == {"nl": "B2"}
    assert body["description"] == ""


def test_upsert_with_a_different_external_id_in_the_body_is_refused(employer):
    response = employer.put(BY_EXT + "ATS-3", json=vacancy_body(external_id="OTHER"))
    assert response.status_code == 422
    assert "external_id" in response.get_json()["errors"]


def test_same_external_id_in_two_organisations_are_two_vacancies(employer, other_employer):
    a = employer.put(BY_EXT + "SHARED", json=vacancy_body()).get_json()
    b = other_employer.put(BY_EXT + "SHARED", json=vacancy_body()).get_json()
    assert a["id"] != b["id"]
    assert a["write_status"] == b["write_status"] == "created"


def test_post_with_an_existing_external_id_answers_409(employer):
    employer.post(URL, json=vacancy_body(external_id="DUP"))
    response = employer.post(URL, json=vacancy_body(external_id="DUP"))
    assert response.status_code == 409
    assert "PUT" in response.get_json()["message"]


def test_if_match_with_the_current_etag_succeeds_and_a_stale_one_answers_412(employer):
    created = employer.post(URL, json=vacancy_body())
    etag = created.headers["ETag"]
    vacancy_id = created.get_json()["id"]
    ok = employer.patch(f"{URL}/{vacancy_id}", json={"positions": 3}, headers={"If-Match": etag})
    assert ok.status_code == 200
    stale = employer.patch(f"{URL}/{vacancy_id}", json={"positions": 4}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert "ETag" in stale.get_json()["message"]
    assert employer.get(f"{URL}/{vacancy_id}").get_json()["positions"] == 3
    assert employer.delete(f"{URL}/{vacancy_id}", headers={"If-Match": etag}).status_code == 412
    assert (
        employer.put(BY_EXT + "nothing", json=vacancy_body(), headers={"If-Match": etag}).status_code == 412
    )
    assert employer.delete(f"{URL}/{vacancy_id}", headers={"If-Match": ok.headers["ETag"]}).status_code == 204


def test_if_match_on_upsert(employer):
    created = employer.put(BY_EXT + "E-1", json=vacancy_body())
    stale = f'"vacancy-{created.get_json()["id"]}-v0"'
    assert (
        employer.put(BY_EXT + "E-1", json=vacancy_body(positions=9), headers={"If-Match": stale}).status_code
        == 412
    )
    fresh = employer.put(
        BY_EXT + "E-1", json=vacancy_body(positions=9), headers={"If-Match": created.headers["ETag"]}
    )
    assert fresh.status_code == 200 and fresh.get_json()["positions"] == 9
    star = employer.put(BY_EXT + "E-1", json=vacancy_body(positions=8), headers={"If-Match": "*"})
    assert star.status_code == 200


def test_bulk_reports_each_item_in_input_order_and_keeps_the_good_ones(employer):
    employer.put(BY_EXT + "B-2", json=vacancy_body(positions=1))
    employer.put(BY_EXT + "B-3", json=vacancy_body())
    items = [
        vacancy_body(external_id="B-1"),  # created
        vacancy_body(external_id="B-2", positions=7),  # updated
        vacancy_body(external_id="B-3"),  # unchanged
        vacancy_body(external_id="B-4", postcode="12"),  # error: postcode
        vacancy_body(external_id="B-5", languages={"nl": "B3"}),  # error: CEFR
        vacancy_body(external_id="B-6", valid_through=past(2)),  # error: rule
        vacancy_body(external_id=None),  # error: no external id
        "not an object",  # error: shape
        vacancy_body(external_id="B-9"),  # created after the errors
    ]
    response = employer.post(URL + "/bulk", json={"items": items})
    assert response.status_code == 200, response.get_json()
    results = response.get_json()["items"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert [r["status"] for r in results] == [
        "created",
        "updated",
        "unchanged",
        "error",
        "error",
        "error",
        "error",
        "error",
        "created",
    ]
    assert "postcode" in results[3]["errors"]
    assert "languages" in results[4]["errors"]
    assert "valid_through" in results[5]["errors"]
    assert "external_id" in results[6]["errors"]
    assert all(r.get("message") for r in results if r["status"] == "error")
    assert response.get_json()["counts"] == {"created": 2, "updated": 1, "unchanged": 1, "error": 5}
    listed = employer.get(URL + "?page_size=100").get_json()
    assert sorted(v["external_id"] for v in listed["items"]) == ["B-1", "B-2", "B-3", "B-9"]


def test_bulk_twice_is_all_unchanged(employer):
    items = [vacancy_body(external_id=f"R-{i}", positions=i + 1) for i in range(20)]
    first = employer.post(URL + "/bulk", json={"items": items}).get_json()
    second = employer.post(URL + "/bulk", json={"items": items}).get_json()
    assert first["counts"]["created"] == 20
    assert second["counts"] == {"created": 0, "updated": 0, "unchanged": 20, "error": 0}


@pytest.mark.parametrize("count", [0, 1001])
def test_bulk_size_limits_answer_422_with_a_clear_message(employer, count):
    response = employer.post(URL + "/bulk", json={"items": [{"title": "x"}] * count})
    assert response.status_code == 422
    assert "1,000" in str(response.get_json()["errors"])


def test_bulk_without_items_answers_422(employer):
    assert employer.post(URL + "/bulk", json={"vacancies": []}).status_code == 422


def test_upsert_that_loses_a_create_race_becomes_an_update(employer, app):
    """Two PUTs of a new external id both read "no record"; the slower one must not fail."""
    from api.vacancies.schemas import VacancyInputSchema
    from services.normalisation import write_with_retry
    from services.vacancies import _write

    employer.put(BY_EXT + "RACE", json=vacancy_body(positions=1))  # the request that won the race
    data = VacancyInputSchema().load(vacancy_body(external_id="RACE", positions=4))
    reads = []

    def stale_then_fresh_read():
        reads.append(1)
        if len(reads) == 1:
            return None  # what the loser read before the winner committed
        return Vacancy.get(Vacancy.external_id == "RACE")

    with db.connection_context():
        organisation_id = Vacancy.get(Vacancy.external_id == "RACE").organisation_id
        vacancy, status = write_with_retry(
            stale_then_fresh_read, lambda found: _write(organisation_id, data, found, partial=False), None
        )
        assert (status, vacancy.positions, vacancy.version) == ("updated", 4, 2)
        assert Vacancy.select().where(Vacancy.external_id == "RACE").count() == 1
    assert len(reads) == 2


def test_a_repush_after_a_patch_restores_the_pushed_values(employer):
    """The 'same input as last time' shortcut must not hide a change made by PATCH in between."""
    first = employer.put(BY_EXT + "P-1", json=vacancy_body(positions=2)).get_json()
    employer.patch(f"{URL}/{first['id']}", json={"positions": 9})
    again = employer.put(BY_EXT + "P-1", json=vacancy_body(positions=2)).get_json()
    assert (again["write_status"], again["positions"], again["version"]) == ("updated", 2, 3)
    assert (
        employer.put(BY_EXT + "P-1", json=vacancy_body(positions=2)).get_json()["write_status"] == "unchanged"
    )


def test_an_overlong_external_id_in_the_url_answers_422(employer):
    response = employer.put(BY_EXT + "x" * 201, json=vacancy_body())
    assert response.status_code == 422
    assert "external_id" in response.get_json()["errors"]


def test_concurrent_upserts_of_one_new_external_id_create_one_vacancy(employer):
    """Real threads, real connections: racing PUTs never fail and never duplicate."""
    from concurrent.futures import ThreadPoolExecutor

    def put(positions):
        response = employer.put(BY_EXT + "CONCURRENT", json=vacancy_body(positions=positions))
        return response.status_code, (response.get_json() or {}).get("write_status")

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(put, [1, 1, 1, 2, 2, 2]))
    assert all(code in (200, 201) for code, _ in results), results
    assert sum(status == "created" for _, status in results) == 1
    with db.connection_context():
        assert Vacancy.select().where(Vacancy.external_id == "CONCURRENT").count() == 1


def test_concurrent_patches_without_if_match_all_apply(employer):
    from concurrent.futures import ThreadPoolExecutor

    vacancy_id = employer.post(URL, json=vacancy_body()).get_json()["id"]

    def patch(positions):
        return employer.patch(f"{URL}/{vacancy_id}", json={"positions": positions}).status_code

    with ThreadPoolExecutor(max_workers=5) as pool:
        codes = list(pool.map(patch, [3, 4, 5, 6, 7]))
    assert codes == [200] * 5
    final = employer.get(f"{URL}/{vacancy_id}").get_json()
    assert final["positions"] in (3, 4, 5, 6, 7) and final["version"] == 6
