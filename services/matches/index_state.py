"""This process's vacancy index and candidate pool, each one `VersionedCache` kept current incrementally.

The vacancy index (``matching.engine.VacancyIndex``, with the records match responses show)
follows the ``vocabulary`` and ``vacancies`` counters: when only vacancies moved, the one
incremental sync (`sync.catch_up`) updates it in place; a vocabulary change, other weights, or an
index that more than doubled since its text model was fitted rebuild it. The candidates (profiles,
owners, permit facts) follow ``vocabulary`` and ``candidates`` the same way; the pool that ranks
them for a vacancy is derived from them and from the index's text model.

Updates mutate the index and pool in place: readers and the updates hold the state's lock.
"""

from __future__ import annotations

import contextvars
import logging
import threading

from matching.engine import CandidatePool, CandidateProfile, MatchConfig, VacancyIndex, VacancyProfile
from models.base import utcnow
from models.candidate import Candidate
from models.errors import ForbiddenError, NotFoundError
from models.vacancy import Vacancy
from services.actor import Actor
from services.cache import VersionedCache

from .profiles import CandidateRecord, VacancyRecord, candidate_rows, vacancy_rows
from .sync import catch_up
from .vocabulary import load_vocabulary

log = logging.getLogger(__name__)

REFIT_MARGIN = 1000
_wanted_config: contextvars.ContextVar[MatchConfig | None] = contextvars.ContextVar("match_config", default=None)


def _vacancy_profile(profile: dict, record: VacancyRecord) -> VacancyProfile:
    return VacancyProfile.from_mapping({**profile, "organisation_id": record.organisation_id})


class IndexState:
    """The open vacancies: the engine's index and each one's record, as of `synced_at`."""

    def __init__(self, config: MatchConfig):
        self.lock = threading.RLock()
        self.synced_at = utcnow()
        vocabulary = load_vocabulary()
        rows = vacancy_rows(Vacancy.status == "open")
        self.index = VacancyIndex([_vacancy_profile(p, r) for p, r in rows], vocabulary, config)
        self.records: dict[int, VacancyRecord] = {r.id: r for _, r in rows}
        self.config = config
        self.vocabulary_version = vocabulary.version
        log.info("vacancy index built: %d vacancies", len(self.index))

    def apply(self, changed: list[tuple[dict, VacancyRecord]], deleted: list[int]) -> None:
        with self.lock:
            for vacancy_id in deleted:
                self.index.remove(vacancy_id)
                self.records.pop(vacancy_id, None)
            for profile, record in changed:
                if record.status == "open":
                    self.index.upsert(_vacancy_profile(profile, record))
                    self.records[record.id] = record
                else:
                    self.index.remove(record.id)
                    self.records.pop(record.id, None)


def _build_index() -> IndexState:
    return IndexState(_wanted_config.get() or MatchConfig())


def _update_index(state: IndexState, before: dict, now: dict) -> IndexState | None:
    index = state.index
    if before.get("vocabulary") != now["vocabulary"] or len(index) > 2 * index.built_size + REFIT_MARGIN:
        return None  # the text model is fitted at build time: refit once the index has more than doubled
    synced = catch_up("vacancy", state.synced_at, lambda since: vacancy_rows(Vacancy.updated_at >= since), state.apply)
    if synced is None:
        return None
    state.synced_at = synced
    return state


_index = VersionedCache("vacancy_index", ("vocabulary", "vacancies"), build=_build_index, update=_update_index)


def current_index(config: MatchConfig) -> IndexState:
    """This process's index of open vacancies, brought up to date with the database."""
    token = _wanted_config.set(config)
    try:
        state = _index.get()
        if state.config != config:
            _index.clear()
            state = _index.get()
        return state
    finally:
        _wanted_config.reset(token)


def peek_index() -> IndexState | None:
    return _index.peek()


class CandidateState:
    """Every candidate's engine profile and record; the pool for vacancy-side ranking is derived."""

    def __init__(self):
        self.lock = threading.RLock()
        self.synced_at = utcnow()
        self.profiles: dict[int, CandidateProfile] = {}
        self.records: dict[int, CandidateRecord] = {}
        self.pool: CandidatePool | None = None
        self.pool_index: VacancyIndex | None = None
        self.apply(candidate_rows(Candidate.id > 0), [])

    def apply(self, changed: list[tuple[dict, CandidateRecord]], deleted: list[int]) -> None:
        with self.lock:
            for candidate_id in deleted:
                self.profiles.pop(candidate_id, None)
                self.records.pop(candidate_id, None)
                if self.pool is not None:
                    self.pool.remove(candidate_id)
            for data, record in changed:
                profile = CandidateProfile.from_mapping(data)
                self.profiles[record.id], self.records[record.id] = profile, record
                if self.pool is not None:
                    self.pool.upsert(profile)

    def owned(self, actor: Actor, candidate_id: int) -> tuple[CandidateRecord, CandidateProfile]:
        """The candidate if the actor's organisation holds it (or the actor is admin), else NotFoundError."""
        if actor.role == "employer":
            raise ForbiddenError("Employers never see candidate data.")
        record = self.records.get(candidate_id)
        if record is None or not (actor.is_admin or record.organisation_id == actor.organisation_id):
            raise NotFoundError(f"Candidate {candidate_id} not found.")
        return record, self.profiles[candidate_id]

    def of_organisation(self, organisation_id: int) -> list[CandidateRecord]:
        return sorted((r for r in self.records.values() if r.organisation_id == organisation_id), key=lambda r: r.id)

    def pool_for(self, state: IndexState) -> CandidatePool:
        """The pool, prepared with the index's vocabulary, weights and text model."""
        with self.lock:
            if self.pool is None or self.pool_index is not state.index:
                index = state.index
                profiles = [self.profiles[i] for i in sorted(self.profiles)]
                self.pool = CandidatePool(profiles, index.vocabulary, index.config, index.text_model, index.proximity)
                self.pool_index = index
            return self.pool


def _update_candidates(state: CandidateState, before: dict, now: dict) -> CandidateState | None:
    if before.get("vocabulary") != now["vocabulary"]:
        return None
    synced = catch_up(
        "candidate", state.synced_at, lambda since: candidate_rows(Candidate.updated_at >= since), state.apply
    )
    if synced is None:
        return None
    state.synced_at = synced
    return state


_candidates = VersionedCache(
    "match_candidates", ("vocabulary", "candidates"), build=CandidateState, update=_update_candidates
)


def candidate_state() -> CandidateState:
    """Every candidate as of the current counters."""
    return _candidates.get()
