"""Occupation and skill vocabulary (ESCO): search, detail views, ISCO-08 groups, and the import CLI.

Serves several roots (/occupations, /skills, /isco-groups), hence an empty URL prefix.
"""

import click
from flask.cli import AppGroup
from flask_smorest import Blueprint

URL_PREFIX = ""
blp = Blueprint(
    "taxonomy", __name__, description="ESCO occupations, skills and ISCO-08 groups; title normalisation."
)

cli = AppGroup("taxonomy", help="Vocabulary (ESCO) management.")


@cli.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--esco-version", default="", help="ESCO release of the download, e.g. 1.2.0 (recorded).")
def import_command(folder, esco_version):
    """Import the ESCO CSV files of FOLDER (occupations_<lang>.csv, ISCOGroups_<lang>.csv, ...)."""
    import time

    from importers.esco import VocabularyImportError, import_esco_folder
    from models.base import db
    from models.migrations import apply_migrations

    started = time.perf_counter()
    with db.connection_context():
        apply_migrations(log=click.echo)
        try:
            counts = import_esco_folder(folder, esco_version=esco_version, progress=click.echo)
        except VocabularyImportError as exc:
            raise click.ClickException(f"nothing imported: {exc}") from exc
    for line in counts.lines():
        click.echo(line)
    click.echo(f"done in {time.perf_counter() - started:.1f} s")


from . import routes  # noqa: E402,F401
