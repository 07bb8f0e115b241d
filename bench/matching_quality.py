"""Ranking quality on real vacancy titles: the matching engine against plain TF-IDF title similarity.

    nice -n 10 .venv/bin/python bench/matching_quality.py [--sets jobbert,nl,fr] [--sample 300]
        [--employer-sample 100] [--per-occupation 4] [--candidates 800] [--sensitivity]

Two protocols share one database: migrated, the curated seed loaded, and the shared ESCO files
imported with the vocabulary importer (`importers.esco`), as a deployment would have it.

**Dutch and French national titles (MELO), through the HTTP API** (issue 13; Flask test client on a
copy of that database per set): every title of `melo/nld_q_nl_c_nl` (nl) or `melo/fra_q_fr_c_fr`
(fr) is posted as an open vacancy in one region (postcode 9000) with no other requirement
(`POST /vacancies/bulk`, normalised by the product); each of `--sample` titles (fixed seed) in turn
is a candidate whose only past job has that title and 3 years (`POST /matches/preview`), the vacancy
made from its own title dropped. Relevance: 2 = same gold ESCO occupation, 1 = same ISCO-08 unit
group. Reported per set, side by side with TF-IDF title similarity over the same titles (character
3-4-grams, and words): graded nDCG@10 (gain 2^rel - 1) and same-occupation recall@10 (hits in the top
10 / min(10, same-occupation vacancies); queries without any left out). The employer direction is
checked the same way: every title saved as a candidate (`POST /candidates/bulk`), `--employer-sample`
of the vacancies rank them (`GET /vacancies/{id}/matches`), the candidate made from the same title
dropped.

**English JobBERT titles, in-process** (the earlier protocol, kept comparable):

data (read from ../shared/data relative to the repository root; the script says so and skips a
set when absent): `jobbert/titles.csv`, real English vacancy titles each labelled with its gold ESCO
occupation.

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
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from matching.engine import CandidateProfile, MatchConfig, VacancyIndex, VacancyProfile  # noqa: E402

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
        titles = sorted(set(by_uri[uri]), key=lambda t: (t.lower(), t))  # not by set order
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


MELO = SHARED / "melo"
MELO_SETS = {"nl": "nld_q_nl_c_nl", "fr": "fra_q_fr_c_fr"}
POSTCODE = "9000"  # every vacancy in one region (Ghent, Flanders)
PAST_YEARS = 3


def read_melo(folder: Path) -> list[tuple[str, str]]:
    """(title, gold concept URI) of every query of a MELO set (one gold concept per query)."""
    titles = dict(_tsv(folder / "queries.tsv"))
    return [(titles[qid], uri) for qid, uri in _tsv(folder / "gold.tsv") if qid in titles]


def _tsv(path: Path) -> list[tuple[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [(row[0], row[1]) for row in rows[1:] if len(row) >= 2]


def graded_metrics(ranked: list[int], relevance: dict[int, int], k: int = K) -> tuple[float | None, float | None]:
    """Graded nDCG@k (gain 2^rel - 1: 3 for the same occupation, 1 for the same ISCO unit group) and
    same-occupation recall@k (hits / min(k, same-occupation items)); None when nothing is relevant."""
    gains = sorted((2**r - 1 for r in relevance.values() if r > 0), reverse=True)
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))
    dcg = sum((2 ** relevance.get(item, 0) - 1) / math.log2(i + 2) for i, item in enumerate(ranked[:k]))
    same = [item for item, r in relevance.items() if r == 2]
    recall = sum(1 for item in ranked[:k] if relevance.get(item) == 2) / min(k, len(same)) if same else None
    return (dcg / ideal if ideal else None), recall


def unit_groups(uri: str, isco_of_uri: dict[str, str]) -> set[str]:
    """The ISCO-08 unit group of a gold concept: its occupation's, or the group URI's own code."""
    if "/isco/C" in uri:
        code = uri.rsplit("/C", 1)[-1]
        return {code} if len(code) == 4 else set()
    code = isco_of_uri.get(uri) or ""
    return {code[:4]} if len(code) >= 4 else set()


def relevance_of(items: list[tuple[str, str]], isco_of_uri: dict[str, str]):
    """relevance(i, j) for items i (query) and j (ranked): 2 same gold occupation, 1 same unit group."""
    units = [unit_groups(uri, isco_of_uri) for _, uri in items]
    by_uri: dict[str, list[int]] = defaultdict(list)
    by_unit: dict[str, list[int]] = defaultdict(list)
    for j, (_, uri) in enumerate(items):
        by_uri[uri].append(j)
        for unit in units[j]:
            by_unit[unit].append(j)

    def relevance(i: int) -> dict[int, int]:
        found = {j: 1 for unit in units[i] for j in by_unit[unit]}
        found.update({j: 2 for j in by_uri[items[i][1]]})
        found.pop(i, None)  # the item made from the query's own title is left out
        return found

    return relevance


def tfidf_rankings(items, queries: list[int], analyzer: str) -> dict[int, list[int]]:
    """Title similarity baseline: the other titles by TF-IDF cosine (char n-grams or words)."""
    if analyzer == "char":
        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 4), lowercase=True, sublinear_tf=True, strip_accents="unicode"
        )
    else:
        vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True, strip_accents="unicode")
    matrix = vectorizer.fit_transform([t for t, _ in items])
    similarity = (matrix[queries] @ matrix.T).toarray()
    order = np.arange(len(items))
    rankings = {}
    for row, i in enumerate(queries):
        scores = similarity[row].copy()
        scores[i] = -1.0  # its own title
        rankings[i] = [int(j) for j in np.lexsort((order, -scores))[:K] if j != i]
    return rankings


def summarise(rankings: dict[int, list[int]], relevance) -> tuple[float, float, int]:
    ndcgs, recalls = [], []
    for i, ranked in rankings.items():
        n, r = graded_metrics(ranked, relevance(i))
        if n is not None:
            ndcgs.append(n)
        if r is not None:
            recalls.append(r)
    return _mean(ndcgs), _mean(recalls), len(recalls)


def _mean(values: list[float]) -> float:
    return float(np.mean(values)) if values else float("nan")


def build_database(folder: str):
    """A migrated database with the curated seed and the shared ESCO import; returns its path."""
    from api import create_app
    from importers.esco import import_esco_folder
    from models import db
    from models.migrations import apply_migrations
    from seed_data import permits, vocabulary

    path = f"{folder}/template.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "TESTING": True, "LOG_LEVEL": "WARNING"})
    started = time.perf_counter()
    with app.app_context(), db.connection_context():
        apply_migrations()
        vocabulary.load()
        permits.load()
        counts = import_esco_folder(ESCO)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(
        f"database: curated seed + ESCO import ({ESCO.relative_to(ROOT.parent)}) "
        f"in {time.perf_counter() - started:.0f} s; {counts}"
    )
    return path


def bulk_push(client, headers: dict, resource: str, records: list[dict], chunk: int = 500) -> dict[int, int]:
    """POST /{resource}/bulk in chunks; {position in records: id}. The external id is the position."""
    ids: dict[int, int] = {}
    for start in range(0, len(records), chunk):
        items = [{**record, "external_id": str(start + k)} for k, record in enumerate(records[start : start + chunk])]
        response = client.post(f"/api/v1/{resource}/bulk", json={"items": items}, headers=headers)
        assert response.status_code == 200, response.get_json()
        for result in response.get_json()["items"]:
            assert result["status"] in ("created", "updated", "unchanged"), result
            ids[int(result["external_id"])] = result["id"]
    return ids


def melo_run(name: str, template: str, folder: str, sample: int, employer_sample: int, rng: random.Random):
    """The issue-13 protocol for one MELO set, through the HTTP API (Flask test client)."""
    from api import create_app
    from api.cli import create_key
    from models import db
    from models.taxonomy import Occupation
    from services.cache import clear_all

    items = read_melo(MELO / MELO_SETS[name])
    path = f"{folder}/{name}.sqlite3"
    shutil.copyfile(template, path)
    clear_all()
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{path}", "TESTING": True, "LOG_LEVEL": "WARNING", "RATE_LIMIT_PER_MINUTE": 0}
    )
    with app.app_context(), db.connection_context():
        key = create_key(f"bench-{name}", "integration", "integration")
        isco_of_uri = dict(Occupation.select(Occupation.uri, Occupation.isco_code).tuples())
    client = app.test_client()
    headers = {"Authorization": f"Bearer {key}", "Accept-Language": "en"}
    relevance = relevance_of(items, isco_of_uri)

    started = time.perf_counter()
    vacancy_of = bulk_push(client, headers, "vacancies", [{"title": title, "postcode": POSTCODE} for title, _ in items])
    item_of_vacancy = {v: j for j, v in vacancy_of.items()}
    print(
        f"\n[{name}] {MELO_SETS[name]}: {len(items):,} titles posted as open vacancies in {POSTCODE} "
        f"({time.perf_counter() - started:.0f} s)"
    )

    # Candidate direction: each sampled title as a candidate's only past job, through the preview.
    queries = sorted(rng.sample(range(len(items)), min(sample, len(items))))
    started = time.perf_counter()
    engine: dict[int, list[int]] = {}
    for i in queries:
        response = client.post(
            f"/api/v1/matches/preview?limit={K + 1}&as_of={AS_OF.isoformat()}",
            json={"experiences": [{"title": items[i][0], "years": PAST_YEARS}]},
            headers=headers,
        )
        assert response.status_code == 200, response.get_json()
        ranked = [item_of_vacancy[r["vacancy_id"]] for r in response.get_json()["items"]]
        engine[i] = [j for j in ranked if j != i][:K]
    seconds = time.perf_counter() - started
    rows = [
        ("char TF-IDF title similarity", summarise(tfidf_rankings(items, queries, "char"), relevance)),
        ("word TF-IDF title similarity", summarise(tfidf_rankings(items, queries, "word"), relevance)),
        ("engine, POST /matches/preview", summarise(engine, relevance)),
    ]
    print(f"  candidate → vacancies: {len(queries):,} sampled titles ({seconds / len(queries) * 1000:.0f} ms/preview)")
    for label, (ndcg, recall, n) in rows:
        print(f"    {label:<34} nDCG@10 {ndcg:.3f}   same-occupation recall@10 {recall:.3f}  (n={n})")

    # Employer direction: every title as a saved candidate (3 years), sampled vacancies rank them.
    started = time.perf_counter()
    candidate_of = bulk_push(
        client,
        headers,
        "candidates",
        [
            {
                "experiences": [{"title": title, "years": PAST_YEARS}],
                "consent_given_at": "2026-01-05T10:00:00Z",
                "consent_purpose": "job matching",
                "share_with_employers": True,
            }
            for title, _ in items
        ],
    )
    item_of_candidate = {c: j for j, c in candidate_of.items()}
    # Where the difference comes from: did the normaliser give the candidate's title its gold occupation?
    with app.app_context(), db.connection_context():
        from models.candidate import CandidateExperience

        stored = dict(
            CandidateExperience.select(CandidateExperience.candidate, Occupation.uri)
            .join(Occupation, on=(CandidateExperience.occupation == Occupation.id))
            .tuples()
        )
    outcome = {
        j: "no occupation" if candidate_of[j] not in stored else "gold" if stored[candidate_of[j]] == uri else "other"
        for j, (_, uri) in enumerate(items)
    }
    char = tfidf_rankings(items, queries, "char")
    for group in ("gold", "other", "no occupation"):
        subset = [i for i in queries if outcome[i] == group]
        if not subset:
            continue
        e_ndcg, e_recall, _ = summarise({i: engine[i] for i in subset}, relevance)
        c_ndcg, c_recall, _ = summarise({i: char[i] for i in subset}, relevance)
        print(
            f"    normaliser gave the title {group + ':':<14} {len(subset):>4} queries; engine nDCG@10 {e_ndcg:.3f} "
            f"recall@10 {e_recall:.3f}; char TF-IDF {c_ndcg:.3f} / {c_recall:.3f}"
        )
    vacancy_queries = queries[:employer_sample]
    employer: dict[int, list[int]] = {}
    for i in vacancy_queries:
        response = client.get(
            f"/api/v1/vacancies/{vacancy_of[i]}/matches?limit={K + 1}&as_of={AS_OF.isoformat()}", headers=headers
        )
        assert response.status_code == 200, response.get_json()
        ranked = [item_of_candidate[r["candidate_id"]] for r in response.get_json()["items"]]
        employer[i] = [j for j in ranked if j != i][:K]
    seconds = time.perf_counter() - started
    print(
        f"  vacancy → candidates: {len(vacancy_queries):,} sampled vacancies ({seconds:.0f} s incl. saving candidates)"
    )
    rows_employer = [
        ("char TF-IDF title similarity", summarise(tfidf_rankings(items, vacancy_queries, "char"), relevance)),
        ("engine, GET /vacancies/{id}/matches", summarise(employer, relevance)),
    ]
    for label, (ndcg, recall, n) in rows_employer:
        print(f"    {label:<34} nDCG@10 {ndcg:.3f}   same-occupation recall@10 {recall:.3f}  (n={n})")
    return {"set": name, "candidate": rows, "employer": rows_employer, "sample": len(queries)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="jobbert,nl,fr", help="comma-separated: jobbert, nl, fr")
    parser.add_argument("--sample", type=int, default=300, help="MELO titles queried as candidates, per set")
    parser.add_argument("--employer-sample", type=int, default=100, help="MELO vacancies ranking candidates")
    parser.add_argument("--per-occupation", type=int, default=4, help="JobBERT: vacancy titles per gold occupation")
    parser.add_argument("--candidates", type=int, default=800, help="JobBERT: candidates")
    parser.add_argument("--sensitivity", action="store_true", help="JobBERT: also other alternative weights")
    args = parser.parse_args(argv)
    if not (ESCO / "occupations_en.csv").exists():
        print(f"skipped: {ESCO / 'occupations_en.csv'} is absent")
        return 0
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    folder = tempfile.mkdtemp(prefix="knelpunt-quality-")
    template = build_database(folder)
    summary = []
    if "jobbert" in sets:
        if TITLES.exists():
            summary += jobbert_run(args, template, folder)
        else:
            print(f"skipped jobbert: {TITLES} is absent")
    for name in (s for s in sets if s in MELO_SETS):
        if not (MELO / MELO_SETS[name] / "queries.tsv").exists():
            print(f"skipped {name}: {MELO / MELO_SETS[name]} is absent")
            continue
        result = melo_run(name, template, folder, args.sample, args.employer_sample, random.Random(SEED))
        (_, (char_ndcg, char_recall, _)), _, (_, (ndcg, recall, _)) = result["candidate"]
        (_, (e_char_ndcg, e_char_recall, _)), (_, (e_ndcg, e_recall, _)) = result["employer"]
        summary.append((f"{name} candidate→vacancies (n={result['sample']})", ndcg, char_ndcg, recall, char_recall))
        summary.append(
            (
                f"{name} vacancy→candidates (n={min(result['sample'], args.employer_sample)})",
                e_ndcg,
                e_char_ndcg,
                e_recall,
                e_char_recall,
            )
        )
    print(
        "\nsummary (engine against title TF-IDF in the same run: char n-grams for nl/fr, words for JobBERT "
        "as before; graded nDCG@10, same-occupation recall@10):"
    )
    print(f"  {'set, direction':<38} {'nDCG@10':>8} {'TF-IDF':>7} {'ratio':>6}   {'recall@10':>9} {'TF-IDF':>7}")
    for label, ndcg, base_ndcg, recall, base_recall in summary:
        print(
            f"  {label:<38} {ndcg:>8.3f} {base_ndcg:>7.3f} {ndcg / base_ndcg:>6.2f}"
            f"   {recall:>9.3f} {base_recall:>7.3f}"
        )
    print(f"(databases left in {folder})")
    return 0


def jobbert_run(args, template: str, folder: str):
    """The English JobBERT protocol (in-process ranking on the normaliser's stored occupations)."""
    from api import create_app
    from models import db
    from models.taxonomy import Occupation
    from services.cache import clear_all
    from services.matches import load_vocabulary
    from services.normalisation import ALTERNATIVES_SHOWN, OCCUPATION_FLOOR
    from services.taxonomy import search_occupations

    rng = random.Random(SEED)
    vacancies, candidates = sample(read_titles(), args.per_occupation, args.candidates, rng)
    print(
        f"\n[jobbert] {TITLES.relative_to(ROOT.parent)}; {len(vacancies):,} vacancy titles, "
        f"{len(candidates):,} candidates (one past title each), seed {SEED}"
    )
    path = f"{folder}/jobbert.sqlite3"
    shutil.copyfile(template, path)
    clear_all()
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "TESTING": True, "LOG_LEVEL": "WARNING"})
    with app.app_context(), db.connection_context():
        occupation_id = dict(Occupation.select(Occupation.uri, Occupation.id).tuples())
        vocabulary = load_vocabulary()
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

    print(f"\nranking {len(vacancies):,} vacancies for each of {len(candidates):,} candidates:")
    # Baseline: plain TF-IDF title similarity.
    vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True)
    vacancy_matrix = vectorizer.fit_transform([t for t, _ in vacancies])
    query_matrix = vectorizer.transform([t for t, _ in candidates])
    similarity = (query_matrix @ vacancy_matrix.T).toarray()
    baseline = [list(np.lexsort((np.arange(len(vacancies)), -row))[:K]) for row in similarity]
    base_ndcg, base_recall = evaluate(
        "TF-IDF title similarity (baseline)", baseline, candidates, vacancy_uri, relevant_count
    )

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
    ndcg, recall = evaluate("engine (with alternatives, default)", engine, candidates, vacancy_uri, relevant_count)
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
    print(f"(engine rankings: {time.perf_counter() - started:.1f} s)")
    with app.app_context(), db.connection_context():
        isco_of_uri = dict(Occupation.select(Occupation.uri, Occupation.isco_code).tuples())
    return jobbert_graded(
        vacancies, candidates, vacancy_occ, candidate_occ, vocabulary, isco_of_uri, baseline, engine, args
    )


