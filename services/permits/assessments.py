"""Permit assessments: a job (and optionally a candidate) against the rules in force on a date.

Plain values in, plain dicts out; the reference data comes from the per-process snapshot.
"""

from __future__ import annotations

import datetime as dt

from core.regions import InvalidPostcode, region_for_postcode
from matching.permits import CandidateFacts, InvalidFacts, VacancyFacts
from matching.permits import assess as engine_assess
from matching.permits import summarise as engine_summarise
from models.errors import ValidationFailed
from services.taxonomy import OCCUPATION_LOW_CONFIDENCE, occupation_labels, search_occupations

from .snapshot import occupation_codes, snapshot


def occupation_isco(uris) -> dict[str, str]:
    """{ESCO URI: ISCO-08 unit group} of the given occupations (from memory): the reduced permit
    thresholds for nurses and teachers belong to the job's occupation."""
    codes = occupation_codes()
    return {uri: codes[uri] for uri in uris if uri and codes.get(uri)}


def _with_isco(facts: dict, isco: dict | None = None) -> dict:
    if facts.get("occupation_isco") or not facts.get("occupation_uri"):
        return facts
    found = (isco if isco is not None else occupation_isco([facts["occupation_uri"]])).get(
        facts["occupation_uri"]
    )
    return {**facts, "occupation_isco": found}


def _vacancy_facts(facts: dict, isco: dict | None = None) -> VacancyFacts:
    try:
        return VacancyFacts.from_dict(_with_isco(facts, isco))
    except InvalidFacts as exc:
        field = "vacancy.postcode" if "postcode" in str(exc) else "vacancy"
        raise ValidationFailed(str(exc), errors={field: [str(exc)]}) from exc


def _candidate_facts(facts) -> CandidateFacts | None:
    if facts is None:
        return None
    if not isinstance(facts, dict):
        facts = candidate_permit_facts(facts)
    try:
        return CandidateFacts.from_dict(facts)
    except InvalidFacts as exc:
        raise ValidationFailed(str(exc), errors={"candidate": [str(exc)]}) from exc


def assess(vacancy_facts: dict, candidate_facts: dict | None, as_of: dt.date, lang: str) -> dict:
    """Full assessment of a job described by plain facts (see the POST /permit-assessments body)."""
    return engine_assess(
        snapshot(), _vacancy_facts(vacancy_facts), _candidate_facts(candidate_facts), as_of, lang
    )


def vacancy_permit_facts(vacancy) -> dict:
    """The permit-relevant facts of a `models.vacancy.Vacancy` row."""
    return {
        "authority": vacancy.region or None,
        "postcode": vacancy.postcode,
        "occupation_uri": vacancy.occupation_uri,
        "salary_amount": vacancy.salary_amount,
        "salary_period": vacancy.salary_period if vacancy.salary_amount is not None else None,
        "salary_annual_eur": vacancy.salary_annual_eur,
        "weekly_hours": vacancy.weekly_hours,
        "full_time_weekly_hours": vacancy.full_time_weekly_hours,
        "contract_type": vacancy.contract_type,
        "duration_months": vacancy.duration_months,
        "pay_category": vacancy.pay_category,
        "employer_in_belgium": vacancy.employer_in_belgium,
        "executive_post": vacancy.executive_post,
    }


def candidate_permit_facts(candidate) -> dict:
    """Permit facts of a `models.candidate.Candidate` row (its CandidatePermitFacts + education)."""
    from models.candidate import CandidatePermitFacts

    facts = CandidatePermitFacts.get_or_none(CandidatePermitFacts.candidate == candidate.id)
    out = {"education_eqf": candidate.education_eqf, "diploma_recognition": candidate.diploma_recognition}
    if facts is not None:
        out.update(
            residence_situation=facts.residence_situation,
            eu_eea_swiss_citizen=facts.eu_eea_swiss_citizen,
            birth_year=facts.birth_year,
            is_nurse=facts.is_nurse,
            is_teacher=facts.is_teacher,
        )
    return out


