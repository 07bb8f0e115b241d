"""The access matrix across endpoint families: each role against each family of endpoints.

Per-resource suites test their own rules in depth; this test pins the whole picture in one place,
so that a new endpoint that forgets its role check, or leaks another tenant's record, fails here.
"""

import pytest

from tests.conftest import Caller, make_key
from tests.vacancies.helpers import candidate_body, vacancy_body

ANY = {"admin", "coach", "employer", "integration"}


@pytest.fixture
def world(client, vocabulary, admin, coach, employer, integration, other_coach, other_employer):
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body(title="Lasser TIG (m/v/x)"))
    assert vacancy.status_code == 201, vacancy.get_json()
    candidate = coach.post("/api/v1/candidates", json=candidate_body(external_id="C-1"))
    assert candidate.status_code == 201, candidate.get_json()
    return {"callers": {"admin": admin, "coach": coach, "employer": employer, "integration": integration,
                        "other_coach": other_coach, "other_employer": other_employer,
                        "anonymous": Caller(client, "kp_not_a_key", "nobody")},
            "vacancy": vacancy.get_json()["id"], "candidate": candidate.get_json()["id"]}


def expected_status(allowed: dict, role: str) -> int:
    for status, roles in allowed.items():
        if role in roles:
            return status
    raise AssertionError(role)


# (method, url template, body, {status: roles}); "anonymous" always gets 401.
MATRIX = [
    ("get", "/api/v1/me", None, {200: ANY | {"other_coach", "other_employer"}}),
    ("get", "/api/v1/organisations", None, {200: {"admin"}, 403: ANY - {"admin"} | {"other_coach", "other_employer"}}),
    ("get", "/api/v1/api-keys", None, {200: {"admin"}, 403: ANY - {"admin"} | {"other_coach", "other_employer"}}),
    ("get", "/api/v1/occupations/search?q=lasser", None, {200: ANY | {"other_coach", "other_employer"}}),
    ("get", "/api/v1/vacancies", None, {200: ANY | {"other_coach", "other_employer"}}),
    ("get", "/api/v1/vacancies/{vacancy}", None,
     {200: {"admin", "coach", "employer", "integration", "other_coach"}, 404: {"other_employer"}}),
    ("patch", "/api/v1/vacancies/{vacancy}", {"positions": 3},
     {200: {"admin", "employer"}, 403: {"coach", "other_coach"}, 404: {"integration", "other_employer"}}),
    ("get", "/api/v1/candidates", None,
     {200: {"admin", "coach", "integration", "other_coach"}, 403: {"employer", "other_employer"}}),
    ("get", "/api/v1/candidates/{candidate}", None,
     {200: {"admin", "coach"}, 404: {"integration", "other_coach"}, 403: {"employer", "other_employer"}}),
    ("get", "/api/v1/candidates/{candidate}/matches", None,
     {200: {"admin", "coach"}, 404: {"integration", "other_coach"}, 403: {"employer", "other_employer"}}),
    ("get", "/api/v1/vacancies/{vacancy}/matches", None,
     {200: {"admin", "coach", "employer", "integration", "other_coach"}, 404: {"other_employer"}}),
    ("get", "/api/v1/vacancies/{vacancy}/permit-assessment", None,
     {200: {"admin", "coach", "employer", "integration", "other_coach"}, 404: {"other_employer"}}),
    ("post", "/api/v1/permit-assessments",
     {"as_of": "2025-06-01", "vacancy": {"postcode": "9000", "title": "lasser"}},
     {200: ANY | {"other_coach", "other_employer"}}),
    ("post", "/api/v1/permit-rules", {}, {422: {"admin"}, 403: ANY - {"admin"} | {"other_coach", "other_employer"}}),
    ("get", "/api/v1/audit", None, {200: {"admin"}, 403: ANY - {"admin"} | {"other_coach", "other_employer"}}),
]


@pytest.mark.parametrize("method, template, body, allowed", MATRIX,
                         ids=[f"{m.upper()} {t}" for m, t, _, _ in MATRIX])
def test_access_matrix(world, method, template, body, allowed):
    url = template.format(vacancy=world["vacancy"], candidate=world["candidate"])
    for role, caller in world["callers"].items():
        kwargs = {"json": body} if body is not None else {}
        response = getattr(caller, method)(url, **kwargs)
        want = 401 if role == "anonymous" else expected_status(allowed, role)
        assert response.status_code == want, f"{role}: {method.upper()} {url} -> {response.status_code} " \
                                             f"{response.get_json()}"


def test_revoked_key_is_refused_on_every_family(world, admin):
    secret = make_key("Coaching A", "coaching", "coach")
    caller = Caller(admin.client, secret, "Coaching A")
    assert caller.get("/api/v1/candidates").status_code == 200
    keys = admin.get("/api/v1/api-keys?is_active=true&page_size=100").get_json()["items"]
    key_id = next(k["id"] for k in keys if k["prefix"] == secret[:10])
    assert admin.delete(f"/api/v1/api-keys/{key_id}").status_code == 200
    for url in ("/api/v1/me", "/api/v1/candidates", "/api/v1/vacancies", "/api/v1/occupations/search?q=kok",
                f"/api/v1/candidates/{world['candidate']}/matches"):
        assert caller.get(url).status_code == 401, url
