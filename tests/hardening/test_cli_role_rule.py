"""Issue 10 item 5: `flask apikey create` obeys the organisation-kind/role rule of POST /api-keys."""

import pytest

from api.cli import apikey_create
from models import db
from models.organisation import ROLES_BY_KIND, ApiKey, Organisation, RoleNotAllowed

CLASHES = [(kind, role) for kind in ROLES_BY_KIND for role in ("admin", "coach", "employer", "integration")
           if role not in ROLES_BY_KIND[kind]]


@pytest.mark.parametrize("kind, role", CLASHES)
def test_the_cli_refuses_a_role_the_kind_may_not_hold(app, client, kind, role):
    result = app.test_cli_runner().invoke(apikey_create, ["--org", f"CLI {kind}", "--kind", kind, "--role", role])
    assert result.exit_code != 0
    assert "may only hold keys with role" in result.output
    assert "kp_" not in result.output
    with db.connection_context():
        assert ApiKey.select().count() == 0
        assert not Organisation.select().where(Organisation.name == f"CLI {kind}").exists()


def test_employer_admin_key_from_the_cli_is_refused_like_the_api(app, admin):
    result = app.test_cli_runner().invoke(apikey_create, ["--org", "X", "--kind", "employer", "--role", "admin"])
    assert result.exit_code != 0
    org = admin.post("/api/v1/organisations", json={"name": "Employer Y", "kind": "employer"}).get_json()
    response = admin.post("/api/v1/api-keys", json={"organisation_id": org["id"], "role": "admin"})
    assert response.status_code == 409
    assert response.get_json()["message"] in result.output


def test_the_rule_lives_in_the_model(app):
    with db.connection_context():
        organisation = Organisation.create(name="Model Employer", kind="employer")
        with pytest.raises(RoleNotAllowed):
            ApiKey.issue(organisation, "coach")
        assert ApiKey.issue(organisation, "employer")[1].startswith("kp_")
