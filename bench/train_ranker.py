"""Fit the normaliser's scoring model on the vocabulary itself (held-out ESCO alt labels as queries).

For each of en, nl and fr, one alt label is removed from a share of the occupations; the index is
built from the remaining labels, and each removed label — dressed up as a vacancy title half of the
time (seniority word, gender marker, place, contract, casing, a typo) — is searched, with and without
its language. Every candidate (concept, label) pair becomes a row of features with target 1 when the
concept is the right one. A logistic regression on those rows gives weights and an intercept whose
sigmoid is a calibrated probability; paste the printed `Model(...)` into matching/search_weights.py
(VOCABULARY_MODEL).

`--titles` fits the shipped occupation model on real labelled titles instead (the MELO fit parts, see
`titles_main`) and `--write` writes it to matching/data/occupation_model.json.

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

import melo
import numpy as np
from esco_dev import ESCO, add_noise, hold_out, read_concepts

from matching.concept_search import ConceptIndex  # noqa: E402
from matching.search_weights import (  # noqa: E402
    FEATURES,
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
}


# Languages fitted as a group of their own, with word associations of their own (not pooled with nl/fr).
OWN_GROUP = ("en",)


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


def out_of_fold_rows(index: ConceptIndex, fit, isco_of, smoothing: float, lang: str | None = None):
    """Candidate rows of the fit titles whose association features come from the *other* folds (5 folds by
    title), so the fit sees them as they behave on unseen titles. Leaves the table of all fit titles set on
    the index (for `lang`'s queries, or pooled) and returns (rows, table)."""
    fold = {t: zlib.crc32(melo.split_key(t.text).encode()) % 5 for t in fit}
    rows = []
    for k in range(5):
        index.set_associations(title_table(index, [t for t in fit if fold[t] != k]), smoothing, lang)
        rows.extend(collect_titles(index, [t for t in fit if fold[t] == k], isco_of))
    table = title_table(index, fit)
    index.set_associations(table, smoothing, lang)
    return rows, table


def print_dev(index: ConceptIndex, lang: str, rows, dev, seen: set[str], fitted: Model, isco_of) -> None:
    """Dev figures of the vocabulary model and of the fit, on all dev titles and those of unseen gold."""
    unseen = [i for i, t in enumerate(dev) if t.gold not in seen]
    for name, model in (("vocabulary model", VOCABULARY_MODEL), ("fitted on titles", fitted)):
        ranks = title_ranks(index, rows, dev, model, isco_of)
        every = melo.metrics(ranks, [t.gold for t in dev])
        new = melo.metrics([ranks[i] for i in unseen], [dev[i].gold for i in unseen])
        print(
            f"  dev {lang} {name:<17} n={len(ranks)} MRR {every['mrr']:.3f}  s@1 {every['s@1']:.3f}  "
            f"s@10 {every['s@10']:.3f}   unseen gold n={len(unseen)} MRR {new['mrr']:.3f}  s@10 {new['s@10']:.3f}"
        )


def titles_main(args) -> int:
    """Fit the occupation model on the MELO fit parts and write matching/data/occupation_model.json.

    The association features of a fit title are computed from the *other* folds of the fit part
    (5 folds by title), so the logistic regression sees them as they behave on unseen titles. The dev
    parts measure the result; the test parts are never read here.
    """
    if not melo.available():
        print("skipped: ../shared/data/melo not found")
        return 0
    started = time.perf_counter()
    concepts = read_concepts(("en", "nl", "fr"))
    isco_of = {c.uri: c.isco_code for c in concepts}
    index = ConceptIndex(concepts, model=VOCABULARY_MODEL)
    print(f"index: {len(index)} concepts, {len(index.label_text)} labels, {time.perf_counter() - started:.0f} s")
    own = [lang for lang in args.title_langs.split(",") if lang in OWN_GROUP]
    langs = [lang for lang in args.title_langs.split(",") if lang not in OWN_GROUP]
    splits = {lang: melo.parts(lang) for lang in langs}
    # Titles whose gold is an ISCO group train nothing about one occupation; they stay in dev figures.
    fit = [t for lang in langs for t in splits[lang]["fit"] if not t.gold.startswith(melo.ISCO_PREFIX)]
    dev = {lang: splits[lang]["dev"] for lang in langs}
    if args.sample:
        fit = random.Random(args.seed).sample(fit, min(args.sample, len(fit)))
    started = time.perf_counter()
    fit_rows, table = out_of_fold_rows(index, fit, isco_of, args.smoothing)
    dev_rows = {lang: collect_titles(index, titles, isco_of) for lang, titles in dev.items()}
    elapsed = time.perf_counter() - started
    print(f"{len(fit)} fit titles, {sum(map(len, dev.values()))} dev titles: rows in {elapsed:.0f} s")

    fitted = fit_listwise(
        fit_rows,
        np.asarray(VOCABULARY_MODEL.weights),
        l2=args.prior_l2,
        interaction_l2=args.interaction_l2 if args.interaction_l2 >= 0 else None,
    )
    for lang in langs:
        print_dev(index, lang, dev_rows[lang], dev[lang], {t.gold for t in fit}, fitted, isco_of)
    for name, weight in zip(FEATURES, fitted.weights, strict=True):
        print(f"  {name:<16} {weight:+.3f}")
    # Languages fitted as a group of their own (en) set a table of their own: the pooled rows above stay as they are.
    own_fits = {lang: fit_own_language(args, index, isco_of, lang) for lang in own}
    if args.write:
        payload = {
            "about": (
                "Occupation scoring model of matching.concept_search, fitted by bench/train_ranker.py --titles "
                f"on the MELO fit parts ({', '.join(langs)}; {len(fit)} titles) over ESCO occupations en/nl/fr"
                + "".join(f"; {lang} on its own fit part ({own_fits[lang]['titles']} titles)" for lang in own)
                + ". associations: {word stem: {ESCO occupation URI: number of fit titles}} (by_lang: that "
                "language's own table, used instead of the pooled one)."
            ),
            "features": list(FEATURES),
            # Queries in other languages (English, German) or without one keep the vocabulary-fitted weights:
            # fitting on Dutch and French titles cost English titles 0.02 MRR on JobBERT.
            "weights": list(VOCABULARY_MODEL.weights),
            "intercept": VOCABULARY_MODEL.intercept,
            "by_lang": {
                lang: {
                    "weights": list(fitted.weights),
                    "intercept": fitted.intercept,
                    "interactions": [[FEATURES[i], FEATURES[j], w] for i, j, w in fitted.interactions],
                }
                for lang in langs
            }
            | own_fits,
            "smoothing": args.smoothing,
            "associations": {w: dict(sorted(c.items())) for w, c in sorted(table.items())},
        }
        OCCUPATION_MODEL_FILE.parent.mkdir(exist_ok=True)
        OCCUPATION_MODEL_FILE.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"wrote {OCCUPATION_MODEL_FILE} ({OCCUPATION_MODEL_FILE.stat().st_size / 1e6:.2f} MB)")
    return 0


