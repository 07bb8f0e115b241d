"""The open vacancies as sparse matrices, ranked for one candidate in a few vectorised steps.

Layout: every vacancy is a row. Its essential and optional skills are rows of two sparse matrices
(vacancies × ESCO skills), kept in both CSR (row) and CSC (column, i.e. an inverted index) form;
its language requirements a CSR row holding the required CEFR rank; the character n-grams of its
title and free-text skills a TF-IDF row (CSR and CSC); its occupation keys at four levels (ESCO
occupation, ISCO-08 unit, minor and sub-major group) an ``n × 4`` array of column numbers (the
ELLPACK sparse layout: at most one key per level); its region, EQF level, dates... numpy arrays.

Ranking a candidate is then: sparse products computed through the inverted index (only the
columns of the candidate's few skills and n-grams are touched, then one ``bincount``), gathers
for the occupation levels, element-wise component math over all rows, a weighted sum, and
``argpartition`` for the top k — no Python loop over vacancies.

Incremental updates: rows live in two segments, a large *main* segment and a small *tail*. Adding
or replacing a vacancy marks its old row dead and appends a row to the tail (the tail's matrices
are re-assembled from its per-row encodings with a few concatenations); when the tail grows past
``tail_limit`` rows or a quarter of the main segment is dead, the live rows of both are compacted
into a new main segment with vectorised scipy row selection.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from .config import COMPONENTS, ENGINE_VERSION, MatchConfig
from .profiles import CandidateProfile, VacancyProfile, Vocabulary, cefr_rank, effective_skills, isco_of
from .proximity import ProximityTable
from .scoring import MatchResult, PreparedCandidate, occupation_keys, prepare_candidate, score_pair, vacancy_keys
from .text import TextModel, vacancy_document

NO_VALUE = -1
LEVELS = 4
EQF_MAX = 8


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
    occ_cols: tuple  # column numbers of the occupation keys (all levels, all alternatives)
    occ_weights: tuple  # their confidence weights (1 for the best hit)
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
    text_cols: np.ndarray | None = None
    text_values: np.ndarray | None = None


_ARRAYS = (
    "ids",
    "eqf",
    "inv_saturation",
    "region",
    "start",
    "until",
    "sponsors",
    "classified",
    "organisation",
    "occupation",
)
_MATRICES = ("ess", "opt", "lang", "text", "occ")


class _Segment:
    """Rows of vacancies as matrices and arrays; rows are never removed, only marked dead."""

    def __init__(self, rows: list[_Row], text: sp.csr_matrix | None, n_text: int):
        n = len(rows)
        self.ids = np.fromiter((r.vacancy_id for r in rows), np.int64, n)
        self.alive = np.ones(n, dtype=bool)
        self.occ = _csr([r.occ_cols for r in rows], [r.occ_weights for r in rows], n, np.float64)
        self.ess = _csr([r.ess_cols for r in rows], None, n)
        self.opt = _csr([r.opt_cols for r in rows], None, n)
        self.lang = _csr([r.lang_cols for r in rows], [r.lang_ranks for r in rows], n)
        self.eqf = np.fromiter((r.eqf for r in rows), np.float64, n)
        self.inv_saturation = np.fromiter((1.0 / r.saturation for r in rows), np.float64, n)
        self.region = np.fromiter((r.region for r in rows), np.int32, n)
        self.start = np.fromiter((r.start for r in rows), np.float64, n)
        self.until = np.fromiter((r.until for r in rows), np.float64, n)
        self.sponsors = np.fromiter((r.sponsors for r in rows), bool, n)
        self.classified = np.fromiter((r.classified for r in rows), bool, n)
        self.organisation = np.fromiter((r.organisation for r in rows), np.int64, n)
        self.occupation = np.fromiter((r.occupation for r in rows), np.int64, n)
        if text is None:
            lengths = [len(r.text_cols) for r in rows]
            indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(lengths, out=indptr[1:])
            indices = np.concatenate([r.text_cols for r in rows]) if n else np.empty(0, np.int32)
            data = np.concatenate([r.text_values for r in rows]) if n else np.empty(0, np.float32)
            text = sp.csr_matrix((data, indices, indptr), shape=(n, n_text))
        self.text = text
        self._derive()

    def _derive(self):
        n = len(self.ids)
        self.n_ess = np.diff(self.ess.indptr).astype(np.float64)
        self.n_opt = np.diff(self.opt.indptr).astype(np.float64)
        self.n_lang = np.diff(self.lang.indptr).astype(np.float64)
        self.n_skills = self.n_ess + self.n_opt
        self.lang_rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(self.lang.indptr))
        self.lang_ranks = self.lang.data.astype(np.int8)
        # Occupation keys (weighted by confidence) in column form: key -> the rows that have it.
        self.occ_csc = self.occ.tocsc()
        self.occ_inv_saturation = self.inv_saturation[self.occ_csc.indices]  # aligned with its entries
        # Column (inverted) forms: a candidate touches only the columns of its own skills and n-grams.
        self.ess_csc = self.ess.tocsc()
        self.opt_csc = self.opt.tocsc()
        # Many vacancies share a title: n-gram similarities are computed once per distinct document
        # (title and skill texts) and gathered to the rows (``doc_of_row``).
        self.doc_of_row, first_rows = _distinct_rows(self.text)
        self.docs_csc = self.text[first_rows].tocsc()
        # Rows without an ESCO occupation: the title similarity stands in for the occupation fit.
        self.unclassified_rows = np.flatnonzero(~self.classified)
        # Lookup keys of the per-candidate tables: required EQF level, start day (none = -inf).
        self.eqf_level = np.clip(self.eqf, 0, EQF_MAX).astype(np.int64)
        self.start_or_min = np.where(np.isnan(self.start), -np.inf, self.start)

    def __len__(self):
        return len(self.ids)

    @classmethod
    def merge(cls, parts: list[tuple[_Segment, np.ndarray]]) -> _Segment:
        """A new segment from the selected rows of several segments (vectorised)."""
        seg = cls.__new__(cls)
        for name in _ARRAYS:
            setattr(seg, name, np.concatenate([getattr(s, name)[rows] for s, rows in parts]))
        for name in _MATRICES:
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
        tail_limit: int = 1024,
    ):
        self.vocabulary = vocabulary or Vocabulary()
        self.config = config or MatchConfig()
        self.proximity = ProximityTable(self.vocabulary, self.config)
        self.tail_limit = tail_limit
        unique = {}
        for profile in vacancies:
            unique[profile.vacancy_id] = profile  # the last profile given for an id wins
        profiles = sorted(unique.values(), key=lambda p: p.vacancy_id)
        self.skill_cols = _Columns(sorted(self.vocabulary.skill_labels))
        self.occ_cols = _Columns()
        self.lang_cols = _Columns()
        self.region_cols = _Columns()
        documents = [vacancy_document(p.title, p.skill_texts) for p in profiles]
        self.text_model = TextModel(documents, self.vocabulary.skill_labels)
        self.n_text = 1 if self.text_model.is_empty_ else len(self.text_model.vectorizer_.vocabulary_)
        self.built_size = len(profiles)  # the n-gram vocabulary and idf come from these vacancies
        rows = [self._encode(p) for p in profiles]
        text = self.text_model.corpus_matrix_
        if text is None:  # no text anywhere (or no vacancies): an empty n-gram matrix
            text = sp.csr_matrix((len(profiles), self.n_text), dtype=np.float32)
        if text is not None and text.shape[1] != self.n_text:
            text = _widen(text, self.n_text)
        self._main = _Segment(rows, text, self.n_text)
        self._tail_rows: list[_Row] = []
        self._tail = _Segment([], None, self.n_text)
        self._tail_dead: set[int] = set()
        self._tail_dirty = False
        self._dead_main = 0
        self.profiles: dict[int, VacancyProfile] = {p.vacancy_id: p for p in profiles}
        self._where: dict[int, tuple[int, int]] = {p.vacancy_id: (0, row) for row, p in enumerate(profiles)}

    # ---- incremental updates -------------------------------------------------------------------
    def upsert(self, vacancy: VacancyProfile) -> None:
        """Add a vacancy or replace its previous version, without rebuilding the index."""
        self.remove(vacancy.vacancy_id)
        row = self._encode(vacancy)
        row.text_cols, row.text_values = self.text_model.vector(vacancy_document(vacancy.title, vacancy.skill_texts))
        self._tail_rows.append(row)
        self.profiles[vacancy.vacancy_id] = vacancy
        self._where[vacancy.vacancy_id] = (1, len(self._tail_rows) - 1)
        # The tail's matrices are re-assembled once, by the next query, whatever the number of updates.
        self._tail_dirty = True
        if len(self._tail_rows) > self.tail_limit:
            self._compact()

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
            self._tail_dead.add(row)
            if not self._tail_dirty:
                self._tail.alive[row] = False
        return True

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, vacancy_id: int) -> bool:
        return vacancy_id in self._where

    def memory_bytes(self) -> int:
        self._ensure_tail()
        return self._main.memory_bytes() + self._tail.memory_bytes()

    def _ensure_tail(self):
        if self._tail_dirty:
            self._tail = _Segment(self._tail_rows, None, self.n_text)
            if self._tail_dead:
                self._tail.alive[sorted(self._tail_dead)] = False
            self._tail_dirty = False

    def _compact(self):
        parts = [(self._main, np.flatnonzero(self._main.alive))]
        if self._tail_rows:
            self._ensure_tail()
            parts.append((self._tail, np.flatnonzero(self._tail.alive)))
        self._main = _Segment.merge(parts)
        self._tail_rows, self._dead_main = [], 0
        self._tail_dead, self._tail_dirty = set(), False
        self._tail = _Segment([], None, self.n_text)
        self._where = {int(vid): (0, row) for row, vid in enumerate(self._main.ids)}

    def _encode(self, v: VacancyProfile) -> _Row:
        essential, optional, _ = effective_skills(v, self.vocabulary)
        isco = isco_of(v.occupation_id, v.isco_code, self.vocabulary)
        keys = occupation_keys(v.occupation_id, isco)
        weighted = sorted(
            (self.occ_cols.add((level, key)), weight)
            for level, key, weight, _ in vacancy_keys(v, self.vocabulary, self.config)
        )
        sat = v.min_experience_years if v.min_experience_years and v.min_experience_years > 0 else None
        return _Row(
            vacancy_id=v.vacancy_id,
            occ_cols=tuple(col for col, _ in weighted),
            occ_weights=tuple(weight for _, weight in weighted),
            ess_cols=tuple(self.skill_cols.add(s) for s in essential),
            opt_cols=tuple(self.skill_cols.add(s) for s in optional),
            lang_cols=tuple(self.lang_cols.add(lang) for lang, _ in v.languages),
            lang_ranks=tuple(float(cefr_rank(level)) for _, level in v.languages),
            eqf=float(v.min_education_eqf or 0),
            saturation=float(sat or self.config.experience_saturation_years),
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
        return prepare_candidate(candidate, self.vocabulary, self.config, self.text_model, self.proximity)

    def scores(
        self,
        candidate: CandidateProfile | PreparedCandidate,
        as_of: dt.date,
        filters: MatchFilters | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(vacancy ids, scores in [0, 1]) of every indexed vacancy passing the filters."""
        ids, scores, _ = self.scores_with_evidence(candidate, as_of, filters)
        return ids, scores

    def scores_with_evidence(
        self,
        candidate: CandidateProfile | PreparedCandidate,
        as_of: dt.date,
        filters: MatchFilters | None = None,
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """As :meth:`scores`, plus the evidence that orders equal scores (see :func:`top_k_order`):
        the unrounded title similarity and occupation fit of each vacancy."""
        prepared = candidate if isinstance(candidate, PreparedCandidate) else self.prepare(candidate)
        self._ensure_tail()
        query = _Query(self, prepared, as_of)
        ids, scores, titles, occupations = [], [], [], []
        for seg in (self._main, self._tail):
            if len(seg) == 0:
                continue
            score, title, occupation = self._segment_scores(seg, query)
            # A vacancy past its valid_through day drops out without anyone writing to it.
            keep = seg.alive & (seg.until >= query.as_of)
            self._mask(seg, filters, score, keep)
            ids.append(seg.ids[keep])
            scores.append(score[keep])
            titles.append(title[keep])
            occupations.append(occupation[keep])
        if not ids:
            empty = np.empty(0, np.float64)
            return np.empty(0, np.int64), empty, (empty, empty)
        return (
            np.concatenate(ids),
            np.concatenate(scores),
            (np.concatenate(titles), np.concatenate(occupations)),
        )

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
        """The best ``top_k`` vacancies after ``offset``, best first; equal scores are ordered by
        the evidence (title similarity, then occupation fit), and by vacancy id only when that is equal too."""
        prepared = self.prepare(candidate)
        ids, scores, evidence = self.scores_with_evidence(prepared, as_of, filters)
        order = top_k_order(ids, scores, offset + top_k, evidence)[offset:]
        chosen = [int(ids[i]) for i in order]
        if explain:
            explained = self.explain(prepared, chosen, as_of)
            results = [replace(r, score=float(scores[i])) for r, i in zip(explained, order, strict=True)]
        else:
            results = [
                MatchResult(vacancy_id=vid, candidate_id=candidate.candidate_id, score=float(scores[i]), components={})
                for vid, i in zip(chosen, order, strict=True)
            ]
        return RankedPage(results=tuple(results), total=len(ids))

    def explain(
        self, candidate: CandidateProfile | PreparedCandidate, vacancy_ids: Iterable[int], as_of: dt.date
    ) -> list[MatchResult]:
        """Scored, explained results for the given indexed vacancies (unknown ids are skipped)."""
        prepared = candidate if isinstance(candidate, PreparedCandidate) else self.prepare(candidate)
        self._ensure_tail()
        query = _Query(self, prepared, as_of) if prepared.has_text else None
        titles = _DenseTitles(prepared, self.n_text) if prepared.has_titles else None
        return [
            score_pair(
                prepared,
                self.profiles[vid],
                self.vocabulary,
                self.config,
                as_of,
                self.text_model,
                text_score=self._text_of(query, vid),
                title_evidence=titles.evidence(*self._document_of(vid)) if titles else None,
            )
            for vid in vacancy_ids
            if vid in self.profiles
        ]

    def _document_of(self, vacancy_id: int) -> tuple[np.ndarray, np.ndarray]:
        """The indexed TF-IDF vector (columns, values) of a vacancy's title and skill texts."""
        segment, row = self._where[vacancy_id]
        text = (self._main if segment == 0 else self._tail).text
        start, end = text.indptr[row], text.indptr[row + 1]
        return text.indices[start:end], text.data[start:end]

    def _text_of(self, query: _Query | None, vacancy_id: int) -> float | None:
        """The text component of one indexed row, from its CSR rows (no scipy slicing)."""
        if query is None:
            return None
        segment, row = self._where[vacancy_id]
        seg = self._main if segment == 0 else self._tail
        start, end = seg.text.indptr[row], seg.text.indptr[row + 1]
        title = float(
            np.dot(seg.text.data[start:end].astype(np.float64), query.text_dense()[seg.text.indices[start:end]])
        )
        soft_sum = 0.0
        for matrix in (seg.ess, seg.opt):
            cols = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
            soft_sum += float(query.soft_dense[cols].sum())
        count = seg.n_skills[row]
        soft = soft_sum / count if count else 0.0
        return min(1.0, max(title, soft))

    def _mask(self, seg: _Segment, filters: MatchFilters | None, score: np.ndarray, keep: np.ndarray) -> None:
        if filters is None:
            return
        if filters.regions:
            codes = [self.region_cols.index[r] for r in filters.regions if r in self.region_cols.index]
            keep &= np.isin(seg.region, codes)
        if filters.sponsors_permit is not None:
            keep &= seg.sponsors == filters.sponsors_permit
        if filters.occupation_ids:
            keep &= np.isin(seg.occupation, filters.occupation_ids)
        if filters.vacancy_ids is not None:
            keep &= np.isin(seg.ids, np.asarray(filters.vacancy_ids, dtype=np.int64))
        if filters.min_score > 0:
            keep &= score >= filters.min_score - 1e-9

    def _segment_scores(self, seg: _Segment, q: _Query) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scores, title similarity, occupation fit) of every row of ``seg`` for the query."""
        cfg = self.config
        n = len(seg)
        occupation = self._occupation_scores(seg, q)
        title = self._title_scores(seg, q, occupation)
        # Skills coverage: the candidate's skill columns of the inverted index, counted per row.
        if q.gave_skills:
            essential = _coverage(_column_sum(seg.ess_csc, q.skill_cols, None, n), seg.n_ess, cfg.neutral)
            optional = _coverage(_column_sum(seg.opt_csc, q.skill_cols, None, n), seg.n_opt, cfg.neutral)
        else:  # no skill given: neutral for every vacancy
            essential = optional = cfg.neutral
        # Education, location: the candidate's value for each possible row value, gathered.
        education = q.education_table[seg.eqf_level]
        location = q.region_table[seg.region] if q.region_table is not None else cfg.neutral
        if q.available is None:
            availability = cfg.neutral
        else:
            availability = 1.0 - (q.available - np.maximum(seg.start_or_min, q.as_of)) / cfg.availability_grace_days
            np.clip(availability, 0.0, 1.0, out=availability)
        values = {
            "occupation": occupation,
            "title": title if q.titles else None,
            "essential_skills": essential,
            "optional_skills": optional,
            "languages": self._language_scores(seg, q),
            "education": education,
            "location": location,
            "availability": availability,
            "text": self._text_scores(seg, q) if q.has_text else None,
        }
        total = np.zeros(n)
        weights = 0.0
        for name in COMPONENTS:
            if values[name] is not None:
                total += cfg.weight(name) * values[name]
                weights += cfg.weight(name)
        total /= weights
        return np.round(total, 6, out=total), title, occupation

    def _occupation_scores(self, seg: _Segment, q: _Query) -> np.ndarray:
        """For each occupation key of the candidate (at any level, and the occupations related to its
        past occupations), only the rows that have that key are touched, through the key's column of
        the inverted index; rows without an ESCO occupation start neutral."""
        floor = self.config.experience_floor
        occupation = np.zeros(len(seg))
        occupation[seg.unclassified_rows] = self.config.neutral
        indptr = seg.occ_csc.indptr
        keys = [key for key in q.occ_keys if key[0] < len(indptr) - 1 and indptr[key[0]] < indptr[key[0] + 1]]
        if not keys:
            return occupation
        cols = np.fromiter((key[0] for key in keys), np.int64, len(keys))
        starts, ends = indptr[cols], indptr[cols + 1]
        entries = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        lengths = ends - starts
        # level value × the candidate's confidence weight, and the years, of each touched entry.
        scale = np.repeat(np.fromiter((key[1] * key[3] for key in keys), np.float64, len(keys)), lengths)
        years = np.repeat(np.fromiter((key[2] for key in keys), np.float64, len(keys)), lengths)
        value = (
            scale
            * seg.occ_csc.data[entries]
            * (floor + (1 - floor) * np.minimum(1.0, years * seg.occ_inv_saturation[entries]))
        )
        np.maximum.at(occupation, seg.occ_csc.indices[entries], value)
        return occupation

    def _title_scores(self, seg: _Segment, q: _Query, occupation: np.ndarray) -> np.ndarray:
        """The best cosine between a past job title and each row's title n-grams (computed once per
        distinct document); a past job without an ESCO occupation is compared by title (at most like
        the same unit group), and so is every row without one (updates ``occupation`` in place)."""
        n_docs = seg.docs_csc.shape[0]
        best_doc, untyped_doc = np.zeros(n_docs), None
        for cols, values, unclassified in q.titles:
            similarity = _column_sum(seg.docs_csc, cols, values, n_docs)
            np.maximum(best_doc, similarity, out=best_doc)
            if unclassified:
                untyped_doc = similarity if untyped_doc is None else np.maximum(untyped_doc, similarity)
        title = best_doc[seg.doc_of_row]
        if untyped_doc is not None:
            np.maximum(occupation, self.config.same_unit_group * untyped_doc[seg.doc_of_row], out=occupation)
        if q.titles and len(seg.unclassified_rows):
            occupation[seg.unclassified_rows] = self.config.same_unit_group * title[seg.unclassified_rows]
        return title

    def _language_scores(self, seg: _Segment, q: _Query) -> np.ndarray | float:
        """Credit per required language from a lookup table indexed by "levels short" (+6), averaged."""
        if not seg.lang.nnz:
            return 1.0
        have = q.languages[np.minimum(seg.lang.indices, len(q.languages) - 1)]
        credit = q.credit_table[seg.lang_ranks - have + 6]
        credit_sum = np.bincount(seg.lang_rows, weights=credit, minlength=len(seg))
        return np.divide(credit_sum, seg.n_lang, out=np.ones(len(seg)), where=seg.n_lang > 0)

    def _text_scores(self, seg: _Segment, q: _Query) -> np.ndarray:
        n = len(seg)
        title = _column_sum(seg.docs_csc, q.text_cols, q.text_values, seg.docs_csc.shape[0])[seg.doc_of_row]
        soft_sum = _column_sum(seg.ess_csc, q.soft_cols, q.soft_values, n) + _column_sum(
            seg.opt_csc, q.soft_cols, q.soft_values, n
        )
        soft = np.divide(soft_sum, seg.n_skills, out=np.zeros(n), where=seg.n_skills > 0)
        return np.minimum(1.0, np.maximum(title, soft))


class _Query:
    """A prepared candidate as arrays over the index's column spaces."""

    def __init__(self, index: VacancyIndex, prepared: PreparedCandidate, as_of: dt.date):
        cand = prepared.profile
        # (column, level value, years, confidence weight) of each of the candidate's occupation keys
        # the index knows, then of the occupations related to its past occupations (siblings...).
        self.occ_keys = []
        level_values = index.config.level_weights()
        for level, years in enumerate(prepared.years_by_level):
            for key, value in sorted(years.items(), key=lambda item: str(item[0])):
                col = index.occ_cols.index.get((level, key))
                if col is not None:
                    weight = prepared.weight_by_level[level].get(key, 1.0)
                    self.occ_keys.append((col, level_values[level], value, weight))
        for target, entries in sorted(prepared.related.items()):
            col = index.occ_cols.index.get((0, target))
            if col is not None:
                self.occ_keys += [(col, entry[0], entry[2], entry[3]) for entry in entries]
        skill_index = index.skill_cols.index
        self.skill_cols = np.array(sorted(skill_index[s] for s in prepared.skills if s in skill_index), np.int64)
        soft = sorted((skill_index[s], v) for s, v in prepared.soft_skills.items() if s in skill_index)
        self.soft_cols = np.array([c for c, _ in soft], np.int64)
        self.soft_values = np.array([v for _, v in soft], np.float64)
        self.soft_dense = np.zeros(max(len(skill_index), 1))
        self.soft_dense[self.soft_cols] = self.soft_values
        self.languages = np.zeros(len(index.lang_cols) + 1, dtype=np.int8)  # trailing slot for safety
        cfg = index.config
        # credit_table[short + 6]: met (short <= 0) = 1, one level short, further below = 0.
        self.credit_table = np.array([1.0] * 7 + [cfg.language_one_level_short] + [0.0] * 5)
        for lang, rank in prepared.languages.items():
            col = index.lang_cols.index.get(lang)
            if col is not None:
                self.languages[col] = rank
        # education_table[required EQF level] (0 = no requirement): met 1, one level short, below 0,
        # capped for a diploma not (yet) recognised; neutral when the candidate gave no level.
        cap = {"pending": cfg.education_pending, "not_recognised": cfg.education_not_recognised}.get(
            cand.diploma_recognition, 1.0
        )
        required = np.arange(EQF_MAX + 1, dtype=np.float64)
        if cand.education_eqf is None:
            self.education_table = np.full(EQF_MAX + 1, cfg.neutral)
        else:
            short = required - cand.education_eqf
            value = np.where(short <= 0, 1.0, np.where(short == 1, cfg.education_one_level_short, 0.0))
            self.education_table = np.minimum(value, cap)
        self.education_table[0] = 1.0
        # region_table[region column] = 1 for a preferred region; the trailing slot (NO_VALUE = -1,
        # a vacancy without a region) is neutral. None when the candidate gave no region.
        self.region_table = None
        if cand.preferred_regions:
            self.region_table = np.zeros(len(index.region_cols) + 1)
            self.region_table[-1] = cfg.neutral
            for region in cand.preferred_regions:
                col = index.region_cols.index.get(region)
                if col is not None:
                    self.region_table[col] = 1.0
        self.as_of = float(as_of.toordinal())
        self.available = float(cand.available_from.toordinal()) if cand.available_from else None
        self.has_text = prepared.has_text
        self.gave_skills = prepared.gave_skills
        self.n_text = index.n_text
        if prepared.has_text:
            cols, values = index.text_model.vector(" ; ".join(cand.skill_texts))
            self.text_cols, self.text_values = cols.astype(np.int64), values.astype(np.float64)
        else:
            self.text_cols, self.text_values = np.empty(0, np.int64), np.empty(0)
        self._text_dense = None
        self.titles = [
            (cols.astype(np.int64), values.astype(np.float64), unclassified)
            for _, (cols, values), unclassified in prepared.title_vectors
        ]

    def text_dense(self) -> np.ndarray:
        if self._text_dense is None:
            self._text_dense = np.zeros(self.n_text)
            self._text_dense[self.text_cols] = self.text_values
        return self._text_dense


