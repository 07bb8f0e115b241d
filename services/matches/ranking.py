"""Ranking in both directions: open vacancies for a candidate (saved or previewed), candidates for a vacancy.

A saved candidate's ranking reads nothing from the database but the counters (one query per
request, shared by every cache) and writes one audit record: the candidate, the vacancies, the
labels and the permit reference data are all held per process and kept current by the counters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field

from matching.engine import ENGINE_VERSION, CandidateProfile, MatchFilters, VacancyProfile
from matching.engine.index import top_k_order
from models.cache_version import COUNTER_NAMES
from models.errors import ValidationFailed
from models.vacancy import Vacancy
from services.actor import Actor
from services.cache import RecentValues, VersionedCache
from services.permits import snapshot as permit_snapshot
from services.vacancies import get_visible_vacancy

from . import presenters
from .audit import public_parameters, record_query
from .index_state import IndexState, candidate_state, current_index
from .profiles import CandidateRecord, VacancyRecord, vacancy_rows
from .settings import MatchSettings
from .vocabulary import Labels, labels

# Permit filters are applied after ranking, in windows of this many ranked vacancies, up to the cap.
PERMIT_WINDOW = 200
PERMIT_SCAN_CAP = 5000


def window(params: dict) -> tuple[int, int]:
    """(limit, offset): `page` and `offset` add up, so each alone works as usual and both together
    mean "this many results into that page" (no combination is refused)."""
    limit = params.get("limit", 20)
    return limit, ((params.get("page") or 1) - 1) * limit + (params.get("offset") or 0)


def min_score(params: dict) -> float:
    """``min_score`` (0-100) as a score in [0, 1] that keeps every result *shown* at or above it:
    scores are shown rounded to 0.1, so 63.4 must keep a score of 0.63395."""
    wanted = params.get("min_score") or 0
    return max(0.0, (wanted - 0.05) / 100) if wanted > 0 else 0.0


def _filters(params: dict, known: Labels) -> MatchFilters:
    occupation_ids = ()
    if params.get("occupation"):
        ref = params["occupation"]
        found = (int(ref) if int(ref) in known.occupations.uri else None) if ref.isdigit() else \
            known.occupation_by_uri.get(ref)
        if found is None:
            raise ValidationFailed(
                f"Unknown occupation '{ref}'.",
                errors={"query": {"occupation": ["Give an ESCO occupation URI or id."]}},
            )
        occupation_ids = (found,)
    return MatchFilters(
        regions=tuple(params.get("region") or ()),
        sponsors_permit=params.get("sponsors_permit"),
        occupation_ids=occupation_ids,
        min_score=min_score(params),
    )


def _header(state: IndexState, as_of: dt.date, lang: str, items: list, limit: int, offset: int) -> dict:
    return {
        "engine_version": ENGINE_VERSION,
        "vocabulary_version": state.vocabulary_version,
        "as_of": as_of,
        "language": lang,
        "items": items,
        "limit": limit,
        "offset": offset,
    }


def audit(actor: Actor, state: IndexState, action: str, subject: tuple, params: dict, results: list) -> None:
    record_query(
        actor, action, subject[0], subject[1], engine_version=ENGINE_VERSION,
        vocabulary_version=state.vocabulary_version, parameters=public_parameters(params), results=results,
    )


# --- candidate → vacancies ----------------------------------------------------------------------


@dataclass
class Answer:
    """A candidate's ranking as answered, and a slot where the caller may keep its rendering of it
    (the same answer is served again while no counter moves)."""

    body: dict
    rendered: dict = field(default_factory=dict)


# Bodies of recent candidate rankings, valid while no counter moves (the same data, parameters and day
# give the same answer): a coach paging or reloading costs no second ranking.
_answers = VersionedCache("match_answers", COUNTER_NAMES, build=RecentValues)


def _answer_key(candidate_id: int, params: dict, lang: str, settings: MatchSettings) -> tuple:
    as_of = params.get("as_of") or dt.date.today()
    fixed = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items() if k != "as_of"))
    return candidate_id, as_of, fixed, lang, settings.config


def rank_for_candidate(actor: Actor, candidate_id: int, params: dict, lang: str, settings: MatchSettings) -> dict:
    """Open vacancies ranked for one of the actor's candidates (admin: any candidate)."""
    return dict(candidate_answer(actor, candidate_id, params, lang, settings).body)


