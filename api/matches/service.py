"""Match queries: the per-process vacancy index, ranking in both directions, audit, and the feed.

The vacancy index (``matching.engine.VacancyIndex``) is built once per process and kept current
across gunicorn workers: every request reads the ``vocabulary`` and ``vacancies`` counters in
``cache_version`` (one query on their primary keys). When the vacancies counter moved, the worker
re-reads only the vacancies whose ``updated_at`` is at or after its last sync (minus a safety
margin, so a transaction that committed late is not missed) and the ``vacancy_deleted`` audit
records of that period, and applies them as incremental updates; when the vocabulary or the
weights changed, or too many vacancies changed at once, it rebuilds. The candidate pool (for
ranking candidates for a vacancy) follows the ``candidates`` counter the same way.

Every match query writes an ``AuditRecord``: who asked, about which (internal, pseudonymous) id,
with which parameters, engine and vocabulary versions, and which ids came back with which score.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import threading
from collections import defaultdict

from flask import current_app, g

from api.audit.service import record_query
from api.auth import is_admin
from api.cache import register_cache
from api.vacancies.common import occupation_info, shortage_lists, skill_info
from matching.engine import (
    ENGINE_VERSION,
    CandidatePool,
    CandidateProfile,
    MatchConfig,
    MatchFilters,
    VacancyIndex,
    VacancyProfile,
    Vocabulary,
    explain,
)
from matching.engine.index import top_k_order
from models.audit import AuditRecord
from models.base import db, utcnow
from models.cache_version import CacheVersion
from models.candidate import Candidate
from models.errors import ForbiddenError, ValidationFailed
from models.matching import MatchEvent, MatchFeedState, MatchSnapshot
from models.taxonomy import Occupation, OccupationSkill, SkillLabel
from models.vacancy import Vacancy, VacancyLanguage, VacancySkill

log = logging.getLogger(__name__)

COUNTERS = ("vocabulary", "vacancies", "candidates")
# Vacancies written up to this long before the last sync are read again: a transaction that was
# still open during the sync commits rows with an older updated_at. Re-applying a row is harmless.
SYNC_MARGIN = dt.timedelta(seconds=120)
REBUILD_AFTER_CHANGES = 5000
PROFILE_CHUNK = 2000
REFIT_MARGIN = 1000
LABEL_LANGUAGES = ("en", "nl", "fr")
# Permit filters are applied after ranking, in windows of this many ranked vacancies, up to the cap.
PERMIT_WINDOW = 200
PERMIT_SCAN_CAP = 5000
DEFAULT_EVENT_THRESHOLD = 60.0
DEFAULT_EVENT_MIN_CHANGE = 5.0
DEFAULT_EVENT_MAX_PER_CANDIDATE = 50


# --- per-process state ----------------------------------------------------------------------------


class _MatchState:
    """The index and the candidate pool of this process, with the counters they reflect."""

    def __init__(self):
        self.lock = threading.RLock()
        self.clear()

    def clear(self):
        self.index: VacancyIndex | None = None
        self.index_key = None  # (vocabulary counter, config)
        self.vacancies_version = None
        self.vacancies_synced_at = None
        self.pool: CandidatePool | None = None
        self.pool_index = None
        self.candidates_version = None
        self.candidates_synced_at = None
        self.candidate_meta: dict[int, tuple[int, bool]] = {}  # id -> (organisation id, shares)
        self.vocabulary_version = ""


_state = _MatchState()
register_cache(_state)


def match_config() -> MatchConfig:
    try:
        return MatchConfig.from_mapping(current_app.config.get("MATCH_WEIGHTS"))
    except ValueError as exc:  # a deployment error: refuse to rank with weights nobody chose
        raise RuntimeError(f"invalid MATCH_WEIGHTS configuration: {exc}") from exc


def _counters() -> dict[str, int]:
    rows = dict(
        CacheVersion.select(CacheVersion.name, CacheVersion.version).where(CacheVersion.name.in_(COUNTERS)).tuples()
    )
    return {name: rows.get(name, 0) for name in COUNTERS}


def load_vocabulary() -> Vocabulary:
    """The engine's slice of the vocabulary: ISCO and ESCO codes, occupation skills, skill labels (en/nl/fr)."""
    isco = dict(
        Occupation.select(Occupation.id, Occupation.isco_code).where(Occupation.isco_code.is_null(False)).tuples()
    )
    relations: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for occupation_id, skill_id, relation in OccupationSkill.select(
        OccupationSkill.occupation, OccupationSkill.skill, OccupationSkill.relation
    ).tuples():
        relations[occupation_id][0 if relation == "essential" else 1].append(skill_id)
    labels: dict[int, list[str]] = defaultdict(list)
    for skill_id, text in (
        SkillLabel.select(SkillLabel.skill, SkillLabel.text)
        .where(SkillLabel.kind == "preferred", SkillLabel.lang.in_(LABEL_LANGUAGES))
        .order_by(SkillLabel.skill, SkillLabel.lang)
        .tuples()
    ):
        labels[skill_id].append(text)
    codes = dict(Occupation.select(Occupation.id, Occupation.code).where(Occupation.code.is_null(False)).tuples())
    return Vocabulary(
        occupation_isco=isco,
        occupation_codes={o: c for o, c in codes.items() if c},
        occupation_skills={o: (tuple(e), tuple(p)) for o, (e, p) in relations.items()},
        skill_labels={s: " | ".join(dict.fromkeys(t)) for s, t in labels.items()},
        version=vocabulary_version(),
    )


