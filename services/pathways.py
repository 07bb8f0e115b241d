"""Pathways for a candidate and a coaching organisation's overview: data access, cache and audit.

The engine (``matching.pathways``) is pure; this module reads what it needs. The market (every
occupation, the per-(occupation, region) aggregates of open vacancies, every shortage list) is
built once per process and rebuilt when the ``vocabulary``, ``vacancies`` or ``permit_reference``
counter moves. Every query writes an ``AuditRecord`` like a match query (subject: the candidate's
internal id; engine version ``PATHWAYS_VERSION``), so erasing a candidate erases it too.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from peewee import fn

from matching.pathways import (
    PATHWAYS_VERSION,
    REGION_LANGUAGES,
    Demand,
    Occupation,
    PathwayMarket,
    Person,
    rank_pathways,
    render,
)
from matching.pathways import overview as engine_overview
from matching.pathways.overview import shown
from matching.permits import CandidateFacts, InvalidFacts
from models.base import db
from models.cache_version import current_counters
from models.candidate import CandidateExperience, CandidateLanguage, CandidateSkill
from models.errors import ForbiddenError, ValidationFailed
from models.taxonomy import Occupation as OccupationRow
from models.taxonomy import OccupationLabel, OccupationSkill
from models.vacancy import Vacancy, VacancyLanguage
from services.actor import Actor
from services.cache import VersionedCache
from services.matches.audit import record_query
from services.matches.index_state import candidate_state
from services.matches.profiles import CandidateRecord
from services.matches.vocabulary import labels
from services.permits import snapshot as current_permit_snapshot
from services.taxonomy import vocabulary_version

COUNTERS = ("vocabulary", "vacancies", "permit_reference")
DEMAND_MAX_LAG_SECONDS = 60
PROFILE_CHUNK = 2000  # candidates read per batch of IN (...) queries (SQLite caps bound variables)


# --- the market, per process --------------------------------------------------------------------


def _occupations() -> list[Occupation]:
    labels = dict(
        OccupationLabel.select(OccupationLabel.occupation, OccupationLabel.text)
        .where(OccupationLabel.lang == "en", OccupationLabel.kind == "preferred")
        .tuples()
    )
    relations: dict[int, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for occupation_id, skill_id, relation in OccupationSkill.select(
        OccupationSkill.occupation, OccupationSkill.skill, OccupationSkill.relation
    ).tuples():
        relations[occupation_id][0 if relation == "essential" else 1].add(skill_id)
    out = []
    for occupation_id, uri, isco in OccupationRow.select(
        OccupationRow.id, OccupationRow.uri, OccupationRow.isco_code
    ).tuples():
        essential, optional = relations.get(occupation_id, (set(), set()))
        out.append(
            Occupation(occupation_id, uri, labels.get(occupation_id) or uri, isco, frozenset(essential),
                       frozenset(optional - essential))
        )
    return out


def _demand(today: dt.date) -> list[Demand]:
    """Open vacancies (not expired today) per (occupation, region), aggregated by the database:
    counts, the salaries (for the median), and how many state each CEFR level and minimum EQF."""
    is_open = (Vacancy.status == "open") & (Vacancy.occupation.is_null(False)) & (
        Vacancy.valid_through.is_null() | (Vacancy.valid_through >= today)
    )
    key = (Vacancy.occupation, Vacancy.region)
    counts = {(o, r): n for o, r, n in db.execute(Vacancy.select(*key, fn.COUNT(Vacancy.id)).where(is_open)
                                                  .group_by(*key))}
    salaries: dict[tuple, list] = defaultdict(list)
    for occupation_id, region, salary in db.execute(
        Vacancy.select(*key, Vacancy.salary_annual_eur).where(is_open, Vacancy.salary_annual_eur.is_null(False))
    ):
        salaries[(occupation_id, region)].append(salary)
    languages: dict[tuple, dict] = defaultdict(lambda: defaultdict(dict))
    for occupation_id, region, lang, level, n in db.execute(
        VacancyLanguage.select(*key, VacancyLanguage.lang, VacancyLanguage.level, fn.COUNT(VacancyLanguage.id))
        .join(Vacancy, on=(VacancyLanguage.vacancy == Vacancy.id))
        .where(is_open)
        .group_by(*key, VacancyLanguage.lang, VacancyLanguage.level)
    ):
        languages[(occupation_id, region)][lang][level] = n
    eqfs: dict[tuple, dict] = defaultdict(dict)
    for occupation_id, region, eqf, n in db.execute(
        Vacancy.select(*key, Vacancy.min_education_eqf, fn.COUNT(Vacancy.id))
        .where(is_open, Vacancy.min_education_eqf.is_null(False))
        .group_by(*key, Vacancy.min_education_eqf)
    ):
        eqfs[(occupation_id, region)][eqf] = n
    return [
        Demand.from_counts(occ, region, n, salaries.get((occ, region), ()), languages.get((occ, region)),
                           eqfs.get((occ, region)))
        for (occ, region), n in counts.items()
    ]


class _Market:
    """The market, the day it was built for, and the vacancies counter and time it was built at."""

    def __init__(self):
        self.day = dt.date.today()
        self.vacancies = current_counters()["vacancies"]
        self.built_at = time.monotonic()
        self.market = PathwayMarket(
            _occupations(), _demand(self.day), current_permit_snapshot().all_lists(),
            version=vocabulary_version(),
        )


def _keep_while_only_vacancies_moved(value: _Market, before: dict, now: dict) -> _Market | None:
    """A vocabulary or permit reference change rebuilds at once; a vacancies change is left to `market()`."""
    same = all(before.get(name) == now[name] for name in ("vocabulary", "permit_reference"))
    return value if same else None


_cache = VersionedCache(
    "pathways_market", ("vocabulary", "vacancies", "permit_reference"), build=_Market,
    update=_keep_while_only_vacancies_moved,
)


def market(max_lag: float = DEMAND_MAX_LAG_SECONDS) -> PathwayMarket:
    """The market of this process. Rebuilt at once when the vocabulary, the permit reference data or
    the date change; when only vacancies changed, at most every `max_lag` seconds (app config
    ``PATHWAYS_DEMAND_MAX_LAG``): a busy job board moves the vacancies counter many times a minute,
    and counts and medians of thousands of vacancies do not need every write at once."""
    value = _cache.get()
    stale = value.vacancies != current_counters()["vacancies"] and time.monotonic() - value.built_at >= max_lag
    if stale or value.day != dt.date.today():
        _cache.clear()
        value = _cache.get()
    return value.market


# --- people --------------------------------------------------------------------------------------


def _people(candidates: list[CandidateRecord]) -> list[Person]:
    """What reach reads of each candidate, in three tuple queries per chunk: ESCO skills, the ESCO
    occupations of past jobs and CEFR levels. Deliberately nothing from CandidatePermitFacts."""
    out = []
    for start in range(0, len(candidates), PROFILE_CHUNK):
        chunk = candidates[start : start + PROFILE_CHUNK]
        ids = [c.id for c in chunk]
        skills: dict[int, list] = defaultdict(list)
        for candidate_id, skill_id in db.execute(
            CandidateSkill.select(CandidateSkill.candidate, CandidateSkill.skill).where(
                CandidateSkill.candidate.in_(ids), CandidateSkill.skill.is_null(False)
            )
        ):
            skills[candidate_id].append(skill_id)
        jobs: dict[int, list] = defaultdict(list)
        for candidate_id, occupation_id in db.execute(
            CandidateExperience.select(CandidateExperience.candidate, CandidateExperience.occupation)
            .where(CandidateExperience.candidate.in_(ids), CandidateExperience.occupation.is_null(False))
            .order_by(CandidateExperience.id)
        ):
            jobs[candidate_id].append({"occupation_id": occupation_id})
        languages: dict[int, dict] = defaultdict(dict)
        for candidate_id, lang, level in db.execute(
            CandidateLanguage.select(CandidateLanguage.candidate, CandidateLanguage.lang, CandidateLanguage.level)
            .where(CandidateLanguage.candidate.in_(ids))
        ):
            languages[candidate_id][lang] = level
        out += [
            Person.from_profile(
                {
                    "skills": skills.get(c.id, ()),
                    "experiences": jobs.get(c.id, ()),
                    "languages": languages.get(c.id, {}),
                    "education_eqf": c.education_eqf,
                    "diploma_recognition": c.diploma_recognition,
                }
            )
            for c in chunk
        ]
    return out


def _permit_facts(candidate: CandidateRecord) -> CandidateFacts | None:
    try:
        return CandidateFacts.from_dict(candidate.permit_facts)
    except InvalidFacts:
        return None  # the outlook then reads like one for an unknown person


def _regions(requested, candidate: CandidateRecord | None) -> tuple[str, ...]:
    if requested:
        return tuple(dict.fromkeys(requested))
    preferred = [r for r in (candidate.preferred_regions.split(",") if candidate else []) if r in REGION_LANGUAGES]
    return tuple(preferred) or tuple(REGION_LANGUAGES)


# --- candidate pathways --------------------------------------------------------------------------


def _skills(ids, info: dict) -> list[dict]:
    return [
        {"skill_id": s, "uri": info.get(s, {}).get("uri"), "label": info.get(s, {}).get("preferred_label")}
        for s in ids
    ]


def _labelled(pathway: dict, lang: str, skills: dict, occupations: dict) -> dict:
    """Rendered pathway with the occupation's, past job's and skills' labels in ``lang``."""
    labels = {s: info.get("preferred_label") for s, info in skills.items()}
    occupation_labels = {o: info.get("preferred_label") for o, info in occupations.items()}
    out = render(pathway, lang, labels, occupation_labels)
    occupation = pathway["occupation"]
    out["occupation"] = {**occupation, "label": occupation_labels.get(occupation["id"])}
    past = pathway["proximity"]["past_occupation_id"]
    out["proximity"] = {**pathway["proximity"], "past_occupation_label": occupation_labels.get(past)}
    skill_part = pathway["skills"]
    out["skills"] = {
        "matched_essential": _skills(skill_part["matched_essential_ids"], skills),
        "missing_essential": _skills(skill_part["missing_essential_ids"], skills),
        "essential_total": skill_part["essential_total"],
        "optional_held": skill_part["optional_held"],
        "optional_total": skill_part["optional_total"],
    }
    gaps = []
    for gap in out["gaps"]:
        gap = dict(gap)
        if "skill_ids" in gap:
            gap["skills"] = _skills(gap.pop("skill_ids"), skills)
        gaps.append(gap)
    out["gaps"] = gaps
    return out


