"""Permit-route assessment (issue 5): assessments, reference data admin, CSV import/export CLI."""

import click
from flask.cli import AppGroup
from flask_smorest import Blueprint

URL_PREFIX = ""
blp = Blueprint(
    "permits",
    __name__,
    description=(
        "Which Belgian work-authorisation routes a job (and optionally a candidate) opens as of a date, "
        "with every condition met, not met or unknown and its source; plus the reference data behind it "
        "(permit rules and shortage-occupation lists, versioned with valid_from/valid_to)."
    ),
)

cli = AppGroup("permits", help="Permit reference data: CSV import and export.")


@cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
def export_command(directory):
    """Write permit_rules.csv, shortage_lists.csv and shortage_list_entries.csv to DIRECTORY."""
    from importers.permit_csv import export_csv
    from models.base import db

    with db.connection_context():
        for line in export_csv(directory):
            click.echo(line)


@cli.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
def import_command(directory):
    """Validate and upsert the CSV files in DIRECTORY, all or nothing."""
    from importers.permit_csv import import_csv
    from models.base import db
    from models.errors import DomainError

    with db.connection_context():
        try:
            lines = import_csv(directory)
        except DomainError as exc:
            detail = f" {exc.errors}" if exc.errors else ""
            raise click.ClickException(f"nothing imported: {exc.message}{detail}") from exc
    for line in lines:
        click.echo(line)


from . import routes  # noqa: E402,F401
