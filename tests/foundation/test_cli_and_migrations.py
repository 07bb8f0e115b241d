"""Command line and schema management, run against the test database."""

from api.cli import apikey_create, apikey_list, apikey_revoke, db_upgrade
from models import db
from models.migrations import SchemaMigration, apply_migrations, available_migrations
from models.organisation import ApiKey, Organisation


def test_migrations_run_twice_change_nothing(app):
    with db.connection_context():
        before = [(m.version, m.applied_at) for m in SchemaMigration.select().order_by(SchemaMigration.version)]
        assert apply_migrations() == []
        after = [(m.version, m.applied_at) for m in SchemaMigration.select().order_by(SchemaMigration.version)]
    assert before == after
    assert [v for v, _ in before] == [v for v, _, _ in available_migrations()]


def test_db_upgrade_command_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(db_upgrade)
    second = runner.invoke(db_upgrade)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "0 migration(s) applied" in second.output


def test_upgrade_keeps_existing_data(app):
    with db.connection_context():
        Organisation.create(name="Keep me", kind="coaching")
    assert app.test_cli_runner().invoke(db_upgrade).exit_code == 0
    with db.connection_context():
        assert Organisation.select().where(Organisation.name == "Keep me").exists()


def test_apikey_create_prints_the_key_alone_on_the_last_line(app, client):
    result = app.test_cli_runner().invoke(apikey_create, ["--org", "CLI NGO", "--kind", "coaching",
                                                          "--role", "coach"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert secret.startswith("kp_") and " " not in secret
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.get_json()["organisation"]["name"] == "CLI NGO"


def test_apikey_create_refuses_a_kind_clash(app):
    runner = app.test_cli_runner()
    assert runner.invoke(apikey_create, ["--org", "Org", "--kind", "coaching", "--role", "coach"]).exit_code == 0
    clash = runner.invoke(apikey_create, ["--org", "Org", "--kind", "employer", "--role", "employer"])
    assert clash.exit_code != 0 and "kind" in clash.output


def test_apikey_revoke_and_list(app, client):
    runner = app.test_cli_runner()
    secret = runner.invoke(apikey_create, ["--org", "R", "--kind", "employer", "--role", "employer"]
                           ).output.strip().splitlines()[-1]
    with db.connection_context():
        key_id = ApiKey.get(ApiKey.prefix == secret[:10]).id
    result = runner.invoke(apikey_revoke, [str(key_id)])
    assert result.exit_code == 0, result.output
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    listing = runner.invoke(apikey_list).output
    assert "revoked" in listing and secret not in listing


def test_seed_reference_data_twice_changes_nothing(app):
    from api.cli import seed
    from models.permit import PermitRule
    from models.taxonomy import Occupation, OccupationLabel

    runner = app.test_cli_runner()
    first = runner.invoke(seed, ["--no-demo"])
    assert first.exit_code == 0, first.output
    with db.connection_context():
        counts = (Occupation.select().count(), OccupationLabel.select().count(), PermitRule.select().count())
    assert counts[0] >= 150 and counts[2] > 0
    second = runner.invoke(seed, ["--no-demo"])
    assert second.exit_code == 0, second.output
    with db.connection_context():
        assert (Occupation.select().count(), OccupationLabel.select().count(), PermitRule.select().count()) == counts
    assert "occupations: 0 created, 0 updated" in second.output
