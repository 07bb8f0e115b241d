"""Command line: `flask --app wsgi db upgrade | seed | apikey create/revoke/list`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from core.organisations import ORGANISATION_KINDS
from core.roles import ROLES
from models.base import db
from models.errors import ConflictError
from models.migrations import apply_migrations
from seed_data.load import seed_all
from services import organisations
from services.actor import Actor

db_cli = AppGroup("db", help="Database schema management.")
apikey_cli = AppGroup("apikey", help="Create, list and revoke API keys.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply pending schema migrations (idempotent)."""
    with db.connection_context():
        applied = apply_migrations(log=click.echo)
    click.echo(f"database up to date ({len(applied)} migration(s) applied)")


@click.command("seed")
@click.option("--demo/--no-demo", default=True, help="Also load the generated demo vacancies and candidates.")
def seed(demo):
    """Load the curated reference data in seed_data/ (idempotent)."""
    with db.connection_context():
        apply_migrations(log=click.echo)
        for line in seed_all(include_demo=demo):
            click.echo(line)


def create_key(org_name: str, kind: str, role: str, label: str = "") -> str:
    """A key for the organisation of that name (created if needed); the secret is returned."""
    try:  # the same rule as POST /api-keys (RoleNotAllowed), and the kind of an existing organisation
        _, secret = organisations.issue_key_for_name(Actor.system(), org_name, kind, role, label)
    except ConflictError as exc:
        raise click.UsageError(exc.message) from exc
    return secret


@apikey_cli.command("create")
@click.option("--org", "org_name", required=True, help="Organisation name (created if needed).")
@click.option("--kind", type=click.Choice(ORGANISATION_KINDS), required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--label", default="", help="A note to recognise the key by.")
def apikey_create(org_name, kind, role, label):
    """Create a key; the secret is printed once, alone on the last line."""
    with db.connection_context():
        secret = create_key(org_name, kind, role, label)
    click.echo(f"API key for {org_name} ({role}); store it now, it is not shown again:")
    click.echo(secret)


@apikey_cli.command("revoke")
@click.argument("prefix_or_id")
def apikey_revoke(prefix_or_id):
    """Revoke a key by id or by its visible prefix (e.g. kp_AbCdEfG)."""
    with db.connection_context():
        keys = organisations.keys_named(Actor.system(), prefix_or_id)
        if len(keys) != 1:
            raise click.ClickException(f"{len(keys)} keys match '{prefix_or_id}'; give the numeric id.")
        organisations.revoke_key(Actor.system(), keys[0].id)
    click.echo(f"revoked key {keys[0].id} ({keys[0].prefix}…)")


@apikey_cli.command("list")
def apikey_list():
    """List keys (never their secrets)."""
    with db.connection_context():
        for key in organisations.keys_with_organisations(Actor.system()):
            state = "active" if key.is_active else f"revoked {key.revoked_at:%Y-%m-%d}"
            click.echo(f"{key.id}\t{key.prefix}…\t{key.organisation.name}\t{key.role}\t{state}\t"
                       f"last used {key.last_used_at or 'never'}")


def register_cli(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(apikey_cli)
    app.cli.add_command(seed)
