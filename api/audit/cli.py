"""`flask --app wsgi audit purge [--older-than-days N]`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from models.base import db
from models.errors import ValidationFailed
from services import audit
from services.actor import Actor

cli = AppGroup("audit", help="Audit trail retention.")


@cli.command("purge")
@click.option(
    "--older-than-days",
    type=int,
    default=None,
    help="Delete records older than this many days (default: AUDIT_RETENTION_DAYS, 183).",
)
def purge(older_than_days):
    """Delete audit records older than the retention period."""
    days = older_than_days if older_than_days is not None else int(current_app.config["AUDIT_RETENTION_DAYS"])
    try:
        with db.connection_context():
            deleted = audit.purge(Actor.system(), days)
    except ValidationFailed as exc:
        raise click.BadParameter(exc.message, param_hint="--older-than-days") from exc
    click.echo(f"deleted {deleted} audit record(s) older than {days} day(s)")
