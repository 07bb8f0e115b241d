"""The reverse direction: candidates ranked for one vacancy, vectorised over the candidate pool.

The pool keeps each candidate prepared once and, assembled lazily after any change, as sparse
matrices over the same column spaces as the vacancy side: skills (CSR/CSC), occupation keys per
level with the years spent (one CSC matrix per level), language ranks, the TF-IDF vectors of
free-text skills and of past job titles, and arrays for EQF level, recognition cap, regions and
availability. Ranking a vacancy touches only the columns of that vacancy's skills, occupation
keys, languages and n-grams — no Python loop over candidates. The few returned results are then
explained with the reference scorer (``score_pair``), which gives the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from .config import COMPONENTS, OPTIONAL_COMPONENTS, MatchConfig
from .index import MatchFilters, RankedPage, _column_sum, _Columns, top_k_order
from .profiles import CandidateProfile, VacancyProfile, Vocabulary, cefr_rank, effective_skills, isco_of
from .proximity import ProximityTable
from .scoring import PreparedCandidate, prepare_candidate, score_pair, title_evidence, vacancy_keys
from .text import TextModel, vacancy_document

LEVELS = 4


class CandidatePool:
    """Prepared candidates, ranked for a vacancy.

    Parameters
    ----------
    candidates : iterable of CandidateProfile
        Each must have a ``candidate_id``.
    vocabulary, config, text_model, proximity
        Shared with the vacancy index so both directions give the same score for a pair.
    """

    def __init__(
        self,
        candidates: Iterable[CandidateProfile],
        vocabulary: Vocabulary | None = None,
        config: MatchConfig | None = None,
        text_model: TextModel | None = None,
        proximity: ProximityTable | None = None,
    ):
        self.vocabulary = vocabulary or Vocabulary()
        self.config = config or MatchConfig()
        self.text_model = text_model
        self.proximity = proximity or ProximityTable(self.vocabulary, self.config)
        self.prepared: dict[int, PreparedCandidate] = {}
        self._text_vectors: dict[int, tuple] = {}
        self._dirty = True
        for candidate in candidates:
            self.upsert(candidate)

    def upsert(self, candidate: CandidateProfile) -> None:
        prepared = prepare_candidate(candidate, self.vocabulary, self.config, self.text_model, self.proximity)
        self.prepared[candidate.candidate_id] = prepared
        if prepared.has_text and self.text_model is not None:
            self._text_vectors[candidate.candidate_id] = self.text_model.vector(" ; ".join(candidate.skill_texts))
        else:
            self._text_vectors.pop(candidate.candidate_id, None)
        self._dirty = True

    def remove(self, candidate_id: int) -> bool:
        self._text_vectors.pop(candidate_id, None)
        found = self.prepared.pop(candidate_id, None) is not None
        self._dirty = self._dirty or found
        return found

    def __len__(self):
        return len(self.prepared)

    # ---- assembly ------------------------------------------------------------------------------
    def _assemble(self) -> None:
        """Matrices and arrays over all candidates (after any change, at the next ranking)."""
        ids = sorted(self.prepared)
        n = len(ids)
        people = [self.prepared[c] for c in ids]
        self.ids = np.array(ids, dtype=np.int64)
        self.skill_cols, self.occ_cols, self.lang_cols, self.region_cols = (_Columns() for _ in range(4))
        self.skills = _ones_csc([[self.skill_cols.add(s) for s in p.skills] for p in people], n)
        soft_rows = [[(self.skill_cols.add(s), v) for s, v in sorted(p.soft_skills.items())] for p in people]
        self.soft = _valued_csc(soft_rows, n)
        self.occ = []  # per level: CSC (candidates × keys) holding the summed years + 1 (0 = absent)
        self.occ_weight = []  # per level: the same layout holding the key's confidence weight
        for level in range(LEVELS):
            rows = [
                [
                    (self.occ_cols.add((level, key)), years + 1.0, p.weight_by_level[level].get(key, 1.0))
                    for key, years in sorted(p.years_by_level[level].items(), key=lambda kv: str(kv[0]))
                ]
                for p in people
            ]
            self.occ.append(_valued_csc([[(c, y) for c, y, _ in r] for r in rows], n))
            self.occ_weight.append(_valued_csc([[(c, w) for c, _, w in r] for r in rows], n))
        self.languages = _valued_csc(
            [[(self.lang_cols.add(lang), float(rank)) for lang, rank in sorted(p.languages.items())] for p in people], n
        )
        self.regions = _ones_csc([[self.region_cols.add(r) for r in p.profile.preferred_regions] for p in people], n)
        self.has_regions = np.array([bool(p.profile.preferred_regions) for p in people])
        self.eqf = np.array([np.nan if p.profile.education_eqf is None else p.profile.education_eqf for p in people])
        cfg = self.config
        caps = {"pending": cfg.education_pending, "not_recognised": cfg.education_not_recognised}
        self.education_cap = np.array([caps.get(p.profile.diploma_recognition, 1.0) for p in people])
        self.available = np.array(
            [p.profile.available_from.toordinal() if p.profile.available_from else np.nan for p in people], dtype=float
        )
        self.has_text = np.array([p.has_text for p in people])
        self.gave_skills = np.array([p.gave_skills for p in people], dtype=bool)
        width = (
            1 if self.text_model is None or self.text_model.is_empty_ else len(self.text_model.vectorizer_.vocabulary_)
        )
        self.text = _vector_csc([self._text_vectors.get(c) for c in ids], n, width)
        # One row per (candidate, past job title); title_owner maps the rows to candidates.
        self.title_owner = np.array([row for row, p in enumerate(people) for _ in p.title_vectors], dtype=np.int64)
        self.titles = _vector_csc([v for p in people for _, v, _ in p.title_vectors], len(self.title_owner), width)
        self.title_unclassified = np.array([u for p in people for _, _, u in p.title_vectors], dtype=bool)
        self.has_titles = np.array([p.has_titles for p in people], dtype=bool)
        self._dirty = False

    # ---- ranking -------------------------------------------------------------------------------
    def scores(self, vacancy: VacancyProfile, as_of: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """(candidate ids, scores in [0, 1]) of every candidate in the pool for ``vacancy``."""
        ids, scores, _ = self.scores_with_evidence(vacancy, as_of)
        return ids, scores

    def scores_with_evidence(
        self, vacancy: VacancyProfile, as_of: dt.date
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """As :meth:`scores`, plus the title similarity and occupation fit that order equal scores."""
        if self._dirty:
            self._assemble()
        n = len(self.ids)
        if not n:
            return np.empty(0, np.int64), np.empty(0), (np.empty(0), np.empty(0))
        cfg = self.config
        essential, optional, _ = effective_skills(vacancy, self.vocabulary)
        doc = None
        if self.text_model is not None:
            doc_cols, doc_values = self.text_model.vector(vacancy_document(vacancy.title, vacancy.skill_texts))
            doc = (doc_cols.astype(np.int64), doc_values.astype(np.float64))
        occupation = self._occupation_scores(vacancy)
        title = self._title_scores(doc, occupation)
        if vacancy.occupation_id is None and not isco_of(vacancy.occupation_id, vacancy.isco_code, self.vocabulary):
            occupation = np.where(self.has_titles, cfg.same_unit_group * title, cfg.neutral)
        values = {
            "occupation": occupation,
            **self._skill_scores(essential, optional),
            "languages": self._language_scores(vacancy),
            "education": self._education_scores(vacancy),
            "location": self._location_scores(vacancy),
            "availability": self._availability_scores(vacancy, as_of),
        }
        text = self._text_scores(doc, essential + optional)
        total = np.zeros(n)
        for name in COMPONENTS:
            if name not in OPTIONAL_COMPONENTS:
                total += cfg.weight(name) * values[name]
        base = sum(cfg.weight(name) for name in COMPONENTS if name not in OPTIONAL_COMPONENTS)
        # The optional components count only for the candidates who have their input.
        total += np.where(self.has_titles, cfg.weight("title") * title, 0.0)
        total += np.where(self.has_text, cfg.weight("text") * text, 0.0)
        weights = (
            base
            + np.where(self.has_titles, cfg.weight("title"), 0.0)
            + np.where(self.has_text, cfg.weight("text"), 0.0)
        )
        return self.ids, np.round(total / weights, 6), (title, occupation)

    def _occupation_scores(self, vacancy: VacancyProfile) -> np.ndarray:
        """The best (proximity × confidence of both sides × experience) over the occupations the
        vacancy title and the past jobs may stand for."""
        cfg = self.config
        saturation = (
            vacancy.min_experience_years
            if vacancy.min_experience_years and vacancy.min_experience_years > 0
            else cfg.experience_saturation_years
        )
        occupation = np.zeros(len(self.ids))
        level_weights = cfg.level_weights()
        for level, key, vacancy_weight, _ in vacancy_keys(vacancy, self.vocabulary, cfg):
            if level == 0:
                self._related_fit(key, vacancy_weight, saturation, occupation)
            col = self.occ_cols.index.get((level, key))
            if col is None:
                continue
            matrix = self.occ[level]
            start, end = matrix.indptr[col], matrix.indptr[col + 1]
            rows = matrix.indices[start:end]
            years = matrix.data[start:end] - 1.0
            candidate_weight = self.occ_weight[level].data[start:end]
            value = (
                level_weights[level]
                * candidate_weight
                * vacancy_weight
                * (cfg.experience_floor + (1 - cfg.experience_floor) * np.minimum(1.0, years * (1.0 / saturation)))
            )
            occupation[rows] = np.maximum(occupation[rows], value)
        return occupation

    def _title_scores(self, doc: tuple | None, occupation: np.ndarray) -> np.ndarray:
        """The best cosine between one of a candidate's past job titles and the vacancy; a past job
        without an ESCO occupation is compared by title, at most like a unit group (``occupation``
        is raised in place)."""
        n = len(self.ids)
        title = np.zeros(n)
        if doc is None or not len(self.title_owner):
            return title
        per_title = _column_sum(self.titles, doc[0], doc[1], len(self.title_owner))
        np.maximum.at(title, self.title_owner, per_title)
        untyped = np.zeros(n)
        np.maximum.at(untyped, self.title_owner, np.where(self.title_unclassified, per_title, 0.0))
        np.maximum(occupation, self.config.same_unit_group * untyped, out=occupation)
        return title

    def _skill_scores(self, essential: tuple, optional: tuple) -> dict[str, np.ndarray]:
        cfg, n = self.config, len(self.ids)
        scores = {}
        for name, skills in (("essential_skills", essential), ("optional_skills", optional)):
            cols = self._columns(self.skill_cols, skills)
            coverage = _column_sum(self.skills, cols, None, n) / len(skills) if skills else cfg.neutral
            scores[name] = np.where(self.gave_skills, coverage, cfg.neutral)
        return scores

    def _language_scores(self, vacancy: VacancyProfile) -> np.ndarray:
        cfg, n = self.config, len(self.ids)
        if not vacancy.languages:
            return np.ones(n)
        credit = np.zeros(n)
        for lang, level in vacancy.languages:
            have = np.zeros(n)
            col = self.lang_cols.index.get(lang)
            if col is not None:
                start, end = self.languages.indptr[col], self.languages.indptr[col + 1]
                have[self.languages.indices[start:end]] = self.languages.data[start:end]
            short = cefr_rank(level) - have
            credit += np.where(short <= 0, 1.0, np.where(short == 1, cfg.language_one_level_short, 0.0))
        return credit / len(vacancy.languages)

    def _education_scores(self, vacancy: VacancyProfile) -> np.ndarray:
        cfg, required = self.config, vacancy.min_education_eqf
        if not required:
            return np.ones(len(self.ids))
        short = required - self.eqf
        value = np.where(short <= 0, 1.0, np.where(short == 1, cfg.education_one_level_short, 0.0))
        value = np.minimum(value, self.education_cap)
        return np.where(np.isnan(self.eqf), cfg.neutral, value)

    def _location_scores(self, vacancy: VacancyProfile) -> np.ndarray:
        n = len(self.ids)
        if vacancy.region is None:
            return np.full(n, self.config.neutral)
        inside = np.zeros(n)
        col = self.region_cols.index.get(vacancy.region)
        if col is not None:
            inside[self.regions.indices[self.regions.indptr[col] : self.regions.indptr[col + 1]]] = 1.0
        return np.where(self.has_regions, inside, self.config.neutral)

    def _availability_scores(self, vacancy: VacancyProfile, as_of: dt.date) -> np.ndarray:
        today = float(as_of.toordinal())
        target = max(float(vacancy.start_date.toordinal()), today) if vacancy.start_date else today
        late = np.clip(1.0 - (self.available - target) / self.config.availability_grace_days, 0.0, 1.0)
        return np.where(np.isnan(self.available), self.config.neutral, late)

    def _text_scores(self, doc: tuple | None, skills: tuple) -> np.ndarray:
        """For candidates with free-text skills: their text against the vacancy's title and skill
        texts, and the ESCO skills it resembles against the vacancy's skills."""
        n = len(self.ids)
        if doc is None or not self.has_text.any():
            return np.zeros(n)
        document = _column_sum(self.text, doc[0], doc[1], n)
        soft = (
            _column_sum(self.soft, self._columns(self.skill_cols, skills), None, n) / len(skills)
            if skills
            else np.zeros(n)
        )
        return np.minimum(1.0, np.maximum(document, soft))

    def _related_fit(self, target: int, vacancy_weight: float, saturation: float, occupation: np.ndarray) -> None:
        """Raise ``occupation`` for candidates whose past occupation is a sibling of the vacancy's
        occupation ``target`` or has most of its essential skills (see .proximity)."""
        cfg = self.config
        matrix, weights = self.occ[0], self.occ_weight[0]
        for origin, relation in self.proximity.origins(target).items():
            col = self.occ_cols.index.get((0, origin))
            if col is None:
                continue
            start, end = matrix.indptr[col], matrix.indptr[col + 1]
            rows = matrix.indices[start:end]
            years = matrix.data[start:end] - 1.0
            value = (
                relation.value
                * weights.data[start:end]
                * vacancy_weight
                * (cfg.experience_floor + (1 - cfg.experience_floor) * np.minimum(1.0, years * (1.0 / saturation)))
            )
            occupation[rows] = np.maximum(occupation[rows], value)

    def rank(
        self,
        vacancy: VacancyProfile,
        *,
        as_of: dt.date,
        top_k: int = 20,
        offset: int = 0,
        candidate_ids: Iterable[int] | None = None,
        filters: MatchFilters | None = None,
    ) -> RankedPage:
        """The best ``top_k`` candidates after ``offset``; equal scores are ordered by the evidence
        (title similarity, then occupation fit), and by candidate id only when that is equal too."""
        ids, scores, evidence = self.scores_with_evidence(vacancy, as_of)
        keep = np.ones(len(ids), dtype=bool)
        if candidate_ids is not None:
            keep &= np.isin(ids, np.fromiter(candidate_ids, np.int64))
        if filters is not None and filters.min_score > 0:
            keep &= scores >= filters.min_score - 1e-9
        ids, scores, evidence = ids[keep], scores[keep], tuple(e[keep] for e in evidence)
        order = top_k_order(ids, scores, offset + top_k, evidence)[offset:]
        results = []
        # The vacancy's title n-grams once, for the title evidence of every returned candidate.
        doc = self.text_model.vector(vacancy_document(vacancy.title, vacancy.skill_texts)) if self.text_model else None
        for i in order:
            prepared = self.prepared[int(ids[i])]
            evidence = title_evidence(prepared, doc) if doc is not None and prepared.has_titles else None
            result = score_pair(
                prepared, vacancy, self.vocabulary, self.config, as_of, self.text_model, title_evidence=evidence
            )
            results.append(replace(result, score=float(scores[i])))
        return RankedPage(results=tuple(results), total=len(ids))

    @staticmethod
    def _columns(columns: _Columns, keys) -> np.ndarray:
        return np.array([columns.index[k] for k in keys if k in columns.index], dtype=np.int64)


def _ones_csc(rows: list[list[int]], n: int) -> sp.csc_matrix:
    return _valued_csc([[(c, 1.0) for c in r] for r in rows], n)


def _valued_csc(rows: list[list[tuple[int, float]]], n: int) -> sp.csc_matrix:
    lengths = [len(r) for r in rows]
    row_index = np.repeat(np.arange(n, dtype=np.int32), lengths)
    cols = np.array([c for r in rows for c, _ in r], dtype=np.int32)
    data = np.array([v for r in rows for _, v in r], dtype=np.float64)
    width = int(cols.max()) + 1 if len(cols) else 1
    return sp.csc_matrix((data, (row_index, cols)), shape=(n, width))


def _vector_csc(vectors: list, n: int, width: int) -> sp.csc_matrix:
    rows = [
        [] if v is None else list(zip(v[0].tolist(), v[1].astype(np.float64).tolist(), strict=True)) for v in vectors
    ]
    matrix = _valued_csc(rows, n)
    if matrix.shape[1] < width:
        matrix = sp.csc_matrix(
            (
                matrix.data,
                matrix.indices,
                np.concatenate([matrix.indptr, np.full(width - matrix.shape[1], matrix.indptr[-1])]),
            ),
            shape=(n, width),
        )
    return matrix
