"""The open vacancies as sparse matrices, ranked for one candidate in a few vectorised steps.

Layout: every vacancy is a row. Its essential and optional skills are rows of two CSR matrices
(vacancies × ESCO skills), its occupation a row of a CSR matrix over occupation keys at four
levels (ESCO occupation, ISCO unit, minor and sub-major group), its language requirements a CSR
row holding the required CEFR rank, and its region, EQF level, start date... are numpy arrays.
Ranking a candidate is then: one sparse product per matrix, element-wise component math over all
rows, a weighted sum, and ``argpartition`` for the top k — no Python loop over vacancies.

Incremental updates: rows live in two segments, a large *main* segment and a small *tail*. Adding
or replacing a vacancy marks its old row dead and appends a row to the tail (the tail's matrices
are re-assembled from its per-row encodings, which costs microseconds); when the tail grows past
``tail_limit`` rows or a quarter of the main segment is dead, the live rows of both are compacted
into a new main segment with vectorised scipy row selection.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .config import COMPONENTS, ENGINE_VERSION, MatchConfig
from .profiles import CandidateProfile, VacancyProfile, Vocabulary, cefr_rank, effective_skills, isco_of
from .scoring import MatchResult, PreparedCandidate, occupation_keys, prepare_candidate, score_pair
from .text import TextModel, vacancy_document

NO_VALUE = -1


@dataclass(frozen=True)
class MatchFilters:
    """Restrictions applied before the top-k selection (all optional)."""

    regions: tuple[str, ...] = ()
    sponsors_permit: bool | None = None
    occupation_ids: tuple[int, ...] = ()
    vacancy_ids: tuple[int, ...] | None = None  # restrict to these vacancies
    min_score: float = 0.0  # in [0, 1]


@dataclass(frozen=True)
class RankedPage:
    results: tuple[MatchResult, ...]
    total: int  # vacancies passing the filters and min_score, all pages
    engine_version: str = ENGINE_VERSION


class _Columns:
    """A growing column space: key -> column number (columns are only ever appended)."""

    def __init__(self, keys: Iterable = ()):
        self.index: dict = {}
        for key in keys:
            self.add(key)

    def add(self, key) -> int:
        col = self.index.get(key)
        if col is None:
            col = self.index[key] = len(self.index)
        return col

    def __len__(self):
        return len(self.index)


@dataclass
class _Row:
    """One vacancy encoded as column numbers and scalars (kept for tail rows only)."""

    vacancy_id: int
    occ_cols: tuple
    ess_cols: tuple
    opt_cols: tuple
    lang_cols: tuple
    lang_ranks: tuple
    eqf: float
    saturation: float
    region: int
    start: float
    until: float
    sponsors: bool
    classified: bool
    organisation: int
    occupation: int
    text: sp.csr_matrix | None = None


class _Segment:
    """Rows of vacancies as matrices and arrays; rows are never removed, only marked dead."""

    def __init__(self, rows: list[_Row], text: sp.csr_matrix, n_text_features: int):
        n = len(rows)
        self.ids = np.fromiter((r.vacancy_id for r in rows), np.int64, n)
        self.alive = np.ones(n, dtype=bool)
        self.occ = _csr([r.occ_cols for r in rows], None, n)
        self.ess = _csr([r.ess_cols for r in rows], None, n)
        self.opt = _csr([r.opt_cols for r in rows], None, n)
        self.lang = _csr([r.lang_cols for r in rows], [r.lang_ranks for r in rows], n)
        self.eqf = np.fromiter((r.eqf for r in rows), np.float64, n)
        self.saturation = np.fromiter((r.saturation for r in rows), np.float64, n)
        self.region = np.fromiter((r.region for r in rows), np.int16, n)
        self.start = np.fromiter((r.start for r in rows), np.float64, n)
        self.until = np.fromiter((r.until for r in rows), np.float64, n)
        self.sponsors = np.fromiter((r.sponsors for r in rows), bool, n)
        self.classified = np.fromiter((r.classified for r in rows), bool, n)
        self.organisation = np.fromiter((r.organisation for r in rows), np.int64, n)
        self.occupation = np.fromiter((r.occupation for r in rows), np.int64, n)
        self.text = text if text is not None else sp.csr_matrix((n, n_text_features), dtype=np.float32)
        self._derive()

    def _derive(self):
        self.n_ess = np.diff(self.ess.indptr).astype(np.float64)
        self.n_opt = np.diff(self.opt.indptr).astype(np.float64)
        self.n_lang = np.diff(self.lang.indptr).astype(np.float64)
        self.lang_rows = np.repeat(np.arange(len(self.ids), dtype=np.int32), np.diff(self.lang.indptr))

    def __len__(self):
        return len(self.ids)

    @classmethod
    def merge(cls, parts: list[tuple[_Segment, np.ndarray]]) -> _Segment:
        """A new segment from the selected rows of several segments (vectorised)."""
        seg = cls.__new__(cls)
        for name in (
            "ids",
            "eqf",
            "saturation",
            "region",
            "start",
            "until",
            "sponsors",
            "classified",
            "organisation",
            "occupation",
        ):
            setattr(seg, name, np.concatenate([getattr(s, name)[rows] for s, rows in parts]))
        for name in ("occ", "ess", "opt", "lang", "text"):
            width = max(getattr(s, name).shape[1] for s, _ in parts)
            blocks = [_widen(getattr(s, name)[rows], width) for s, rows in parts]
            setattr(seg, name, sp.vstack(blocks, format="csr"))
        seg.alive = np.ones(len(seg.ids), dtype=bool)
        seg._derive()
        return seg

    def memory_bytes(self) -> int:
        total = 0
        for value in self.__dict__.values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif sp.issparse(value):
                total += value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
        return total


class VacancyIndex:
    """Open vacancies, ranked for a candidate by sparse products and vectorised component math.

    Parameters
    ----------
    vacancies : iterable of VacancyProfile
        The open vacancies at build time.
    vocabulary : Vocabulary
        ISCO codes and skills of ESCO occupations, skill labels for text similarity.
    config : MatchConfig, optional
        Weights and constants; defaults to ``MatchConfig()``.
    tail_limit : int
        Rows the tail segment may hold before it is compacted into the main segment.
    """

    def __init__(
        self,
        vacancies: Iterable[VacancyProfile],
        vocabulary: Vocabulary | None = None,
        config: MatchConfig | None = None,
        tail_limit: int = 2048,
    ):
        self.vocabulary = vocabulary or Vocabulary()
        self.config = config or MatchConfig()
        self.tail_limit = tail_limit
        profiles = list(vacancies)
        self.skill_cols = _Columns(sorted(self.vocabulary.skill_labels))
        self.occ_cols = _Columns()
        self.lang_cols = _Columns()
        self.region_cols = _Columns()
        self.text_model = TextModel(
            (vacancy_document(p.title, p.skill_texts) for p in profiles), self.vocabulary.skill_labels
        )
        self.n_text = 1 if self.text_model.is_empty_ else len(self.text_model.vectorizer_.vocabulary_)
        self.profiles: dict[int, VacancyProfile] = {}
        self._where: dict[int, tuple[int, int]] = {}  # vacancy id -> (segment 0 main / 1 tail, row)
        unique = {}
        for profile in profiles:
            unique[profile.vacancy_id] = profile  # the last profile given for an id wins
        profiles = sorted(unique.values(), key=lambda p: p.vacancy_id)
        rows = [self._encode(p) for p in profiles]
        text = self.text_model.transform([vacancy_document(p.title, p.skill_texts) for p in profiles])
        self._main = _Segment(rows, text, self.n_text)
        self._tail_rows: list[_Row] = []
        self._tail = _Segment([], None, self.n_text)
        self._dead_main = 0
        for row_number, profile in enumerate(profiles):
            self.profiles[profile.vacancy_id] = profile
            self._where[profile.vacancy_id] = (0, row_number)

    # ---- incremental updates -------------------------------------------------------------------
    def upsert(self, vacancy: VacancyProfile) -> None:
        """Add a vacancy or replace its previous version, without rebuilding the index."""
        self.remove(vacancy.vacancy_id)
        row = self._encode(vacancy)
        row.text = self.text_model.transform([vacancy_document(vacancy.title, vacancy.skill_texts)])
        self._tail_rows.append(row)
        self.profiles[vacancy.vacancy_id] = vacancy
        self._where[vacancy.vacancy_id] = (1, len(self._tail_rows) - 1)
        if len(self._tail_rows) > self.tail_limit:
            self._compact()
        else:
            self._rebuild_tail()

    def remove(self, vacancy_id: int) -> bool:
        """Drop a vacancy (closed, filled, deleted); returns whether it was indexed."""
        where = self._where.pop(vacancy_id, None)
        self.profiles.pop(vacancy_id, None)
        if where is None:
            return False
        segment, row = where
        if segment == 0:
            self._main.alive[row] = False
            self._dead_main += 1
            if self._dead_main * 4 > len(self._main) and len(self._main) > 64:
                self._compact()
        else:
            self._tail.alive[row] = False
        return True

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, vacancy_id: int) -> bool:
        return vacancy_id in self._where

    def memory_bytes(self) -> int:
        return self._main.memory_bytes() + self._tail.memory_bytes()

    def _rebuild_tail(self):
        rows = self._tail_rows
        text = sp.vstack([r.text for r in rows], format="csr") if rows else None
        alive = self._tail.alive
        self._tail = _Segment(rows, text, self.n_text)
        self._tail.alive[: len(alive)] = alive[: len(rows)]

    def _compact(self):
        parts = [(self._main, np.flatnonzero(self._main.alive))]
        if self._tail_rows:
            self._rebuild_tail()
            parts.append((self._tail, np.flatnonzero(self._tail.alive)))
        self._main = _Segment.merge(parts)
        self._tail_rows, self._dead_main = [], 0
        self._tail = _Segment([], None, self.n_text)
        self._where = {int(vid): (0, row) for row, vid in enumerate(self._main.ids)}

    def _encode(self, v: VacancyProfile) -> _Row:
        essential, optional, _ = effective_skills(v, self.vocabulary)
        isco = isco_of(v.occupation_id, v.isco_code, self.vocabulary)
        keys = occupation_keys(v.occupation_id, isco)
        occ_cols = tuple(self.occ_cols.add((level, key)) for level, key in enumerate(keys) if key is not None)
        sat = (
            v.min_experience_years
            if v.min_experience_years and v.min_experience_years > 0
            else self.config.experience_saturation_years
        )
        return _Row(
            vacancy_id=v.vacancy_id,
            occ_cols=occ_cols,
            ess_cols=tuple(self.skill_cols.add(s) for s in essential),
            opt_cols=tuple(self.skill_cols.add(s) for s in optional),
            lang_cols=tuple(self.lang_cols.add(lang) for lang, _ in v.languages),
            lang_ranks=tuple(float(cefr_rank(level)) for _, level in v.languages),
            eqf=float(v.min_education_eqf or 0),
            saturation=float(sat),
            region=self.region_cols.add(v.region) if v.region else NO_VALUE,
            start=float(v.start_date.toordinal()) if v.start_date else np.nan,
            until=float(v.valid_through.toordinal()) if v.valid_through else np.inf,
            sponsors=bool(v.sponsors_permit),
            classified=bool(keys[0] is not None or isco),
            organisation=v.organisation_id if v.organisation_id is not None else NO_VALUE,
            occupation=v.occupation_id if v.occupation_id is not None else NO_VALUE,
        )

    # ---- ranking ---------------------------------------------------------------------------------
    def prepare(self, candidate: CandidateProfile) -> PreparedCandidate:
        return prepare_candidate(candidate, self.vocabulary, self.config, self.text_model)

    def scores(
        self,
        candidate: CandidateProfile | PreparedCandidate,
        as_of: dt.date,
        filters: MatchFilters | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(vacancy ids, scores in [0, 1]) of every indexed vacancy passing the filters."""
        prepared = candidate if isinstance(candidate, PreparedCandidate) else self.prepare(candidate)
        query = _Query(self, prepared, as_of)
        ids, scores = [], []
        for seg in (self._main, self._tail):
            if len(seg) == 0:
                continue
            score = self._segment_scores(seg, query)
            # A vacancy past its valid_through day drops out without anyone writing to it.
            keep = seg.alive & (seg.until >= query.as_of) & self._mask(seg, filters, score)
            ids.append(seg.ids[keep])
            scores.append(score[keep])
        if not ids:
            return np.empty(0, np.int64), np.empty(0, np.float64)
        return np.concatenate(ids), np.concatenate(scores)

    def rank(
        self,
        candidate: CandidateProfile,
        *,
        as_of: dt.date,
        top_k: int = 20,
        offset: int = 0,
        filters: MatchFilters | None = None,
        explain: bool = True,
    ) -> RankedPage:
        """The best ``top_k`` vacancies after ``offset``, best first, ties broken by vacancy id."""
        prepared = self.prepare(candidate)
        ids, scores = self.scores(prepared, as_of, filters)
        order = top_k_order(ids, scores, offset + top_k)[offset:]
        query = _Query(self, prepared, as_of) if explain and prepared.has_text else None
        results = []
        for i in order:
            vid, score = int(ids[i]), float(scores[i])
            if explain:
                result = score_pair(
                    prepared,
                    self.profiles[vid],
                    self.vocabulary,
                    self.config,
                    as_of,
                    self.text_model,
                    text_score=self._text_of(query, vid),
                )
                results.append(_with_score(result, score))
            else:
                results.append(
                    MatchResult(
                        vacancy_id=vid, candidate_id=candidate.candidate_id, score=score, components={}
                    )
                )
        return RankedPage(results=tuple(results), total=len(ids))

    def explain(
        self, candidate: CandidateProfile | PreparedCandidate, vacancy_ids: Iterable[int], as_of: dt.date
    ) -> list[MatchResult]:
        """Scored, explained results for the given indexed vacancies (unknown ids are skipped)."""
        prepared = candidate if isinstance(candidate, PreparedCandidate) else self.prepare(candidate)
        query = _Query(self, prepared, as_of) if prepared.has_text else None
        return [
            score_pair(
                prepared,
                self.profiles[vid],
                self.vocabulary,
                self.config,
                as_of,
                self.text_model,
                text_score=self._text_of(query, vid),
            )
            for vid in vacancy_ids
            if vid in self.profiles
        ]

    def _text_of(self, query: _Query | None, vacancy_id: int) -> float | None:
        if query is None:
            return None
        segment, row = self._where[vacancy_id]
        seg = self._main if segment == 0 else self._tail
        return float(self._text_scores(seg, query, np.array([row]))[0])

    def _mask(self, seg: _Segment, filters: MatchFilters | None, score: np.ndarray) -> np.ndarray:
        mask = np.ones(len(seg), dtype=bool)
        if filters is None:
            return mask
        if filters.regions:
            codes = [self.region_cols.index[r] for r in filters.regions if r in self.region_cols.index]
            mask &= np.isin(seg.region, codes)
        if filters.sponsors_permit is not None:
            mask &= seg.sponsors == filters.sponsors_permit
        if filters.occupation_ids:
            mask &= np.isin(seg.occupation, filters.occupation_ids)
        if filters.vacancy_ids is not None:
            mask &= np.isin(seg.ids, np.asarray(filters.vacancy_ids, dtype=np.int64))
        if filters.min_score > 0:
            mask &= score >= filters.min_score - 1e-9
        return mask

    def _segment_scores(self, seg: _Segment, q: _Query) -> np.ndarray:
        cfg = self.config
        n = len(seg)
        # Occupation: years and presence at each of the four levels from one sparse product.
        levels = seg.occ @ q.occ[: seg.occ.shape[1]]  # n × 8
        occupation = np.zeros(n)
        for level, weight in enumerate(cfg.level_weights()):
            years, present = levels[:, 2 * level], levels[:, 2 * level + 1] > 0
            value = weight * (
                cfg.experience_floor + (1 - cfg.experience_floor) * np.minimum(1.0, years / seg.saturation)
            )
            occupation = np.maximum(occupation, np.where(present, value, 0.0))
        occupation = np.where(seg.classified, occupation, cfg.neutral)
        # Skills coverage.
        skills = q.skills[: seg.ess.shape[1]]
        essential = np.divide(seg.ess @ skills, seg.n_ess, out=np.full(n, cfg.neutral), where=seg.n_ess > 0)
        optional = np.divide(
            seg.opt @ q.skills[: seg.opt.shape[1]],
            seg.n_opt,
            out=np.full(n, cfg.neutral),
            where=seg.n_opt > 0,
        )
        # Languages: credit per required language, averaged per vacancy.
        have = q.languages[seg.lang.indices] if seg.lang.nnz else np.empty(0)
        short = seg.lang.data - have
        credit = np.where(short <= 0, 1.0, np.where(short == 1, cfg.language_one_level_short, 0.0))
        credit_sum = np.bincount(seg.lang_rows, weights=credit, minlength=n)
        languages = np.divide(credit_sum, seg.n_lang, out=np.ones(n), where=seg.n_lang > 0)
        # Education.
        education = self._education(seg, q)
        # Location.
        if q.regions is None:
            location = np.full(n, cfg.neutral)
        else:
            location = np.where(seg.region >= 0, q.regions[np.maximum(seg.region, 0)], cfg.neutral)
        # Availability.
        if q.available is None:
            availability = np.full(n, cfg.neutral)
        else:
            target = np.where(np.isnan(seg.start), q.as_of, np.maximum(seg.start, q.as_of))
            delay = q.available - target
            availability = np.clip(1.0 - delay / cfg.availability_grace_days, 0.0, 1.0)
        values = {
            "occupation": occupation,
            "essential_skills": essential,
            "optional_skills": optional,
            "languages": languages,
            "education": education,
            "location": location,
            "availability": availability,
        }
        if q.has_text:
            values["text"] = self._text_scores(seg, q, slice(None))
        total = np.zeros(n)
        weights = 0.0
        for name in COMPONENTS:
            if name in values:
                total += cfg.weight(name) * values[name]
                weights += cfg.weight(name)
        return np.round(total / weights, 6)

    def _education(self, seg: _Segment, q: _Query) -> np.ndarray:
        cfg = self.config
        required = seg.eqf > 0
        if q.eqf is None:
            return np.where(required, cfg.neutral, 1.0)
        short = seg.eqf - q.eqf
        value = np.where(short <= 0, 1.0, np.where(short == 1, cfg.education_one_level_short, 0.0))
        if q.education_cap is not None:
            value = np.minimum(value, q.education_cap)
        return np.where(required, value, 1.0)

    def _text_scores(self, seg: _Segment, q: _Query, rows) -> np.ndarray:
        whole = isinstance(rows, slice)
        text = seg.text if whole else seg.text[rows]
        title = (text @ q.text[:, : text.shape[1]].T).toarray().ravel()
        ess, opt = (seg.ess, seg.opt) if whole else (seg.ess[rows], seg.opt[rows])
        soft_sum = ess @ q.soft[: ess.shape[1]] + opt @ q.soft[: opt.shape[1]]
        count = np.diff(ess.indptr) + np.diff(opt.indptr)
        soft = np.divide(soft_sum, count, out=np.zeros(len(count)), where=count > 0)
        return np.minimum(1.0, np.maximum(title, soft))


