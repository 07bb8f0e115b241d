"""CandidateExperience.occupation_alternatives: the normaliser's runner-up occupations of a past job.

Existing rows get "[]" (no alternatives until the candidate is saved again); the matching engine
then uses only the stored best occupation for them, as before. The field is frozen here (see
`frozen.py`), not taken from the live model.
"""

from peewee import TextField
from playhouse.migrate import SchemaMigrator, migrate

TABLE = "candidate_experience"


def up(database):
    if "occupation_alternatives" in {column.name for column in database.get_columns(TABLE)}:
        return  # databases created before 0003 was frozen (it then created the live model, column included)
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column(TABLE, "occupation_alternatives", TextField(default="[]")))
