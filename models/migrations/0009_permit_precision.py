"""Columns that let the permit engine say only what its sources support (issue 11).

- `vacancy.executive_post` (NULL = not said): the executive routes need an executive post.
- `permitrule`: `requires_executive_post`, the GGMMI floor (`wage_floor_amount`,
  `wage_floor_alt_amount`), `reduced_isco_groups` (reductions keyed to the job's occupation),
  `in_country_stay_types`, `max_days_outside_single_permit`, `lmt_detail_nl`, `lmt_detail_fr`.
- `shortagelist`: `name_nl`, `name_fr`.
- `shortagelistentry`: `valid_from`, `valid_to` (dated membership: additions and removals).

Every column is nullable or has a default that changes no existing assessment (playhouse writes the
default into existing rows; on SQLite a NOT NULL column rebuilds the table, which is safe because
migrations run there with foreign-key actions off, see `models/migrations/__init__.py`); the corrected
reference rows are loaded with `flask --app wsgi permits import seed_data/permits`. Each column is
added only when missing: migrations 0003/0004 create the tables from the live models, so a
database created after this change already has them.
"""

from playhouse.migrate import SchemaMigrator, migrate

from models.permit import PermitRule, ShortageList, ShortageListEntry
from models.vacancy import Vacancy

COLUMNS = (
    (Vacancy, ("executive_post",)),
    (
        PermitRule,
        (
            "requires_executive_post",
            "wage_floor_amount",
            "wage_floor_alt_amount",
            "reduced_isco_groups",
            "in_country_stay_types",
            "max_days_outside_single_permit",
            "lmt_detail_nl",
            "lmt_detail_fr",
        ),
    ),
    (ShortageList, ("name_nl", "name_fr")),
    (ShortageListEntry, ("valid_from", "valid_to")),
)


def up(database):
    migrator = SchemaMigrator.from_database(database)
    for model, names in COLUMNS:
        table = model._meta.table_name
        present = {column.name for column in database.get_columns(table)}
        operations = [
            migrator.add_column(table, name, getattr(model, name)) for name in names if name not in present
        ]
        if operations:
            migrate(*operations)
