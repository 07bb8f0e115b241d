"""Fit the normaliser's scoring model on the vocabulary itself (held-out ESCO alt labels as queries).

For each of en, nl and fr, one alt label is removed from a share of the occupations; the index is
built from the remaining labels, and each removed label — dressed up as a vacancy title half of the
time (seniority word, gender marker, place, contract, casing, a typo) — is searched, with and without
its language. Every candidate (concept, label) pair becomes a row of features with target 1 when the
concept is the right one. A logistic regression on those rows gives weights and an intercept whose
sigmoid is a calibrated probability; paste the printed `Model(...)` into matching/search_weights.py
(VOCABULARY_MODEL).

`--titles` fits the occupation model on real labelled titles instead (the MELO fit parts, see
`titles_main`), `--final` refits it on the fit and dev parts once the dev figures are printed (the
shipped model), and `--write` writes it to matching/data/occupation_model.json.

The vocabulary fit uses no title benchmark data; `--titles` reads only the fit and dev parts of the
labelled sets (MELO nl/fr, JobBERT en). Usage (repository root):
    nice -n 10 .venv/bin/python bench/train_ranker.py [--per-lang 1500] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from dataclasses import dataclass

import melo
import numpy as np
from esco_dev import ESCO, add_noise, hold_out, read_concepts

from matching.concept_search import GROUP_LEVELS, ConceptIndex  # noqa: E402
from matching.search_weights import (  # noqa: E402
    FEATURES,
    OCCUPATION_BASE,
    OCCUPATION_MODEL,
    OCCUPATION_MODEL_FILE,
    VOCABULARY_MODEL,
    Model,
)

# Features whose relation to correctness the held-out protocol distorts, so their weights are set by hand
# and kept fixed while the others are fitted: a held-out label can only match *other* concepts exactly,
# the gold concept has lost a label, and with a language given the gold concept is often found through
# its labels in the other languages.
FIXED = {
    "exact": 1.0,
    "generality": 0.3,
    "hubness": 0.3,
    "label_hits": 0.3,
    "same_lang": 0.3,
    "title_assoc": 0.0,
    "head_assoc": 0.0,
    "group_assoc": 0.0,
    "group_head_assoc": 0.0,
    "minor_assoc": 0.0,
    "minor_head_assoc": 0.0,
}


# Languages fitted as a group of their own, with word associations of their own (not pooled with nl/fr).
OWN_GROUP = ("en",)
# Seed of the held-out ESCO alt labels of an own group's language (`held_out_labels`).
HELD_OUT_SEED = 11


def fit_logistic(X, y, fixed: dict[str, float], l2: float = 1.0, names=FEATURES):
    """L2-regularised logistic regression with some weights held at given values (L-BFGS)."""
    from scipy.optimize import minimize

    fixed_idx = [names.index(name) for name in fixed]
    free_idx = [i for i in range(X.shape[1]) if i not in fixed_idx]
    offset = X[:, fixed_idx] @ np.asarray([fixed[names[i]] for i in fixed_idx])
    Xf = X[:, free_idx]
    sign = np.where(y == 1, 1.0, -1.0)

    def loss(params):
        w, b = params[:-1], params[-1]
        margin = sign * (Xf @ w + b + offset)
        value = np.logaddexp(0.0, -margin).sum() + 0.5 * l2 * (w @ w)
        grad_margin = -sign / (1.0 + np.exp(margin))
        return value, np.concatenate([Xf.T @ grad_margin + l2 * w, [grad_margin.sum()]])

    result = minimize(loss, np.zeros(len(free_idx) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    weights = np.zeros(X.shape[1])
    weights[free_idx] = result.x[:-1]
    for i in fixed_idx:
        weights[i] = fixed[names[i]]
    return weights, result.x[-1]


def collect(index: ConceptIndex, queries, rng: random.Random):
    rows = []
    for text, gold, lang in queries:
        noisy = add_noise(text, lang, rng) if rng.random() < 0.5 else text
        found = index.candidates(noisy, lang if rng.random() < 0.5 else None)
        if found is None:
            rows.append(None)
            continue
        concept_ids, _, features = found
        target = np.asarray([index.concepts[c].uri == gold for c in concept_ids], dtype=int)
        rows.append((concept_ids, features, target))
    return rows


def rank_metrics(rows, weights, intercept):
    reciprocal, top1, top10, briers = [], [], [], []
    for row in rows:
        if row is None:
            reciprocal.append(0.0)
            top1.append(0.0)
            top10.append(0.0)
            continue
        concept_ids, features, target = row
        decision = features @ weights + intercept
        best: dict[int, int] = {}
        for r, c in enumerate(concept_ids):
            if c not in best or decision[r] > decision[best[c]]:
                best[c] = r
        order = sorted(best.values(), key=lambda r: -decision[r])[:10]
        ranks = [i + 1 for i, r in enumerate(order) if target[r]]
        reciprocal.append(1.0 / ranks[0] if ranks else 0.0)
        top1.append(float(bool(ranks) and ranks[0] == 1))
        top10.append(float(bool(ranks)))
        p = 1.0 / (1.0 + np.exp(-decision[order[0]]))
        briers.append((p - float(target[order[0]])) ** 2)
    return {
        "mrr": np.mean(reciprocal),
        "s@1": np.mean(top1),
        "s@10": np.mean(top10),
        "brier@1": np.mean(briers),
    }


def title_table(index: ConceptIndex, titles) -> dict[str, dict[str, int]]:
    """{stem: {gold URI: number of titles with that word}} — each word counted once per title."""
    counts: dict[str, dict[str, int]] = {}
    for title in titles:
        for word in sorted(set(index.title_words(title.text, title.lang))):
            bucket = counts.setdefault(word, {})
            bucket[title.gold] = bucket.get(title.gold, 0) + 1
    return counts


def group_table(index: ConceptIndex, titles, isco_of) -> dict[str, dict[str, int]]:
    """{stem: {ISCO unit group code: number of titles}}: the group of each title's gold occupation, or its
    gold group (the index sums unit groups into minor groups, `GROUP_LEVELS`)."""
    counts: dict[str, dict[str, int]] = {}
    for title in titles:
        gold = title.gold
        group = gold[len(melo.ISCO_PREFIX) :] if gold.startswith(melo.ISCO_PREFIX) else (isco_of.get(gold) or "")
        group = group[: max(GROUP_LEVELS)]
        if not group:
            continue
        for word in sorted(set(index.title_words(title.text, title.lang))):
            bucket = counts.setdefault(word, {})
            bucket[group] = bucket.get(group, 0) + 1
    return counts


def collect_titles(index: ConceptIndex, titles, isco_of):
    """Candidate rows of real titles; the target marks the gold occupation (or one of the gold ISCO group)."""
    rows = []
    for title in titles:
        found = index.candidates(title.text, title.lang)
        if found is None:
            rows.append(None)
            continue
        concept_ids, _, features = found
        uris = [index.concepts[c].uri for c in concept_ids]
        target = np.asarray([melo.rank_of([uri], title.gold, isco_of) == 1 for uri in uris], dtype=int)
        rows.append((concept_ids, features, target))
    return rows


@dataclass(frozen=True)
class TitleGroup:
    """Title sets fitted together: one ranking (weights, pair weights) and one pair of association tables.

    Dutch and French are pooled (their pooled weights rank better than separate ones) and their tables
    serve every query language without tables of its own (`table_lang` None); English is a group of its
    own whose tables serve English queries only (`table_lang` "en"), so the Malaysian labels of shared
    words ("manager", "sales") do not move Dutch and French titles. `isco_groups`: whether the group learns
    word → ISCO group tables too (on the dev parts they help Dutch and French, and cost English 0.007 MRR).
    """

    langs: tuple[str, ...]
    smoothing: float
    prior_l2: float
    table_lang: str | None
    isco_groups: bool = True
    # Weight of each held-out ESCO alt label row (`HeldOutLabels.fit`) in the listwise fit; 0: none.
    label_weight: float = 0.0


@dataclass(frozen=True)
class HeldOutLabels:
    """ESCO alt labels of one language held out from an index of their own: `check` measures how a fit
    ranks vocabulary-like wording, `fit` (other concepts) can join the group's listwise fit so it keeps
    that wording in mind. Every other label is dressed up as a vacancy title (`add_noise`)."""

    index: ConceptIndex
    check: list
    fit: list


def held_out_labels(concepts, lang: str, seed: int = HELD_OUT_SEED, fraction: float = 0.55) -> HeldOutLabels:
    concepts, held = hold_out(concepts, lang, fraction, seed=seed)
    rng = random.Random(seed)
    labels = {"check": [], "fit": []}
    for i, (text, uri, _) in enumerate(held):
        part = "check" if zlib.crc32(uri.encode()) % 2 == 0 else "fit"
        labels[part].append(melo.Title(add_noise(text, lang, rng) if i % 2 else text, uri, lang, part))
    return HeldOutLabels(ConceptIndex(concepts, model=VOCABULARY_MODEL), labels["check"], labels["fit"])


def print_label_check(held: HeldOutLabels, group: TitleGroup, tables, fitted: dict, isco_of) -> None:
    """The held-out label check of an own group: its tables set on the held-out index, its labels searched
    in its language, ranked by the vocabulary model and by the fit."""
    held.index.set_associations(tables[0], group.smoothing, tables[1], group.table_lang)
    rows = collect_titles(held.index, held.check, isco_of)
    for name, model in (("vocabulary model", VOCABULARY_MODEL), ("fitted on titles", fitted[group.table_lang])):
        ranks = title_ranks(held.index, rows, held.check, model, isco_of)
        got = melo.metrics(ranks, [t.gold for t in held.check])
        print(
            f"  held-out ESCO {group.table_lang} alt labels {name:<17} n={len(ranks)} MRR {got['mrr']:.3f}  "
            f"s@1 {got['s@1']:.3f}  s@10 {got['s@10']:.3f}"
        )


def title_groups(args) -> list[TitleGroup]:
    langs = args.title_langs.split(",")
    pooled = tuple(lang for lang in langs if lang not in OWN_GROUP)
    groups = [TitleGroup(pooled, args.smoothing, args.prior_l2, None)] if pooled else []
    return groups + [
        TitleGroup(
            (lang,), args.own_smoothing, args.own_prior_l2, lang, isco_groups=False, label_weight=args.label_weight
        )
        for lang in langs
        if lang in OWN_GROUP
    ]


def titles_main(args) -> int:
    """Fit the occupation model on the fit parts of the labelled title sets and write
    matching/data/occupation_model.json.

    The dev parts measure the fit-part model; the test parts are never read here. With `--final` the
    model that is written is refitted, with the same settings, on the fit *and* dev parts (more titles
    help: see docs/normaliser.md); its dev figures are then no longer a measure, and the model file
    records the parts it learned from (`fitted_on`).
    """
    if not melo.available():
        print("skipped: ../shared/data/melo not found")
        return 0
    started = time.perf_counter()
    concepts = read_concepts(("en", "nl", "fr"))
    isco_of = {c.uri: c.isco_code for c in concepts}
    index = ConceptIndex(concepts, model=VOCABULARY_MODEL)
    print(f"index: {len(index)} concepts, {len(index.label_text)} labels, {time.perf_counter() - started:.0f} s")
    fitted_on = ("fit", "dev") if args.final else ("fit",)
    groups = title_groups(args)
    fits = [fit_group(index, concepts, group, isco_of, args) for group in groups]
    if args.write:
        write_model(groups, fits, fitted_on)
    return 0


def fit_group(index: ConceptIndex, concepts, group: TitleGroup, isco_of, args):
    """Fit one group on its fit parts, print its dev figures, and (with `--final`) refit it on fit + dev.

    Returns (tables, {lang: model}, number of titles learned from); the group's tables are left set on the
    index."""
    splits = {lang: melo.parts(lang) for lang in group.langs}
    fit = [t for lang in group.langs for t in splits[lang]["fit"]]
    dev = {lang: splits[lang]["dev"] for lang in group.langs}
    if args.sample:
        fit = random.Random(args.seed).sample(fit, min(args.sample, len(fit)))
    started = time.perf_counter()
    held = held_out_labels(concepts, group.table_lang) if group.table_lang else None
    tables, fitted = fit_titles(index, fit, isco_of, group, args.interaction_l2, held)
    dev_rows = {lang: collect_titles(index, titles, isco_of) for lang, titles in dev.items()}
    elapsed = time.perf_counter() - started
    print(
        f"{'+'.join(group.langs)}: {len(fit)} fit titles, {sum(map(len, dev.values()))} dev titles: "
        f"fitted in {elapsed:.0f} s"
    )
    print_dev_figures(index, dev, dev_rows, fitted, {t.gold for t in fit}, isco_of)
    if held:
        print_label_check(held, group, tables, fitted, isco_of)
    if args.final:
        fit = [t for lang in group.langs for part in ("fit", "dev") for t in splits[lang][part]]
        tables, fitted = fit_titles(index, fit, isco_of, group, args.interaction_l2, held)
        print(
            f"final model: refitted on the fit and dev parts ({len(fit)} titles) with the same settings; "
            "the dev figures above are those of the fit-part model (dev is no longer a measure of this one)"
        )
    for lang, model in fitted.items():
        print(f"  {lang}: intercept {model.intercept:+.3f}, {'  '.join(f'{w:+.3f}' for w in model.weights)}")
    return tables, fitted, len(fit)


def fit_titles(index: ConceptIndex, titles, isco_of, group: TitleGroup, interaction_l2: float, held=None):
    """Association tables (words → occupations, words → ISCO groups) and the models (weights, pair weights,
    calibration per language) learned from `titles`; the tables are left set on the index.

    The association features of a title are computed from the *other* folds (5 folds by title), so the
    fit sees them as they behave on unseen titles; the returned tables are built from all of them. A
    title whose gold is an ISCO group teaches the group table only (it says nothing about one occupation).
    With `group.label_weight`, the rows of the held-out ESCO labels `held.fit` (searched on their own index
    with the group's full tables: no title taught those labels) join the ranking fit with that weight; they
    take no part in the calibration, which is the titles'.
    """
    occupational = [t for t in titles if not t.gold.startswith(melo.ISCO_PREFIX)]
    fold = {t: zlib.crc32(melo.split_key(t.text).encode()) % 5 for t in titles}
    rows, row_langs = [], []
    for k in range(5):
        index.set_associations(
            title_table(index, [t for t in occupational if fold[t] != k]),
            group.smoothing,
            group_table(index, [t for t in titles if fold[t] != k], isco_of) if group.isco_groups else {},
            group.table_lang,
        )
        part = [t for t in occupational if fold[t] == k]
        rows.extend(collect_titles(index, part, isco_of))
        row_langs.extend(t.lang for t in part)
    tables = (title_table(index, occupational), group_table(index, titles, isco_of) if group.isco_groups else {})
    label_rows = []
    if held and group.label_weight > 0:
        held.index.set_associations(tables[0], group.smoothing, tables[1], group.table_lang)
        label_rows = collect_titles(held.index, held.fit, isco_of)
    fitted = fit_listwise(
        rows + label_rows,
        np.asarray(VOCABULARY_MODEL.weights),
        l2=group.prior_l2,
        interaction_l2=interaction_l2 if interaction_l2 >= 0 else None,
        row_weights=[1.0] * len(rows) + [group.label_weight] * len(label_rows),
    )
    # One ranking for the group, calibrated per language: the same score means a different chance of being
    # right for a Dutch and a French title.
    by_lang = {
        lang: calibrate(fitted, [r for r, rl in zip(rows, row_langs, strict=True) if rl == lang])
        for lang in sorted(set(row_langs))
    }
    index.set_associations(tables[0], group.smoothing, tables[1], group.table_lang)
    return tables, by_lang


def calibrate(model: Model, rows) -> Model:
    """`model` with its scores Platt-scaled again on these out-of-fold rows' top hits (`shown_hits`): the
    ranking is unchanged, the score becomes the chance that a top hit is right for these titles."""
    scores, targets = shown_hits([(r[0], model.decisions(r[1]), r[2]) for r in rows if r is not None])
    (scale,), offset = fit_logistic(scores[:, None], targets, {}, l2=1e-6, names=("score",))
    return Model(
        tuple(round(float(w * scale), 4) for w in model.weights),
        round(float(model.intercept * scale + offset), 4),
        interactions=tuple((i, j, round(float(w * scale), 4)) for i, j, w in model.interactions),
    )


def print_dev_figures(index, dev, dev_rows, fitted: dict, seen, isco_of) -> None:
    for lang in dev:
        for name, model in (("vocabulary model", VOCABULARY_MODEL), ("fitted on titles", fitted[lang])):
            ranks = title_ranks(index, dev_rows[lang], dev[lang], model, isco_of)
            unseen = [i for i, t in enumerate(dev[lang]) if t.gold not in seen]
            every = melo.metrics(ranks, [t.gold for t in dev[lang]])
            new = melo.metrics([ranks[i] for i in unseen], [dev[lang][i].gold for i in unseen])
            print(
                f"  dev {lang} {name:<17} n={len(ranks)} MRR {every['mrr']:.3f}  s@1 {every['s@1']:.3f}  "
                f"s@10 {every['s@10']:.3f}   unseen gold n={len(unseen)} MRR {new['mrr']:.3f}  s@10 {new['s@10']:.3f}"
            )


def _counts(table: dict) -> dict:
    """A table as the file stores it: sorted, occupation URIs relative to `OCCUPATION_BASE`."""
    return {w: {k.removeprefix(OCCUPATION_BASE): n for k, n in sorted(c.items())} for w, c in sorted(table.items())}


def write_model(groups: list[TitleGroup], fits, fitted_on) -> None:
    """The model file: the pooled group's tables at the top level, an own group's tables in its `by_lang`
    entry, every fitted language's weights, pair weights and calibration in `by_lang`."""
    by_lang, pooled, learned = {}, ({}, {}), []
    for group, (tables, fitted, n_titles) in zip(groups, fits, strict=True):
        learned.append(f"{'+'.join(group.langs)}: {n_titles} titles")
        for lang, model in fitted.items():
            entry = {
                "weights": list(model.weights),
                "intercept": model.intercept,
                "interactions": [[FEATURES[i], FEATURES[j], w] for i, j, w in model.interactions],
            }
            if group.table_lang == lang:
                entry |= {
                    "smoothing": group.smoothing,
                    "associations": _counts(tables[0]),
                    "group_associations": _counts(tables[1]),
                }
            by_lang[lang] = entry
        if group.table_lang is None:
            pooled = tables
    smoothing = next((g.smoothing for g in groups if g.table_lang is None), 1.0)
    payload = {
        "about": (
            "Occupation scoring model of matching.concept_search, fitted by bench/train_ranker.py --titles "
            f"on the {' and '.join(fitted_on)} parts of the labelled title sets ({'; '.join(learned)}) over ESCO "
            "occupations en/nl/fr. associations: {word stem: {ESCO occupation URI relative to occupation_base: "
            "number of titles}}; group_associations: {word stem: {ISCO unit group code: number of titles}}; "
            "a by_lang entry with "
            "its own tables serves that language's queries instead of the top-level (pooled) ones."
        ),
        # The bench/melo.py parts and sets the associations and weights were learned from: a benchmark's
        # "unseen gold" titles are those whose occupation never occurs in them.
        "fitted_on": list(fitted_on),
        # Occupations in the association tables are relative to this base (the loader resolves them).
        "occupation_base": OCCUPATION_BASE,
        "title_sets": [lang for group in groups for lang in group.langs],
        "features": list(FEATURES),
        # Queries in other languages (German) or without a detected one keep the vocabulary-fitted weights.
        "weights": list(VOCABULARY_MODEL.weights),
        "intercept": VOCABULARY_MODEL.intercept,
        "by_lang": by_lang,
        "smoothing": smoothing,
        "associations": _counts(pooled[0]),
        "group_associations": _counts(pooled[1]),
    }
    OCCUPATION_MODEL_FILE.parent.mkdir(exist_ok=True)
    OCCUPATION_MODEL_FILE.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OCCUPATION_MODEL_FILE} ({OCCUPATION_MODEL_FILE.stat().st_size / 1e6:.2f} MB)")


