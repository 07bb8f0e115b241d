"""CandidateExperience.occupation_alternatives: the normaliser's runner-up occupations of a past job.

Existing rows get "[]" (no alternatives until the candidate is saved again); the matching engine
then uses only the stored best occupation for them, as before.
"""

from playhouse.migrate import SchemaMigrator, migrate

from models.candidate import CandidateExperience


def up(database):
    table = CandidateExperience._meta.table_name
    if "occupation_alternatives" in {column.name for column in database.get_columns(table)}:
        return  # a database created after this column was added to the model (0003 creates the table)
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column(table, "occupation_alternatives", CandidateExperience.occupation_alternatives))
