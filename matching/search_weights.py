"""The scoring model of `matching.concept_search`: feature names, weights and calibration.

A logistic model: score = sigmoid(intercept + Σ weight·feature), i.e. an estimate of the probability
that the concept is the right one for the query. Two models:

- `VOCABULARY_MODEL`: fitted by `bench/train_ranker.py` on the vocabulary itself (held-out ESCO alt
  labels in nl/fr/en, with vacancy-style noise added, as queries) and pasted here. Skills use it.
- `OCCUPATION_MODEL`: read from `matching/data/occupation_model.json`, written by
  `bench/train_ranker.py --titles --write` from real labelled titles: word → concept associations
  (Dutch and French titles pooled, English titles in a table of their own), and weights plus
  feature-pair interaction weights for nl, fr and en queries (other languages keep the vocabulary
  weights).

Both are deterministic and every score can be explained as a sum of named contributions
(`Model.explain`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FEATURES = (
    "char_cosine",  # character 2-4-gram TF-IDF cosine between cleaned query and label
    "word_cosine",  # stemmed-word (+ compound parts) TF-IDF cosine
    "fuzz_ratio",  # rapidfuzz ratio (edit-distance similarity)
    "fuzz_token_set",  # rapidfuzz token_set_ratio (word order and extra words ignored)
    "fuzz_partial",  # rapidfuzz partial_ratio (label inside query or query inside label)
    "query_covered",  # idf-weighted share of the query's words found in the label
    "label_covered",  # idf-weighted share of the label's words found in the query
    "head_match",  # the query's head word (last in nl/en/de, first in fr) is a head of the label
    "doc_cosine",  # word TF-IDF against all labels + ISCO group labels + description (weak)
    "lsa_cosine",  # latent-semantic (SVD of the concept documents) cosine: related words, no overlap
    "is_preferred",  # the matched label is the preferred label
    "is_hidden",  # the matched label is a hidden label (misspellings, old terms)
    "same_lang",  # the label is in the requested language (1 when none was requested)
    "exact",  # cleaned query equals the folded label
    "generality",  # log(number of labels of the concept), scaled to 0..1: generic occupations have many
    "label_length",  # words in the label / 8 (capped): long labels are specific
    "hubness",  # how many other concepts specialise this one's preferred label (0..1)
    "label_hits",  # how many of the concept's labels are among the best-matching labels (log)
    "role_match",  # a query word that names an occupation by itself is in the label (0.5: none in query)
    "title_assoc",  # learned from real titles: idf-weighted mean over query words of P(concept | word)
    "head_assoc",  # learned from real titles: P(concept | the query's head word), best head
    "group_assoc",  # as title_assoc for the concept's ISCO unit group: P(group | word), shared by its occupations
    "group_head_assoc",  # as head_assoc for the concept's ISCO unit group
    "minor_assoc",  # as group_assoc one level up (ISCO minor group, 3 digits)
    "minor_head_assoc",  # as group_head_assoc for the ISCO minor group
)


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    intercept: float
    # Word → concept counts learned from labelled real titles: {stem: {concept URI: titles}}; empty for
    # a model without them (the two association features are then 0).
    associations: dict = field(default_factory=dict, compare=False, repr=False)
    smoothing: float = 1.0
    # Weights fitted for some query languages: {lang: (weights, intercept[, interactions])}; other languages
    # (and queries without one) use `weights`, `intercept` and `interactions`.
    by_lang: dict = field(default_factory=dict, compare=False)
    # Second-order terms ((feature i, feature j, weight), i <= j): the score adds weight·f_i·f_j, so
    # evidence can count more when other evidence agrees ("the head word matches *and* the label is short").
    interactions: tuple[tuple[int, int, float], ...] = ()
    # The same counts one level up: {stem: {ISCO unit group code: titles}}, read for unit groups (4 digits)
    # and minor groups (3 digits, the sum of their unit groups). A title teaches its occupation's groups, so
    # a word seen with one occupation of a group is evidence for its siblings too (an occupation no title
    # names can still be reached), and titles whose gold is a group teach something as well.
    group_associations: dict = field(default_factory=dict, compare=False, repr=False)
    # Counts of one query language, used for its queries instead of the two tables above:
    # {lang: (associations, group_associations, smoothing)}. English is learned from English titles only,
    # so the Malaysian labels of "manager" or "sales" do not pull Dutch and French titles.
    lang_associations: dict = field(default_factory=dict, compare=False, repr=False)

    def for_lang(self, lang: str | None) -> Model:
        """The weights, intercept, interactions and associations that score a query in `lang`."""
        associations, group_associations, smoothing = self.associations_for(lang)
        weights, intercept, *interactions = self.by_lang.get(lang, (self.weights, self.intercept, self.interactions))
        return Model(
            tuple(weights),
            float(intercept),
            associations,
            smoothing,
            interactions=tuple(*interactions),
            group_associations=group_associations,
        )

    def associations_for(self, lang: str | None) -> tuple[dict, dict, float]:
        """The word → concept and word → ISCO group tables (and their smoothing) that queries in `lang` use."""
        return self.lang_associations.get(lang, (self.associations, self.group_associations, self.smoothing))

    def quadratic(self) -> np.ndarray | None:
        """The interactions as an upper-triangular matrix Q (score adds fᵀ Q f), or None without any."""
        if not self.interactions:
            return None
        matrix = np.zeros((len(self.weights), len(self.weights)))
        for i, j, weight in self.interactions:
            matrix[i, j] = weight
        return matrix

    def decisions(self, features: np.ndarray) -> np.ndarray:
        """Decision values (log-odds) of a matrix of feature rows."""
        out = np.einsum("ij,j->i", features, np.asarray(self.weights, dtype=np.float64)) + self.intercept
        matrix = self.quadratic()
        if matrix is not None:
            out += np.einsum("ij,jk,ik->i", features, matrix, features)
        return out

    @classmethod
    def load(cls, path: Path) -> Model:
        """A model written by `bench/train_ranker.py --titles` (JSON: weights by feature name)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: its features do not match matching.search_weights.FEATURES")
        return cls(
            tuple(float(w) for w in data["weights"]),
            float(data["intercept"]),
            _resolved(data["associations"], data.get("occupation_base", "")),
            float(data["smoothing"]),
            {
                lang: (
                    tuple(float(w) for w in fitted["weights"]),
                    float(fitted["intercept"]),
                    _interactions(fitted.get("interactions", ())),
                )
                for lang, fitted in data.get("by_lang", {}).items()
            },
            _interactions(data.get("interactions", ())),
            {stem: dict(counts) for stem, counts in data.get("group_associations", {}).items()},
            {
                lang: (
                    _resolved(fitted["associations"], data.get("occupation_base", "")),
                    dict(fitted.get("group_associations", {})),
                    float(fitted["smoothing"]),
                )
                for lang, fitted in data.get("by_lang", {}).items()
                if "associations" in fitted
            },
        )

    def decision(self, features) -> float:
        return float(self.decisions(np.asarray([features], dtype=np.float64))[0])

    def explain(self, features) -> dict[str, float]:
        """Each feature's contribution to the decision value (log-odds); an interaction term is shared
        equally by its two features, so the contributions still add up to the decision minus the intercept."""
        parts = [w * f for w, f in zip(self.weights, features, strict=True)]
        for i, j, weight in self.interactions:
            term = weight * features[i] * features[j]
            parts[i] += term / 2
            parts[j] += term / 2
        return {name: round(float(part), 4) for name, part in zip(FEATURES, parts, strict=True)}


