"""Match feed: per-organisation feed state, last reported scores, and the events."""

from models.audit import AuditRecord
from models.matching import MatchEvent, MatchFeedState, MatchSnapshot


def up(database):
    database.create_tables([MatchFeedState, MatchSnapshot, MatchEvent], safe=True)
    # The audit filter by subject (added with the audit API) on tables created by 0003.
    AuditRecord._schema.create_indexes(safe=True)
