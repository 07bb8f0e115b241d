"""The match feed for integrations: the last scores it reported and the events it produced.

`MatchSnapshot` holds, per organisation, the last known score of each (candidate, vacancy) pair
at or above the feed threshold; comparing the current ranking with it tells which matches are new
or changed. `MatchEvent` rows are the feed itself (their id is the cursor). Both cascade away with
the candidate or the vacancy, so an erasure leaves nothing behind.
"""

from __future__ import annotations

from peewee import BigIntegerField, CharField, DateTimeField, FloatField, ForeignKeyField

from .base import BaseModel, NeverReusedAutoField, utcnow
from .candidate import Candidate
from .organisation import Organisation
from .vacancy import Vacancy

EVENT_KINDS = ("new", "changed")
EVENT_REASONS = ("new_vacancy", "vacancy_changed", "candidate_changed", "rescored", "first_poll")


class MatchFeedState(BaseModel):
    """When an organisation's feed was last brought up to date, and against which data versions."""

    organisation = ForeignKeyField(Organisation, unique=True, on_delete="CASCADE")
    vacancies_version = BigIntegerField(default=-1)
    candidates_version = BigIntegerField(default=-1)
    engine_version = CharField(max_length=40, default="")
    refreshed_at = DateTimeField(null=True)


class MatchSnapshot(BaseModel):
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    vacancy = ForeignKeyField(Vacancy, on_delete="CASCADE")
    score = FloatField()  # 0-100
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("candidate", "vacancy"), True),)


class MatchEvent(BaseModel):
    id = NeverReusedAutoField()
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    candidate = ForeignKeyField(Candidate, on_delete="CASCADE")
    vacancy = ForeignKeyField(Vacancy, on_delete="CASCADE")
    kind = CharField(max_length=10)  # new | changed
    reason = CharField(max_length=20)
    score = FloatField()  # 0-100
    previous_score = FloatField(null=True)
    engine_version = CharField(max_length=40)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("organisation", "id"), False),)
