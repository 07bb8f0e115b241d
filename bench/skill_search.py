"""Benchmark: free-text skill search on held-out ESCO skill alt labels (fr and en), product vs baseline.

Reads ../shared/data/esco/skills_fr.csv and skills_en-us.csv (13,485 ESCO skills, same URIs). For
French, one alt label is removed from a random share of the skills that have one (fixed seed); the
index is built from all remaining labels of both languages, as the service's skill index
(`ConceptIndex(..., model=SKILL_MODEL, doc_candidates=5)`), and each removed label is searched with its
language. The baseline is a char TF-IDF (bench/occupation_search.py) over the remaining labels of that
language. Prints MRR, success@1/5/10 and p50/p95 latency in-process.

The English file has alt labels for 13 skills only, so for English the *preferred* label of 600 skills
is held out instead: such a skill is found through its French labels and its English description —
a harder check than an alt label.

Usage (repository root):
    nice -n 10 .venv/bin/python bench/skill_search.py [--queries 600]
Skips cleanly (exit 0) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time

import numpy as np
from esco_dev import ESCO, hold_out
from occupation_search import Baseline, pct

from matching.concept_search import Concept, ConceptIndex  # noqa: E402
from matching.search_weights import SKILL_MODEL  # noqa: E402

FILES = {"en": "skills_en-us.csv", "fr": "skills_fr.csv"}


def read_skills() -> list[Concept]:
    merged: dict[str, dict] = {}
    for lang, name in FILES.items():
        with (ESCO / name).open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                entry = merged.setdefault(row["conceptUri"], {"labels": [], "description": ""})
                entry["labels"].append((lang, "preferred", row["preferredLabel"].strip()))
                entry["labels"].extend((lang, "alt", t.strip()) for t in row["altLabels"].splitlines() if t.strip())
                if lang == "en":
                    entry["description"] = row.get("description") or ""
    return [
        Concept(i, uri, tuple(e["labels"]), None, (), e["description"]) for i, (uri, e) in enumerate(merged.items())
    ]


def hold_out_preferred(concepts: list[Concept], lang: str, count: int, seed: int):
    """Remove the `lang` preferred label of `count` random skills; the skill stays findable through its
    labels in the other language and its description (the English file has almost no alt labels)."""
    rng = random.Random(seed)
    chosen = set(rng.sample(range(len(concepts)), count))
    kept, queries = [], []
    for i, concept in enumerate(concepts):
        label = next((lab for lab in concept.labels if lab[0] == lang and lab[1] == "preferred"), None)
        if i in chosen and label is not None and len(concept.labels) > 1:
            queries.append((label[2], concept.uri, lang))
            concept = Concept(
                concept.key,
                concept.uri,
                tuple(lab for lab in concept.labels if lab != label),
                None,
                (),
                concept.description,
            )
        kept.append(concept)
    return kept, queries


def evaluate(search, queries):
    ranks, latency = [], []
    for text, gold, _ in queries:
        started = time.perf_counter()
        uris = search(text)
        latency.append(time.perf_counter() - started)
        ranks.append(uris.index(gold) + 1 if gold in uris else None)
    return {
        "mrr": np.mean([1.0 / r if r else 0.0 for r in ranks]),
        "s@1": np.mean([r == 1 for r in ranks]),
        "s@5": np.mean([r is not None and r <= 5 for r in ranks]),
        "s@10": np.mean([r is not None for r in ranks]),
        "p50": pct(latency, 50),
        "p95": pct(latency, 95),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=600, help="Held-out alt labels per language.")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    if not all((ESCO / name).exists() for name in FILES.values()):
        print("skipped: ../shared/data/esco skills files not found")
        return 0
    concepts = read_skills()
    held = {}
    for i, lang in enumerate(FILES):
        with_alt = sum(1 for c in concepts if any(lab[0] == lang and lab[1] == "alt" for lab in c.labels))
        if with_alt >= 100:
            concepts, queries = hold_out(concepts, lang, min(1.0, 1.2 * args.queries / with_alt), seed=args.seed + i)
            held[f"{lang} alt labels"] = (lang, queries[: args.queries])
        else:
            print(f"{FILES[lang]}: only {with_alt} skills have an alt label; its preferred labels are held out instead")
            concepts, queries = hold_out_preferred(concepts, lang, args.queries, seed=args.seed + i)
            held[f"{lang} preferred labels"] = (lang, queries)
    started = time.perf_counter()
    index = ConceptIndex(concepts, model=SKILL_MODEL, doc_candidates=5)
    print(f"{len(index)} skills, {len(index.label_text)} labels; index built in {time.perf_counter() - started:.0f} s")
    print(f"  {'lang / system':<24} {'n':>5}  MRR    s@1    s@5    s@10   p50    p95 ms")
    for check, (lang, queries) in held.items():
        print(check)
        baseline = Baseline([(c.uri, text) for c in concepts for label_lang, _, text in c.labels if label_lang == lang])
        for name, search in (
            ("product", lambda text, lang=lang: [h.uri for h in index.search(text, lang=lang, limit=10)]),
            ("baseline char TF-IDF", lambda text, baseline=baseline: baseline.search(text, 10)),
        ):
            r = evaluate(search, queries)
            print(
                f"  {name:<24} {len(queries):>5}  {r['mrr']:.3f}  {r['s@1']:.3f}  {r['s@5']:.3f}  "
                f"{r['s@10']:.3f}  {r['p50']:5.2f} {r['p95']:6.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