def _column_sum(csc: sp.csc_matrix, cols: np.ndarray, weights: np.ndarray | None, n: int) -> np.ndarray:
    """``matrix @ x`` for a sparse ``x`` (columns ``cols``, values ``weights`` or 1): per-row sums."""
    if len(cols):
        inside = cols < csc.shape[1]
        cols = cols[inside]
        weights = weights[inside] if weights is not None else None
    if not len(cols):
        return np.zeros(n)
    starts, ends = csc.indptr[cols], csc.indptr[cols + 1]
    rows = np.concatenate([csc.indices[s:e] for s, e in zip(starts, ends, strict=True)])
    if weights is None and np.all(csc.data[:1] == 1):  # 0/1 matrices: a plain count
        return np.bincount(rows, minlength=n).astype(np.float64)
    values = np.concatenate([csc.data[s:e] for s, e in zip(starts, ends, strict=True)]).astype(np.float64)
    if weights is not None:
        values *= np.repeat(weights, ends - starts)
    return np.bincount(rows, weights=values, minlength=n)


class _DenseTitles:
    """A candidate's past job title vectors as dense arrays: the title evidence of a few vacancies."""

    def __init__(self, prepared: PreparedCandidate, n_text: int):
        self.titles = []
        for title, (cols, values), unclassified in prepared.title_vectors:
            dense = np.zeros(n_text)
            dense[cols] = values
            self.titles.append((title, dense, unclassified))

    def evidence(self, cols: np.ndarray, values: np.ndarray) -> tuple[float, str | None, float]:
        """As ``scoring._title_score`` for the document with these n-gram columns and values."""
        best, source, untyped = 0.0, None, 0.0
        values = values.astype(np.float64)
        for title, dense, unclassified in self.titles:
            similarity = float(np.dot(values, dense[cols]))
            if similarity > best:
                best, source = similarity, title
            if unclassified:
                untyped = max(untyped, similarity)
        return best, source, untyped


