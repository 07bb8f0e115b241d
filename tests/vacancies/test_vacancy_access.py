"""Who may read and write which vacancy: the access matrix, over real HTTP."""

import pytest

from .helpers import vacancy_body

URL = "/api/v1/vacancies"


@pytest.fixture
def posted(employer, other_employer):
    """Employer A: one open and one draft vacancy; employer B: one open vacancy."""
    return {
        "a_open": employer.post(URL, json=vacancy_body(external_id="a-open")).get_json()["id"],
        "a_draft": employer.post(URL, json=vacancy_body(external_id="a-draft", status="draft")).get_json()[
            "id"
        ],
        "b_open": other_employer.post(URL, json=vacancy_body(external_id="b-open")).get_json()["id"],
    }


@pytest.mark.parametrize(
    "caller, key, status",
    [
        ("employer", "a_open", 200),
        ("employer", "a_draft", 200),
        ("employer", "b_open", 404),
        ("other_employer", "a_open", 404),
        ("other_employer", "b_open", 200),
        ("coach", "a_open", 200),
        ("coach", "a_draft", 404),
        ("coach", "b_open", 200),
        ("integration", "a_open", 200),
        ("integration", "a_draft", 404),
        ("admin", "a_open", 200),
        ("admin", "a_draft", 200),
        ("admin", "b_open", 200),
    ],
)
def test_read_matrix(request, posted, caller, key, status):
    who = request.getfixturevalue(caller)
    assert who.get(f"{URL}/{posted[key]}").status_code == status


@pytest.mark.parametrize(
    "caller, expected",
    [
        ("employer", {"a-open", "a-draft"}),
        ("other_employer", {"b-open"}),
        ("coach", {"a-open", "b-open"}),
        ("integration", {"a-open", "b-open"}),
        ("admin", {"a-open", "a-draft", "b-open"}),
    ],
)
def test_list_matrix(request, posted, caller, expected):
    who = request.getfixturevalue(caller)
    body = who.get(URL).get_json()
    assert {v["external_id"] for v in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(
    "caller, key, status",
    [
        ("employer", "a_open", 200),
        ("employer", "b_open", 404),
        ("other_employer", "a_draft", 404),
        ("admin", "b_open", 200),
        ("coach", "a_open", 403),
        ("integration", "a_open", 404),
    ],
)
def test_patch_matrix(request, posted, caller, key, status):
    who = request.getfixturevalue(caller)
    assert who.patch(f"{URL}/{posted[key]}", json={"positions": 4}).status_code == status


@pytest.mark.parametrize(
    "caller, key, status",
    [
        ("employer", "a_open", 204),
        ("employer", "b_open", 404),
        ("coach", "a_open", 403),
        ("integration", "b_open", 404),
        ("admin", "b_open", 204),
    ],
)
def test_delete_matrix(request, posted, caller, key, status):
    who = request.getfixturevalue(caller)
    assert who.delete(f"{URL}/{posted[key]}").status_code == status


def test_coaches_cannot_create_vacancies(coach):
    assert coach.post(URL, json=vacancy_body()).status_code == 403
    assert coach.put(URL + "/by-external-id/x", json=vacancy_body()).status_code == 403
    assert coach.post(URL + "/bulk", json={"items": [vacancy_body(external_id="x")]}).status_code == 403


def test_integrations_push_vacancies_they_then_own(integration, employer):
    created = integration.put(URL + "/by-external-id/case-17", json=vacancy_body())
    assert created.status_code == 201
    vacancy_id = created.get_json()["id"]
    again = integration.put(URL + "/by-external-id/case-17", json=vacancy_body())
    assert again.status_code == 200 and again.get_json()["write_status"] == "unchanged"
    bulk = integration.post(URL + "/bulk", json={"items": [vacancy_body(external_id="case-18")]})
    assert bulk.status_code == 200 and bulk.get_json()["items"][0]["status"] == "created"
    assert integration.patch(f"{URL}/{vacancy_id}", json={"positions": 5}).status_code == 200
    # The employer sees the open vacancy only if it is its own: it is not.
    assert employer.get(f"{URL}/{vacancy_id}").status_code == 404


def test_no_key_answers_401(client, posted):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{posted['a_open']}").status_code == 401


def test_upsert_by_external_id_never_touches_another_tenant(employer, other_employer, posted):
    # B uses A's external id: a new vacancy in B's organisation, A's stays as it was.
    response = other_employer.put(URL + "/by-external-id/a-open", json=vacancy_body(positions=9))
    assert response.status_code == 201
    assert employer.get(f"{URL}/{posted['a_open']}").get_json()["positions"] == 2
