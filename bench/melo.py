"""The MELO sets of real national occupation titles, split once and for all into fit / dev / test.

Read from ../shared/data/melo/<set>/{queries,gold}.tsv (never copied into the repository; see the
README there). Each title has one gold concept: an ESCO occupation URI, or (a few Dutch and German
titles) an ISCO-08 group URI. The English set `en` is the JobBERT validation file
(../shared/data/jobbert/titles.csv: Malaysian vacancy titles, each with one ESCO occupation; noisy
gold labels), split the same way so it can be fitted on and reported like a MELO set.

The split is by title: the key is the folded title (lower case, accents and punctuation gone, spaces
squeezed), so exact duplicates — and duplicates differing only by case or accents — always land on the
same side. A key's part follows from a SHA-1 of the seed and the key, so adding titles to a set does
not move the others. Shares: 60 % fit, 20 % dev, 20 % test. The test part is never read by the
training script; `bench/occupation_search_melo.py` reports on it.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MELO = ROOT.parent / "shared" / "data" / "melo"
SETS = {"nl": "nld_q_nl_c_nl", "fr": "fra_q_fr_c_fr", "de": "deu_q_de_c_de", "de-at": "aut_q_de_c_de"}
JOBBERT = ROOT.parent / "shared" / "data" / "jobbert" / "titles.csv"  # the set "en"
SPLIT_SEED = "knelpunt-melo-2026"
SHARES = (("fit", 0.6), ("dev", 0.2), ("test", 0.2))
ISCO_PREFIX = "http://data.europa.eu/esco/isco/C"


@dataclass(frozen=True)
class Title:
    text: str
    gold: str  # an occupation URI or an ISCO group URI
    lang: str  # the language of the set ("nl", "fr", "de", "en")
    part: str  # "fit", "dev" or "test"


def split_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def part_of(text: str, seed: str = SPLIT_SEED) -> str:
    digest = hashlib.sha1(f"{seed}|{split_key(text)}".encode()).digest()
    roll = int.from_bytes(digest[:8], "big") / 2**64
    total = 0.0
    for name, share in SHARES:
        total += share
        if roll < total:
            return name
    return SHARES[-1][0]


def available() -> bool:
    return all((MELO / folder / "gold.tsv").exists() for folder in (SETS["nl"], SETS["fr"]))


def read_set(name: str) -> list[Title]:
    """All titles of one set (MELO `nl`, `fr`, `de`, `de-at`; JobBERT `en`) with their part."""
    if name == "en":
        return read_jobbert()
    folder = MELO / SETS[name]
    with (folder / "queries.tsv").open(newline="", encoding="utf-8") as handle:
        texts = {row["query_id"]: row["title"] for row in csv.DictReader(handle, delimiter="\t")}
    gold: dict[str, str] = {}
    with (folder / "gold.tsv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold.setdefault(row["query_id"], row["concept_uri"])  # one gold per title in these sets
    lang = name.split("-")[0]
    return [Title(texts[q], gold[q], lang, part_of(texts[q])) for q in sorted(texts) if q in gold]


def read_jobbert(path: Path = JOBBERT) -> list[Title]:
    """The JobBERT validation titles (English), in file order, with their part of the same split."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [(row["vacancyTitle"], row["conceptUri"]) for row in csv.DictReader(handle)]
    return [Title(text, gold, "en", part_of(text)) for text, gold in rows]


def parts(name: str) -> dict[str, list[Title]]:
    out: dict[str, list[Title]] = defaultdict(list)
    for title in read_set(name):
        out[title.part].append(title)
    return out


def unseen_gold(test: list[Title], fit: list[Title]) -> list[Title]:
    """Titles of `test` whose gold concept never occurs in `fit` (the titles a model learned from)."""
    seen = {t.gold for t in fit}
    return [t for t in test if t.gold not in seen]


def rank_of(uris: list[str], gold: str, isco_of: dict[str, str]) -> int | None:
    """1-based rank of the gold concept among `uris`, or None.

    An ISCO-group gold is found by the first occupation of that group (its ISCO code starts with the
    group's code): the product returns occupations, and any occupation of the group is what the
    national classification meant.
    """
    if gold.startswith(ISCO_PREFIX):
        code = gold[len(ISCO_PREFIX) :]
        for i, uri in enumerate(uris):
            if (isco_of.get(uri) or "").startswith(code):
                return i + 1
        return None
    return uris.index(gold) + 1 if gold in uris else None


def metrics(ranks: list[int | None], golds: list[str]) -> dict[str, float]:
    """MRR and success@k averaged per gold concept, then over concepts (as bench/occupation_search.py)."""
    per_concept: dict[str, list[int | None]] = defaultdict(list)
    for rank, gold in zip(ranks, golds, strict=True):
        per_concept[gold].append(rank)
    out: dict[str, float] = {"n": len(ranks), "concepts": len(per_concept)}
    for name, fn in (
        ("mrr", lambda r: 1.0 / r if r else 0.0),
        ("s@1", lambda r: float(r == 1)),
        ("s@5", lambda r: float(r is not None and r <= 5)),
        ("s@10", lambda r: float(r is not None and r <= 10)),
    ):
        out[name] = float(np.mean([np.mean([fn(r) for r in rs]) for rs in per_concept.values()])) if ranks else 0.0
        out[name + "_titles"] = float(np.mean([fn(r) for r in ranks])) if ranks else 0.0
    return out
