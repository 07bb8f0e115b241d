"""The match feed for integrations: events computed lazily when an organisation polls.

Nothing happens unless the vacancies or candidates counters (or the engine) moved since the
organisation's last refresh. Then each of its candidates is ranked (top
``event_max_per_candidate`` at or above ``event_threshold``) and compared with the snapshot of what
the feed last reported: a pair not in it is a *new* match, a score that moved by at least
``event_min_change`` points a *changed* one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from matching.engine import ENGINE_VERSION, MatchFilters
from models.base import db, utcnow
from models.cache_version import current_counters
from models.candidate import Candidate
from models.errors import ForbiddenError
from models.matching import MatchEvent, MatchFeedState, MatchSnapshot
from models.vacancy import Vacancy
from services.actor import Actor

from .index_state import IndexState, candidate_state, current_index
from .presenters import percent
from .profiles import CandidateRecord, in_chunks
from .ranking import audit
from .settings import MatchSettings
from .sync import SYNC_MARGIN

WRITE_CHUNK = 500


@dataclass
class _Changes:
    """What one refresh writes: events, new snapshot rows, changed scores, snapshot rows to drop."""

    events: list[dict] = field(default_factory=list)
    new_rows: list[dict] = field(default_factory=list)
    changed_rows: list[tuple[int, float]] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)


def refresh_feed(organisation_id: int, settings: MatchSettings) -> int:
    """Bring an organisation's feed up to date; returns the number of events written."""
    counters = current_counters()
    with db.atomic():
        state, _ = MatchFeedState.get_or_create(organisation=organisation_id)
    if (
        state.vacancies_version == counters["vacancies"]
        and state.candidates_version == counters["candidates"]
        and state.engine_version == ENGINE_VERSION
    ):
        return 0
    # Ranking happens outside any write transaction (it can take a while for a large caseload);
    # the write below only goes ahead if no other worker refreshed this feed in the meantime.
    started = utcnow()
    index = vacancy_index(settings)
    candidates = candidate_state().of_organisation(organisation_id)
    current = _current_scores(index, candidates, started.date(), settings)
    changes = _compare(organisation_id, state, candidates, current, started, settings.event_min_change)
    return _write(state, counters, started, changes)


def vacancy_index(settings: MatchSettings) -> IndexState:
    """The index the feed ranks with (a seam for tests that simulate a concurrent refresh)."""
    return current_index(settings.config)


def _current_scores(state: IndexState, candidates: list[CandidateRecord], as_of: dt.date, settings) -> dict:
    profiles = candidate_state().profiles
    filters = MatchFilters(min_score=settings.event_threshold / 100)
    current: dict[int, dict[int, float]] = {}
    for candidate in candidates:
        with state.lock:
            page = state.index.rank(
                profiles[candidate.id], as_of=as_of, top_k=settings.event_max_per_candidate, filters=filters,
                explain=False,
            )
        current[candidate.id] = {r.vacancy_id: percent(r.score) for r in page.results}
    return current


def _compare(organisation_id: int, state, candidates, current: dict, started: dt.datetime, min_change: float):
    snapshot: dict[int, dict[int, MatchSnapshot]] = defaultdict(dict)
    for row in MatchSnapshot.select().where(MatchSnapshot.organisation == organisation_id):
        snapshot[row.candidate_id][row.vacancy_id] = row
    involved = sorted({vid for scores in current.values() for vid in scores})
    vacancies = {
        v.id: v
        for v in in_chunks(
            involved,
            lambda chunk: Vacancy.select(Vacancy.id, Vacancy.created_at, Vacancy.updated_at).where(
                Vacancy.id.in_(chunk)
            ),
        )
    }
    first_poll = state.refreshed_at is None
    since = state.refreshed_at or started
    changes = _Changes()
    for candidate in candidates:
        before, now = snapshot.get(candidate.id, {}), current.get(candidate.id, {})
        for vid, score in now.items():
            vacancy, previous = vacancies.get(vid), before.get(vid)
            if vacancy is None or (previous is not None and abs(previous.score - score) < min_change):
                continue
            pair = {"organisation": organisation_id, "candidate": candidate.id, "vacancy": vid, "score": score}
            changes.events.append(
                {
                    **pair,
                    "kind": "new" if previous is None else "changed",
                    "reason": _reason(first_poll, since, vacancy, candidate, previous),
                    "previous_score": previous.score if previous else None,
                    "engine_version": ENGINE_VERSION,
                    "created_at": started,
                }
            )
            if previous is None:
                changes.new_rows.append({**pair, "updated_at": started})
            else:
                changes.changed_rows.append((previous.id, score))
        changes.dropped += [row.id for vid, row in before.items() if vid not in now]
    return changes


