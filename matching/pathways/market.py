"""The shortage-occupation market of one moment, prepared once, and the reach of a person towards it.

``PathwayMarket`` holds every (occupation, region) pair that has open vacancies or is named by a
shortage list of that region, with per-pair aggregates precomputed (open vacancies, salaries,
language and EQF levels that vacancies ask for) and the occupations' skills as sparse matrices, so
that one person's reach towards every pair is a handful of vectorised operations
(:meth:`reach`). The same arrays give a coaching organisation's overview in one pass per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from scipy import sparse

from ..permits import ShortageListData, Snapshot
from .config import CEFR_RANK, COMPONENTS, LANGUAGES, REGION_LANGUAGES, PathwayConfig
from .data import Demand, Occupation, Person
from .outlook import route_eqf_need

REGION_ORDER = tuple(REGION_LANGUAGES)
_MEMO_LIMIT = 64  # per-date and per-past-occupation memos are bounded: their keys come from requests


def _isco_int(code: str | None, digits: int) -> int:
    return int(code[:digits]) if code and len(code) >= digits and code[:digits].isdigit() else -1


class DayView:
    """What depends on the date: lists in force and the EQF the permit route asks for, per pair."""

    __slots__ = ("as_of", "lists", "list_pairs", "list_count", "in_demand", "eqf_need", "eqf_source")

    def __init__(self, market: PathwayMarket, as_of: dt.date, snapshot: Snapshot | None):
        self.as_of = as_of
        self.lists = [lst for lst in market.lists if lst.in_force(as_of)]
        self.list_pairs: dict[int, list[ShortageListData]] = {}
        for lst in self.lists:
            for uri in lst.occupation_uris:
                pair = market.pair_of.get((market.occ_of_uri.get(uri), lst.authority))
                # Dated membership: an entry added later or removed earlier does not count that day.
                if pair is not None and lst.membership(uri, as_of):
                    self.list_pairs.setdefault(pair, []).append(lst)
        self.list_count = np.zeros(len(market.pairs), dtype=np.int32)
        for pair, found in self.list_pairs.items():
            self.list_count[pair] = len(found)
        self.in_demand = (market.open_count > 0) | (self.list_count > 0)
        # EQF needed: the vacancies' median minimum (occupation) or the permit route's, whichever is higher.
        need = market.occ_eqf_need.copy()
        source = np.where(need >= 0, 1, 0).astype(np.int8)  # 0 unknown, 1 vacancies, 2 permit route
        if snapshot is not None:
            for pair in np.flatnonzero(self.in_demand):
                occ, region = market.pairs[pair]
                route_need = route_eqf_need(
                    snapshot, market.occupations[occ].uri, region, market.demand.get(pair), as_of, market.config
                )
                if route_need is not None and route_need > need[pair]:
                    need[pair], source[pair] = route_need, 2
        self.eqf_need, self.eqf_source = need, source


class PathwayMarket:
    """Occupations, open-vacancy demand and shortage lists, indexed for reach scoring.

    Parameters
    ----------
    occupations
        Every occupation of the vocabulary (past jobs are compared with all of them).
    demand
        Aggregates of open vacancies per (occupation, region).
    lists
        Every shortage list (permit and labour-market ones); the date filter is applied per query.
    """

    def __init__(
        self,
        occupations: Iterable[Occupation],
        demand: Iterable[Demand],
        lists: Iterable[ShortageListData],
        config: PathwayConfig | None = None,
        version: str = "",
    ):
        self.config = config or PathwayConfig()
        self.version = version
        self.occupations = sorted(occupations, key=lambda o: o.occupation_id)
        self.row_of = {o.occupation_id: i for i, o in enumerate(self.occupations)}
        self.occ_of_uri = {o.uri: i for i, o in enumerate(self.occupations)}
        self.lists = tuple(lists)
        skills = sorted({s for o in self.occupations for s in o.essential_skill_ids | o.optional_skill_ids})
        self.skill_col = {s: i for i, s in enumerate(skills)}
        self.essential = self._matrix([o.essential_skill_ids for o in self.occupations])
        self.optional = self._matrix([o.optional_skill_ids for o in self.occupations])
        self.essential_t, self.optional_t = self.essential.T.tocsr(), self.optional.T.tocsr()
        self.ess_count = np.asarray(self.essential.sum(axis=1)).ravel()
        self.opt_count = np.asarray(self.optional.sum(axis=1)).ravel()
        self.isco = {d: np.array([_isco_int(o.isco_code, d) for o in self.occupations]) for d in (2, 3, 4)}

        # Pairs: occupations with open vacancies in a region, and those any list of the region names.
        demand_rows = {}
        for item in demand:
            if item.occupation_id in self.row_of and item.open_vacancies > 0:
                demand_rows[(self.row_of[item.occupation_id], item.region)] = item
        keys = set(demand_rows)
        for lst in self.lists:
            keys.update((self.occ_of_uri[u], lst.authority) for u in lst.occupation_uris if u in self.occ_of_uri)
        keys = {k for k in keys if k[1] in REGION_LANGUAGES}
        order = sorted(keys, key=lambda k: (self.occupations[k[0]].label, REGION_ORDER.index(k[1]),
                                            self.occupations[k[0]].uri))
        self.pairs: list[tuple[int, str]] = order  # position = the pair's tie-break rank (label, region)
        self.pair_of = {k: i for i, k in enumerate(order)}
        self.pair_occ = np.array([k[0] for k in order], dtype=np.int64)
        self.pair_region = np.array([REGION_ORDER.index(k[1]) for k in order], dtype=np.int8)
        self.demand = {self.pair_of[k]: d for k, d in demand_rows.items() if k in self.pair_of}
        # Pairs of each occupation (CSR-like): occ_pairs[occ_pair_ptr[o]:occ_pair_ptr[o + 1]].
        self.occ_pairs = np.argsort(self.pair_occ, kind="stable")
        counts = np.bincount(self.pair_occ, minlength=len(self.occupations))
        self.occ_pair_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.open_count = np.zeros(len(order), dtype=np.int64)
        for pair, item in self.demand.items():
            self.open_count[pair] = item.open_vacancies
        self._language_needs()
        self.occ_eqf_need = np.full(len(order), -1, dtype=np.int64)
        for pair, item in self.demand.items():
            need = item.eqf_need(self.config.min_evidence)
            if need is not None:
                self.occ_eqf_need[pair] = need
        self._days: dict = {}
        self._proximity_rows: dict[int, np.ndarray] = {}

    def _matrix(self, rows) -> sparse.csr_matrix:
        """Occupations × skills, 1 where the occupation has the skill."""
        indptr, indices = [0], []
        for row in rows:
            indices.extend(sorted(self.skill_col[s] for s in row))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(self.skill_col)))

    def _language_needs(self) -> None:
        """need[pair, lang] = CEFR rank the region's language needs (0: that language does not count)."""
        n = len(self.pairs)
        default = CEFR_RANK[self.config.default_language_level]
        self.lang_need = np.zeros((n, len(LANGUAGES)), dtype=np.int64)
        self.lang_evidence = np.zeros((n, len(LANGUAGES)), dtype=np.int64)  # vacancies stating it
        for pair, (_, region) in enumerate(self.pairs):
            item = self.demand.get(pair)
            for lang in REGION_LANGUAGES[region]:
                j = LANGUAGES.index(lang)
                stated = item.language_need(lang, self.config.min_evidence) if item else None
                self.lang_need[pair, j] = stated or default
                self.lang_evidence[pair, j] = len(item.language_levels.get(lang, ())) if item else 0

    def __len__(self) -> int:
        return len(self.pairs)

    # --- per date -------------------------------------------------------------------------------

    def day(self, as_of: dt.date, snapshot: Snapshot | None) -> DayView:
        key = (as_of, snapshot.version if snapshot is not None else None)
        view = self._days.get(key)
        if view is None:
            if len(self._days) >= _MEMO_LIMIT:
                self._days.clear()
            view = self._days[key] = DayView(self, as_of, snapshot)
        return view

    # --- reach ----------------------------------------------------------------------------------

    def held_skills(self, person: Person) -> frozenset[int]:
        """Skills the person names, plus the essential skills of the occupations of their past jobs."""
        held = set(person.skill_ids)
        for occupation_id in person.past_occupation_ids:
            row = self.row_of.get(occupation_id)
            if row is not None:
                held |= self.occupations[row].essential_skill_ids
        return frozenset(held)

    def held_matrix(self, people: list[Person]) -> sparse.csr_matrix:
        """People × skills of the vocabulary, 1 where a person holds the skill (see held_skills)."""
        rows, cols = [], []
        for i, person in enumerate(people):
            held = [self.skill_col[s] for s in self.held_skills(person) if s in self.skill_col]
            rows += [i] * len(held)
            cols += held
        data = np.ones(len(rows), dtype=np.float32)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(people), len(self.skill_col)))

    def proximity_row(self, occupation_id: int) -> np.ndarray:
        """Proximity of one past job's occupation to every occupation (ISCO hierarchy, shared skills)."""
        row = self._proximity_rows.get(occupation_id)
        if row is not None:
            return row
        cfg = self.config
        out = np.zeros(len(self.occupations), dtype=np.float64)
        index = self.row_of.get(occupation_id)
        if index is not None:
            for digits, value in ((2, cfg.same_sub_major_group), (3, cfg.same_minor_group), (4, cfg.same_unit_group)):
                code = self.isco[digits][index]
                if code >= 0:
                    out[self.isco[digits] == code] = value
            shared = np.asarray(self.essential @ self.essential[index].T.toarray()).ravel()
            share = np.divide(shared, self.ess_count, out=np.zeros_like(out), where=self.ess_count > 0)
            np.maximum(out, share * cfg.shared_skills_cap, out=out)
            out[index] = cfg.same_occupation
        if len(self._proximity_rows) >= 4096:
            self._proximity_rows.clear()
        self._proximity_rows[occupation_id] = out
        return out

    def occupation_fit(self, people: list[Person]) -> tuple[np.ndarray, np.ndarray]:
        """(proximity, skills) per person (rows) and occupation (columns), in [0, 1]; skills is NaN
        for an occupation whose skills the vocabulary does not know."""
        cfg = self.config
        if len(people) == 1:  # one query: a sparse matrix times a vector, no people matrix to build
            held = np.zeros(len(self.skill_col))
            held[[self.skill_col[s] for s in self.held_skills(people[0]) if s in self.skill_col]] = 1.0
            ess_held, opt_held = (self.essential @ held)[None, :], (self.optional @ held)[None, :]
        else:
            held = self.held_matrix(people)
            ess_held, opt_held = (held @ self.essential_t).toarray(), (held @ self.optional_t).toarray()
        ess = ess_held / np.maximum(self.ess_count, 1)
        opt = opt_held / np.maximum(self.opt_count, 1)
        skills = np.where(self.opt_count > 0, cfg.essential_share * ess + (1 - cfg.essential_share) * opt, ess)
        skills = np.where(self.ess_count + self.opt_count > 0, skills, np.nan)
        proximity = np.zeros((len(people), len(self.occupations)))
        for i, person in enumerate(people):
            for occupation_id in person.past_occupation_ids:
                np.maximum(proximity[i], self.proximity_row(occupation_id), out=proximity[i])
        return proximity, skills

    def components_at(
        self, people: list[Person], day: DayView, person_idx: np.ndarray, pair_idx: np.ndarray, fit=None
    ) -> dict[str, np.ndarray]:
        """Every component for the (person, pair) entries given by two index arrays, in [0, 1]; NaN
        where a component does not apply; plus ``language_best`` (column of LANGUAGES) and
        ``language_short`` (CEFR levels short) of the region language that serves the person best
        (smallest shortfall; on a tie the first of LANGUAGES). ``fit``: ``occupation_fit(people)``."""
        cfg = self.config
        proximity, skills = fit if fit is not None else self.occupation_fit(people)
        occupation = self.pair_occ[pair_idx]
        have = np.array([[p.level(lang) for lang in LANGUAGES] for p in people], dtype=np.int64).reshape(-1, 3)
        need_lang = self.lang_need[pair_idx]
        short = np.where(need_lang > 0, np.clip(need_lang - have[person_idx], 0, None), 99)
        best = short.argmin(axis=1)
        levels_short = short[np.arange(len(best)), best]
        table = np.zeros(100)
        table[0], table[1], table[2] = 1.0, cfg.language_one_level_short, cfg.language_two_levels_short

        need = day.eqf_need[pair_idx]
        eqf = np.array([-1 if p.education_eqf is None else p.education_eqf for p in people])[person_idx]
        gap = need - eqf
        education = np.select([gap <= 0, gap == 1], [1.0, cfg.education_one_level_short], 0.0)
        education = np.where(eqf < 0, cfg.education_unknown, education)
        credit = np.array([cfg.recognition_credit(p.diploma_recognition) for p in people])[person_idx]
        return {
            "proximity": proximity[person_idx, occupation],
            "skills": skills[person_idx, occupation],
            "language": table[levels_short],
            "education": np.where(need >= 0, education, np.nan),
            "recognition": np.where(need >= 3, credit, np.where(need >= 0, 1.0, np.nan)),
            "language_best": best,
            "language_short": levels_short,
        }

    def components(self, people: list[Person], day: DayView) -> dict[str, np.ndarray]:
        """``components_at`` for every person (rows) and every pair (columns)."""
        n, m = len(people), len(self.pairs)
        flat = self.components_at(people, day, np.repeat(np.arange(n), m), np.tile(np.arange(m), n))
        return {name: values.reshape(n, m) for name, values in flat.items()}

    def common_entries(self, fit: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(person, pair) index arrays of the pairs each person shares common ground with (see
        ``common_ground``), found per occupation: the overview scores only these."""
        proximity, skills = fit
        person_idx, occupation = np.nonzero((proximity > 0) | (np.nan_to_num(skills) > 0))
        starts, ends = self.occ_pair_ptr[occupation], self.occ_pair_ptr[occupation + 1]
        counts = ends - starts
        total = int(counts.sum())
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        return np.repeat(person_idx, counts), self.occ_pairs[np.repeat(starts, counts) + offsets]

    def combine(self, components: dict[str, np.ndarray]) -> np.ndarray:
        """Reach 0-100: the weighted mean of the components that apply."""
        total = np.zeros(components["language"].shape)
        weights = np.zeros(components["language"].shape)
        for name in COMPONENTS:
            values = components[name]
            applies = ~np.isnan(values)
            total += np.where(applies, values, 0.0) * self.config.weight(name)
            weights += applies * self.config.weight(name)
        return 100.0 * np.divide(total, weights, out=np.zeros_like(total), where=weights > 0)

    def reach(self, person: Person, day: DayView) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """One person's reach towards every pair, and its components (1-D arrays over pairs)."""
        components = {name: values[0] for name, values in self.components([person], day).items()}
        return self.combine(components), components

    @staticmethod
    def common_ground(components: dict[str, np.ndarray]) -> np.ndarray:
        """Pairs the person shares something with: a related past job or at least one skill.

        An occupation with neither is no pathway, however well language and education fit."""
        return (components["proximity"] > 0) | (np.nan_to_num(components["skills"]) > 0)

    def rank(
        self, reach: np.ndarray, components: dict[str, np.ndarray], day: DayView, regions: Iterable[str], limit: int
    ) -> list[int]:
        """Pair indices, best first: reach (0.1 point), then evidence — open vacancies, then lists
        naming the occupation — then the occupation's label and the region (never an id)."""
        wanted = np.isin(self.pair_region, [REGION_ORDER.index(r) for r in regions])
        candidates = np.flatnonzero(wanted & day.in_demand & self.common_ground(components))
        if not len(candidates):
            return []
        rounded = np.round(reach[candidates], 1)
        # lexsort: the last key is the primary one; pair positions are already in label order.
        order = np.lexsort((candidates, -day.list_count[candidates], -self.open_count[candidates], -rounded))
        return [int(candidates[i]) for i in order[:limit]]
