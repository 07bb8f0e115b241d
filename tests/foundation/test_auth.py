"""Keys: hashed at rest, revocable, last-used tracked; roles and tenants enforced."""

from models import db
from models.organisation import ApiKey, hash_key


def test_key_is_stored_only_as_a_hash(admin):
    with db.connection_context():
        key = ApiKey.get(ApiKey.key_hash == hash_key(admin.secret))
        assert admin.secret not in (key.key_hash, key.prefix)
        assert key.prefix == admin.secret[:10]


def test_me_returns_the_callers_organisation_and_role(coach):
    body = coach.get("/api/v1/me").get_json()
    assert body["role"] == "coach"
    assert body["organisation"]["name"] == "Coaching A"


def test_last_used_is_recorded(coach):
    with db.connection_context():
        assert ApiKey.get(ApiKey.key_hash == hash_key(coach.secret)).last_used_at is None
    coach.get("/api/v1/me")
    with db.connection_context():
        assert ApiKey.get(ApiKey.key_hash == hash_key(coach.secret)).last_used_at is not None


def test_admin_issues_a_key_shown_once_and_it_works(admin, client):
    org = admin.post("/api/v1/organisations", json={"name": "NGO X", "kind": "coaching"}).get_json()
    created = admin.post("/api/v1/api-keys", json={"organisation_id": org["id"], "role": "coach"})
    assert created.status_code == 201
    secret = created.get_json()["secret"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.get_json()["organisation"]["name"] == "NGO X"
    listed = admin.get(f"/api/v1/api-keys?organisation_id={org['id']}").get_json()
    assert listed["total"] == 1 and "secret" not in listed["items"][0]


def test_role_must_fit_the_organisation_kind(admin):
    org = admin.post("/api/v1/organisations", json={"name": "Bakery", "kind": "employer"}).get_json()
    response = admin.post("/api/v1/api-keys", json={"organisation_id": org["id"], "role": "coach"})
    assert response.status_code == 409  # the organisation's kind is what forbids it
    assert "role" in response.get_json()["errors"]
    # Without a role, the key gets the one the kind holds.
    default = admin.post("/api/v1/api-keys", json={"organisation_id": org["id"]})
    assert default.status_code == 201 and default.get_json()["role"] == "employer"
    assert admin.post("/api/v1/api-keys", json={"organisation_id": 987654}).status_code == 404


def test_revoked_key_is_refused_at_once(admin, coach):
    key_id = admin.get("/api/v1/api-keys?is_active=true&page_size=100").get_json()["items"]
    coach_key = next(k for k in key_id if k["prefix"] == coach.secret[:10])
    assert coach.get("/api/v1/me").status_code == 200
    assert admin.delete(f"/api/v1/api-keys/{coach_key['id']}").status_code == 200
    assert coach.get("/api/v1/me").status_code == 401


def test_bearer_scheme_is_required(client, coach):
    assert client.get("/api/v1/me", headers={"Authorization": coach.secret}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Basic {coach.secret}"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"bearer {coach.secret}"}).status_code == 200


def test_pagination_envelope_has_totals(admin):
    for i in range(5):
        admin.post("/api/v1/organisations", json={"name": f"Org {i}", "kind": "employer"})
    first = admin.get("/api/v1/organisations?kind=employer&page=1&page_size=2").get_json()
    third = admin.get("/api/v1/organisations?kind=employer&page=3&page_size=2").get_json()
    assert first["total"] == 5 and first["total_pages"] == 3 and len(first["items"]) == 2
    assert len(third["items"]) == 1
    names = [o["name"] for o in first["items"]] + [o["name"] for o in third["items"]]
    assert len(set(names)) == 3