def _write(state: MatchFeedState, counters, started: dt.datetime, changes: _Changes) -> int:
    with db.atomic():
        # Compare-and-set on the feed state: the first statement also takes the write lock.
        unchanged = (
            MatchFeedState.refreshed_at.is_null()
            if state.refreshed_at is None
            else (MatchFeedState.refreshed_at == state.refreshed_at)
        )
        claimed = (
            MatchFeedState.update(
                vacancies_version=counters["vacancies"],
                candidates_version=counters["candidates"],
                engine_version=ENGINE_VERSION,
                refreshed_at=started,
            )
            .where(MatchFeedState.id == state.id, unchanged)
            .execute()
        )
        if not claimed:
            return 0  # another worker refreshed this feed meanwhile; its events stand
        for start in range(0, len(changes.dropped), WRITE_CHUNK):
            MatchSnapshot.delete().where(MatchSnapshot.id.in_(changes.dropped[start : start + WRITE_CHUNK])).execute()
        for row_id, score in changes.changed_rows:
            MatchSnapshot.update(score=score, updated_at=started).where(MatchSnapshot.id == row_id).execute()
        for start in range(0, len(changes.new_rows), WRITE_CHUNK):
            MatchSnapshot.insert_many(changes.new_rows[start : start + WRITE_CHUNK]).execute()
        for start in range(0, len(changes.events), WRITE_CHUNK):
            MatchEvent.insert_many(changes.events[start : start + WRITE_CHUNK]).execute()
    return len(changes.events)


def _reason(first_poll: bool, since: dt.datetime, vacancy, candidate: CandidateRecord, previous) -> str:
    if first_poll:
        return "first_poll"
    if vacancy.created_at >= since - SYNC_MARGIN and previous is None and vacancy.created_at >= candidate.updated_at:
        return "new_vacancy"
    if candidate.updated_at >= since and candidate.updated_at >= vacancy.updated_at:
        return "candidate_changed"
    if vacancy.updated_at >= since:
        return "vacancy_changed"
    return "rescored"


def list_match_events(actor: Actor, since: int, limit: int, settings: MatchSettings) -> dict:
    """Events after the cursor for the actor's organisation, oldest first."""
    if actor.role not in ("coach", "integration"):
        raise ForbiddenError("The match feed is for the organisations that hold candidates.")
    refresh_feed(actor.organisation_id, settings)
    rows = list(
        MatchEvent.select(
            MatchEvent, Candidate.id, Candidate.external_id, Candidate.reference, Vacancy.id, Vacancy.title
        )
        .join(Candidate, on=(MatchEvent.candidate == Candidate.id))
        .switch(MatchEvent)
        .join(Vacancy, on=(MatchEvent.vacancy == Vacancy.id))
        .where(MatchEvent.organisation == actor.organisation_id, MatchEvent.id > since)
        .order_by(MatchEvent.id)
        .limit(limit + 1)
    )
    has_more = len(rows) > limit
    items = [_event_item(e) for e in rows[:limit]]
    next_cursor = items[-1]["event_id"] if items else since
    results = [
        {"id": e["vacancy_id"], "candidate": e["candidate_id"], "score": e["score"], "event": e["event_id"]}
        for e in items
    ]
    audit(actor, vacancy_index(settings), "match_events", ("feed", None), {"since": since, "limit": limit}, results)
    return {"items": items, "next_cursor": next_cursor, "has_more": has_more}


def _event_item(e: MatchEvent) -> dict:
    return {
        "event_id": e.id,
        "kind": e.kind,
        "reason": e.reason,
        "candidate_id": e.candidate_id,
        "candidate_external_id": e.candidate.external_id,
        "candidate_reference": e.candidate.reference,
        "vacancy_id": e.vacancy_id,
        "vacancy_title": e.vacancy.title,
        "score": e.score,
        "previous_score": e.previous_score,
        "engine_version": e.engine_version,
        "created_at": e.created_at,
    }