def fit_own_language(args, index: ConceptIndex, isco_of, lang: str) -> dict:
    """Fit the weights and word associations of one language on its own set (en: JobBERT's fit part).

    As for the pooled languages: 5 folds by title, the association features of a fit title come from
    the other folds; the dev part measures the result. The language's associations go into a table of
    its own (its queries use it, the other languages keep theirs), so noisy English gold labels of
    shared words ("manager", "sales") do not move Dutch and French titles. Returns the model file's
    `by_lang` entry.
    """
    split = melo.parts(lang)
    fit, dev = split["fit"], split["dev"]
    if args.sample:
        fit = random.Random(args.seed).sample(fit, min(args.sample, len(fit)))
    started = time.perf_counter()
    fit_rows, table = out_of_fold_rows(index, fit, isco_of, args.own_smoothing, lang)
    dev_rows = collect_titles(index, dev, isco_of)
    print(f"{lang}: {len(fit)} fit titles, {len(dev)} dev titles: rows in {time.perf_counter() - started:.0f} s")
    pair_l2 = args.interaction_l2 if args.interaction_l2 >= 0 else None
    fitted = fit_listwise(fit_rows, np.asarray(VOCABULARY_MODEL.weights), args.own_prior_l2, pair_l2)
    print_dev(index, lang, dev_rows, dev, {t.gold for t in fit}, fitted, isco_of)
    return {
        "weights": list(fitted.weights),
        "intercept": fitted.intercept,
        "interactions": [[FEATURES[i], FEATURES[j], w] for i, j, w in fitted.interactions],
        "titles": len(fit),
        "smoothing": args.own_smoothing,
        "associations": {w: dict(sorted(c.items())) for w, c in sorted(table.items())},
    }


