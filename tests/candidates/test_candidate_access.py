"""Candidate access matrix: the owning organisation and admins only; employers never."""

import pytest

from tests.vacancies.helpers import candidate_body

URL = "/api/v1/candidates"


@pytest.fixture
def owned(coach, integration):
    return {
        "coach": coach.post(URL, json=candidate_body(external_id="mine")).get_json()["id"],
        "integration": integration.post(URL, json=candidate_body(external_id="case")).get_json()["id"],
    }


@pytest.mark.parametrize(
    "caller, owner, status",
    [
        ("coach", "coach", 200),
        ("coach", "integration", 404),
        ("other_coach", "coach", 404),
        ("integration", "integration", 200),
        ("integration", "coach", 404),
        ("admin", "coach", 200),
        ("admin", "integration", 200),
        ("employer", "coach", 403),
    ],
)
def test_read_matrix(request, owned, caller, owner, status):
    who = request.getfixturevalue(caller)
    assert who.get(f"{URL}/{owned[owner]}").status_code == status


@pytest.mark.parametrize(
    "caller, expected",
    [
        ("coach", {"mine"}),
        ("other_coach", set()),
        ("integration", {"case"}),
        ("admin", {"mine", "case"}),
    ],
)
def test_list_matrix(request, owned, caller, expected):
    who = request.getfixturevalue(caller)
    assert {c["external_id"] for c in who.get(URL).get_json()["items"]} == expected


@pytest.mark.parametrize(
    "method, path, kwargs",
    [
        ("get", "", {}),
        ("post", "", {"json": candidate_body()}),
        ("get", "/{id}", {}),
        ("patch", "/{id}", {"json": {"reference": "x"}}),
        ("delete", "/{id}", {}),
        ("put", "/by-external-id/x", {"json": candidate_body()}),
        ("post", "/bulk", {"json": {"items": [candidate_body(external_id="x")]}}),
    ],
)
def test_employers_get_403_on_every_candidate_endpoint(employer, owned, method, path, kwargs):
    response = getattr(employer, method)(URL + path.format(id=owned["coach"]), **kwargs)
    assert response.status_code == 403
    assert "employer" in response.get_json()["message"]


@pytest.mark.parametrize("method, kwargs", [("patch", {"json": {"reference": "x"}}), ("delete", {})])
def test_other_tenants_cannot_write(other_coach, coach, owned, method, kwargs):
    assert getattr(other_coach, method)(f"{URL}/{owned['coach']}", **kwargs).status_code == 404
    assert coach.get(f"{URL}/{owned['coach']}").get_json()["reference"] == "CAND-001"


def test_upsert_by_external_id_is_scoped_to_the_organisation(coach, other_coach, owned):
    response = other_coach.put(URL + "/by-external-id/mine", json=candidate_body(reference="B"))
    assert response.status_code == 201
    assert coach.get(f"{URL}/{owned['coach']}").get_json()["reference"] == "CAND-001"


def test_admin_may_patch_any_candidate(admin, owned):
    assert admin.patch(f"{URL}/{owned['integration']}", json={"reference": "fixed"}).status_code == 200
