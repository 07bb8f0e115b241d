"""A coaching organisation's overview: per region and shortage occupation, how many of its people
have it within reach and which gaps they share most (what to plan group training on).

People are scored in batches (one set of array operations per batch, see
``PathwayMarket.components``), and the gaps are counted with matrix products, so an organisation of
a thousand people costs about as much as a few dozen single queries. Small numbers single people
out, so every count under ``min_shown`` (default 5) is returned as the text ``"< 5"``; occupations
nobody has within reach are left out.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy import sparse

from .config import CEFR_LEVELS, LANGUAGES
from .data import Person
from .market import REGION_ORDER, DayView, PathwayMarket

MIN_SHOWN = 5
BATCH = 256


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
    people = list(people)
    wanted = np.isin(market.pair_region, [REGION_ORDER.index(r) for r in regions]) & day.in_demand
    within = np.zeros(len(market.pairs), dtype=np.int64)
    holding = np.zeros((len(market.skill_col), len(market.pairs)))  # skill × pair: within-reach people holding it
    language_gaps = np.zeros((len(market.pairs), len(LANGUAGES)), dtype=np.int64)
    for start in range(0, len(people), BATCH):
        batch = people[start : start + BATCH]
        fit = market.occupation_fit(batch)
        # Only the pairs each person shares common ground with can be within reach: score those.
        person_idx, pair_idx = market.common_entries(fit)
        keep = wanted[pair_idx]
        person_idx, pair_idx = person_idx[keep], pair_idx[keep]
        components = market.components_at(batch, day, person_idx, pair_idx, fit)
        close = market.combine(components) >= threshold
        person_idx, pair_idx = person_idx[close], pair_idx[close]
        np.add.at(within, pair_idx, 1)
        reached = sparse.csr_matrix(
            (np.ones(len(pair_idx)), (person_idx, pair_idx)), shape=(len(batch), len(market.pairs))
        )
        holding += (market.held_matrix(batch).T @ reached).toarray()
        short = components["language_short"][close] > 0
        np.add.at(language_gaps, (pair_idx[short], components["language_best"][close][short]), 1)
    chosen = np.flatnonzero(within > 0)
    # Most people within reach first, then most open vacancies, then label and region (never an id).
    order = np.lexsort((chosen, -market.open_count[chosen], -within[chosen]))
    items = []
    for pair in chosen[order].tolist():
        occ_row, region = market.pairs[pair]
        occupation = market.occupations[occ_row]
        count = int(within[pair])
        missing = [(count - int(round(holding[market.skill_col[s], pair])), s) for s in occupation.essential_skill_ids]
        skills = sorted(((n, s) for n, s in missing if n > 0), key=lambda x: (-x[0], x[1]))[:top]
        languages = sorted(
            ((int(n), LANGUAGES[j], CEFR_LEVELS[market.lang_need[pair, j] - 1])
             for j, n in enumerate(language_gaps[pair]) if n > 0),
            key=lambda x: (-x[0], x[1]),
        )[:top]
        items.append(
            {
                "occupation": {"id": occupation.occupation_id, "uri": occupation.uri,
                               "isco_code": occupation.isco_code},
                "region": region,
                "open_vacancies": int(market.open_count[pair]),
                "lists": [lst.name for lst in day.list_pairs.get(pair, [])],
                "list_kinds": sorted({lst.purpose for lst in day.list_pairs.get(pair, [])}),
                "within_reach": shown(count, min_shown),
                "top_skill_gaps": [{"skill_id": s, "people": shown(n, min_shown)} for n, s in skills],
                "language_gaps": [
                    {"lang": lang, "need": need, "people": shown(n, min_shown)} for n, lang, need in languages
                ],
            }
        )
    return items
