"""One person's pathways: ranked shortage occupations per region, with components, gaps and permit outlook.

>>> market = PathwayMarket(occupations, demand, lists)             # built once per data version
>>> day = market.day(as_of, permit_snapshot)                       # lists in force, route EQF needs
>>> found = rank_pathways(market, day, person, permit_facts, permit_snapshot, regions, limit=20)
>>> render(found[0], "nl", skill_labels)                           # sentences, in nl/fr/en

Everything returned is plain data with ids; ``render`` adds the sentences in one language.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np

from ..permits import CandidateFacts, Snapshot
from .config import CEFR_LEVELS, COMPONENTS, LANGUAGES, PathwayConfig
from .data import Person
from .market import DayView, PathwayMarket
from .outlook import outlook, with_education
from .texts import sentence

EQF_SOURCES = {0: "unknown", 1: "vacancies", 2: "permit_route"}


def _value(array, pair: int) -> float | None:
    value = float(array[pair])
    return None if math.isnan(value) else value


def _combine(values: Mapping[str, float | None], config: PathwayConfig) -> float:
    applying = [(config.weight(n), v) for n, v in values.items() if v is not None]
    weights = sum(w for w, _ in applying)
    return round(100.0 * sum(w * v for w, v in applying) / weights, 1) if weights else 0.0


def _level(rank: int) -> str | None:
    return CEFR_LEVELS[rank - 1] if rank > 0 else None


def _proximity(market: PathwayMarket, person: Person, occ_row: int) -> dict:
    """The past job closest to the occupation, and how it is close."""
    best, best_id = 0.0, None
    for occupation_id in person.past_occupation_ids:
        value = float(market.proximity_row(occupation_id)[occ_row])
        if value > best:
            best, best_id = value, occupation_id
    if best_id is None:
        return {"kind": "none", "past_occupation_id": None}
    cfg = market.config
    occupation = market.occupations[occ_row]
    past_row = market.row_of.get(best_id)
    past = market.occupations[past_row] if past_row is not None else None
    if best_id == occupation.occupation_id:
        kind = "same_occupation"
    elif past is not None and best == cfg.same_unit_group and past.isco_code == occupation.isco_code:
        kind = "same_isco_unit_group"
    elif best in (cfg.same_minor_group, cfg.same_sub_major_group) and past is not None and (
        (past.isco_code or "")[:3 if best == cfg.same_minor_group else 2]
        == (occupation.isco_code or "")[:3 if best == cfg.same_minor_group else 2]
    ):
        kind = "same_isco_minor_group" if best == cfg.same_minor_group else "same_isco_sub_major_group"
    else:
        kind = "shared_essential_skills"
    return {"kind": kind, "past_occupation_id": best_id}


def _language(market: PathwayMarket, day: DayView, person: Person, pair: int, components=None) -> dict:
    """The region language that serves the person best (Brussels: French or Dutch); ``components``
    are the person's components over all pairs when the caller has them already."""
    if components is None:
        components = market.components_at([person], day, np.zeros(1, dtype=np.int64), np.array([pair]))
        pair_at = 0
    else:
        pair_at = pair
    j = int(components["language_best"][pair_at])
    need, evidence = int(market.lang_need[pair, j]), int(market.lang_evidence[pair, j])
    return {
        "lang": LANGUAGES[j],
        "have": _level(person.level(LANGUAGES[j])),
        "need": _level(need),
        "levels_short": int(components["language_short"][pair_at]),
        "need_source": "vacancies" if evidence >= market.config.min_evidence else "default",
        "vacancies_stating": evidence,
    }


def _list_reason(lst) -> dict:
    return {
        "name": lst.name,
        "kind": lst.purpose,
        "authority": lst.authority,
        "valid_from": lst.valid_from,
        "valid_to": lst.valid_to,
        "completeness": lst.completeness,
        "confidence": lst.confidence,
        "source_url": lst.source_url,
    }


def describe(
    market: PathwayMarket,
    day: DayView,
    person: Person,
    pair: int,
    reach,
    components: Mapping,
    snapshot: Snapshot | None,
    facts: CandidateFacts | None,
    held: frozenset[int] | None = None,
) -> dict:
    """The full, language-free pathway for one (occupation, region) pair; ``reach`` and
    ``components`` are the person's over all pairs (``PathwayMarket.reach``); ``held`` saves work
    when describing several pairs for one person."""
    cfg = market.config
    occ_row, region = market.pairs[pair]
    occupation = market.occupations[occ_row]
    values = {name: _value(components[name], pair) for name in COMPONENTS}
    held = market.held_skills(person) if held is None else held
    matched = sorted(occupation.essential_skill_ids & held)
    missing = sorted(occupation.essential_skill_ids - held)
    language = _language(market, day, person, pair, components)
    need = int(day.eqf_need[pair])
    education = {
        "have": person.education_eqf,
        "need": need if need >= 0 else None,
        "need_source": EQF_SOURCES[int(day.eqf_source[pair])],
    }
    recognition = {"status": person.diploma_recognition, "applies": need >= 3}
    demand = market.demand.get(pair)
    current = (
        outlook(snapshot, occupation.uri, region, demand, facts, day.as_of, cfg) if snapshot is not None else None
    )

    after = _Effects(market, occupation.uri, region, demand, values, current, snapshot, day.as_of).after

    gaps = []
    if missing:
        if occupation.optional_skill_ids:
            optional_part = len(occupation.optional_skill_ids & held) / len(occupation.optional_skill_ids)
            skills_after = cfg.essential_share + (1 - cfg.essential_share) * optional_part
        else:
            skills_after = 1.0
        gaps.append({"kind": "skills", "skill_ids": missing, **after("skills", skills_after)})
    if language["levels_short"] > 0:
        gaps.append({"kind": "language", "lang": language["lang"], "have": language["have"],
                     "need": language["need"], **after("language", 1.0)})
    if education["need"] is not None and (person.education_eqf is None or person.education_eqf < need):
        gaps.append({"kind": "education", "have": person.education_eqf, "need": need,
                     **after("education", 1.0, with_education(facts, need))})
    if recognition["applies"] and person.education_eqf is not None and person.diploma_recognition != "recognised":
        gaps.append({"kind": "recognition", "status": person.diploma_recognition,
                     **after("recognition", cfg.recognition_recognised)})

    return {
        "occupation": {"id": occupation.occupation_id, "uri": occupation.uri, "isco_code": occupation.isco_code},
        "region": region,
        "reach": round(float(reach[pair]), 1),
        "components": {n: None if v is None else round(100 * v, 1) for n, v in values.items()},
        "evidence": _evidence(market, day, pair, region),
        "proximity": _proximity(market, person, occ_row),
        "skills": {
            "matched_essential_ids": matched,
            "missing_essential_ids": missing,
            "essential_total": len(occupation.essential_skill_ids),
            "optional_held": len(occupation.optional_skill_ids & held),
            "optional_total": len(occupation.optional_skill_ids),
        },
        "language": language,
        "education": education,
        "recognition": recognition,
        "gaps": gaps,
        "permit_outlook": current,
    }


