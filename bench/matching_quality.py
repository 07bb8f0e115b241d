"""Ranking quality on real vacancy titles: the matching engine against plain TF-IDF title similarity.

    nice -n 10 .venv/bin/python bench/matching_quality.py [--per-occupation 4] [--candidates 800] [--sensitivity]

Data (read from ../shared/data relative to the repository root; the script says so and stops when
absent): `jobbert/titles.csv`, real English vacancy titles each labelled with its gold ESCO
occupation, and the ESCO `occupations_*.csv` / `ISCOGroups_en.csv` files, imported into a
temporary SQLite database with the vocabulary importer (`models.esco_import`).

Protocol (fixed seed): for every gold occupation, up to N titles become vacancies; one *other*
title of the same occupation becomes a candidate whose past job has that title. A vacancy is
relevant to a candidate when it has the candidate's gold occupation. Each candidate ranks every
vacancy; we report nDCG@10 and recall@10 (relevant vacancies in the top 10 / all relevant ones,
at most N) for:

- TF-IDF title similarity: cosine of word TF-IDF vectors of the two titles (the baseline);
- engine: titles normalised to ESCO by the product's own normaliser as when a vacancy or a
  candidate's past job is saved (best hit above the floor, its score, and the runner-ups with
  their scores, the "alternatives"), then the engine's occupation fit (same occupation > ISCO unit
  > minor > sub-major group, × the confidence weights of both sides; a vacancy whose title did not
  normalise is compared with the past title by text similarity), once with the best hit only
  (`max_alternatives=0`) and once with the default configuration;
- engine + title text: the same, with the candidate's past title also given as free text, so the
  text-similarity component takes part;
- both split by whether the normaliser found the candidate's gold occupation, which shows where
  the difference comes from (feeding the engine gold occupations would be circular: relevance is
  defined by them).

Vacancy ids are assigned in shuffled order, so equal scores (the engine breaks ties by id) are
ordered independently of relevance.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from matching.engine import CandidateProfile, MatchConfig, VacancyIndex, VacancyProfile, Vocabulary  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
TITLES = SHARED / "jobbert" / "titles.csv"
ESCO = SHARED / "esco"
SEED = 20260301
AS_OF = dt.date(2026, 3, 2)
K = 10


def ndcg_recall(ranked_relevance: list[bool], n_relevant: int, k: int = K) -> tuple[float, float]:
    dcg = sum(1.0 / math.log2(i + 2) for i, rel in enumerate(ranked_relevance[:k]) if rel)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(n_relevant, k)))
    hits = sum(ranked_relevance[:k])
    return (dcg / ideal if ideal else 0.0), (hits / n_relevant if n_relevant else 0.0)


def read_titles() -> dict[str, list[str]]:
    by_uri: dict[str, list[str]] = defaultdict(list)
    with open(TITLES, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            title = (row.get("vacancyTitle") or "").strip()
            if title and row.get("conceptUri"):
                by_uri[row["conceptUri"]].append(title)
    return by_uri


def sample(by_uri: dict[str, list[str]], per_occupation: int, n_candidates: int, rng: random.Random):
    vacancies, candidates = [], []
    for uri in sorted(by_uri):
        titles = sorted(set(by_uri[uri]), key=str.lower)
        if len(titles) < 2:
            continue
        rng.shuffle(titles)
        candidates.append((titles[0], uri))
        vacancies += [(t, uri) for t in titles[1 : 1 + per_occupation]]
    rng.shuffle(vacancies)
    rng.shuffle(candidates)
    return vacancies, candidates[:n_candidates]


def evaluate(name: str, rankings, candidates, vacancy_uri: list[str], relevant_count, subset=None):
    ndcgs, recalls, hits = [], [], 0
    for position, (ranking, (_, uri)) in enumerate(zip(rankings, candidates, strict=True)):
        if subset is not None and position not in subset:
            continue
        relevance = [vacancy_uri[i] == uri for i in ranking[:K]]
        n, r = ndcg_recall(relevance, relevant_count[uri])
        ndcgs.append(n)
        recalls.append(r)
        hits += any(relevance)
    print(
        f"  {name:<36} nDCG@10 {np.mean(ndcgs):.3f}   recall@10 {np.mean(recalls):.3f}   "
        f"≥1 relevant in top 10: {hits / max(len(ndcgs), 1):.1%}"
    )
    return float(np.mean(ndcgs)), float(np.mean(recalls))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-occupation", type=int, default=4, help="vacancy titles per gold occupation")
    parser.add_argument("--candidates", type=int, default=800)
    parser.add_argument("--sensitivity", action="store_true", help="also rank with other alternative weights")
    args = parser.parse_args(argv)
    if not TITLES.exists() or not (ESCO / "occupations_en.csv").exists():
        print(f"skipped: {TITLES} or {ESCO / 'occupations_en.csv'} is absent")
        return 0

    from api import create_app
    from api.taxonomy.service import search_occupations
    from api.vacancies.common import ALTERNATIVES_SHOWN, OCCUPATION_FLOOR
    from models import db
    from models.esco_import import import_esco_folder
    from models.migrations import apply_migrations
    from models.taxonomy import Occupation

    rng = random.Random(SEED)
    vacancies, candidates = sample(read_titles(), args.per_occupation, args.candidates, rng)
    print(
        f"data: {TITLES.relative_to(ROOT.parent)}; {len(vacancies):,} vacancy titles, "
        f"{len(candidates):,} candidates (one past title each), seed {SEED}"
    )

    folder = tempfile.mkdtemp(prefix="knelpunt-quality-")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/quality.sqlite3", "TESTING": True, "LOG_LEVEL": "WARNING"})
    started = time.perf_counter()
    with app.app_context(), db.connection_context():
        apply_migrations()
        counts = import_esco_folder(ESCO)
        print(f"ESCO import ({ESCO.relative_to(ROOT.parent)}): {time.perf_counter() - started:.1f} s; {counts}")
        occupation_id = dict(Occupation.select(Occupation.uri, Occupation.id).tuples())
        isco = dict(Occupation.select(Occupation.id, Occupation.isco_code).tuples())
        started = time.perf_counter()
        cache: dict[str, dict] = {}

        def normalise(title: str) -> dict:
            """The occupation fields the product stores for a title: best hit, score, alternatives."""
            # As normalise_occupation (api/vacancies/common.py) stores it, but keeping up to 9
            # runner-ups so that the number the engine uses (max_alternatives) can be varied.
            if title not in cache:
                hits = search_occupations(title, "en", 10)
                best = hits[0] if hits and float(hits[0]["score"]) >= OCCUPATION_FLOOR else None
                cache[title] = {
                    "occupation_id": best["occupation_id"] if best else None,
                    "occupation_score": round(float(best["score"]), 4) if best else None,
                    "occupation_source": "auto" if best else "none",
                    "occupation_alternatives": [
                        {
                            "occupation_id": h["occupation_id"],
                            "isco_code": h["isco_code"],
                            "score": round(h["score"], 4),
                        }
                        for h in hits[1:]
                    ],
                }
            return cache[title]

        vacancy_occ = [normalise(t) for t, _ in vacancies]
        candidate_occ = [normalise(t) for t, _ in candidates]
        print(
            f"normalised {len(cache):,} distinct titles with the product's normaliser in "
            f"{time.perf_counter() - started:.1f} s"
        )

    def found_at(norm: dict, uri: str, k: int) -> bool:
        if norm["occupation_id"] is None:
            return False
        ids = [norm["occupation_id"]] + [a["occupation_id"] for a in norm["occupation_alternatives"]]
        return occupation_id.get(uri) in ids[:k]

    for k in (1, 1 + ALTERNATIVES_SHOWN, 10):
        accuracy_v = np.mean([found_at(n, uri, k) for n, (_, uri) in zip(vacancy_occ, vacancies, strict=True)])
        accuracy_c = np.mean([found_at(n, uri, k) for n, (_, uri) in zip(candidate_occ, candidates, strict=True)])
        print(
            f"normaliser: gold occupation among the {k} occupation(s) stored: vacancies {accuracy_v:.1%}, "
            f"candidates {accuracy_c:.1%}"
        )

    vacancy_uri = [uri for _, uri in vacancies]
    relevant_count: dict[str, int] = defaultdict(int)
    for uri in vacancy_uri:
        relevant_count[uri] += 1
    vocabulary = Vocabulary(occupation_isco={k: v for k, v in isco.items() if v}, version="esco")

    print(f"\nranking {len(vacancies):,} vacancies for each of {len(candidates):,} candidates:")
    # Baseline: plain TF-IDF title similarity.
    vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True)
    vacancy_matrix = vectorizer.fit_transform([t for t, _ in vacancies])
    query_matrix = vectorizer.transform([t for t, _ in candidates])
    similarity = (query_matrix @ vacancy_matrix.T).toarray()
    baseline = [list(np.lexsort((np.arange(len(vacancies)), -row))[:K]) for row in similarity]
    evaluate("TF-IDF title similarity (baseline)", baseline, candidates, vacancy_uri, relevant_count)

    def engine_rankings(vacancy_occupations, candidate_occupations, with_title_text, config=None):
        # As the product builds them (from_mapping): the best occupation, its score and the
        # alternatives the normaliser stored; a title that did not normalise joins the free text.
        profiles = [
            VacancyProfile.from_mapping({"id": i + 1, "title": t, **norm})
            for i, ((t, _), norm) in enumerate(zip(vacancies, vacancy_occupations, strict=True))
        ]
        index = VacancyIndex(profiles, vocabulary, config)
        rankings = []
        for (title, _), norm in zip(candidates, candidate_occupations, strict=True):
            profile = CandidateProfile.from_mapping(
                {
                    "experiences": [{**norm, "title": title}],
                    "skill_texts": [title] if with_title_text else [],
                }
            )
            page = index.rank(profile, as_of=AS_OF, top_k=K, explain=False)
            rankings.append([r.vacancy_id - 1 for r in page.results])
        return rankings

    started = time.perf_counter()
    top1 = MatchConfig(max_alternatives=0)
    engine_top1 = engine_rankings(vacancy_occ, candidate_occ, False, top1)
    evaluate("engine, best occupation only", engine_top1, candidates, vacancy_uri, relevant_count)
    engine = engine_rankings(vacancy_occ, candidate_occ, False)
    engine_text = engine_rankings(vacancy_occ, candidate_occ, True)
    evaluate("engine (with alternatives, default)", engine, candidates, vacancy_uri, relevant_count)
    evaluate("engine + past title as free text", engine_text, candidates, vacancy_uri, relevant_count)
    if args.sensitivity:
        for weight in (0.5, 0.65, 0.8, 0.95):
            for k in (ALTERNATIVES_SHOWN, 9):
                config = MatchConfig(alternative_weight=weight, max_alternatives=k)
                rankings = engine_rankings(vacancy_occ, candidate_occ, False, config)
                evaluate(
                    f"engine, {k} alternatives, weight {weight}", rankings, candidates, vacancy_uri, relevant_count
                )
    # Where the difference comes from: candidates whose past title the normaliser got right or wrong.
    right = {
        i for i, (occ, (_, uri)) in enumerate(zip(candidate_occ, candidates, strict=True)) if found_at(occ, uri, 1)
    }
    wrong = set(range(len(candidates))) - right
    for label, subset in (
        (f"normalised correctly ({len(right)})", right),
        (f"normalised wrongly ({len(wrong)})", wrong),
    ):
        print(f" candidates whose past title was {label}:")
        evaluate("TF-IDF title similarity", baseline, candidates, vacancy_uri, relevant_count, subset)
        evaluate("engine, best occupation only", engine_top1, candidates, vacancy_uri, relevant_count, subset)
        evaluate("engine (with alternatives)", engine, candidates, vacancy_uri, relevant_count, subset)
        evaluate("engine + past title as free text", engine_text, candidates, vacancy_uri, relevant_count, subset)
    print(f"(engine rankings: {time.perf_counter() - started:.1f} s; database left in {folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