def pathways_for_candidate(
    actor: Actor, candidate_id: int, params: dict, lang: str, max_lag: float = DEMAND_MAX_LAG_SECONDS
) -> dict:
    candidate, _ = candidate_state().owned(actor, candidate_id)
    as_of = params.get("as_of") or dt.date.today()
    limit = params.get("limit", 20)
    regions = _regions(params.get("region"), candidate)
    current = market(max_lag)
    permit_snapshot = current_permit_snapshot()
    day = current.day(as_of, permit_snapshot)
    person = _people([candidate])[0]
    found = rank_pathways(current, day, person, _permit_facts(candidate), permit_snapshot, regions, limit)
    skill_ids = {
        s for p in found for s in (*p["skills"]["matched_essential_ids"], *p["skills"]["missing_essential_ids"])
    }
    occupation_ids = {p["occupation"]["id"] for p in found} | {
        p["proximity"]["past_occupation_id"] for p in found if p["proximity"]["past_occupation_id"] is not None
    }
    skills = labels().skill_info(skill_ids, lang)
    occupations = labels().occupation_info(occupation_ids, lang)
    items = [_labelled(p, lang, skills, occupations) for p in found]
    _audit(
        actor,
        "pathway_query",
        "candidate",
        candidate.id,
        {"region": list(regions), "as_of": as_of.isoformat(), "limit": limit},
        [{"occupation": p["occupation"]["uri"], "region": p["region"], "reach": p["reach"]} for p in found],
        current.version,
    )
    return {
        "candidate_id": candidate.id,
        "engine_version": PATHWAYS_VERSION,
        "vocabulary_version": current.version,
        "as_of": as_of,
        "language": lang,
        "regions": list(regions),
        "items": items,
        "limit": limit,
    }


