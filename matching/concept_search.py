"""Free text → ranked vocabulary concepts (ESCO occupations or skills), in nl, fr, de and en.

How a query is answered (see docs/normaliser.md):

1. The text is cleaned (`matching.text.clean_title`): gender markers, contract/seniority words,
   codes and place names go; abbreviations are expanded.
2. Candidate generation over *every label of every concept* with two sparse TF-IDF models:
   character n-grams (robust to typos, compounds, feminine forms) and stemmed words with Dutch/German
   compound parts (robust to word order and extra words). Concept "documents" (all labels + ISCO
   group labels + description) add candidates on weak evidence, and so do word → concept
   associations learned from real labelled titles (when the model carries them).
3. Each candidate concept gets a few explainable features — best char cosine, best word cosine,
   rapidfuzz similarities with its best labels, how much of the query (idf-weighted) the label covers
   and vice versa, whether the head word matches, the document score, the label kind and language,
   and the learned P(concept | query words) and P(concept | head word).
4. A logistic model (`matching.search_weights`, weights and feature-pair weights per query language
   where fitted) turns the features into a calibrated probability that the concept is the right one;
   hits are sorted by it (ties by URI, so results are deterministic). A query without a language is
   scored as a query in the language its words belong to (`ConceptIndex.detect_language`).

Nothing here touches a database: the caller builds the index from plain `Concept` values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .search_weights import FEATURES, OCCUPATION_MODEL, Model
from .text import STOPWORDS, CompoundSplitter, clean_title, expand, fold, label_variants, stem

__all__ = ["Concept", "Hit", "ConceptIndex", "FEATURES"]

KIND_RANK = {"preferred": 0, "alt": 1, "hidden": 2}
# The ISCO levels of the group associations (digits of the code): unit groups, minor groups.
GROUP_LEVELS = (4, 3)


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


@dataclass
class _Query:
    """A cleaned query as the features see it."""

    word_terms: list[str]  # stems and compound parts, plus the words its Belgian variants add
    weight: dict[str, float]  # content stem → idf
    total: float  # sum of `weight` (1 when empty)
    heads: set[str]  # head words (and the vocabulary words their variants add)
    alternatives: dict[str, set[str]]  # stem → the vocabulary stems a variant adds for it
    extra: set[str]  # every stem added by variants


class _TermScorer:
    """Query-time TF-IDF: the fitted vectorizer's vocabulary and idf, and its matrix as postings.

    Equivalent to `vectorizer.transform([terms]) @ matrix.T` (sublinear tf, l2 norm) without
    scikit-learn's per-call input validation, which costs more than the arithmetic for one query.
    """

    def __init__(self, vectorizer: TfidfVectorizer, matrix):
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_.astype(np.float64)
        postings = matrix.T.tocsr()
        self.indptr, self.indices, self.data = postings.indptr, postings.indices, postings.data
        self.size = matrix.shape[0]

    def vector(self, terms) -> tuple[np.ndarray, np.ndarray]:
        counts: dict[int, int] = {}
        for term in terms:
            feature = self.vocabulary.get(term)
            if feature is not None:
                counts[feature] = counts.get(feature, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        features = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[features]
        return features, weights / np.linalg.norm(weights)

    def scores(self, features: np.ndarray, weights: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(self.size, dtype=np.float64)
        indptr, indices, data = self.indptr, self.indices, self.data
        spans = list(zip(indptr[features].tolist(), indptr[features + 1].tolist(), strict=True))
        # One bincount over all the query terms' postings: far cheaper than a scatter-add per term.
        rows = np.concatenate([indices[start:stop] for start, stop in spans])
        values = np.concatenate(
            [data[start:stop] * weight for (start, stop), weight in zip(spans, weights.tolist(), strict=True)]
        )
        return np.bincount(rows, weights=values, minlength=self.size)


def _word_evidence(counts_by_word: dict, smoothing: float, concepts_of) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{word: {key: count}} → {word: (concept positions, P(key | word))}, smoothed by `smoothing` pseudo-titles;
    `concepts_of(key)` gives the concepts a key stands for (none: ignored)."""
    out = {}
    for word, counts in counts_by_word.items():
        total = float(sum(counts.values())) + smoothing
        known = [(ci, n / total) for key, n in counts.items() for ci in concepts_of(key)]
        if known:
            out[word] = (
                np.asarray([ci for ci, _ in known], dtype=np.int64),
                np.asarray([p for _, p in known], dtype=np.float64),
            )
    return out


