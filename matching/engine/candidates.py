"""The reverse direction: candidates ranked for one vacancy.

Candidate pools are small next to the vacancy index (one organisation's caseload, or the
candidates who share their profile with employers), so the pool keeps each candidate prepared once
and scores a vacancy against the pool with the reference scorer; only the text similarity, the one
costly step, is computed for the whole pool with one sparse product.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

from .config import MatchConfig
from .index import MatchFilters, RankedPage, top_k_order
from .profiles import CandidateProfile, VacancyProfile, Vocabulary, effective_skills
from .scoring import PreparedCandidate, prepare_candidate, score_pair
from .text import TextModel, vacancy_document


class CandidatePool:
    """Prepared candidates, ranked for a vacancy.

    Parameters
    ----------
    candidates : iterable of CandidateProfile
        Each must have a ``candidate_id``.
    vocabulary, config, text_model
        Shared with the vacancy index so both directions give the same score for a pair.
    """

    def __init__(
        self,
        candidates: Iterable[CandidateProfile],
        vocabulary: Vocabulary | None = None,
        config: MatchConfig | None = None,
        text_model: TextModel | None = None,
    ):
        self.vocabulary = vocabulary or Vocabulary()
        self.config = config or MatchConfig()
        self.text_model = text_model
        self.prepared: dict[int, PreparedCandidate] = {}
        for candidate in candidates:
            self.upsert(candidate)

    def upsert(self, candidate: CandidateProfile) -> None:
        self.prepared[candidate.candidate_id] = prepare_candidate(
            candidate, self.vocabulary, self.config, self.text_model
        )

    def remove(self, candidate_id: int) -> bool:
        return self.prepared.pop(candidate_id, None) is not None

    def __len__(self):
        return len(self.prepared)

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
        """The best ``top_k`` candidates after ``offset``; ties broken by candidate id."""
        ids = sorted(
            self.prepared if candidate_ids is None else (c for c in candidate_ids if c in self.prepared)
        )
        texts = self._text_scores(vacancy, [self.prepared[c] for c in ids])
        results = [
            score_pair(
                self.prepared[c],
                vacancy,
                self.vocabulary,
                self.config,
                as_of,
                self.text_model,
                text_score=texts.get(c),
            )
            for c in ids
        ]
        min_score = filters.min_score if filters else 0.0
        results = [r for r in results if r.score >= min_score - 1e-9]
        scores = np.array([r.score for r in results], dtype=np.float64)
        id_array = np.array([r.candidate_id for r in results], dtype=np.int64)
        order = top_k_order(id_array, scores, offset + top_k)[offset:]
        return RankedPage(results=tuple(results[i] for i in order), total=len(results))

    def _text_scores(self, vacancy: VacancyProfile, prepared: list[PreparedCandidate]) -> dict[int, float]:
        with_text = [p for p in prepared if p.has_text]
        if not with_text or self.text_model is None:
            return {}
        doc = self.text_model.transform([vacancy_document(vacancy.title, vacancy.skill_texts)])
        queries = sp.vstack([self.text_model.query(p.profile.skill_texts) for p in with_text], format="csr")
        titles = (queries @ doc.T).toarray().ravel()
        essential, optional, _ = effective_skills(vacancy, self.vocabulary)
        skills = essential + optional
        out = {}
        for p, title in zip(with_text, titles, strict=True):
            soft = sum(p.soft_skills.get(s, 0.0) for s in skills) / len(skills) if skills else 0.0
            out[p.profile.candidate_id] = min(1.0, max(float(title), soft))
        return out