def vocabulary_version() -> str:
    from services.taxonomy import vocabulary_version as version

    return version()


def _open_vacancies_query():
    return Vacancy.select().where(Vacancy.status == "open")


def _vacancy_profiles(vacancies: list[Vacancy]) -> list[VacancyProfile]:
    from api.vacancies.service import vacancies_to_profiles

    profiles = []
    for chunk in _chunks(vacancies):
        for vacancy, data in zip(chunk, vacancies_to_profiles(chunk), strict=True):
            profiles.append(VacancyProfile.from_mapping({**data, "organisation_id": vacancy.organisation_id}))
    return profiles


def open_vacancy_profiles() -> list[VacancyProfile]:
    """Every open vacancy's profile, read as plain tuples in three queries (the full build).

    The same dicts as ``api.vacancies.service.vacancies_to_profiles`` (a test holds them equal), but
    without building a model object per row: at 100,000 vacancies that is the difference between
    seconds and a minute for a worker's first request.
    """
    skills: dict[int, list] = defaultdict(list)
    for vacancy_id, skill_id, text, importance in (
        VacancySkill.select(VacancySkill.vacancy, VacancySkill.skill, VacancySkill.text, VacancySkill.importance)
        .join(Vacancy, on=(VacancySkill.vacancy == Vacancy.id))
        .where(Vacancy.status == "open")
        .order_by(VacancySkill.id)
        .tuples()
    ):
        skills[vacancy_id].append({"skill_id": skill_id, "text": text, "importance": importance})
    languages: dict[int, dict] = defaultdict(dict)
    for vacancy_id, lang, level in _raw_rows(
        VacancyLanguage.select(VacancyLanguage.vacancy, VacancyLanguage.lang, VacancyLanguage.level)
        .join(Vacancy, on=(VacancyLanguage.vacancy == Vacancy.id))
        .where(Vacancy.status == "open")
    ):
        languages[vacancy_id][lang] = level
    fields = (
        Vacancy.id,
        Vacancy.title,
        Vacancy.occupation,
        Vacancy.region,
        Vacancy.min_education_eqf,
        Vacancy.min_experience_years,
        Vacancy.start_date,
        Vacancy.valid_through,
        Vacancy.sponsors_permit,
        Vacancy.organisation,
        Vacancy.occupation_score,
        Vacancy.occupation_source,
        Vacancy.occupation_alternatives,
    )
    isco = dict(Occupation.select(Occupation.id, Occupation.isco_code).tuples())
    by_uri = {uri: (oid, isco.get(oid)) for oid, uri in Occupation.select(Occupation.id, Occupation.uri).tuples()}
    profiles = []
    for row in _raw_rows(_open_vacancies_query().select(*fields).order_by(Vacancy.id)):
        data = dict(
            zip(
                (
                    "id",
                    "title",
                    "occupation_id",
                    "region",
                    "min_education_eqf",
                    "min_experience_years",
                    "start_date",
                    "valid_through",
                    "sponsors_permit",
                    "organisation_id",
                    "occupation_score",
                    "occupation_source",
                    "occupation_alternatives",
                ),
                row,
                strict=True,
            )
        )
        # As api.vacancies.service.engine_alternatives: stored URIs -> occupation ids.
        data["occupation_alternatives"] = [
            {"occupation_id": by_uri[a["uri"]][0], "isco_code": by_uri[a["uri"]][1], "score": a.get("score")}
            for a in json.loads(data["occupation_alternatives"] or "[]")
            if a.get("uri") in by_uri
        ]
        data["skills"], data["languages"] = skills.get(row[0], []), languages.get(row[0], {})
        data["isco_code"] = isco.get(data["occupation_id"])
        profiles.append(VacancyProfile.from_mapping(data))
    return profiles


def _raw_rows(query):
    """The query's rows straight from the DB-API cursor: no per-row model or converter work.

    Dates may come back as ISO strings (SQLite) or dates (PostgreSQL) and booleans as 0/1; the
    engine's ``from_mapping`` accepts both.
    """
    return db.execute(query)


