"""A coaching organisation's overview: per region and shortage occupation, how many of its people
have it within reach and which gaps they share most (what to plan group training on).

Small numbers single people out, so every count under ``min_shown`` (default 5) is returned as the
text ``"< 5"``; occupations nobody has within reach are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from .data import Person
from .engine import _language
from .market import REGION_ORDER, DayView, PathwayMarket

MIN_SHOWN = 5


def shown(count: int, min_shown: int = MIN_SHOWN) -> int | str:
    """A count as published: the number itself, or ``"< 5"`` when it could single someone out."""
    return count if count >= min_shown else f"< {min_shown}"


def overview(
    market: PathwayMarket,
    day: DayView,
    people: Iterable[Person],
    regions: Iterable[str],
    threshold: float | None = None,
    top: int = 5,
    min_shown: int = MIN_SHOWN,
) -> list[dict]:
    """Pairs with at least one person within reach (reach ≥ ``threshold``), most people first."""
    threshold = market.config.reach_threshold if threshold is None else threshold
    wanted = np.isin(market.pair_region, [REGION_ORDER.index(r) for r in regions]) & day.in_demand
    within = np.zeros(len(market.pairs), dtype=np.int64)
    skill_gaps: dict[int, Counter] = {}
    language_gaps: dict[int, Counter] = {}
    for person in people:
        reach, components = market.reach(person, day)
        pairs = np.flatnonzero(wanted & (reach >= threshold) & market.common_ground(components))
        if not len(pairs):
            continue
        within[pairs] += 1
        held = market.held_skills(person)
        for pair in pairs.tolist():
            occupation = market.occupations[market.pairs[pair][0]]
            missing = occupation.essential_skill_ids - held
            if missing:
                skill_gaps.setdefault(pair, Counter()).update(missing)
            language = _language(market, person, pair, market.pairs[pair][1])
            if language["levels_short"] > 0:
                language_gaps.setdefault(pair, Counter())[(language["lang"], language["need"])] += 1
    chosen = np.flatnonzero(within > 0)
    # Most people within reach first, then most open vacancies, then label and region (never an id).
    order = np.lexsort((chosen, -market.open_count[chosen], -within[chosen]))
    items = []
    for pair in chosen[order].tolist():
        occ_row, region = market.pairs[pair]
        occupation = market.occupations[occ_row]
        skills = sorted(skill_gaps.get(pair, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        languages = sorted(language_gaps.get(pair, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        items.append(
            {
                "occupation": {"id": occupation.occupation_id, "uri": occupation.uri,
                               "isco_code": occupation.isco_code},
                "region": region,
                "open_vacancies": int(market.open_count[pair]),
                "lists": [lst.name for lst in day.list_pairs.get(pair, [])],
                "list_kinds": sorted({lst.purpose for lst in day.list_pairs.get(pair, [])}),
                "within_reach": shown(int(within[pair]), min_shown),
                "top_skill_gaps": [{"skill_id": s, "people": shown(n, min_shown)} for s, n in skills],
                "language_gaps": [
                    {"lang": lang, "need": need, "people": shown(n, min_shown)} for (lang, need), n in languages
                ],
            }
        )
    return items
