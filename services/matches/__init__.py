"""Matching as a service: the per-process index state, ranking in both directions, the feed.

Modules: `settings` (MatchSettings from the configuration),
`vocabulary` (the engine's vocabulary; labels and URIs in memory), `profiles` (THE reader of
vacancy and candidate profiles), `sync` (THE incremental sync), `index_state` (the vacancy index
and the candidates, each a `services.cache.VersionedCache`), `ranking` and `preview` (queries),
`feed` (the match feed), `presenters` (response dicts), `audit` (the audit record of a query).
Every function takes an explicit `services.actor.Actor` and plain values; nothing here imports Flask.
"""

from .feed import list_match_events, refresh_feed
from .index_state import candidate_state, current_index, peek_index
from .preview import preview
from .ranking import Answer, anonymous_reference, candidate_answer, rank_for_candidate, rank_for_vacancy
from .settings import MatchSettings
from .vocabulary import load_vocabulary

__all__ = [
    "Answer",
    "candidate_answer",
    "MatchSettings",
    "anonymous_reference",
    "candidate_state",
    "current_index",
    "list_match_events",
    "load_vocabulary",
    "peek_index",
    "preview",
    "rank_for_candidate",
    "rank_for_vacancy",
    "refresh_feed",
]