class _Query:
    """A prepared candidate as dense vectors over the index's column spaces."""

    def __init__(self, index: VacancyIndex, prepared: PreparedCandidate, as_of: dt.date):
        cand = prepared.profile
        self.occ = np.zeros((max(len(index.occ_cols), 1), 8))
        for level, years in enumerate(prepared.years_by_level):
            for key, value in years.items():
                col = index.occ_cols.index.get((level, key))
                if col is not None:
                    self.occ[col, 2 * level] = value
                    self.occ[col, 2 * level + 1] = 1.0
        n_skills = max(len(index.skill_cols), 1)
        self.skills = np.zeros(n_skills)
        self.soft = np.zeros(n_skills)
        for skill in prepared.skills:
            col = index.skill_cols.index.get(skill)
            if col is not None:
                self.skills[col] = 1.0
        for skill, value in prepared.soft_skills.items():
            col = index.skill_cols.index.get(skill)
            if col is not None:
                self.soft[col] = value
        self.languages = np.zeros(max(len(index.lang_cols), 1))
        for lang, rank in prepared.languages.items():
            col = index.lang_cols.index.get(lang)
            if col is not None:
                self.languages[col] = rank
        self.eqf = cand.education_eqf
        cfg = index.config
        self.education_cap = {
            "pending": cfg.education_pending,
            "not_recognised": cfg.education_not_recognised,
        }.get(cand.diploma_recognition)
        if cand.preferred_regions:
            self.regions = np.zeros(max(len(index.region_cols), 1))
            for region in cand.preferred_regions:
                col = index.region_cols.index.get(region)
                if col is not None:
                    self.regions[col] = 1.0
        else:
            self.regions = None
        self.as_of = float(as_of.toordinal())
        self.available = float(cand.available_from.toordinal()) if cand.available_from else None
        self.has_text = prepared.has_text
        self.text = index.text_model.query(cand.skill_texts) if prepared.has_text else None


def top_k_order(ids: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k best scores, best first, equal scores by ascending id (deterministic)."""
    n = len(scores)
    if k <= 0 or n == 0:
        return np.empty(0, dtype=np.int64)
    if k < n:
        # Everything scoring at least the k-th best score, so ties at the boundary are resolved by id.
        threshold = np.partition(scores, n - k)[n - k]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(n)
    order = candidates[np.lexsort((ids[candidates], -scores[candidates]))]
    return order[:k]


def _with_score(result: MatchResult, score: float) -> MatchResult:
    from dataclasses import replace

    return replace(result, score=score)


def _csr(cols: list[tuple], values: list[tuple] | None, n_rows: int) -> sp.csr_matrix:
    lengths = np.fromiter((len(c) for c in cols), np.int64, n_rows)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.fromiter(itertools.chain.from_iterable(cols), np.int32, int(indptr[-1]))
    if values is None:
        data = np.ones(len(indices), dtype=np.float64)
    else:
        data = np.fromiter(itertools.chain.from_iterable(values), np.float64, int(indptr[-1]))
    width = int(indices.max()) + 1 if len(indices) else 1
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, width))


def _widen(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))