def jobbert_graded(vacancies, candidates, vacancy_occ, candidate_occ, vocabulary, isco_of_uri, baseline, engine, args):
    """JobBERT on the MELO scale: graded nDCG@10 (2 = same gold occupation, 1 = same ISCO-08 unit
    group) and same-occupation recall@10, in both directions (vacancy → candidates: the pool of the
    candidates' past titles ranked for `--employer-sample` vacancies), against word TF-IDF."""
    from matching.engine import CandidatePool

    units_v = [unit_groups(uri, isco_of_uri) for _, uri in vacancies]
    units_c = [unit_groups(uri, isco_of_uri) for _, uri in candidates]

    def graded(query_uri: str, query_units: set, uris: list, units: list) -> dict[int, int]:
        return {
            j: 2 if uri == query_uri else 1 for j, uri in enumerate(uris) if uri == query_uri or query_units & units[j]
        }

    vacancy_uris, candidate_uris = [u for _, u in vacancies], [u for _, u in candidates]

    def score(rankings: dict[int, list[int]], relevance) -> tuple[float, float]:
        ndcg, recall, _ = summarise(rankings, relevance)
        return ndcg, recall

    forward = lambda i: graded(candidates[i][1], units_c[i], vacancy_uris, units_v)  # noqa: E731
    rows = [
        (
            "jobbert candidate→vacancies",
            score(dict(enumerate(engine)), forward),
            score({i: list(r) for i, r in enumerate(baseline)}, forward),
        )
    ]
    profiles = [
        VacancyProfile.from_mapping({"id": i + 1, "title": t, **norm})
        for i, ((t, _), norm) in enumerate(zip(vacancies, vacancy_occ, strict=True))
    ]
    index = VacancyIndex(profiles, vocabulary)
    people = [
        CandidateProfile.from_mapping({"id": i + 1, "experiences": [{**norm, "title": title, "years": PAST_YEARS}]})
        for i, ((title, _), norm) in enumerate(zip(candidates, candidate_occ, strict=True))
    ]
    pool = CandidatePool(people, vocabulary, index.config, index.text_model, index.proximity)
    queries = sorted(random.Random(SEED).sample(range(len(vacancies)), min(args.employer_sample, len(vacancies))))
    employer = {}
    for i in queries:
        page = pool.rank(profiles[i], as_of=AS_OF, top_k=K)
        employer[i] = [r.candidate_id - 1 for r in page.results]
    vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True)
    candidate_matrix = vectorizer.fit_transform([t for t, _ in candidates])
    similarity = (vectorizer.transform([vacancies[i][0] for i in queries]) @ candidate_matrix.T).toarray()
    order = np.arange(len(candidates))
    words = {i: list(np.lexsort((order, -row))[:K]) for i, row in zip(queries, similarity, strict=True)}
    backward = lambda i: graded(vacancies[i][1], units_v[i], candidate_uris, units_c)  # noqa: E731
    rows.append(("jobbert vacancy→candidates", score(employer, backward), score(words, backward)))
    print(" graded (2 = same occupation, 1 = same ISCO unit group), against word TF-IDF:")
    for label, (ndcg, recall), (base_ndcg, base_recall) in rows:
        print(
            f"  {label:<30} nDCG@10 {ndcg:.3f} (TF-IDF {base_ndcg:.3f})   "
            f"same-occupation recall@10 {recall:.3f} (TF-IDF {base_recall:.3f})"
        )
    n_queries = {"jobbert candidate→vacancies": len(candidates), "jobbert vacancy→candidates": len(queries)}
    return [
        (f"{label} (n={n_queries[label]}), graded", ndcg, base_ndcg, recall, base_recall)
        for label, (ndcg, recall), (base_ndcg, base_recall) in rows
    ]


if __name__ == "__main__":
    sys.exit(main())
