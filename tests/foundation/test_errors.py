"""Every error has one JSON shape: code, status, message (and errors for validation)."""

import pytest

from api import create_app


def assert_error_shape(response, code):
    assert response.status_code == code
    body = response.get_json()
    assert body is not None, response.data[:200]
    assert body["code"] == code
    assert isinstance(body["status"], str) and body["status"]
    assert isinstance(body["message"], str) and body["message"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_401_without_key(client):
    body = assert_error_shape(client.get("/api/v1/me"), 401)
    assert "Bearer" in body["message"]


def test_401_with_unknown_key(client):
    assert_error_shape(client.get("/api/v1/me", headers={"Authorization": "Bearer kp_nope"}), 401)


def test_403_for_wrong_role(coach):
    body = assert_error_shape(coach.get("/api/v1/organisations"), 403)
    assert "coach" in body["message"]


def test_404_unknown_url(coach):
    assert_error_shape(coach.get("/api/v1/no-such-thing"), 404)


def test_404_unknown_record(admin):
    assert_error_shape(admin.get("/api/v1/organisations/999999"), 404)


def test_405_wrong_method(client):
    assert_error_shape(client.delete("/api/v1/health"), 405)


def test_409_duplicate(admin):
    assert admin.post("/api/v1/organisations", json={"name": "Dup", "kind": "coaching"}).status_code == 201
    body = assert_error_shape(admin.post("/api/v1/organisations", json={"name": "Dup", "kind": "coaching"}), 409)
    assert "Dup" in body["message"]


def test_malformed_json_is_400(admin):
    response = admin.post("/api/v1/organisations", data='{"name": "x", ', content_type="application/json")
    body = assert_error_shape(response, 400)
    assert "JSON" in body["message"]


def test_schema_violation_is_422_naming_the_field(admin):
    body = assert_error_shape(admin.post("/api/v1/organisations", json={"name": "Valid", "kind": "bakery"}), 422)
    assert "kind" in body["errors"]["json"]
    assert "kind" in body["message"]


def test_unknown_field_is_422(admin):
    body = assert_error_shape(admin.post("/api/v1/organisations", json={"name": "Ok", "kind": "coaching",
                                                                        "colour": "red"}), 422)
    assert "colour" in body["errors"]["json"]


def test_bad_query_parameter_is_422(admin):
    body = assert_error_shape(admin.get("/api/v1/organisations?page_size=1000"), 422)
    assert "page_size" in body["errors"]["query"]


def test_oversized_body_is_413(app, admin):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = admin.post("/api/v1/organisations", data="x" * (limit + 1), content_type="application/json")
    assert_error_shape(response, 413)


def test_unexpected_exception_is_a_generic_500_without_internals(database_url):
    fresh = create_app({"DATABASE_URL": database_url, "LOG_LEVEL": "CRITICAL"})

    @fresh.get("/api/v1/_test_boom")
    def _boom():
        raise RuntimeError("SELECT secret FROM internals")

    try:
        response = fresh.test_client().get("/api/v1/_test_boom")
    except RuntimeError:
        pytest.fail("exception escaped the error handler")
    body = assert_error_shape(response, 500)
    assert "SELECT" not in response.get_data(as_text=True)
    assert "internal" in body["message"].lower()


def test_429_when_a_key_exceeds_its_rate_limit(app, coach):
    from api.rate_limit import rate_limiter
    previous = app.config["RATE_LIMIT_PER_MINUTE"]
    app.config["RATE_LIMIT_PER_MINUTE"] = 3
    rate_limiter.clear()
    try:
        assert [coach.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
        response = coach.get("/api/v1/me")
        body = assert_error_shape(response, 429)
        assert int(response.headers["Retry-After"]) >= 1
        assert "3 requests" in body["message"]
    finally:
        app.config["RATE_LIMIT_PER_MINUTE"] = previous
        rate_limiter.clear()
