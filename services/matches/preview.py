"""Ranking for an unsaved profile (`POST /matches/preview`): normalised as saving would, stored nowhere."""

from __future__ import annotations

import json

from matching.engine import CandidateProfile
from models.errors import ValidationFailed
from services.actor import Actor
from services.normalisation import normalise_occupation
from services.taxonomy import SKILL_MIN_CONFIDENCE, search_skills

from .index_state import current_index
from .ranking import audit, rank_vacancies
from .settings import MatchSettings
from .vocabulary import Labels, labels


def preview(actor: Actor, data: dict, params: dict, lang: str, settings: MatchSettings) -> dict:
    """Rank open vacancies for an unsaved profile; nothing is stored except the audit record."""
    profile, normalised = preview_profile(data)
    state = current_index(settings.config)
    body = rank_vacancies(state, profile, params, lang, None)
    body["normalised_skills"] = normalised
    body["unmatched_skill_texts"] = list(profile.skill_texts)
    results = [{"id": item["vacancy_id"], "score": item["score"]} for item in body["items"]]
    audit(actor, state, "match_preview", ("preview", None),
          {**params, "profile_fields": sorted(k for k in data if data[k])}, results)
    return body


def preview_profile(data: dict) -> tuple[CandidateProfile, list[dict]]:
    """The engine profile of a previewed body, and the free-text skills the normaliser recognised."""
    known = labels()
    skill_ids, texts, normalised = _skills(data.get("skills", []), known)
    profile = CandidateProfile.from_mapping(
        {
            "skill_ids": skill_ids,
            "skill_texts": texts,
            "experiences": [_experience(item, known) for item in _checked_experiences(data, known)],
            "languages": data.get("languages") or {},
            "education_eqf": data.get("education_eqf"),
            "diploma_recognition": data.get("diploma_recognition") or "unknown",
            "preferred_regions": data.get("preferred_regions") or [],
            "available_from": data.get("available_from"),
        }
    )
    return profile, normalised


def _skills(items: list[dict], known: Labels) -> tuple[list, list, list]:
    unknown = [i["uri"] for i in items if i.get("uri") and i["uri"] not in known.skill_by_uri]
    if unknown:
        raise ValidationFailed(
            f"Unknown ESCO skill '{unknown[0]}'.", errors={"json": {"skills": [f"Unknown skill URI {unknown[0]}."]}}
        )
    skill_ids, texts, normalised = [], [], []
    for item in items:
        if item.get("uri"):
            skill_ids.append(known.skill_by_uri[item["uri"]])
            continue
        text = (item.get("text") or "").strip()
        if not text:
            continue
        hits = search_skills(text, None, 1)
        if hits and hits[0]["score"] >= SKILL_MIN_CONFIDENCE:
            best = hits[0]
            skill_ids.append(best["skill_id"])
            normalised.append(
                {"text": text, "skill_id": best["skill_id"], "uri": best["uri"], "label": best["preferred_label"],
                 "score": best["score"]}
            )
        else:
            texts.append(text)
    return skill_ids, texts, normalised


def _checked_experiences(data: dict, known: Labels) -> list[dict]:
    items = data.get("experiences", [])
    for item in items:
        if item.get("occupation_uri") and item["occupation_uri"] not in known.occupation_by_uri:
            raise ValidationFailed(
                f"Unknown ESCO occupation '{item['occupation_uri']}'.",
                errors={"json": {"experiences": ["Unknown occupation URI."]}},
            )
    return items


def _experience(item: dict, known: Labels) -> dict:
    occupation_id, score, alternatives = None, None, []
    if item.get("occupation_uri"):
        occupation_id = known.occupation_by_uri[item["occupation_uri"]]
    elif item.get("title"):
        # Exactly as a saved past job is normalised and stored: best hit, score, alternatives.
        found = normalise_occupation(item["title"], None)
        if found["occupation_id"] is not None and found["occupation_id"] in known.occupations.uri:
            occupation_id = found["occupation_id"]
            score = found["occupation_score"]
            alternatives = known.alternatives(json.loads(found["occupation_alternatives"] or "[]"))
    return {
        "occupation_id": occupation_id,
        "isco_code": known.isco.get(occupation_id) if occupation_id else None,
        "occupation_score": score,
        "occupation_source": "manual" if item.get("occupation_uri") else "auto",
        "occupation_alternatives": alternatives,
        "years": item.get("years"),
        "title": item.get("title") or "",
    }