class _Effects:
    """What closing one gap changes: the reach after it and, with a permit snapshot, the permit outlook."""

    def __init__(self, market, uri, region, demand, values, current, snapshot, as_of):
        self.market, self.uri, self.region, self.demand = market, uri, region, demand
        self.values, self.current, self.snapshot, self.as_of = values, current, snapshot, as_of

    def after(self, component: str, value: float, permit_facts=None) -> dict:
        cfg, current = self.market.config, self.current
        effect = {"reach_after": _combine({**self.values, component: value}, cfg)}
        if current is not None:
            if permit_facts is None:
                effect["permit_after"] = {"verdict": current["verdict"], "best_route": current["best_route"],
                                          "changes": False}
            else:
                new = outlook(self.snapshot, self.uri, self.region, self.demand, permit_facts, self.as_of, cfg)
                effect["permit_after"] = {
                    "verdict": new["verdict"],
                    "best_route": new["best_route"],
                    "changes": (new["verdict"], new["best_route"]) != (current["verdict"], current["best_route"]),
                }
        return effect


def _evidence(market: PathwayMarket, day: DayView, pair: int, region: str) -> dict:
    """Open vacancies and the shortage lists naming the pair (and partial lists of the region that do not)."""
    named = day.list_pairs.get(pair, [])
    silent_partial = [
        lst for lst in day.lists
        if lst.authority == region and lst.completeness != "complete" and lst not in named
    ]
    return {
        "open_vacancies": int(market.open_count[pair]),
        "lists": [_list_reason(lst) for lst in sorted(named, key=lambda x: (x.purpose, x.name))],
        "partial_lists_not_naming": [
            _list_reason(lst) for lst in sorted(silent_partial, key=lambda x: (x.purpose, x.name))
        ],
    }


def rank_pathways(
    market: PathwayMarket,
    day: DayView,
    person: Person,
    facts: CandidateFacts | None,
    snapshot: Snapshot | None,
    regions: Iterable[str],
    limit: int,
) -> list[dict]:
    """The ``limit`` best pathways in ``regions`` (see ``PathwayMarket.rank`` for the order)."""
    reach, components = market.reach(person, day)
    chosen = market.rank(reach, components, day, tuple(regions), limit)
    held = market.held_skills(person)
    return [describe(market, day, person, pair, reach, components, snapshot, facts, held) for pair in chosen]


def render(pathway: dict, lang: str, skill_labels: Mapping[int, str], occupation_labels: Mapping[int, str]) -> dict:
    """Sentences in ``lang`` for the gaps, the components and the permit outlook (copies the dict)."""
    out = dict(pathway)
    out["gaps"] = [dict(gap, sentence=sentence(gap, lang, skill_labels)) for gap in pathway["gaps"]]
    past = pathway["proximity"]["past_occupation_id"]
    explanation = [
        sentence({"kind": "proximity_" + pathway["proximity"]["kind"],
                  "past": occupation_labels.get(past, "") if past is not None else ""}, lang, skill_labels),
        sentence({"kind": "skills_held", **pathway["skills"]}, lang, skill_labels),
        sentence({"kind": "language_level", **pathway["language"]}, lang, skill_labels),
    ]
    if pathway["education"]["need"] is not None:
        explanation.append(sentence({"kind": "education_level", **pathway["education"]}, lang, skill_labels))
    if pathway["evidence"]["partial_lists_not_naming"] or any(
        lst["completeness"] != "complete" for lst in pathway["evidence"]["lists"]
    ):
        explanation.append(sentence({"kind": "partial_lists"}, lang, skill_labels))
    if any(lst["kind"] == "labour_market" for lst in pathway["evidence"]["lists"]):
        explanation.append(sentence({"kind": "labour_market_list"}, lang, skill_labels))
    permit = pathway.get("permit_outlook")
    if permit is not None:
        out["permit_outlook"] = dict(permit, sentence=sentence({"kind": "outlook", **permit}, lang, skill_labels))
    out["explanation"] = explanation
    return out