# --- organisation overview -----------------------------------------------------------------------


def organisation_overview(
    actor: Actor, params: dict, lang: str, max_lag: float = DEMAND_MAX_LAG_SECONDS
) -> dict:
    if actor.role == "employer":
        raise ForbiddenError("The pathways overview is for organisations that hold candidates.")
    if actor.is_admin and params.get("organisation") is None:
        organisation_id = actor.organisation_id
    elif params.get("organisation") is not None and not actor.is_admin:
        raise ValidationFailed(
            "Only administrators may choose the organisation.",
            errors={"query": {"organisation": ["Only for administrators."]}},
        )
    else:
        organisation_id = params.get("organisation") or actor.organisation_id
    as_of = params.get("as_of") or dt.date.today()
    regions = _regions(params.get("region"), None)
    current = market(max_lag)
    permit_snapshot = current_permit_snapshot()
    day = current.day(as_of, permit_snapshot)
    candidates = candidate_state().of_organisation(organisation_id)
    threshold = current.config.reach_threshold
    rows = engine_overview(current, day, _people(candidates), regions, threshold=threshold)
    page, page_size = params.get("page", 1), params.get("page_size", 20)
    total = len(rows)
    chosen = rows[(page - 1) * page_size : page * page_size]
    occupations = labels().occupation_info({r["occupation"]["id"] for r in chosen}, lang)
    skills = labels().skill_info({g_["skill_id"] for r in chosen for g_ in r["top_skill_gaps"]}, lang)
    items = []
    for row in chosen:
        info = occupations.get(row["occupation"]["id"], {})
        items.append(
            {
                **row,
                "occupation": {**row["occupation"], "label": info.get("preferred_label")},
                "top_skill_gaps": [
                    {**gap, "uri": skills.get(gap["skill_id"], {}).get("uri"),
                     "label": skills.get(gap["skill_id"], {}).get("preferred_label")}
                    for gap in row["top_skill_gaps"]
                ],
            }
        )
    _audit(
        actor,
        "pathway_overview",
        "organisation",
        organisation_id,
        {"region": list(regions), "as_of": as_of.isoformat(), "page": page, "page_size": page_size},
        [{"occupation": r["occupation"]["uri"], "region": r["region"], "within_reach": r["within_reach"]}
         for r in chosen],
        current.version,
    )
    return {
        "engine_version": PATHWAYS_VERSION,
        "as_of": as_of,
        "language": lang,
        "regions": list(regions),
        "reach_threshold": threshold,
        "candidates_counted": shown(len(candidates)),
        "items": items,
        "page": page,
        "page_size": page_size,
        "total": total,
        "total_pages": (total + page_size - 1) // page_size,
    }


def _audit(
    actor: Actor,
    action: str, subject_type: str, subject_id: int | None, params: dict, results: list[dict], version: str
) -> None:
    record_query(
        actor,
        action,
        subject_type,
        subject_id,
        engine_version=PATHWAYS_VERSION,
        vocabulary_version=version,
        parameters=params,
        results=results,
    )
