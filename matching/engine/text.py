"""Character n-gram TF-IDF: compares past job titles and free-text skills with vacancy texts.

Fitted once per index on the vacancy titles it was built with (and, separately, on the ESCO skill
labels), so that similarities stay comparable across incremental updates (new n-grams are simply
not counted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer


class TextModel:
    """Fitted TF-IDF over character 3- and 4-grams (within words), L2-normalised rows.

    Two n-gram spaces: the *title* space, fitted on the corpus (vacancy titles and their
    free-text skills), where titles are compared with titles — its inverse document frequencies
    are those of job titles, so a word common in titles counts little; and the *skill* space,
    fitted on the ESCO skill labels, where a free text is compared with skill labels.

    Parameters
    ----------
    corpus : iterable of str
        Texts that define the title space's n-gram vocabulary and inverse document frequencies.
    skill_labels : mapping of skill id to label text, optional
        Labels of ESCO skills, used to find which skills a free text resembles.
    """

    def __init__(self, corpus: Iterable[str], skill_labels: Mapping[int, str] | None = None):
        docs = [t or "" for t in corpus]
        self.skill_ids_ = np.array(sorted(skill_labels or {}), dtype=np.int64)
        label_docs = [skill_labels[s] for s in self.skill_ids_] if skill_labels else []
        self.vectorizer_ = _vectorizer()
        self.is_empty_ = not any(t.strip() for t in docs)
        self.corpus_matrix_ = None  # the corpus rows, from the same pass that fitted the model
        if not self.is_empty_:
            self.corpus_matrix_ = self.vectorizer_.fit_transform(docs).astype(np.float32).tocsr()
        self.skill_vectorizer_ = None
        self.skill_matrix_ = None
        if any(t.strip() for t in label_docs):
            self.skill_vectorizer_ = _vectorizer()
            self.skill_matrix_ = self.skill_vectorizer_.fit_transform(label_docs).astype(np.float32).tocsr()

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text as (sorted n-gram columns, L2-normalised TF-IDF values), without sklearn's overhead.

        Same numbers as ``transform`` (sublinear tf × idf, L2 norm) for one text; used on the hot
        paths (one vacancy upserted, one candidate queried) where ``transform`` costs milliseconds.
        """
        if self.is_empty_:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        if not hasattr(self, "analyzer_"):
            self.analyzer_ = self.vectorizer_.build_analyzer()
            self.idf_ = self.vectorizer_.idf_.astype(np.float64)
        vocabulary = self.vectorizer_.vocabulary_
        counts: dict[int, int] = {}
        for gram in self.analyzer_(text):
            col = vocabulary.get(gram)
            if col is not None:
                counts[col] = counts.get(col, 0) + 1
        if not counts:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        cols = np.fromiter(sorted(counts), np.int32, len(counts))
        values = (1.0 + np.log(np.fromiter((counts[c] for c in cols), np.float64, len(cols)))) * self.idf_[cols]
        values /= np.sqrt(np.dot(values, values))
        return cols, values.astype(np.float32)

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
        query = self.skill_vectorizer_.transform(list(texts)).astype(np.float32).tocsr()
        sims = (query @ self.skill_matrix_.T).toarray().max(axis=0)
        keep = np.flatnonzero(sims >= min_similarity)
        return {int(self.skill_ids_[i]): round(float(sims[i]), 6) for i in keep}


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 4),
        lowercase=True,
        sublinear_tf=True,
        dtype=np.float32,
        strip_accents="unicode",
    )


def vacancy_document(title: str, skill_texts: tuple[str, ...]) -> str:
    return " ; ".join([title, *skill_texts]) if skill_texts else title
