import re

from openapi_spec_validator import validate


def test_health_needs_no_key_and_reports_database(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"]["reachable"] is True
    assert body["database"]["schema_up_to_date"] is True
    assert body["database"]["backend"] in ("sqlite", "postgresql")


def test_openapi_document_is_valid_and_lists_every_route(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    documented = {path for path in spec["paths"]}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint.startswith("api-docs"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule.rule)
        assert path in documented, f"{rule.rule} is not in the OpenAPI document"


def test_every_operation_has_a_summary_and_protected_ones_declare_bearer_auth(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            if path != "/api/v1/health":
                assert operation.get("security") == [{"bearerAuth": []}], f"{method.upper()} {path}"


def test_docs_ui_is_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"swagger" in response.data.lower()


def test_docs_ui_assets_are_served_locally(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page
    with client.get("/api/v1/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200 and len(asset.data) > 100_000
