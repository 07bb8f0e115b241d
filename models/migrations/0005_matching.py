"""Match feed: per-organisation feed state, last reported scores, and the events; and the audit
filter by subject (added with the audit API) on the table created by 0003. As they were at this
version (see `frozen.py`)."""

from peewee import BigIntegerField, CharField, DateTimeField, FloatField, ForeignKeyField
from playhouse.migrate import SchemaMigrator, migrate

from .frozen import FrozenModel, create_frozen_tables


# Tables of earlier migrations that foreign keys point at: the primary key is all they need here.
class Organisation(FrozenModel):
    pass


class Candidate(FrozenModel):
    pass


class Vacancy(FrozenModel):
    pass


class MatchFeedState(FrozenModel):
    organisation = ForeignKeyField(Organisation, unique=True, on_delete="CASCADE")
    vacancies_version = BigIntegerField()
    candidates_version = BigIntegerField()
    engine_version = CharField(max_length=40)
    refreshed_at = DateTimeField(null=True)


class MatchSnapshot(FrozenModel):
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    vacancy = ForeignKeyField(Vacancy, on_delete="CASCADE")
    score = FloatField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("candidate", "vacancy"), True),)


class MatchEvent(FrozenModel):
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    vacancy = ForeignKeyField(Vacancy, on_delete="CASCADE")
    kind = CharField(max_length=10)
    reason = CharField(max_length=20)
    score = FloatField()
    previous_score = FloatField(null=True)
    engine_version = CharField(max_length=40)
    created_at = DateTimeField()

    class Meta:
        indexes = ((("organisation", "id"), False),)


def up(database):
    create_frozen_tables(database, [MatchFeedState, MatchSnapshot, MatchEvent])
    migrate(SchemaMigrator.from_database(database).add_index("audit_record", ("subject_type", "subject_id")))
