"""The scoring model of `matching.concept_search`: feature names, weights and calibration.

A logistic model: score = sigmoid(intercept + Σ weight·feature), i.e. an estimate of the probability
that the concept is the right one for the query. The weights are fitted by `bench/train_ranker.py`
on the vocabulary itself (held-out ESCO alt labels in nl/fr/en, with vacancy-style noise added, as
queries) and pasted here, so the product is deterministic and every score can be explained as a sum
of named contributions (`Model.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass

FEATURES = (
    "char_cosine",      # character 2-4-gram TF-IDF cosine between cleaned query and label
    "word_cosine",      # stemmed-word (+ compound parts) TF-IDF cosine
    "fuzz_ratio",       # rapidfuzz ratio (edit-distance similarity)
    "fuzz_token_set",   # rapidfuzz token_set_ratio (word order and extra words ignored)
    "fuzz_partial",     # rapidfuzz partial_ratio (label inside query or query inside label)
    "query_covered",    # idf-weighted share of the query's words found in the label
    "label_covered",    # idf-weighted share of the label's words found in the query
    "head_match",       # the query's head word (last in nl/en/de, first in fr) is a head of the label
    "doc_cosine",       # word TF-IDF against all labels + ISCO group labels + description (weak)
    "is_preferred",     # the matched label is the preferred label
    "is_hidden",        # the matched label is a hidden label (misspellings, old terms)
    "same_lang",        # the label is in the requested language (1 when none was requested)
    "exact",            # cleaned query equals the folded label
)


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    intercept: float

    def decision(self, features) -> float:
        return self.intercept + sum(w * f for w, f in zip(self.weights, features, strict=True))

    def explain(self, features) -> dict[str, float]:
        """Each feature's contribution to the decision value (log-odds)."""
        return {name: round(w * f, 4) for name, w, f in zip(FEATURES, self.weights, features, strict=True)}


# Hand-set starting point; replaced by fitted values (see module docstring).
OCCUPATION_MODEL = Model(
    weights=(3.0, 2.0, 1.0, 1.0, 0.5, 2.0, 1.5, 1.0, 1.0, 0.2, -0.2, 0.3, 1.0),
    intercept=-7.0,
)
SKILL_MODEL = OCCUPATION_MODEL
