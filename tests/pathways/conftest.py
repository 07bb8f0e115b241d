"""API fixtures: the match tests' builders (vacancies and candidates written through the API), the
shipped permit rules, and a check of response bodies against the served OpenAPI document."""

from __future__ import annotations

import pytest
from openapi_schema_validator import OAS30Validator

from models import db
from tests.matches.conftest import make_candidate, make_vacancy, vocab  # noqa: F401  (fixtures)


@pytest.fixture
def permit_rules(app):
    """The shipped permit rules and permit shortage lists (as `flask seed` loads them)."""
    import seed_data.permits

    with db.connection_context():
        seed_data.permits.load()


def _resolved(node, spec):
    if isinstance(node, dict):
        if "$ref" in node:
            target = spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return _resolved(target, spec)
        return {key: _resolved(value, spec) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolved(item, spec) for item in node]
    return node


@pytest.fixture
def check_documented(client):
    """`check_documented("/api/v1/pathways/overview", body)`: the body matches the documented 200 schema."""
    spec = client.get("/api/v1/openapi.json").get_json()

    def check(path: str, body: dict) -> None:
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        OAS30Validator(_resolved(content["schema"], spec)).validate(body)

    return check
