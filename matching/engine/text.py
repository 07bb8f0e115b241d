"""Character n-gram TF-IDF: compares free-text skills that did not normalise with vacancy texts.

Fitted once per index on the ESCO skill labels and the vacancy titles it was built with, so that
similarities stay comparable across incremental updates (new n-grams are simply not counted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer


class TextModel:
    """Fitted TF-IDF over character 3- and 4-grams (within words), L2-normalised rows.

    Parameters
    ----------
    corpus : iterable of str
        Texts that define the n-gram vocabulary and the inverse document frequencies.
    skill_labels : mapping of skill id to label text, optional
        Labels of ESCO skills, used to find which skills a free text resembles.
    """

    def __init__(self, corpus: Iterable[str], skill_labels: Mapping[int, str] | None = None):
        docs = [t for t in corpus if t and t.strip()]
        self.skill_ids_ = np.array(sorted(skill_labels or {}), dtype=np.int64)
        label_docs = [skill_labels[s] for s in self.skill_ids_] if skill_labels else []
        self.vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 4),
            lowercase=True,
            sublinear_tf=True,
            dtype=np.float32,
            strip_accents="unicode",
        )
        self.is_empty_ = not (docs or label_docs)
        if not self.is_empty_:
            self.vectorizer_.fit(docs + label_docs)
            self.skill_matrix_ = self.transform(label_docs) if label_docs else None
        else:
            self.skill_matrix_ = None

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        if self.is_empty_:
            return sp.csr_matrix((len(texts), 1), dtype=np.float32)
        return self.vectorizer_.transform(texts).astype(np.float32).tocsr()

    def query(self, texts: tuple[str, ...]) -> sp.csr_matrix:
        """One L2-normalised row for all of a candidate's free texts together."""
        return self.transform([" ; ".join(texts)])

    def skill_similarity(self, texts: tuple[str, ...], min_similarity: float) -> dict[int, float]:
        """For each ESCO skill a free text resembles (cosine ≥ ``min_similarity``), the best cosine."""
        if not texts or self.skill_matrix_ is None:
            return {}
        sims = (self.transform(list(texts)) @ self.skill_matrix_.T).toarray().max(axis=0)
        keep = np.flatnonzero(sims >= min_similarity)
        return {int(self.skill_ids_[i]): round(float(sims[i]), 6) for i in keep}


def vacancy_document(title: str, skill_texts: tuple[str, ...]) -> str:
    return " ; ".join([title, *skill_texts]) if skill_texts else title