def pairs(fixed=("same_lang",)) -> list[tuple[int, int]]:
    """The feature pairs (i <= j, squares included) that get an interaction weight."""
    usable = [i for i, name in enumerate(FEATURES) if name not in fixed]
    return [(i, j) for a, i in enumerate(usable) for j in usable[a:]]


def fit_listwise(
    rows,
    prior: np.ndarray,
    l2: float,
    interaction_l2: float | None = None,
    fixed=("same_lang",),
    row_weights=None,
) -> Model:
    """Weights that put the gold concept first (softmax over each title's candidates), kept near `prior`.

    The penalty pulls the weights towards the vocabulary-fitted model (`l2 · |w - prior|² / 2`), so a
    few thousand national titles adjust the ranking rather than replace it. With `interaction_l2`, a
    weight per pair of features (`pairs()`) is fitted too, pulled towards 0 with that strength: a
    second-order reranker of the candidates. A softmax ranking has no intercept and no calibration: a
    two-parameter logistic fit of correctness on the ranking score (Platt scaling, on the hits a search
    of the same out-of-fold titles would show: `shown_hits`) turns it back into a probability.

    `same_lang` stays at its prior and out of the interactions: it decides which label of the right
    concept is shown (the one in the asked language), not which concept ranks first, and a free fit
    drifts it below zero. `row_weights` (one per row, default 1) weighs each row's term of the loss.
    """
    from scipy.optimize import minimize

    n = len(FEATURES)
    inter = pairs(fixed) if interaction_l2 is not None else []

    def expand(X):
        return np.hstack([X, *(X[:, [i]] * X[:, [j]] for i, j in inter)]) if inter else X

    weights = [1.0] * len(rows) if row_weights is None else row_weights
    usable = [(expand(r[1]), r[2], wt) for r, wt in zip(rows, weights, strict=True) if r is not None and r[2].any()]
    start = np.concatenate([prior, np.zeros(len(inter))])
    strength = np.concatenate([np.full(n, l2), np.full(len(inter), interaction_l2 or 0.0)])
    free = np.asarray([name not in fixed for name in FEATURES] + [True] * len(inter), dtype=np.float64)

    def loss(w):
        d = w - start
        value, grad = 0.5 * (strength * d) @ d, strength * d
        for X, y, weight in usable:
            s = X @ w
            e = np.exp(s - s.max())
            p, pg = e / e.sum(), e * y / (e * y).sum()
            value -= weight * (np.log((e * y).sum()) - np.log(e.sum()))
            grad += weight * (X.T @ (p - pg))
        return value, grad * free

    w = minimize(loss, start.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    scores, targets = shown_hits([(r[0], expand(r[1]) @ w, r[2]) for r in rows if r is not None])
    (scale,), offset = fit_logistic(scores[:, None], targets, {}, l2=1e-6, names=("score",))
    interactions = tuple(
        (i, j, round(float(x * scale), 4)) for (i, j), x in zip(inter, w[n:], strict=True) if abs(x * scale) >= 1e-4
    )
    return Model(tuple(round(float(x * scale), 4) for x in w[:n]), round(float(offset), 4), interactions=interactions)


def shown_hits(scored, limit: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The ranking scores and correctness of the hits a search shows: per title, each concept's best row,
    the `limit` best concepts. Platt scaling on these (rather than on every candidate row, most of which
    no one sees) makes the score of a shown hit, above all the top hit, a probability of being right."""
    scores, targets = [], []
    for concept_ids, decision, target in scored:
        best: dict[int, int] = {}
        for r, c in enumerate(concept_ids):
            if c not in best or decision[r] > decision[best[c]]:
                best[c] = r
        for r in sorted(best.values(), key=lambda r: -decision[r])[:limit]:
            scores.append(decision[r])
            targets.append(target[r])
    return np.asarray(scores, dtype=np.float64), np.asarray(targets, dtype=int)


def title_ranks(index, rows, titles, model, isco_of):
    ranks = []
    for row, title in zip(rows, titles, strict=True):
        if row is None:
            ranks.append(None)
            continue
        concept_ids, features, _ = row
        decision = model.decisions(features)
        best: dict[int, int] = {}
        for r, c in enumerate(concept_ids):
            if c not in best or decision[r] > decision[best[c]]:
                best[c] = r
        order = sorted(best.values(), key=lambda r: (-decision[r], index.concepts[concept_ids[r]].uri))[:10]
        ranks.append(melo.rank_of([index.concepts[concept_ids[r]].uri for r in order], title.gold, isco_of))
    return ranks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-lang", type=int, default=1500, help="Held-out labels per language.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--titles", action="store_true", help="Fit on the MELO fit parts (the shipped model).")
    parser.add_argument(
        "--title-langs",
        default="nl,fr,en",
        help="Sets to fit on: nl and fr are pooled, en (JobBERT) is fitted as its own group with its own associations.",
    )
    parser.add_argument("--own-smoothing", type=float, default=3.0, help="Smoothing of an own group's associations.")
    parser.add_argument(
        "--label-weight",
        type=float,
        default=3.0,
        help="Weight of held-out ESCO alt label rows in an own group's fit (0: titles only; see docs/normaliser.md).",
    )
    parser.add_argument("--own-prior-l2", type=float, default=10.0, help="Pull of the vocabulary weights, own group.")
    parser.add_argument("--smoothing", type=float, default=1.0, help="Pseudo-titles per word (associations).")
    parser.add_argument("--prior-l2", type=float, default=10.0, help="Pull of the vocabulary model's weights.")
    parser.add_argument(
        "--interaction-l2",
        type=float,
        default=3.0,
        help="Pull of the feature-pair weights towards 0 (second-order reranker); negative: no interactions.",
    )
    parser.add_argument("--sample", type=int, default=None, help="Only this many fit titles (exploring).")
    parser.add_argument("--write", action="store_true", help="Write matching/data/occupation_model.json.")
    parser.add_argument(
        "--final",
        action="store_true",
        help="After the dev figures, refit on the fit and dev parts (same settings): the model to ship.",
    )
    args = parser.parse_args(argv)
    if not (ESCO / "occupations_en.csv").exists():
        print("skipped: ../shared/data/esco not found")
        return 0
    if args.titles:
        return titles_main(args)
    langs = ("en", "nl", "fr")
    concepts = read_concepts(langs)
    queries = []
    for i, lang in enumerate(langs):
        fraction = min(1.0, args.per_lang / max(1, len(concepts)))
        concepts, held = hold_out(concepts, lang, fraction, seed=args.seed + i)
        queries.extend(held)
    started = time.perf_counter()
    index = ConceptIndex(concepts)
    print(
        f"index: {len(index)} concepts, {len(index.label_text)} labels, built in "
        f"{time.perf_counter() - started:.1f} s; {len(queries)} held-out queries"
    )
    rng = random.Random(args.seed)
    rng.shuffle(queries)
    # Split by concept so no concept is both trained and tested on.
    test_uris = {uri for _, uri, _ in queries if zlib.crc32(uri.encode()) % 4 == 0}
    train_q = [q for q in queries if q[1] not in test_uris]
    test_q = [q for q in queries if q[1] in test_uris]
    started = time.perf_counter()
    train_rows = collect(index, train_q, random.Random(args.seed + 100))
    test_rows = collect(index, test_q, random.Random(args.seed + 200))
    print(f"features collected in {time.perf_counter() - started:.1f} s")
    X = np.vstack([r[1] for r in train_rows if r is not None])
    y = np.concatenate([r[2] for r in train_rows if r is not None])
    weights, intercept = fit_logistic(X, y, FIXED, l2=1.0 / args.C)
    fitted = Model(tuple(round(float(w), 3) for w in weights), round(float(intercept), 3))
    current = rank_metrics(test_rows, np.asarray(OCCUPATION_MODEL.weights), OCCUPATION_MODEL.intercept)
    new = rank_metrics(test_rows, np.asarray(fitted.weights), fitted.intercept)
    print("current model on held-out test queries:", {k: round(float(v), 3) for k, v in current.items()})
    print("fitted model on held-out test queries: ", {k: round(float(v), 3) for k, v in new.items()})
    for name, weight in zip(FEATURES, fitted.weights, strict=True):
        print(f"  {name:<16} {weight:+.3f}")
    print(f"OCCUPATION_MODEL = Model(\n    weights={fitted.weights},\n    intercept={fitted.intercept},\n)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
