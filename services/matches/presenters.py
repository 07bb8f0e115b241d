"""Match results as response dicts: scores in percent, labelled skills, explanations, permit summaries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from matching.engine import explain
from matching.permits import CandidateFacts, InvalidFacts, VacancyFacts
from matching.permits import summarise as engine_summarise
from models.candidate import CandidateLanguage, CandidateSkill
from models.errors import ValidationFailed
from services.permits import snapshot as permit_snapshot
from services.permits import vacancy_permit_facts

from .profiles import VacancyRecord
from .vocabulary import Labels


def percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def skill_list(ids, skills: dict) -> list[dict]:
    return [
        {"skill_id": s, "uri": skills.get(s, {}).get("uri"), "label": skills.get(s, {}).get("preferred_label")}
        for s in ids
    ]


def result_skills(results, labels: Labels, lang: str) -> dict:
    """{skill_id: {"uri", "preferred_label"}} for every skill the results mention."""
    return labels.skill_info({s for r in results for s in (*r.matched_skill_ids, *r.missing_essential_skill_ids)}, lang)


def result_body(result, lang: str, skills: dict, occupation_label: str | None, labels: Labels, omit=()) -> dict:
    names = {s: info.get("preferred_label") or f"#{s}" for s, info in skills.items()}
    return {
        "score": percent(result.score),
        "components": {name: percent(value) for name, value in result.components.items()},
        "matched_skills": skill_list(result.matched_skill_ids, skills),
        "missing_essential_skills": skill_list(result.missing_essential_skill_ids, skills),
        "language_gaps": [
            {"lang": gap.lang, "required": gap.required, "have": gap.have} for gap in result.language_gaps
        ],
        "explanation": explain(
            result, lang, names, occupation_label, omit=omit,
            occupation_labels=_uncertain_labels(result, lang, labels),
        ),
    }


def _uncertain_labels(result, lang: str, labels: Labels) -> dict:
    """Labels of the alternative or related occupations an occupation fit came from (if any)."""
    facts = result.facts
    ids = [
        (facts.get("uncertain_past_job") or {}).get("occupation_id"),
        facts.get("vacancy_alternative_id"),
        facts.get("related_occupation_id"),
    ]
    if not any(i is not None for i in ids):
        return {}
    return {oid: info.get("preferred_label") for oid, info in labels.occupation_info(ids, lang).items()}


def vacancy_item(vacancy: VacancyRecord, body: dict, occupation_label: str | None, permit: dict | None) -> dict:
    return {
        "vacancy_id": vacancy.id,
        "title": vacancy.title,
        "region": vacancy.region,
        "postcode": vacancy.postcode,
        "occupation": {"id": vacancy.occupation_id, "uri": vacancy.occupation_uri, "label": occupation_label}
        if vacancy.occupation_id
        else None,
        "start_date": vacancy.start_date,
        "sponsors_permit": vacancy.sponsors_permit,
        **body,
        "permit": permit,
    }


def candidate_facts(facts: dict | None) -> CandidateFacts | None:
    if facts is None:
        return None
    try:
        return CandidateFacts.from_dict(facts)
    except InvalidFacts as exc:
        raise ValidationFailed(str(exc), errors={"candidate": [str(exc)]}) from exc


def permit_summaries(vacancies, as_of: dt.date, facts: dict | None, labels: Labels) -> dict:
    """{vacancy_id: {"verdict", "best_route"}} as `services.permits.permit_summaries`, with the
    ISCO codes from memory (no query)."""
    snapshot = permit_snapshot()
    candidate = candidate_facts(facts)
    out = {}
    for vacancy in vacancies:
        data = vacancy_permit_facts(vacancy)
        if not data.get("occupation_isco") and data.get("occupation_uri"):
            data = {**data, "occupation_isco": labels.isco.get(labels.occupation_by_uri.get(data["occupation_uri"]))}
        try:
            vacancy_facts = VacancyFacts.from_dict(data)
        except InvalidFacts:
            out[vacancy.id] = {"verdict": "not_supportive", "best_route": None}
            continue
        out[vacancy.id] = engine_summarise(snapshot, vacancy_facts, candidate, as_of)
    return out


def shared_profile_facts(candidate_ids: list[int], lang: str, labels: Labels) -> tuple[dict, dict]:
    """The skills (labels) and languages of shared candidates: nothing that identifies them."""
    if not candidate_ids:
        return {}, {}
    rows = list(
        CandidateSkill.select(CandidateSkill.candidate, CandidateSkill.skill)
        .where(CandidateSkill.candidate.in_(candidate_ids), CandidateSkill.skill.is_null(False))
        .order_by(CandidateSkill.id)
        .tuples()
    )
    info = labels.skill_info([s for _, s in rows], lang)
    skills: dict[int, list] = defaultdict(list)
    for cid, sid in rows:
        skills[cid].append(
            {"skill_id": sid, "uri": info.get(sid, {}).get("uri"), "label": info.get(sid, {}).get("preferred_label")}
        )
    languages: dict[int, dict] = defaultdict(dict)
    for cid, code, level in (
        CandidateLanguage.select(CandidateLanguage.candidate, CandidateLanguage.lang, CandidateLanguage.level)
        .where(CandidateLanguage.candidate.in_(candidate_ids))
        .tuples()
    ):
        languages[cid][code] = level
    return skills, languages