def _candidate_profiles(candidates: list[Candidate]) -> list[CandidateProfile]:
    from api.candidates.service import candidates_to_profiles

    return [
        CandidateProfile.from_mapping(data) for chunk in _chunks(candidates) for data in candidates_to_profiles(chunk)
    ]


def _chunks(rows: list, size: int = PROFILE_CHUNK) -> list[list]:
    """Profiles are read with `IN (...)` queries: SQLite caps the number of bound variables."""
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _is_open(vacancy: Vacancy, today: dt.date) -> bool:
    return vacancy.status == "open" and (vacancy.valid_through is None or vacancy.valid_through >= today)


def _build_index(counters: dict, config: MatchConfig) -> None:
    started = utcnow()
    vocabulary = load_vocabulary()
    _state.index = VacancyIndex(open_vacancy_profiles(), vocabulary, config)
    _state.index_key = (counters["vocabulary"], config)
    _state.vacancies_version = counters["vacancies"]
    _state.vacancies_synced_at = started
    _state.vocabulary_version = vocabulary.version
    _state.pool = None  # the pool shares the index's text model
    log.info("vacancy index built: %d vacancies", len(_state.index))


def _sync_index(counters: dict) -> None:
    started = utcnow()
    since = _state.vacancies_synced_at - SYNC_MARGIN
    changed = list(Vacancy.select().where(Vacancy.updated_at >= since).order_by(Vacancy.id))
    deleted = [
        row.subject_id
        for row in AuditRecord.select(AuditRecord.subject_id).where(
            AuditRecord.action == "vacancy_deleted", AuditRecord.created_at >= since
        )
    ]
    if len(changed) > REBUILD_AFTER_CHANGES:
        _build_index(counters, _state.index_key[1])
        return
    index = _state.index
    for vacancy_id in deleted:
        index.remove(vacancy_id)
    open_rows = [v for v in changed if v.status == "open"]
    for vacancy in changed:
        if vacancy.status != "open":
            index.remove(vacancy.id)
    for profile in _vacancy_profiles(open_rows):
        index.upsert(profile)
    _state.vacancies_version = counters["vacancies"]
    _state.vacancies_synced_at = started


def vacancy_index(counters: dict | None = None) -> VacancyIndex:
    """This process's index of open vacancies, brought up to date with the database."""
    counters = counters or _counters()
    config = match_config()
    with _state.lock:
        if (
            _state.index is None
            or _state.index_key != (counters["vocabulary"], config)
            # The text model is fitted at build time: refit once the index has more than doubled.
            or len(_state.index) > 2 * _state.index.built_size + REFIT_MARGIN
        ):
            _build_index(counters, config)
        elif _state.vacancies_version != counters["vacancies"]:
            _sync_index(counters)
        return _state.index


def candidate_pool(counters: dict | None = None) -> CandidatePool:
    """Every candidate, prepared for ranking against a vacancy, kept current like the index."""
    counters = counters or _counters()
    index = vacancy_index(counters)
    with _state.lock:
        if _state.pool is None or _state.pool_index is not index:
            started = utcnow()
            candidates = list(Candidate.select().order_by(Candidate.id))
            _state.pool = CandidatePool(
                _candidate_profiles(candidates), index.vocabulary, index.config, index.text_model, index.proximity
            )
            _state.candidate_meta = {c.id: (c.organisation_id, bool(c.share_with_employers)) for c in candidates}
            _state.pool_index = index
            _state.candidates_version = counters["candidates"]
            _state.candidates_synced_at = started
        elif _state.candidates_version != counters["candidates"]:
            started = utcnow()
            since = _state.candidates_synced_at - SYNC_MARGIN
            changed = list(Candidate.select().where(Candidate.updated_at >= since).order_by(Candidate.id))
            erased = [
                row.subject_id
                for row in AuditRecord.select(AuditRecord.subject_id).where(
                    AuditRecord.action == "candidate_erased", AuditRecord.created_at >= since
                )
            ]
            for candidate_id in erased:
                _state.pool.remove(candidate_id)
                _state.candidate_meta.pop(candidate_id, None)
            for candidate, profile in zip(changed, _candidate_profiles(changed), strict=True):
                _state.pool.upsert(profile)
                _state.candidate_meta[candidate.id] = (
                    candidate.organisation_id,
                    bool(candidate.share_with_employers),
                )
            _state.candidates_version = counters["candidates"]
            _state.candidates_synced_at = started
        return _state.pool


# --- shared helpers -----------------------------------------------------------------------------


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _window(params: dict) -> tuple[int, int]:
    """(limit, offset): `page` and `offset` add up, so each alone works as usual and both together
    mean "this many results into that page" (no combination is refused)."""
    limit = params.get("limit", 20)
    return limit, ((params.get("page") or 1) - 1) * limit + (params.get("offset") or 0)