def candidate_answer(actor: Actor, candidate_id: int, params: dict, lang: str, settings: MatchSettings) -> Answer:
    """As `rank_for_candidate`, as an `Answer` (do not change its body: it may be served again)."""
    record, profile = candidate_state().owned(actor, candidate_id)
    state = current_index(settings.config)
    answers, key = _answers.get(), _answer_key(record.id, params, lang, settings)
    answer = answers.get(key)
    if answer is None:
        body = rank_vacancies(state, profile, params, lang, record.permit_facts)
        body["candidate_id"] = record.id
        answer = Answer(body)
        answers.put(key, answer)
    results = [{"id": item["vacancy_id"], "score": item["score"]} for item in answer.body["items"]]
    audit(actor, state, "match_query", ("candidate", record.id), params, results)
    return answer


def rank_vacancies(state: IndexState, profile: CandidateProfile, params: dict, lang: str, facts: dict | None) -> dict:
    known = labels()
    as_of = params.get("as_of") or dt.date.today()
    limit, offset = window(params)
    filters = _filters(params, known)
    with state.lock:  # the index is shared by this process's threads; updates take the same lock
        prepared = state.index.prepare(profile)
        ids, scores, evidence = state.index.scores_with_evidence(prepared, as_of, filters)
        records = state.records
        if params.get("shortage_only") or params.get("permit_verdict"):
            chosen, score_of, permits, truncated = _permit_filtered(
                records, ids, scores, evidence, offset + limit, params, as_of, facts, known
            )
            chosen, total = chosen[offset:], None  # the total is unknown without assessing every vacancy
        else:
            order = top_k_order(ids, scores, offset + limit, evidence)[offset:]
            chosen = [int(ids[i]) for i in order]
            score_of = {int(ids[i]): float(scores[i]) for i in order}
            total, truncated = len(ids), False
            permits = presenters.permit_summaries([records[i] for i in chosen if i in records], as_of, facts, known)
        results = state.index.explain(prepared, chosen, as_of)
        rows = {r.vacancy_id: records.get(r.vacancy_id) for r in results}
    skills = presenters.result_skills(results, known, lang)
    occupations = known.occupation_info([v.occupation_id for v in rows.values() if v is not None], lang)
    items = []
    for result in results:
        vacancy = rows[result.vacancy_id]
        if vacancy is None:  # deleted between the ranking and this read
            continue
        label = occupations.get(vacancy.occupation_id, {}).get("preferred_label")
        body = presenters.result_body(result, lang, skills, label, known)
        body["score"] = presenters.percent(score_of.get(result.vacancy_id, result.score))
        items.append(presenters.vacancy_item(vacancy, body, label, permits.get(vacancy.id)))
    return {
        **_header(state, as_of, lang, items, limit, offset),
        "total": total,
        "scan_truncated": truncated,
    }


def _permit_filtered(records, ids, scores, evidence, wanted, params, as_of, facts, known):
    """Walk the ranking in windows, keeping vacancies that pass the shortage/verdict filters."""
    order = top_k_order(ids, scores, min(len(ids), PERMIT_SCAN_CAP), evidence)
    snapshot = permit_snapshot()
    kept, permits, score_of = [], {}, {}
    on_list: dict = {}
    for start in range(0, len(order), PERMIT_WINDOW):
        positions = order[start : start + PERMIT_WINDOW]
        batch = [(records[int(ids[i])], i) for i in positions if int(ids[i]) in records]
        summaries = presenters.permit_summaries([v for v, _ in batch], as_of, facts, known)
        for vacancy, position in batch:
            if params.get("shortage_only") and not _on_shortage_list(snapshot, vacancy, as_of, on_list):
                continue
            verdict = summaries.get(vacancy.id, {}).get("verdict")
            if params.get("permit_verdict") and verdict != params["permit_verdict"]:
                continue
            kept.append(vacancy.id)
            permits[vacancy.id] = summaries.get(vacancy.id)
            score_of[vacancy.id] = float(scores[position])
            if len(kept) >= wanted:
                return kept, score_of, permits, False
    return kept, score_of, permits, len(order) < len(ids)