@dataclass(frozen=True)
class _AssociationTables:
    """What one query language's titles taught: word → (concept positions, P(concept | word)), and the same
    for each ISCO level of GROUP_LEVELS (every occupation of the group shares its P(group | word))."""

    words: dict = field(default_factory=dict)
    groups: tuple = tuple({} for _ in GROUP_LEVELS)


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

    def __init__(
        self,
        concepts: Iterable[Concept],
        model: Model = OCCUPATION_MODEL,
        candidate_labels: int = 300,
        candidate_concepts: int = 30,
        doc_candidates: int = 8,
        labels_per_concept: int = 2,
        lsa_components: int = 200,
        lsa_candidates: int = 8,
        char_ngrams: tuple[int, int] = (3, 5),
        assoc_candidates: int = 8,
        group_candidates: int = 8,
    ):
        self.model = model
        self.assoc_candidates = assoc_candidates
        self.group_candidates = group_candidates
        # Per query language (None: every language without a table of its own): word → (concepts,
        # P(concept | word)) and the same for each ISCO level of GROUP_LEVELS.
        self._assoc: dict[str | None, _AssociationTables] = {}
        # Per query language, the weights that score it (fitted on titles of that language, if any).
        self._scoring = {
            lang: (np.asarray(m.weights, dtype=np.float64), m.intercept, m.quadratic())
            for lang, m in ((lang, model.for_lang(lang)) for lang in (None, *model.by_lang))
        }
        self.labels_per_concept = labels_per_concept
        self.lsa_components = lsa_components
        self.lsa_candidates = lsa_candidates
        self.char_ngrams = tuple(char_ngrams)
        self.candidate_labels = candidate_labels
        self.candidate_concepts = candidate_concepts
        self.doc_candidates = doc_candidates
        self.concepts: list[Concept] = list(concepts)
        self._index_labels()
        self._stem_cache: dict[str, str] = {}
        base_words = {self._stem(w) for text in self.label_fold for w in text.split()}
        self.splitter = CompoundSplitter(base_words)
        self.label_stems = [self._stems(text) for text in self.label_fold]
        if not self.label_text:
            self._char = self._word = self._doc = None
            return
        self._build_label_models()
        self._build_document_models()
        if model.associations:
            self.set_associations(model.associations, model.smoothing, model.group_associations)
        for lang, (associations, group_associations, smoothing) in model.lang_associations.items():
            self.set_associations(associations, smoothing, group_associations, lang)

    # -- building -------------------------------------------------------------------------------
    def _index_labels(self) -> None:
        """One row per (concept, language, folded label variant), preferred labels first."""
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
        # With a language asked, the labels of the other languages count 0.9 in candidate generation.
        self._lang_preference = (
            {lang: np.where(self.label_lang_arr == lang, 1.0, 0.9) for lang in self.languages}
            if len(self.languages) > 1
            else {}
        )
        self.preferred: dict[tuple[int, str], str] = {}
        for i, ci in enumerate(label_concept):
            if label_kind[i] == "preferred":
                self.preferred.setdefault((ci, label_lang[i]), label_text[i])
        self._concept_span = {}
        for i, ci in enumerate(label_concept):
            start, _ = self._concept_span.get(ci, (i, i))
            self._concept_span[ci] = (start, i + 1)

    def _build_label_models(self) -> None:
        """Character and word TF-IDF over the labels, and the per-label and per-concept features."""
        label_fold = self.label_fold
        self._char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngrams,
            sublinear_tf=True,
            dtype=np.float32,
            lowercase=False,
        )
        char_matrix = self._char.fit_transform(label_fold)
        self._char_analyzer = self._char.build_analyzer()
        self._char_scorer = _TermScorer(self._char, char_matrix)
        self._word = TfidfVectorizer(analyzer=lambda stems: stems, sublinear_tf=True, dtype=np.float32, lowercase=False)
        word_matrix = self._word.fit_transform(self.label_stems)
        self._word_scorer = _TermScorer(self._word, word_matrix)
        self._idf = dict(zip(self._word.get_feature_names_out(), self._word.idf_, strict=True))
        self._max_idf = float(self._word.idf_.max())

        self.label_stem_sets = [frozenset(stems) for stems in self.label_stems]
        self._lang_model = self._language_model()
        self.label_stem_weights = [
            {st: self._idf.get(st, self._max_idf) for st in stems if st not in STOPWORDS} for stems in self.label_stems
        ]
        self.label_heads = [self._label_heads(text) for text in label_fold]
        self.role_stems = frozenset(
            stems[0]
            for stems, text in zip(self.label_stems, label_fold, strict=True)
            if len(text.split()) == 1 and stems and len(stems[0]) >= 3
        )
        self.label_is_preferred = np.asarray([k == "preferred" for k in self.label_kind], dtype=np.float32)
        self.label_is_hidden = np.asarray([k == "hidden" for k in self.label_kind], dtype=np.float32)
        self.label_length = np.asarray([min(len(t.split()), 8) / 8.0 for t in label_fold], dtype=np.float32)
        n_labels = np.bincount(self.label_concept, minlength=len(self.concepts)).astype(np.float32)
        # Generic occupations carry many alternative labels; a weak prior towards them.
        self.concept_generality = np.log1p(n_labels) / np.log1p(max(float(n_labels.max()), 1.0))
        self.concept_hubness = self._hubness()

    def _build_document_models(self) -> None:
        """Word TF-IDF over concept documents (labels + ISCO group labels + description), and its LSA."""
        docs = []
        for concept in self.concepts:
            words = []
            for lab in concept.labels:
                words.extend(self._stems(fold(lab[2])))
            for glabel in concept.group_labels:
                words.extend(self._stems(fold(glabel)))
            words.extend(w for w in self._stems(fold(concept.description[:1500])) if w not in STOPWORDS)
            docs.append(words)
        self._doc = TfidfVectorizer(
            analyzer=lambda stems: stems,
            sublinear_tf=True,
            dtype=np.float32,
            lowercase=False,
            max_df=0.5 if len(docs) > 20 else 1.0,
        )
        doc_matrix = self._doc.fit_transform(docs)
        self._doc_scorer = _TermScorer(self._doc, doc_matrix)
        # Latent semantic analysis over the concept documents: words that share concepts (e.g. "executive"
        # and "officer", "verkoper" and "vendeur") end up close, so a title can match a concept without
        # sharing a word with any of its labels.
        self._lsa = None
        n_components = min(self.lsa_components, doc_matrix.shape[0] - 1, doc_matrix.shape[1] - 1)
        if n_components >= 8:
            self._lsa = TruncatedSVD(n_components=n_components, algorithm="randomized", n_iter=4, random_state=0)
            self._concept_vectors = normalize(self._lsa.fit_transform(doc_matrix)).astype(np.float32)
            self._lsa_components = np.ascontiguousarray(self._lsa.components_, dtype=np.float32)

    # -- text → features ----------------------------------------------------------------------
    def _stem(self, word: str) -> str:
        """`matching.text.stem`, memoised per index (building stems every word of every label)."""
        stemmed = self._stem_cache.get(word)
        if stemmed is None:
            stemmed = stem(word)
            if len(self._stem_cache) < 500_000:
                self._stem_cache[word] = stemmed
        return stemmed

    def _stems(self, folded: str) -> list[str]:
        out = []
        for word in folded.split():
            stemmed = self._stem(word)
            out.append(stemmed)
            if hasattr(self, "splitter"):
                parts = self.splitter.split(stemmed)
                out.extend(self._stem(p) for p in parts)
        return out

    def __len__(self) -> int:
        return len(self.concepts)

    def search(self, text: str, lang: str | None = None, limit: int = 10) -> list[Hit]:
        """Rank concepts for `text`; `lang` prefers labels of that language (others still count)."""
        if self._char is None or limit <= 0:
            return []
        # Without a language, the title's own words say which one it is (and so which fitted weights,
        # head-word rule and cleaning apply). A model without per-language weights (skills) is left as it was.
        query_lang = lang if lang is not None or not self.model.by_lang else self.detect_language(text)
        found = self.candidates(text, query_lang)
        if found is None:
            return []
        concept_ids, label_ids, features = found
        weights, intercept, quadratic = self._scoring.get(query_lang, self._scoring[None])
        decision = np.einsum("ij,j->i", features, weights) + intercept
        if quadratic is not None:
            decision += np.einsum("ij,jk,ik->i", features, quadratic, features)
        # Per concept, the label with the highest decision value speaks for it.
        best: dict[int, int] = {}
        for row, ci in enumerate(concept_ids):
            if ci not in best or decision[row] > decision[best[ci]]:
                best[ci] = row
        rows = sorted(best.values(), key=lambda r: (-decision[r], self.concepts[concept_ids[r]].uri))[:limit]
        out = []
        for row in rows:
            concept = self.concepts[concept_ids[row]]
            li = label_ids[row]
            score = 1.0 / (1.0 + math.exp(-float(decision[row])))
            out.append(
                Hit(
                    key=concept.key,
                    uri=concept.uri,
                    score=round(score, 4),
                    matched_label=self.label_text[li],
                    matched_lang=self.label_lang[li],
                    matched_kind=self.label_kind[li],
                    signals=dict(zip(FEATURES, np.round(features[row], 4).tolist(), strict=True)),
                )
            )
        return out

    def _clean(self, text: str, lang: str | None) -> str:
        query = clean_title(text, lang)
        # A Belgian variant that no label contains ("frigorist") is replaced by the vocabulary's word for
        # it, so the character and fuzzy signals compare like with like.
        for phrase, added in expand(query):
            if all(self._stem(w) not in self._word_scorer.vocabulary for w in phrase.split()):
                query = re.sub(rf"\b{re.escape(phrase)}\b", added.split()[0], query)
        return query

    def title_words(self, text: str, lang: str | None = None) -> list[str]:
        """The query's content words as the title associations see them (stems and compound parts)."""
        return [st for st in self._stems(self._clean(text, lang)) if st not in STOPWORDS]

    def candidates(self, text: str, lang: str | None = None):
        """Candidate (concept, label) pairs for `text` and their feature matrix (rows follow FEATURES).

        Returns None when nothing matches; used by `search` and by the ranker's training script.
        """
        query = self._clean(text, lang)
        if not query:
            return None
        q = self._query_terms(query, lang)
        char_scores = self._char_scorer.scores(*self._char_scorer.vector(self._char_analyzer(query)))
        word_scores = self._word_scorer.scores(*self._word_scorer.vector(q.word_terms))
        label_scores = 0.6 * char_scores + 0.4 * word_scores
        if lang in self._lang_preference:
            label_scores *= self._lang_preference[lang]
        per_concept, hits_per_concept = self._best_labels(label_scores)
        doc_scores, lsa_scores = self._concept_scores(q.word_terms)
        tables = self._assoc.get(lang) or self._assoc.get(None) or _AssociationTables()
        title_assoc, head_assoc, *group_scores = self._association_scores(tables, q.weight, q.total, q.heads)
        group_assoc = group_scores[0]
        extra = []
        for scores, count in (
            (doc_scores, self.doc_candidates),
            (lsa_scores, self.lsa_candidates),
            (title_assoc, self.assoc_candidates if tables.words else 0),
            # Within the groups the title's words point to, the occupations closest in meaning.
            (group_assoc * (0.5 + np.clip(lsa_scores, 0.0, None)), self.group_candidates),
        ):
            if count and scores.any():
                d = min(count, len(scores))
                extra.extend(int(ci) for ci in np.argpartition(-scores, d - 1)[:d] if scores[ci] > 0)
        for ci in extra:
            if ci not in per_concept:
                start, stop = self._concept_span[ci]
                labels = np.arange(start, stop)
                best = labels[np.argsort(-label_scores[labels], kind="stable")[: self.labels_per_concept]]
                per_concept[ci] = [int(x) for x in best]
        if not per_concept:
            return None

        concept_ids = [ci for ci, labels in per_concept.items() for _ in labels]
        label_ids = [li for labels in per_concept.values() for li in labels]
        la = np.asarray(label_ids)
        ca = np.asarray(concept_ids)
        labels_fold = [self.label_fold[li] for li in label_ids]
        same_lang = (
            np.ones(len(la), dtype=np.float32) if lang is None else (self.label_lang_arr[la] == lang).astype(np.float32)
        )
        features = np.column_stack(
            [
                char_scores[la],
                word_scores[la],
                *(
                    process.cdist([query], labels_fold, scorer=scorer, dtype=np.float32)[0] / 100.0
                    for scorer in (fuzz.ratio, fuzz.token_set_ratio, fuzz.partial_ratio)
                ),
                *self._overlap_features(q, label_ids),
                doc_scores[ca],
                lsa_scores[ca],
                self.label_is_preferred[la],
                self.label_is_hidden[la],
                same_lang,
                np.asarray([1.0 if f == query else 0.0 for f in labels_fold], dtype=np.float32),
                self.concept_generality[ca],
                self.label_length[la],
                self.concept_hubness[ca],
                np.log1p(np.asarray([hits_per_concept.get(ci, 0) for ci in concept_ids], dtype=np.float32)) / 2.4,
                self._role_feature(q, label_ids),
                title_assoc[ca],
                head_assoc[ca],
                *(scores[ca] for scores in group_scores),
            ]
        ).astype(np.float64)
        return concept_ids, label_ids, features

    def _query_terms(self, query: str, lang: str | None) -> _Query:
        """The cleaned query's stems, their idf weights, head words and the vocabulary words its variants add."""
        q_stems = self._stems(query)
        # Belgian variants and abbreviations add the vocabulary's own words (word-level signals only).
        alternatives: dict[str, set[str]] = {}
        extra_stems: list[str] = []
        for phrase, added in expand(query):
            added_stems = [st for st in self._stems(added) if st not in STOPWORDS]
            extra_stems.extend(added_stems)
            for st in self._stems(phrase):
                alternatives.setdefault(st, set()).update(added_stems)
        weight = {s: self._idf.get(s, self._max_idf) for s in q_stems if s not in STOPWORDS}
        heads = self._heads(query.split(), lang)
        for h in list(heads):
            heads |= alternatives.get(h, set())
        return _Query(q_stems + extra_stems, weight, sum(weight.values()) or 1.0, heads, alternatives, set(extra_stems))

    def _best_labels(self, label_scores: np.ndarray) -> tuple[dict[int, list[int]], dict[int, int]]:
        """Up to `candidate_concepts` concepts of the best labels (each with its best labels), and how many
        of each concept's labels are among the best."""
        top = np.flatnonzero(label_scores > 0)
        if len(top) > self.candidate_labels:
            top = top[np.argpartition(-label_scores[top], self.candidate_labels - 1)[: self.candidate_labels]]
        top = top[np.argsort(-label_scores[top], kind="stable")]
        per_concept: dict[int, list[int]] = {}
        hits_per_concept: dict[int, int] = {}
        for li, ci in zip(top.tolist(), self.label_concept[top].tolist(), strict=True):
            hits_per_concept[ci] = hits_per_concept.get(ci, 0) + 1
            bucket = per_concept.get(ci)
            if bucket is None:
                if len(per_concept) >= self.candidate_concepts:
                    continue
                per_concept[ci] = bucket = []
            if len(bucket) < self.labels_per_concept:
                bucket.append(li)
        return per_concept, hits_per_concept

    def _concept_scores(self, word_terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Document cosine and LSA cosine of every concept."""
        doc_features, doc_weights = self._doc_scorer.vector([s for s in word_terms if s not in STOPWORDS])
        doc_scores = self._doc_scorer.scores(doc_features, doc_weights)
        # einsum rather than `@`: a BLAS call would start its thread pool for every query, which costs
        # more than the arithmetic and competes with the other web workers for the cores.
        q_vec = (
            np.einsum("ij,j->i", self._lsa_components[:, doc_features], doc_weights.astype(np.float32))
            if self._lsa is not None and len(doc_features)
            else None
        )
        if q_vec is not None and np.linalg.norm(q_vec) > 0:
            lsa_scores = np.einsum("ij,j->i", self._concept_vectors, q_vec / np.linalg.norm(q_vec))
        else:
            lsa_scores = np.zeros(len(self.concepts), dtype=np.float32)
        return doc_scores, lsa_scores

    def _overlap_features(self, q: _Query, label_ids: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per label: share of the query covered, share of the label covered, head-word match."""
        covered = np.empty(len(label_ids), dtype=np.float32)
        label_covered = np.empty(len(label_ids), dtype=np.float32)
        head = np.empty(len(label_ids), dtype=np.float32)
        alternatives = q.alternatives
        for row, li in enumerate(label_ids):
            label_set = self.label_stem_sets[li]
            covered[row] = (
                sum(
                    w
                    for s, w in q.weight.items()
                    if s in label_set or (s in alternatives and alternatives[s] & label_set)
                )
                / q.total
            )
            l_weights = self.label_stem_weights[li]
            l_total = sum(l_weights.values()) or 1.0
            label_covered[row] = sum(w for s, w in l_weights.items() if s in q.weight or s in q.extra) / l_total
            head[row] = 1.0 if q.heads & self.label_heads[li] else 0.0
        return covered, label_covered, head

    def _role_feature(self, q: _Query, label_ids: list[int]) -> np.ndarray:
        """1 when a query word that names an occupation on its own is in the label (0.5: none in the query)."""
        q_roles = {st for st in q.weight if st in self.role_stems}
        for st in list(q_roles):
            q_roles |= q.alternatives.get(st, set())
        q_roles |= {alt for st in q.weight for alt in q.alternatives.get(st, ()) if alt in self.role_stems}
        if not q_roles:
            return np.full(len(label_ids), 0.5, dtype=np.float32)
        return np.asarray(
            [1.0 if q_roles & (self.label_stem_sets[li] | self.label_heads[li]) else 0.0 for li in label_ids],
            dtype=np.float32,
        )

    def _heads(self, words: Sequence[str], lang: str | None) -> set[str]:
        content = [w for w in words if w not in STOPWORDS]
        if not content:
            return set()
        # French titles put the occupation first ("opérateur CNC"), English last ("CNC operator"); Dutch
        # and German do both ("medewerker keuken", "keukenmedewerker").
        if lang == "fr":
            heads = {content[0]}
        elif lang == "en":
            heads = {content[-1]}
        else:
            heads = {content[0], content[-1]}
        out = set()
        for h in heads:
            s = self._stem(h)
            out.add(s)
            parts = self.splitter.split(s)
            if parts:
                out.add(self._stem(parts[-1]))
        return out

    def set_associations(
        self, associations: dict, smoothing: float, group_associations: dict | None = None, lang: str | None = None
    ) -> None:
        """Word → concept evidence learned from real titles ({stem: {uri: count}}), as P(concept | word).

        Smoothed towards zero by `smoothing` pseudo-titles per word, so a word seen once with a concept
        says less than a word seen twenty times with it. Concepts not in this index are ignored.
        `group_associations` ({stem: {ISCO unit group code: count}}) gives P(group | word), for the unit
        group and the minor group (`GROUP_LEVELS`), to every occupation of the group. With `lang`, the
        tables serve the queries in that language only (the others keep the tables set without one).
        """
        position = {concept.uri: ci for ci, concept in enumerate(self.concepts)}
        words = _word_evidence(associations, smoothing, lambda uri: [position[uri]] if uri in position else [])
        groups = []
        for digits in GROUP_LEVELS:
            members: dict[str, list[int]] = {}
            for ci, concept in enumerate(self.concepts):
                if concept.isco_code and len(concept.isco_code) >= digits:
                    members.setdefault(concept.isco_code[:digits], []).append(ci)
            # The file counts each title once under its (unit) group; a minor group's count is the sum of
            # its unit groups'.
            level: dict[str, dict[str, int]] = {}
            for word, counts in (group_associations or {}).items():
                bucket = level.setdefault(word, {})
                for code, n in counts.items():
                    if len(code) >= digits:
                        bucket[code[:digits]] = bucket.get(code[:digits], 0) + n
            groups.append(_word_evidence(level, smoothing, lambda code, members=members: members.get(code, [])))
        self._assoc[lang] = _AssociationTables(words, tuple(groups))

    def _association_scores(self, tables: _AssociationTables, q_weight: dict[str, float], q_total: float, q_heads):
        """Per concept: the idf-weighted mean of P(concept | word) over the query's words, the best
        P(concept | head word), and the same two for the concept's ISCO unit group and minor group."""
        out = []
        for table in (tables.words, *tables.groups):
            title = np.zeros(len(self.concepts), dtype=np.float64)
            head = np.zeros(len(self.concepts), dtype=np.float64)
            for word, weight in q_weight.items():
                found = table.get(word)
                if found is not None:
                    title[found[0]] += weight * found[1]  # a word lists each concept once
            for word in q_heads:
                found = table.get(word)
                if found is not None:
                    np.maximum.at(head, found[0], found[1])
            out.extend((title / q_total, head))
        return tuple(out)

    def _language_model(self) -> dict[str, dict[str, float]]:
        """Per label language, log P(word | language) of every stem of the labels (Laplace-smoothed).

        A small naive Bayes language identifier learned from the vocabulary itself: it tells a Dutch title
        from a French or English one when the caller does not know the language (`detect_language`).
        """
        counts: dict[str, dict[str, int]] = {lang: {} for lang in self.languages}
        for stems, lang in zip(self.label_stems, self.label_lang, strict=True):
            bucket = counts[lang]
            for st in set(stems):
                bucket[st] = bucket.get(st, 0) + 1
        vocabulary = len({st for bucket in counts.values() for st in bucket}) or 1
        out = {}
        for lang, bucket in counts.items():
            total = sum(bucket.values()) + vocabulary
            out[lang] = {st: math.log((n + 1) / total) for st, n in bucket.items()}
            out[lang][""] = math.log(1 / total)  # an unseen word
        return out

    def detect_language(self, text: str) -> str | None:
        """The label language whose words the title's words are most likely drawn from (None: no evidence).

        Function words count too ("de", "la", "van", "of"): they are the surest sign of a language.
        """
        if len(self.languages) < 2:
            return self.languages[0] if self.languages else None
        # A word no label of any language carries says nothing about the language.
        words = [w for w in self._stems(self._clean(text, None)) if w in self._word_scorer.vocabulary]
        scores = {}
        for lang, logp in self._lang_model.items():
            unseen = logp[""]
            scores[lang] = sum(logp.get(w, unseen) for w in words)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        best, best_score = ranked[0]
        if best_score == ranked[1][1]:
            return None
        return best

    def _hubness(self) -> np.ndarray:
        """How many other concepts specialise a concept's preferred label ("welder" → "marine welder").

        Vacancy titles tend to name the broad occupation; a weak prior towards such hubs (0..1).
        """
        postings: dict[str, set[int]] = {}
        for li, stems in enumerate(self.label_stem_sets):
            for st in stems:
                if st not in STOPWORDS:
                    postings.setdefault(st, set()).add(int(self.label_concept[li]))
        counts = np.zeros(len(self.concepts), dtype=np.float32)
        for li, kind in enumerate(self.label_kind):
            if kind != "preferred":
                continue
            words = [st for st in self.label_stem_sets[li] if st not in STOPWORDS]
            if not words or len(words) > 3:
                continue
            ci = int(self.label_concept[li])
            sets = sorted((postings.get(w, set()) for w in words), key=len)
            common = set(sets[0]).intersection(*sets[1:])
            common.discard(ci)
            counts[ci] = max(counts[ci], len(common))
        return np.log1p(counts) / np.log1p(max(float(counts.max()), 1.0))

    def _label_heads(self, folded: str) -> frozenset[str]:
        words = [w for w in folded.split() if w not in STOPWORDS]
        if not words:
            return frozenset()
        heads = {self._stem(words[0]), self._stem(words[-1])}
        for h in list(heads):
            parts = self.splitter.split(h)
            if parts:
                heads.add(self._stem(parts[-1]))
        return frozenset(heads)

    def preferred_label(self, ci: int, lang: str | None) -> str | None:
        return self.preferred.get((ci, lang or "en")) or self.preferred.get((ci, "en"))