def _filters(params: dict) -> MatchFilters:
    occupation_ids = ()
    if params.get("occupation"):
        ref = params["occupation"]
        query = Occupation.select(Occupation.id)
        query = query.where(Occupation.id == int(ref)) if ref.isdigit() else query.where(Occupation.uri == ref)
        occupation_ids = tuple(o.id for o in query)
        if not occupation_ids:
            raise ValidationFailed(
                f"Unknown occupation '{ref}'.",
                errors={"query": {"occupation": ["Give an ESCO occupation URI or id."]}},
            )
    return MatchFilters(
        regions=tuple(params.get("region") or ()),
        sponsors_permit=params.get("sponsors_permit"),
        occupation_ids=occupation_ids,
        min_score=_min_score(params),
    )


def _min_score(params: dict) -> float:
    """``min_score`` (0-100) as a score in [0, 1] that keeps every result *shown* at or above it:
    scores are shown rounded to 0.1, so 63.4 must keep a score of 0.63395."""
    wanted = params.get("min_score") or 0
    return max(0.0, (wanted - 0.05) / 100) if wanted > 0 else 0.0


def _public_parameters(params: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in sorted(params.items()) if v is not None}


def _audit(action: str, subject_type: str, subject_id: int | None, params: dict, results: list[dict]) -> None:
    record_query(
        action,
        subject_type,
        subject_id,
        engine_version=ENGINE_VERSION,
        vocabulary_version=_state.vocabulary_version or vocabulary_version(),
        parameters=_public_parameters(params),
        results=results,
    )


def _skill_labels(results, lang: str) -> dict:
    """{skill_id: {"uri", "preferred_label"}} for every skill the results mention (one query pair)."""
    return skill_info({s for r in results for s in (*r.matched_skill_ids, *r.missing_essential_skill_ids)}, lang)


def _skill_list(ids, skills: dict) -> list[dict]:
    return [
        {
            "skill_id": s,
            "uri": skills.get(s, {}).get("uri"),
            "label": skills.get(s, {}).get("preferred_label"),
        }
        for s in ids
    ]


def _result_body(result, lang: str, skills: dict, occupation_label: str | None, omit=()) -> dict:
    labels = {s: info.get("preferred_label") or f"#{s}" for s, info in skills.items()}
    return {
        "score": _percent(result.score),
        "components": {name: _percent(value) for name, value in result.components.items()},
        "matched_skills": _skill_list(result.matched_skill_ids, skills),
        "missing_essential_skills": _skill_list(result.missing_essential_skill_ids, skills),
        "language_gaps": [
            {"lang": gap.lang, "required": gap.required, "have": gap.have} for gap in result.language_gaps
        ],
        "explanation": explain(
            result, lang, labels, occupation_label, omit=omit, occupation_labels=_uncertain_labels(result, lang)
        ),
    }


def _uncertain_labels(result, lang: str) -> dict:
    """Labels of the alternative or related occupations an occupation fit came from (if any)."""
    facts = result.facts
    ids = [
        (facts.get("uncertain_past_job") or {}).get("occupation_id"),
        facts.get("vacancy_alternative_id"),
        facts.get("related_occupation_id"),
    ]
    if not any(i is not None for i in ids):
        return {}
    return {oid: info.get("preferred_label") for oid, info in occupation_info(ids, lang).items()}


# --- candidate → vacancies ----------------------------------------------------------------------


def _permit_summaries(vacancies: list[Vacancy], as_of: dt.date, candidate) -> dict:
    from api.permits.service import permit_summaries

    return permit_summaries(vacancies, as_of, candidate)