def assess_vacancy(vacancy, as_of: dt.date, lang: str, candidate=None) -> dict:
    """Full assessment of a stored vacancy; `candidate` is a Candidate row, a facts dict or None."""
    result = engine_assess(
        snapshot(), _vacancy_facts(vacancy_permit_facts(vacancy)), _candidate_facts(candidate), as_of, lang
    )
    return {"vacancy_id": vacancy.id, **result}


def permit_summaries(vacancies, as_of: dt.date, candidate_facts=None) -> dict:
    """{vacancy_id: {"verdict", "best_route"}} for many vacancies (one snapshot, no sentences)."""
    snap = snapshot()
    candidate = _candidate_facts(candidate_facts)
    vacancies = list(vacancies)
    isco = occupation_isco(v.occupation_uri for v in vacancies)
    out = {}
    for vacancy in vacancies:
        try:
            facts = VacancyFacts.from_dict(_with_isco(vacancy_permit_facts(vacancy), isco))
        except InvalidFacts:
            out[vacancy.id] = {"verdict": "not_supportive", "best_route": None}
            continue
        out[vacancy.id] = engine_summarise(snap, facts, candidate, as_of)
    return out


def shortage_lists_for(occupation_uri: str | None, region: str, as_of: dt.date) -> list[str]:
    """Names of the shortage lists in force on `as_of` in `region` that contain the occupation."""
    return snapshot().lists_with_occupation(occupation_uri, region, as_of)


def region_of(postcode: str) -> str:
    try:
        return region_for_postcode(postcode)
    except InvalidPostcode as exc:
        raise ValidationFailed(str(exc), errors={"vacancy.postcode": [str(exc)]}) from exc


def _occupation_from_title(title: str, lang: str) -> dict | None:
    """The vocabulary's best occupation for a job title: {"uri", "preferred_label", "score", "low_confidence"}."""
    hits = search_occupations(title, lang=None, limit=1)
    if not hits:
        return None
    hit = hits[0]
    # The hit carries the English preferred label; another language costs one look-up.
    label = None if lang == "en" else occupation_labels([hit["occupation_id"]], lang).get(hit["occupation_id"])
    return {
        "uri": hit["uri"],
        "preferred_label": label or hit["preferred_label"],
        "score": hit["score"],
        "low_confidence": hit["score"] < OCCUPATION_LOW_CONFIDENCE,
    }


def _resolve_occupation(vacancy: dict, lang: str) -> dict:
    """The occupation of a POSTed job: a known ESCO URI, or the best match for its title."""
    uri = (vacancy.get("occupation_uri") or "").strip()
    if uri:
        if uri not in occupation_codes():
            raise ValidationFailed(
                f"Unknown ESCO occupation URI '{uri}'.",
                errors={"vacancy.occupation_uri": ["Not an occupation of the loaded ESCO vocabulary."]},
            )
        return {"uri": uri, "source": "occupation_uri"}
    hit = _occupation_from_title(vacancy["title"], lang)
    if hit is None:
        raise ValidationFailed(
            f"No ESCO occupation recognised in the title '{vacancy['title']}'; send occupation_uri.",
            errors={"vacancy.title": ["No occupation recognised."]},
        )
    return {
        "uri": hit["uri"],
        "preferred_label": hit["preferred_label"],
        "score": round(hit["score"], 3),
        "source": "title",
        "low_confidence": hit["low_confidence"],
    }


def assess_request(vacancy: dict, candidate: dict | None, as_of: dt.date, lang: str) -> dict:
    """POST /permit-assessments: check the input, normalise the occupation, assess. Stores nothing."""
    authority = region_of(vacancy["postcode"])
    occupation = _resolve_occupation(vacancy, lang)
    facts = {**vacancy, "authority": authority, "occupation_uri": occupation["uri"]}
    result = assess(facts, candidate, as_of, lang)
    return {
        "as_of": result.pop("as_of"),
        "authority": result.pop("authority"),
        "occupation": occupation,
        **result,
    }