def _on_shortage_list(snapshot, vacancy: VacancyRecord, as_of: dt.date, seen: dict) -> bool:
    key = (vacancy.occupation_uri, vacancy.region)
    if key not in seen:
        seen[key] = bool(vacancy.occupation_uri) and bool(
            snapshot.lists_with_occupation(vacancy.occupation_uri, vacancy.region, as_of)
        )
    return seen[key]


# --- vacancy → candidates -----------------------------------------------------------------------


def anonymous_reference(secret: bytes, vacancy_id: int, candidate_id: int) -> str:
    """Opaque, stable per (vacancy, candidate), different across vacancies: no cross-vacancy tracking."""
    digest = hmac.new(secret, f"match:{vacancy_id}:{candidate_id}".encode(), hashlib.sha256)
    return "m_" + digest.hexdigest()[:20]


def _allowed_candidates(actor: Actor, records: dict[int, CandidateRecord]) -> list[int]:
    if actor.role == "employer":
        return [cid for cid, r in records.items() if r.share_with_employers]
    if actor.is_admin:
        return list(records)
    return [cid for cid, r in records.items() if r.organisation_id == actor.organisation_id]


def rank_for_vacancy(actor: Actor, vacancy_id: int, params: dict, lang: str, settings: MatchSettings) -> dict:
    """Candidates ranked for a vacancy: employers see shared, anonymised profiles; coaches their own."""
    vacancy = get_visible_vacancy(actor, vacancy_id)
    people = candidate_state()
    state = current_index(settings.config)
    pool = people.pool_for(state)
    known = labels()
    as_of = params.get("as_of") or dt.date.today()
    limit, offset = window(params)
    [(data, record)] = vacancy_rows(Vacancy.id == vacancy.id)
    profile = VacancyProfile.from_mapping({**data, "organisation_id": record.organisation_id})
    with people.lock:
        allowed = _allowed_candidates(actor, people.records)
        page = pool.rank(profile, as_of=as_of, top_k=limit, offset=offset, candidate_ids=allowed,
                         filters=MatchFilters(min_score=min_score(params)))
        records = {r.candidate_id: people.records.get(r.candidate_id) for r in page.results}
    skills = presenters.result_skills(page.results, known, lang)
    label = known.occupation_info([vacancy.occupation_id], lang).get(vacancy.occupation_id, {}).get("preferred_label")
    if actor.role == "employer":
        items = _employer_items(settings, record, page.results, skills, label, known, lang)
    else:
        items = _coach_items(record, page.results, records, skills, label, known, lang, as_of)
    results = [{"id": r.candidate_id, "score": presenters.percent(r.score)} for r in page.results]
    audit(actor, state, "match_query", ("vacancy", vacancy.id), params, results)
    return {
        "vacancy_id": vacancy.id,
        **_header(state, as_of, lang, items, limit, offset),
        "total": page.total,
        "index_size": len(state.index),
    }


def _employer_items(settings, vacancy, results, skills, label, known, lang) -> list[dict]:
    own_skills, languages = presenters.shared_profile_facts([r.candidate_id for r in results], lang, known)
    items = []
    for result in results:
        # Employers are not told about diploma recognition, nor shown the coach's free-text job titles.
        body = presenters.result_body(result, lang, skills, label, known, omit=("education", "past_job_titles"))
        body["components"].pop("education", None)
        items.append(
            {
                "reference": anonymous_reference(settings.reference_secret, vacancy.id, result.candidate_id),
                **body,
                "skills": own_skills.get(result.candidate_id, []),
                "languages": languages.get(result.candidate_id, {}),
            }
        )
    return items


def _coach_items(vacancy, results, records, skills, label, known, lang, as_of) -> list[dict]:
    items = []
    for result in results:
        candidate = records.get(result.candidate_id)
        if candidate is None:
            continue
        # The permit summary for this vacancy with this candidate's facts (coaches only: for an
        # employer it would reveal the candidate's residence situation).
        permit = presenters.permit_summaries([vacancy], as_of, candidate.permit_facts, known).get(vacancy.id)
        items.append(
            {
                "candidate_id": candidate.id,
                "external_id": candidate.external_id,
                "reference": candidate.reference,
                **presenters.result_body(result, lang, skills, label, known),
                "permit": permit,
            }
        )
    return items