# The model file stores occupations relative to this base (the ESCO occupation namespace): the same
# prefix on ~27,000 association entries would be more than a third of the file.
OCCUPATION_BASE = "http://data.europa.eu/esco/occupation/"


def _resolved(counts_by_word: dict, base: str) -> dict:
    """{stem: {occupation: titles}} with each occupation reference resolved against `base`, as a relative
    URI reference is (an absolute URI stays as it is)."""
    return {
        stem: {(ref if "://" in ref else base + ref): n for ref, n in counts.items()}
        for stem, counts in counts_by_word.items()
    }


def _interactions(rows) -> tuple[tuple[int, int, float], ...]:
    """[[feature name, feature name, weight], ...] (the model file) → ((i, j, weight), ...) with i <= j."""
    out = []
    for a, b, weight in rows:
        i, j = sorted((FEATURES.index(a), FEATURES.index(b)))
        out.append((i, j, float(weight)))
    return tuple(out)


# Fitted by `nice -n 10 .venv/bin/python bench/train_ranker.py --per-lang 1000` (ESCO en 1.0.8, nl 1.1.1,
# fr 1.0.3; 2,708 held-out labels). `exact`, `generality`, `hubness`, `label_hits` and `same_lang` are held at
# hand-set values (the held-out protocol distorts them, see the script). The negative weights of the
# coverage features are corrections for their overlap with the cosines, not penalties for coverage.
VOCABULARY_MODEL = Model(
    weights=(
        8.322,
        2.883,
        0.547,
        0.213,
        0.367,
        -2.288,
        -3.279,
        -0.219,
        6.289,
        2.34,
        0.369,
        0.213,
        0.3,
        1.0,
        0.3,
        -1.444,
        0.3,
        0.3,
        0.117,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ),
    intercept=-9.93,
)
# Skills use the same signals, without title associations.
SKILL_MODEL = VOCABULARY_MODEL

# Occupations: the model fitted on real labelled titles (MELO fit parts) by
# `nice -n 10 .venv/bin/python bench/train_ranker.py --titles --write`, shipped as a data file (package data).
OCCUPATION_MODEL_FILE = Path(__file__).resolve().parent / "data" / "occupation_model.json"
OCCUPATION_MODEL = Model.load(OCCUPATION_MODEL_FILE)