def _rank_vacancies(profile: CandidateProfile, params: dict, lang: str, candidate: Candidate | None) -> dict:
    counters = _counters()
    index = vacancy_index(counters)
    as_of = params.get("as_of") or dt.date.today()
    limit, offset = _window(params)
    filters = _filters(params)
    # The index is shared by this process's threads; updates and reads take the same lock.
    with _state.lock:
        prepared = index.prepare(profile)
        ids, scores, evidence = index.scores_with_evidence(prepared, as_of, filters)
    needs_permit_filter = bool(params.get("shortage_only") or params.get("permit_verdict"))

    if not needs_permit_filter:
        order = top_k_order(ids, scores, offset + limit, evidence)[offset:]
        chosen = [int(ids[i]) for i in order]
        score_of = {int(ids[i]): float(scores[i]) for i in order}
        total = len(ids)
        rows = {v.id: v for v in Vacancy.select().where(Vacancy.id.in_(chosen))} if chosen else {}
        permits = _permit_summaries([rows[i] for i in chosen if i in rows], as_of, candidate)
        truncated = False
    else:
        chosen, permits, rows, truncated, score_of = _permit_filtered(
            ids, scores, evidence, offset + limit, params, as_of, candidate
        )
        chosen = chosen[offset:]
        total = None  # unknown without assessing every vacancy

    with _state.lock:
        results = index.explain(prepared, chosen, as_of)
    # The index's own score is the ranked one; the explanation carries the same components.
    skills = _skill_labels(results, lang)
    occupations = occupation_info([rows[r.vacancy_id].occupation_id for r in results if r.vacancy_id in rows], lang)
    items = []
    for result in results:
        vacancy = rows.get(result.vacancy_id)
        if vacancy is None:  # deleted between the ranking and this read
            continue
        occupation = occupations.get(vacancy.occupation_id, {})
        body = _result_body(result, lang, skills, occupation.get("preferred_label"))
        body["score"] = _percent(score_of.get(result.vacancy_id, result.score))
        items.append(
            {
                "vacancy_id": vacancy.id,
                "title": vacancy.title,
                "region": vacancy.region,
                "postcode": vacancy.postcode,
                "occupation": {
                    "id": vacancy.occupation_id,
                    "uri": vacancy.occupation_uri,
                    "label": occupation.get("preferred_label"),
                }
                if vacancy.occupation_id
                else None,
                "start_date": vacancy.start_date,
                "sponsors_permit": vacancy.sponsors_permit,
                **body,
                "permit": permits.get(vacancy.id),
            }
        )
    return {
        "engine_version": ENGINE_VERSION,
        "vocabulary_version": _state.vocabulary_version,
        "as_of": as_of,
        "language": lang,
        "items": items,
        "limit": limit,
        "offset": offset,
        "total": total,
        "scan_truncated": truncated,
    }


def _permit_filtered(ids, scores, evidence, wanted: int, params: dict, as_of: dt.date, candidate):
    """Walk the ranking in windows, keeping vacancies that pass the shortage/verdict filters."""
    order = top_k_order(ids, scores, min(len(ids), PERMIT_SCAN_CAP), evidence)
    kept, permits, rows, score_of = [], {}, {}, {}
    shortage_cache: dict = {}
    for start in range(0, len(order), PERMIT_WINDOW):
        positions = order[start : start + PERMIT_WINDOW]
        window = [int(ids[i]) for i in positions]
        window_scores = {int(ids[i]): float(scores[i]) for i in positions}
        batch = {v.id: v for v in Vacancy.select().where(Vacancy.id.in_(window))}
        summaries = _permit_summaries(list(batch.values()), as_of, candidate)
        for vid in window:
            vacancy = batch.get(vid)
            if vacancy is None:
                continue
            if params.get("shortage_only"):
                key = (vacancy.occupation_uri, vacancy.region)
                if key not in shortage_cache:
                    shortage_cache[key] = bool(vacancy.occupation_uri) and bool(
                        shortage_lists(vacancy.occupation_uri, vacancy.region, as_of)
                    )
                if not shortage_cache[key]:
                    continue
            if params.get("permit_verdict") and summaries.get(vid, {}).get("verdict") != params["permit_verdict"]:
                continue
            kept.append(vid)
            permits[vid] = summaries.get(vid)
            rows[vid] = vacancy
            score_of[vid] = window_scores[vid]
            if len(kept) >= wanted:
                return kept, permits, rows, False, score_of
    return kept, permits, rows, len(order) < len(ids), score_of


def rank_for_candidate(candidate_id: int, params: dict, lang: str) -> dict:
    """Open vacancies ranked for one of the caller's candidates (admin: any candidate)."""
    from api.candidates.service import get_owned_candidate

    candidate = get_owned_candidate(candidate_id)
    profile = _candidate_profiles([candidate])[0]
    body = _rank_vacancies(profile, params, lang, candidate)
    body["candidate_id"] = candidate.id
    _audit(
        "match_query",
        "candidate",
        candidate.id,
        params,
        [{"id": item["vacancy_id"], "score": item["score"]} for item in body["items"]],
    )
    return body


def preview(data: dict, params: dict, lang: str) -> dict:
    """Rank open vacancies for an unsaved profile; nothing is stored except the audit record."""
    profile, unmatched = _preview_profile(data, lang)
    body = _rank_vacancies(profile, params, lang, None)
    body["normalised_skills"] = unmatched["normalised"]
    body["unmatched_skill_texts"] = list(profile.skill_texts)
    _audit(
        "match_preview",
        "preview",
        None,
        {**params, "profile_fields": sorted(k for k in data if data[k])},
        [{"id": item["vacancy_id"], "score": item["score"]} for item in body["items"]],
    )
    return body