def _distinct_rows(matrix: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(for each row the number of its distinct row, the first row of each distinct row)."""
    seen: dict[bytes, int] = {}
    doc_of_row = np.empty(matrix.shape[0], dtype=np.int64)
    first_rows = []
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for row in range(matrix.shape[0]):
        start, end = indptr[row], indptr[row + 1]
        key = indices[start:end].tobytes() + data[start:end].tobytes()
        doc = seen.get(key)
        if doc is None:
            doc = seen[key] = len(first_rows)
            first_rows.append(row)
        doc_of_row[row] = doc
    return doc_of_row, np.asarray(first_rows, dtype=np.int64)


def _coverage(hits: np.ndarray, totals: np.ndarray, neutral: float) -> np.ndarray:
    return np.divide(hits, totals, out=np.full(len(hits), neutral), where=totals > 0)


def top_k_order(ids: np.ndarray, scores: np.ndarray, k: int, evidence: tuple[np.ndarray, ...] = ()) -> np.ndarray:
    """Positions of the k best scores, best first.

    Equal scores are ordered by the ``evidence`` arrays (higher first, the first array first: the
    title similarity and occupation fit behind the score), and by ascending id only when all of it
    is equal too, so that the order is deterministic.
    """
    n = len(scores)
    if k <= 0 or n == 0:
        return np.empty(0, dtype=np.int64)
    if k < n:
        # Everything scoring at least the k-th best score, so ties at the boundary are resolved by id.
        threshold = np.partition(scores, n - k)[n - k]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(n)
    keys = [ids[candidates]] + [-e[candidates] for e in reversed(evidence)] + [-scores[candidates]]
    order = candidates[np.lexsort(keys)]
    return order[:k]


def _csr(cols: list[tuple], values: list[tuple] | None, n_rows: int, dtype=np.float32) -> sp.csr_matrix:
    lengths = np.fromiter((len(c) for c in cols), np.int64, n_rows)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.fromiter(itertools.chain.from_iterable(cols), np.int32, int(indptr[-1]))
    if values is None:
        data = np.ones(len(indices), dtype=np.float32)
    else:
        data = np.fromiter(itertools.chain.from_iterable(values), dtype, int(indptr[-1]))
    width = int(indices.max()) + 1 if len(indices) else 1
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, width))


def _widen(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))