def pairs(fixed=("same_lang",)) -> list[tuple[int, int]]:
    """The feature pairs (i <= j, squares included) that get an interaction weight."""
    usable = [i for i, name in enumerate(FEATURES) if name not in fixed]
    return [(i, j) for a, i in enumerate(usable) for j in usable[a:]]


def fit_listwise(
    rows, prior: np.ndarray, l2: float, interaction_l2: float | None = None, fixed=("same_lang",)
) -> Model:
    """Weights that put the gold concept first (softmax over each title's candidates), kept near `prior`.

    The penalty pulls the weights towards the vocabulary-fitted model (`l2 · |w - prior|² / 2`), so a
    few thousand national titles adjust the ranking rather than replace it. With `interaction_l2`, a
    weight per pair of features (`pairs()`) is fitted too, pulled towards 0 with that strength: a
    second-order reranker of the candidates. A softmax ranking has no intercept and no calibration: a
    two-parameter logistic fit of correctness on the ranking score (Platt scaling, on the same out-of-fold
    rows) turns it back into a probability.

    `same_lang` stays at its prior and out of the interactions: it decides which label of the right
    concept is shown (the one in the asked language), not which concept ranks first, and a free fit
    drifts it below zero.
    """
    from scipy.optimize import minimize

    n = len(FEATURES)
    inter = pairs(fixed) if interaction_l2 is not None else []

    def expand(X):
        return np.hstack([X, *(X[:, [i]] * X[:, [j]] for i, j in inter)]) if inter else X

    usable = [(expand(X), y) for _, X, y in (r for r in rows if r is not None) if y.any()]
    start = np.concatenate([prior, np.zeros(len(inter))])
    strength = np.concatenate([np.full(n, l2), np.full(len(inter), interaction_l2 or 0.0)])
    free = np.asarray([name not in fixed for name in FEATURES] + [True] * len(inter), dtype=np.float64)

    def loss(w):
        d = w - start
        value, grad = 0.5 * (strength * d) @ d, strength * d
        for X, y in usable:
            s = X @ w
            e = np.exp(s - s.max())
            p, pg = e / e.sum(), e * y / (e * y).sum()
            value -= np.log((e * y).sum()) - np.log(e.sum())
            grad += X.T @ (p - pg)
        return value, grad * free

    w = minimize(loss, start.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    scores = np.concatenate([expand(r[1]) @ w for r in rows if r is not None])[:, None]
    targets = np.concatenate([r[2] for r in rows if r is not None])
    (scale,), offset = fit_logistic(scores, targets, {}, l2=1e-6, names=("score",))
    interactions = tuple(
        (i, j, round(float(x * scale), 4)) for (i, j), x in zip(inter, w[n:], strict=True) if abs(x * scale) >= 1e-4
    )
    return Model(tuple(round(float(x * scale), 4) for x in w[:n]), round(float(offset), 4), interactions=interactions)


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