def _preview_profile(data: dict, lang: str) -> tuple[CandidateProfile, dict]:
    from api.vacancies.common import normalise_occupation
    from api.vacancies.service import engine_alternatives
    from services import taxonomy

    skill_ids, texts, normalised = [], [], []
    known = {}
    uris = [s["uri"] for s in data.get("skills", []) if s.get("uri")]
    if uris:
        from models.taxonomy import Skill

        known = dict(Skill.select(Skill.uri, Skill.id).where(Skill.uri.in_(uris)).tuples())
    for item in data.get("skills", []):
        if item.get("uri"):
            if item["uri"] not in known:
                raise ValidationFailed(
                    f"Unknown ESCO skill '{item['uri']}'.",
                    errors={"json": {"skills": [f"Unknown skill URI {item['uri']}."]}},
                )
            skill_ids.append(known[item["uri"]])
            continue
        text = (item.get("text") or "").strip()
        if not text:
            continue
        hits = taxonomy.search_skills(text, None, 1)
        if hits and hits[0]["score"] >= taxonomy.SKILL_MIN_CONFIDENCE:
            skill_ids.append(hits[0]["skill_id"])
            normalised.append(
                {
                    "text": text,
                    "skill_id": hits[0]["skill_id"],
                    "uri": hits[0]["uri"],
                    "label": hits[0]["preferred_label"],
                    "score": hits[0]["score"],
                }
            )
        else:
            texts.append(text)
    experiences = []
    occ_uris = [e["occupation_uri"] for e in data.get("experiences", []) if e.get("occupation_uri")]
    occupations = {o.uri: o for o in Occupation.select().where(Occupation.uri.in_(occ_uris))} if occ_uris else {}
    for item in data.get("experiences", []):
        occupation, score, alternatives = None, None, []
        if item.get("occupation_uri"):
            occupation = occupations.get(item["occupation_uri"])
            if occupation is None:
                raise ValidationFailed(
                    f"Unknown ESCO occupation '{item['occupation_uri']}'.",
                    errors={"json": {"experiences": ["Unknown occupation URI."]}},
                )
        elif item.get("title"):
            # Exactly as a saved past job is normalised and stored: best hit, score, alternatives.
            found = normalise_occupation(item["title"], None)
            if found["occupation_id"] is not None:
                occupation = Occupation.get_or_none(Occupation.id == found["occupation_id"])
                score = found["occupation_score"]
                alternatives = engine_alternatives([found["occupation_alternatives"]])[0]
        experiences.append(
            {
                "occupation_id": occupation.id if occupation else None,
                "isco_code": occupation.isco_code if occupation else None,
                "occupation_score": score,
                "occupation_source": "manual" if item.get("occupation_uri") else "auto",
                "occupation_alternatives": alternatives,
                "years": item.get("years"),
                "title": item.get("title") or "",
            }
        )
    profile = CandidateProfile.from_mapping(
        {
            "skill_ids": skill_ids,
            "skill_texts": texts,
            "experiences": experiences,
            "languages": data.get("languages") or {},
            "education_eqf": data.get("education_eqf"),
            "diploma_recognition": data.get("diploma_recognition") or "unknown",
            "preferred_regions": data.get("preferred_regions") or [],
            "available_from": data.get("available_from"),
        }
    )
    return profile, {"normalised": normalised}


# --- vacancy → candidates -----------------------------------------------------------------------


def _reference_secret() -> bytes:
    secret = current_app.config.get("MATCH_REFERENCE_SECRET") or current_app.config.get("SECRET_KEY")
    if not secret:
        secret = current_app.config.setdefault("_MATCH_REFERENCE_FALLBACK", secrets.token_hex(32))
        log.warning("no SECRET_KEY configured: employer match references change when the process restarts")
    return secret.encode() if isinstance(secret, str) else secret


def anonymous_reference(vacancy_id: int, candidate_id: int) -> str:
    """Opaque, stable per (vacancy, candidate), different across vacancies: no cross-vacancy tracking."""
    digest = hmac.new(_reference_secret(), f"match:{vacancy_id}:{candidate_id}".encode(), hashlib.sha256)
    return "m_" + digest.hexdigest()[:20]


