"""Free text → ranked vocabulary concepts (ESCO occupations or skills), in nl, fr, de and en.

How a query is answered (see docs/normaliser.md):

1. The text is cleaned (`matching.text.clean_title`): gender markers, contract/seniority words,
   codes and place names go; abbreviations are expanded.
2. Candidate generation over *every label of every concept* with two sparse TF-IDF models:
   character n-grams (robust to typos, compounds, feminine forms) and stemmed words with Dutch/German
   compound parts (robust to word order and extra words). Concept "documents" (all labels + ISCO
   group labels + description) add candidates on weak evidence.
3. Each candidate concept gets a few explainable features — best char cosine, best word cosine,
   rapidfuzz similarities with its best labels, how much of the query (idf-weighted) the label covers
   and vice versa, whether the head word matches, the document score, the label kind and language.
4. A logistic model (`matching.search_weights`) turns the features into a calibrated probability that
   the concept is the right one; hits are sorted by it (ties by URI, so results are deterministic).

Nothing here touches a database: the caller builds the index from plain `Concept` values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from .search_weights import FEATURES, OCCUPATION_MODEL, Model
from .text import STOPWORDS, CompoundSplitter, clean_title, fold, label_variants, stem

__all__ = ["Concept", "Hit", "ConceptIndex", "FEATURES"]

KIND_RANK = {"preferred": 0, "alt": 1, "hidden": 2}


@dataclass(frozen=True)
class Concept:
    """One vocabulary concept as the index needs it.

    `labels` holds `(lang, kind, text)` tuples; `group_labels` the labels of its ISCO group(s) (weak
    evidence); `key` is the caller's id (database primary key).
    """

    key: int | str
    uri: str
    labels: tuple[tuple[str, str, str], ...]
    isco_code: str | None = None
    group_labels: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Hit:
    key: int | str
    uri: str
    score: float
    matched_label: str
    matched_lang: str
    matched_kind: str
    signals: dict = field(default_factory=dict, compare=False)


def _char_analyzer_input(text: str) -> str:
    return text


class ConceptIndex:
    """An in-memory search index over concepts' labels.

    Parameters
    ----------
    concepts : iterable of Concept
    model : Model
        Feature weights and calibration (defaults to the occupation model).
    candidate_labels : int
        How many best labels feed candidate concepts.
    candidate_concepts : int
        How many concepts are re-ranked with the full feature set.
    """

    def __init__(self, concepts: Iterable[Concept], model: Model = OCCUPATION_MODEL,
                 candidate_labels: int = 300, candidate_concepts: int = 40, doc_candidates: int = 10):
        self.model = model
        self.candidate_labels = candidate_labels
        self.candidate_concepts = candidate_concepts
        self.doc_candidates = doc_candidates
        self.concepts: list[Concept] = list(concepts)
        label_text, label_fold, label_concept, label_lang, label_kind = [], [], [], [], []
        for ci, concept in enumerate(self.concepts):
            seen = set()
            for lang, kind, text in sorted(concept.labels, key=lambda lab: KIND_RANK.get(lab[1], 3)):
                for variant in label_variants(text):
                    folded = fold(variant)
                    if not folded or (lang, folded) in seen:
                        continue
                    seen.add((lang, folded))
                    label_text.append(variant)
                    label_fold.append(folded)
                    label_concept.append(ci)
                    label_lang.append(lang)
                    label_kind.append(kind)
        self.label_text = label_text
        self.label_fold = label_fold
        self.label_concept = np.asarray(label_concept, dtype=np.int32)
        self.label_lang = label_lang
        self.label_lang_arr = np.asarray(label_lang) if label_lang else np.asarray([], dtype="<U2")
        self.label_kind = label_kind
        self.languages = sorted(set(label_lang))
        self.preferred: dict[tuple[int, str], str] = {}
        for i, ci in enumerate(label_concept):
            if label_kind[i] == "preferred":
                self.preferred.setdefault((ci, label_lang[i]), label_text[i])

        base_words = {stem(w) for text in label_fold for w in text.split()}
        self.splitter = CompoundSplitter(base_words)
        self.label_stems = [self._stems(text) for text in label_fold]

        if not label_text:
            self._char = self._word = self._doc = None
            return
        self._char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                                     dtype=np.float32, lowercase=False)
        char_matrix = self._char.fit_transform(label_fold)
        self._char_T = char_matrix.T.tocsr()
        self._word = TfidfVectorizer(analyzer=lambda stems: stems, sublinear_tf=True, dtype=np.float32,
                                     lowercase=False)
        word_matrix = self._word.fit_transform(self.label_stems)
        self._word_T = word_matrix.T.tocsr()
        self._idf = dict(zip(self._word.get_feature_names_out(), self._word.idf_, strict=True))
        self._max_idf = float(self._word.idf_.max())

        docs = []
        for ci, concept in enumerate(self.concepts):
            words = []
            for lab in concept.labels:
                words.extend(self._stems(fold(lab[2])))
            for glabel in concept.group_labels:
                words.extend(self._stems(fold(glabel)))
            words.extend(w for w in self._stems(fold(concept.description[:1500])) if w not in STOPWORDS)
            docs.append(words)
        self._doc = TfidfVectorizer(analyzer=lambda stems: stems, sublinear_tf=True, dtype=np.float32,
                                    lowercase=False, max_df=0.5 if len(docs) > 20 else 1.0)
        self._doc_T = self._doc.fit_transform(docs).T.tocsr()

    # -- text → features ----------------------------------------------------------------------
    def _stems(self, folded: str) -> list[str]:
        out = []
        for word in folded.split():
            stemmed = stem(word)
            out.append(stemmed)
            if hasattr(self, "splitter"):
                parts = self.splitter.split(stemmed)
                out.extend(stem(p) for p in parts)
        return out

    def __len__(self) -> int:
        return len(self.concepts)

    def search(self, text: str, lang: str | None = None, limit: int = 10) -> list[Hit]:
        """Rank concepts for `text`; `lang` prefers labels of that language (others still count)."""
        if self._char is None or limit <= 0:
            return []
        query = clean_title(text, lang)
        if not query:
            return []
        q_stems = self._stems(query)
        char_q = self._char.transform([query])
        word_q = self._word.transform([q_stems])
        char_scores = (char_q @ self._char_T).toarray().ravel()
        word_scores = (word_q @ self._word_T).toarray().ravel()
        label_scores = 0.6 * char_scores + 0.4 * word_scores
        if lang and lang in self.languages and len(self.languages) > 1:
            label_scores = np.where(self.label_lang_arr == lang, label_scores, label_scores * 0.9)

        k = min(self.candidate_labels, len(label_scores))
        top = np.argpartition(-label_scores, k - 1)[:k] if k < len(label_scores) else np.arange(len(label_scores))
        top = top[np.argsort(-label_scores[top], kind="stable")]
        per_concept: dict[int, list[int]] = {}
        for li in top:
            if label_scores[li] <= 0:
                break
            ci = int(self.label_concept[li])
            bucket = per_concept.setdefault(ci, [])
            if len(bucket) < 4:
                bucket.append(int(li))
        ranked_concepts = list(per_concept)[: self.candidate_concepts]

        doc_q = self._doc.transform([[s for s in q_stems if s not in STOPWORDS]])
        doc_scores = (doc_q @ self._doc_T).toarray().ravel()
        if self.doc_candidates and doc_scores.any():
            d = min(self.doc_candidates, len(doc_scores))
            for ci in np.argpartition(-doc_scores, d - 1)[:d]:
                ci = int(ci)
                if doc_scores[ci] > 0 and ci not in per_concept:
                    labels = np.flatnonzero(self.label_concept == ci)
                    best = labels[np.argsort(-label_scores[labels], kind="stable")[:4]]
                    per_concept[ci] = [int(x) for x in best]
                    ranked_concepts.append(ci)

        q_content = [s for s in q_stems if s not in STOPWORDS]
        q_weight = {s: self._idf.get(s, self._max_idf) for s in q_content}
        q_total = sum(q_weight.values()) or 1.0
        q_heads = self._heads(query.split(), lang)
        hits = []
        for ci in ranked_concepts:
            best_value, best_feats, best_label = -math.inf, None, None
            for li in per_concept[ci]:
                feats = self._features(query, q_content, q_weight, q_total, q_heads, li,
                                       char_scores[li], word_scores[li], doc_scores[ci], lang)
                value = self.model.decision(feats)
                if value > best_value:
                    best_value, best_feats, best_label = value, feats, li
            score = 1.0 / (1.0 + math.exp(-best_value))
            hits.append((score, ci, best_label, best_feats))
        hits.sort(key=lambda h: (-h[0], self.concepts[h[1]].uri))
        out = []
        for score, ci, li, feats in hits[:limit]:
            concept = self.concepts[ci]
            out.append(Hit(key=concept.key, uri=concept.uri, score=round(float(score), 4),
                           matched_label=self.label_text[li], matched_lang=self.label_lang[li],
                           matched_kind=self.label_kind[li],
                           signals={name: round(float(v), 4) for name, v in zip(FEATURES, feats, strict=True)}))
        return out

    def _heads(self, words: Sequence[str], lang: str | None) -> set[str]:
        content = [w for w in words if w not in STOPWORDS]
        if not content:
            return set()
        if lang == "fr":
            heads = {content[0]}
        elif lang in ("nl", "de", "en"):
            heads = {content[-1]}
        else:
            heads = {content[0], content[-1]}
        out = set()
        for h in heads:
            s = stem(h)
            out.add(s)
            parts = self.splitter.split(s)
            if parts:
                out.add(stem(parts[-1]))
        return out

    def _features(self, query, q_content, q_weight, q_total, q_heads, li, char_score, word_score,
                  doc_score, lang) -> list[float]:
        label = self.label_fold[li]
        stems = self.label_stems[li]
        label_set = set(stems)
        covered = sum(w for s, w in q_weight.items() if s in label_set) / q_total
        l_content = [s for s in stems if s not in STOPWORDS]
        l_total = sum(self._idf.get(s, self._max_idf) for s in l_content) or 1.0
        q_set = set(q_weight)
        label_covered = sum(self._idf.get(s, self._max_idf) for s in l_content if s in q_set) / l_total
        l_words = [w for w in label.split() if w not in STOPWORDS]
        l_heads = {stem(l_words[0]), stem(l_words[-1])} if l_words else set()
        for h in list(l_heads):
            parts = self.splitter.split(h)
            if parts:
                l_heads.add(stem(parts[-1]))
        head = 1.0 if q_heads & l_heads else 0.0
        ratio = fuzz.ratio(query, label) / 100.0
        token_set = fuzz.token_set_ratio(query, label) / 100.0
        partial = fuzz.partial_ratio(query, label) / 100.0 if len(label) >= 4 else ratio
        kind = self.label_kind[li]
        same_lang = 1.0 if (lang is None or self.label_lang[li] == lang) else 0.0
        exact = 1.0 if label == query else 0.0
        return [float(char_score), float(word_score), ratio, token_set, partial, covered, label_covered,
                head, float(doc_score), 1.0 if kind == "preferred" else 0.0, 1.0 if kind == "hidden" else 0.0,
                same_lang, exact]

    def preferred_label(self, ci: int, lang: str | None) -> str | None:
        return self.preferred.get((ci, lang or "en")) or self.preferred.get((ci, "en"))
