"""ShortageList.confidence: how far a list's source can be trusted (high, medium, low).

Existing lists get "medium", the default, which changes no assessment; an administrator (or the
shipped CSV, via `flask permits import`) sets "low" for a list that rests on a single secondary or
low-reliability source.
"""

from playhouse.migrate import SchemaMigrator, migrate

from models.permit import ShortageList


def up(database):
    table = ShortageList._meta.table_name
    if "confidence" in {column.name for column in database.get_columns(table)}:
        return  # a database created after this column was added to the model (0004 creates the table)
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column(table, "confidence", ShortageList.confidence))