def rank_for_vacancy(vacancy_id: int, params: dict, lang: str) -> dict:
    """Candidates ranked for a vacancy: employers see shared, anonymised profiles; coaches their own."""
    from api.vacancies.service import get_visible_vacancy

    vacancy = get_visible_vacancy(vacancy_id)
    counters = _counters()
    pool = candidate_pool(counters)
    index = _state.index
    as_of = params.get("as_of") or dt.date.today()
    limit, offset = _window(params)
    profile = _vacancy_profiles([vacancy])[0]
    role = g.role
    meta = _state.candidate_meta
    if role == "employer":
        allowed = [cid for cid, (_, shares) in meta.items() if shares]
    elif is_admin():
        allowed = list(meta)
    else:
        allowed = [cid for cid, (org, _) in meta.items() if org == g.organisation.id]
    filters = MatchFilters(min_score=_min_score(params))
    with _state.lock:
        page = pool.rank(profile, as_of=as_of, top_k=limit, offset=offset, candidate_ids=allowed, filters=filters)
    skills = _skill_labels(page.results, lang)
    occupation = occupation_info([vacancy.occupation_id], lang).get(vacancy.occupation_id, {})
    candidate_ids = [r.candidate_id for r in page.results]
    items = []
    if role == "employer":
        own_skills, languages = _shared_profile_facts(candidate_ids, lang)
        for result in page.results:
            # Employers are not told about diploma recognition, nor shown the coach's free-text job titles.
            body = _result_body(
                result, lang, skills, occupation.get("preferred_label"), omit=("education", "past_job_titles")
            )
            body["components"].pop("education", None)
            items.append(
                {
                    "reference": anonymous_reference(vacancy.id, result.candidate_id),
                    **body,
                    "skills": own_skills.get(result.candidate_id, []),
                    "languages": languages.get(result.candidate_id, {}),
                }
            )
    else:
        rows = {c.id: c for c in Candidate.select().where(Candidate.id.in_(candidate_ids))} if candidate_ids else {}
        for result in page.results:
            candidate = rows.get(result.candidate_id)
            if candidate is None:
                continue
            # The permit summary for this vacancy with this candidate's facts (coaches only: for an
            # employer it would reveal the candidate's residence situation).
            permit = _permit_summaries([vacancy], as_of, candidate).get(vacancy.id)
            items.append(
                {
                    "candidate_id": candidate.id,
                    "external_id": candidate.external_id,
                    "reference": candidate.reference,
                    **_result_body(result, lang, skills, occupation.get("preferred_label")),
                    "permit": permit,
                }
            )
    _audit(
        "match_query",
        "vacancy",
        vacancy.id,
        params,
        [{"id": r.candidate_id, "score": _percent(r.score)} for r in page.results],
    )
    return {
        "vacancy_id": vacancy.id,
        "engine_version": ENGINE_VERSION,
        "vocabulary_version": _state.vocabulary_version,
        "as_of": as_of,
        "language": lang,
        "items": items,
        "limit": limit,
        "offset": offset,
        "total": page.total,
        "index_size": len(index) if index else 0,
    }


def _shared_profile_facts(candidate_ids: list[int], lang: str) -> tuple[dict, dict]:
    """The skills (labels) and languages of shared candidates: nothing that identifies them."""
    from models.candidate import CandidateLanguage, CandidateSkill

    if not candidate_ids:
        return {}, {}
    rows = list(
        CandidateSkill.select(CandidateSkill.candidate, CandidateSkill.skill)
        .where(CandidateSkill.candidate.in_(candidate_ids), CandidateSkill.skill.is_null(False))
        .order_by(CandidateSkill.id)
        .tuples()
    )
    info = skill_info([s for _, s in rows], lang)
    skills: dict[int, list] = defaultdict(list)
    for cid, sid in rows:
        skills[cid].append(
            {
                "skill_id": sid,
                "uri": info.get(sid, {}).get("uri"),
                "label": info.get(sid, {}).get("preferred_label"),
            }
        )
    languages: dict[int, dict] = defaultdict(dict)
    for cid, code, level in (
        CandidateLanguage.select(CandidateLanguage.candidate, CandidateLanguage.lang, CandidateLanguage.level)
        .where(CandidateLanguage.candidate.in_(candidate_ids))
        .tuples()
    ):
        languages[cid][code] = level
    return skills, languages


# --- match feed ---------------------------------------------------------------------------------


def _feed_settings() -> tuple[float, float, int]:
    config = current_app.config
    return (
        float(config.get("MATCH_EVENT_THRESHOLD", DEFAULT_EVENT_THRESHOLD)),
        float(config.get("MATCH_EVENT_MIN_CHANGE", DEFAULT_EVENT_MIN_CHANGE)),
        int(config.get("MATCH_EVENT_MAX_PER_CANDIDATE", DEFAULT_EVENT_MAX_PER_CANDIDATE)),
    )


def refresh_feed(organisation_id: int) -> int:
    """Bring an organisation's feed up to date; returns the number of events written.

    Lazy, on poll: nothing happens unless the vacancies or candidates counters (or the engine)
    moved since the organisation's last refresh. Then each of its candidates is ranked (top
    ``MATCH_EVENT_MAX_PER_CANDIDATE`` at or above ``MATCH_EVENT_THRESHOLD``) and compared with the
    snapshot of what the feed last reported: a pair not in it is a *new* match, a score that moved
    by at least ``MATCH_EVENT_MIN_CHANGE`` points a *changed* one.
    """
    threshold, min_change, per_candidate = _feed_settings()
    counters = _counters()
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
    index = vacancy_index(counters)
    as_of = started.date()
    candidates = list(Candidate.select().where(Candidate.organisation == organisation_id).order_by(Candidate.id))
    snapshot: dict[int, dict[int, MatchSnapshot]] = defaultdict(dict)
    for row in MatchSnapshot.select().where(MatchSnapshot.organisation == organisation_id):
        snapshot[row.candidate_id][row.vacancy_id] = row
    current: dict[int, dict[int, float]] = {}
    filters = MatchFilters(min_score=threshold / 100)
    for candidate, profile in zip(candidates, _candidate_profiles(candidates), strict=True):
        with _state.lock:
            page = index.rank(profile, as_of=as_of, top_k=per_candidate, filters=filters, explain=False)
        current[candidate.id] = {r.vacancy_id: _percent(r.score) for r in page.results}
    involved = {vid for scores in current.values() for vid in scores}
    vacancies = {
        v.id: v
        for chunk in _chunks(sorted(involved))
        for v in Vacancy.select(Vacancy.id, Vacancy.created_at, Vacancy.updated_at).where(Vacancy.id.in_(chunk))
    }
    first_poll = state.refreshed_at is None
    since = state.refreshed_at or started
    events, new_rows, changed_rows, dropped = [], [], [], []
    for candidate in candidates:
        before = snapshot.get(candidate.id, {})
        now = current.get(candidate.id, {})
        for vid, score in now.items():
            vacancy = vacancies.get(vid)
            if vacancy is None:
                continue
            previous = before.get(vid)
            if previous is not None and abs(previous.score - score) < min_change:
                continue
            events.append(
                {
                    "organisation": organisation_id,
                    "candidate": candidate.id,
                    "vacancy": vid,
                    "kind": "new" if previous is None else "changed",
                    "reason": _reason(first_poll, since, vacancy, candidate, previous),
                    "score": score,
                    "previous_score": previous.score if previous else None,
                    "engine_version": ENGINE_VERSION,
                    "created_at": started,
                }
            )
            if previous is None:
                new_rows.append(
                    {
                        "organisation": organisation_id,
                        "candidate": candidate.id,
                        "vacancy": vid,
                        "score": score,
                        "updated_at": started,
                    }
                )
            else:
                changed_rows.append((previous.id, score))
        dropped += [row.id for vid, row in before.items() if vid not in now]
    with db.atomic():
        # Compare-and-set on the feed state: the first statement also takes the write lock.
        unchanged = (
            MatchFeedState.refreshed_at.is_null() if first_poll else (MatchFeedState.refreshed_at == state.refreshed_at)
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
        for chunk in _chunks(dropped, 500):
            MatchSnapshot.delete().where(MatchSnapshot.id.in_(chunk)).execute()
        for row_id, score in changed_rows:
            MatchSnapshot.update(score=score, updated_at=started).where(MatchSnapshot.id == row_id).execute()
        for chunk in _chunks(new_rows, 500):
            MatchSnapshot.insert_many(chunk).execute()
        for chunk in _chunks(events, 500):
            MatchEvent.insert_many(chunk).execute()
    return len(events)


def _reason(first_poll: bool, since: dt.datetime, vacancy: Vacancy, candidate: Candidate, previous) -> str:
    if first_poll:
        return "first_poll"
    if vacancy.created_at >= since - SYNC_MARGIN and previous is None and vacancy.created_at >= candidate.updated_at:
        return "new_vacancy"
    if candidate.updated_at >= since and candidate.updated_at >= vacancy.updated_at:
        return "candidate_changed"
    if vacancy.updated_at >= since:
        return "vacancy_changed"
    return "rescored"


def list_match_events(since: int, limit: int) -> dict:
    """Events after the cursor for the caller's organisation, oldest first."""
    if g.role not in ("coach", "integration"):
        raise ForbiddenError("The match feed is for the organisations that hold candidates.")
    refresh_feed(g.organisation.id)
    rows = list(
        MatchEvent.select(
            MatchEvent, Candidate.id, Candidate.external_id, Candidate.reference, Vacancy.id, Vacancy.title
        )
        .join(Candidate, on=(MatchEvent.candidate == Candidate.id))
        .switch(MatchEvent)
        .join(Vacancy, on=(MatchEvent.vacancy == Vacancy.id))
        .where(MatchEvent.organisation == g.organisation.id, MatchEvent.id > since)
        .order_by(MatchEvent.id)
        .limit(limit + 1)
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {
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
        for e in rows
    ]
    next_cursor = rows[-1].id if rows else since
    _audit(
        "match_events",
        "feed",
        None,
        {"since": since, "limit": limit},
        [
            {
                "id": e["vacancy_id"],
                "candidate": e["candidate_id"],
                "score": e["score"],
                "event": e["event_id"],
            }
            for e in items
        ],
    )
    return {"items": items, "next_cursor": next_cursor, "has_more": has_more}
