"""Speed of the matching engine at national scale, against a straightforward per-vacancy scorer.

    nice -n 10 .venv/bin/python bench/matching_speed.py         # 100,000 vacancies, 10,000 candidates
    nice -n 10 .venv/bin/python bench/matching_speed.py --vacancies 20000 --http-vacancies 5000  # quicker

Synthetic but realistic data, reproducible (fixed seed), drawn from the seed vocabulary
(`seed_data/vocabulary/occupations.json` and `skills.json`; a synthetic vocabulary when absent):
vacancies of popular occupations more often (Zipf), skills mostly from the occupation's ESCO
skills, 30% of vacancies listing no skills (the occupation's are used), region-dependent language
requirements; candidates with one to three past jobs in related occupations, each with a job title
(the title component compares every one of them with every vacancy title), some free-text skills;
80% of vacancy titles and past jobs carry the normaliser's best-hit score and three runner-up
occupations (the other 20% were set by a person and carry none).

Reported: index build time and memory, p50/p95 latency of one candidate's top-50 (with
explanations) in-process, the same over HTTP through the Flask test client on a SQLite database,
match throughput, the time of an incremental update, and the straightforward scorer (a Python loop
calling the reference scorer on every vacancy) on the same candidates, with the speed ratio.
Targets (2 cores): p95 ≤ 50 ms in-process, ≥ 50× the straightforward scorer, index ≤ 1 GB,
incremental update ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.engine import (  # noqa: E402
    CandidateProfile,
    Experience,
    VacancyIndex,
    VacancyProfile,
    Vocabulary,
    prepare_candidate,
    score_pair,
)

SEED = 20260301
AS_OF = dt.date(2026, 3, 2)
REGIONS = (("flanders", 0.58), ("wallonia", 0.25), ("brussels", 0.15), ("german_speaking", 0.02))
REGION_LANGUAGE = {"flanders": "nl", "wallonia": "fr", "brussels": "fr", "german_speaking": "de"}
POSTCODES = {"flanders": "2000", "wallonia": "4000", "brussels": "1000", "german_speaking": "4700"}
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
TITLE_EXTRAS = ("", "", "", "senior ", "junior ", "ervaren ", "(m/v/x) ", "ploegleider ", "assistant ")
SEED_DIR = ROOT / "seed_data" / "vocabulary"


# --- vocabulary and synthetic data ----------------------------------------------------------------


def load_seed_vocabulary(rng: random.Random):
    """(occupations, skills) from the seed files: occupations as dicts with int ids, skills by uri."""
    occ_file, skill_file = SEED_DIR / "occupations.json", SEED_DIR / "skills.json"
    if occ_file.exists() and skill_file.exists():
        occupations = json.loads(occ_file.read_text(encoding="utf-8"))
        skills = json.loads(skill_file.read_text(encoding="utf-8"))
        source = f"seed vocabulary ({len(occupations)} occupations, {len(skills)} skills)"
    else:
        occupations, skills = synthetic_vocabulary(rng)
        source = f"synthetic vocabulary ({len(occupations)} occupations, {len(skills)} skills)"
    skill_id = {s["uri"]: i + 1 for i, s in enumerate(skills)}
    occs = []
    for i, o in enumerate(occupations):
        labels = [o["labels"][lang]["preferred"] for lang in ("nl", "fr", "en") if lang in o["labels"]]
        occs.append(
            {
                "id": i + 1,
                "uri": o["uri"],
                "isco": o.get("isco_code"),
                "code": o.get("code"),
                "titles": labels,
                "essential": [skill_id[u] for u in o.get("essential_skills", []) if u in skill_id],
                "optional": [skill_id[u] for u in o.get("optional_skills", []) if u in skill_id],
            }
        )
    skill_labels = {}
    for i, s in enumerate(skills):
        texts = [s["labels"][lang]["preferred"] for lang in ("en", "nl", "fr") if lang in s["labels"]]
        skill_labels[i + 1] = " | ".join(dict.fromkeys(texts))
    vocabulary = Vocabulary(
        occupation_isco={o["id"]: o["isco"] for o in occs if o["isco"]},
        occupation_skills={o["id"]: (tuple(o["essential"]), tuple(o["optional"])) for o in occs},
        skill_labels=skill_labels,
        version="bench",
        occupation_codes={o["id"]: o["code"] for o in occs if o.get("code")},
    )
    return occs, skills, vocabulary, source


def synthetic_vocabulary(rng: random.Random, n_occupations=300, n_skills=1500):
    syllables = ("ma", "lo", "te", "ri", "ka", "sen", "dor", "vel", "tin", "pra", "gos", "nu")
    skills = []
    for i in range(n_skills):
        label = " ".join("".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(rng.randint(1, 3)))
        skills.append({"uri": f"urn:bench:skill:{i}", "labels": {"en": {"preferred": label}}})
    occupations = []
    for i in range(n_occupations):
        picked = rng.sample(skills, 10)
        occupations.append(
            {
                "uri": f"urn:bench:occupation:{i}",
                "isco_code": f"{rng.randint(1, 9)}{rng.randint(1, 4)}{rng.randint(1, 5)}{rng.randint(1, 9)}",
                "labels": {"en": {"preferred": "".join(rng.choices(syllables, k=4))}},
                "essential_skills": [s["uri"] for s in picked[:6]],
                "optional_skills": [s["uri"] for s in picked[6:]],
            }
        )
    return occupations, skills


class Market:
    """Reproducible vacancies and candidates over a vocabulary."""

    def __init__(self, occupations, vocabulary: Vocabulary, seed: int = SEED):
        self.rng = random.Random(seed)
        self.occupations = occupations
        self.vocabulary = vocabulary
        self.skill_ids = sorted(vocabulary.skill_labels)
        # Zipf-like popularity: a few occupations account for most vacancies.
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(occupations))]
        self.popularity = weights
        by_isco3 = {}
        for o in occupations:
            by_isco3.setdefault((o["isco"] or "")[:3], []).append(o)
        self.related = {o["id"]: by_isco3[(o["isco"] or "")[:3]] for o in occupations}

    def _occupation(self):
        return self.rng.choices(self.occupations, weights=self.popularity)[0]

    def _region(self):
        return self.rng.choices([r for r, _ in REGIONS], weights=[w for _, w in REGIONS])[0]

    def _alternatives(self, occ):
        """(score, runner-ups, source) as the title normaliser stores them: 20% set by a person
        (no alternatives), otherwise the best hit's score and three runner-ups with lower scores,
        half of them from the same ISCO minor group."""
        rng = self.rng
        if rng.random() < 0.2:
            return None, (), "manual"
        best = rng.uniform(0.3, 0.95)
        found = {}
        for _ in range(3):
            other = rng.choice(self.related[occ["id"]]) if rng.random() < 0.5 else self._occupation()
            if other["id"] != occ["id"]:
                found[other["id"]] = (other["id"], other["isco"], round(rng.uniform(0.02, best), 4))
        return round(best, 4), tuple(sorted(found.values(), key=lambda a: -a[2])), "auto"

    def vacancy(self, vacancy_id: int) -> VacancyProfile:
        rng = self.rng
        occ = self._occupation()
        score, alternatives, _ = self._alternatives(occ)
        region = self._region()
        essential, optional = (), ()
        if rng.random() < 0.7:  # 30% list no skills: the occupation's are used
            ess = [s for s in occ["essential"] if rng.random() < 0.8] + rng.sample(self.skill_ids, rng.randint(0, 2))
            essential = tuple(sorted(set(ess)))
            opt = [s for s in occ["optional"] if rng.random() < 0.5] + rng.sample(self.skill_ids, rng.randint(0, 3))
            optional = tuple(sorted(set(opt) - set(essential)))
        languages = {REGION_LANGUAGE[region]: rng.choice(("A2", "B1", "B1", "B2"))}
        if rng.random() < 0.3:
            languages[rng.choice(("en", "nl", "fr"))] = rng.choice(("A2", "B1", "B2"))
        texts = ()
        if rng.random() < 0.1:
            texts = (self.vocabulary.skill_labels[rng.choice(self.skill_ids)].split(" | ")[-1],)
        return VacancyProfile(
            vacancy_id=vacancy_id,
            title=rng.choice(TITLE_EXTRAS) + rng.choice(occ["titles"]),
            occupation_id=occ["id"],
            isco_code=occ["isco"],
            occupation_score=score,
            occupation_alternatives=alternatives,
            essential_skill_ids=essential,
            optional_skill_ids=optional,
            skill_texts=texts,
            languages=tuple(sorted(languages.items())),
            region=region,
            min_education_eqf=rng.choice((None, 0, 2, 3, 3, 4, 4, 5, 6, 7)),
            min_experience_years=rng.choice((None, None, 1, 2, 3, 5)),
            start_date=AS_OF + dt.timedelta(days=rng.randint(-30, 180)) if rng.random() < 0.7 else None,
            sponsors_permit=rng.random() < 0.2,
            valid_through=AS_OF + dt.timedelta(days=rng.randint(10, 200)) if rng.random() < 0.8 else None,
        )

    def candidate(self, candidate_id: int, with_text: bool | None = None) -> CandidateProfile:
        rng = self.rng
        main = self._occupation()
        jobs = [main] + [rng.choice(self.related[main["id"]]) for _ in range(rng.randint(0, 2))]
        experiences = []
        for o in jobs:
            score, alternatives, source = self._alternatives(o)
            experiences.append(
                Experience(
                    occupation_id=o["id"],
                    isco_code=o["isco"],
                    title=rng.choice(TITLE_EXTRAS) + rng.choice(o["titles"]),
                    years=rng.choice((None, 0.5, 1, 2, 4, 8)),
                    occupation_score=score,
                    alternatives=alternatives,
                    manual=source == "manual",
                )
            )
        experiences = tuple(experiences)
        skills = set()
        for o in jobs:
            skills |= {s for s in o["essential"] + o["optional"] if rng.random() < 0.6}
        skills |= set(rng.sample(self.skill_ids, rng.randint(0, 4)))
        with_text = rng.random() < 0.3 if with_text is None else with_text
        texts = ()
        if with_text:
            labels = [self.vocabulary.skill_labels[s].split(" | ")[0] for s in rng.sample(self.skill_ids, 2)]
            texts = tuple(label[: max(4, len(label) - 2)] for label in labels)  # typed, abbreviated
        languages = {
            rng.choice(("ar", "en", "ti", "uk", "es")): "C2",
            rng.choice(("nl", "fr")): rng.choice(LEVELS),
        }
        if rng.random() < 0.4:
            languages["en"] = rng.choice(LEVELS)
        return CandidateProfile(
            candidate_id=candidate_id,
            skill_ids=tuple(sorted(skills)),
            skill_texts=texts,
            experiences=experiences,
            languages=tuple(sorted(languages.items())),
            education_eqf=rng.choice((None, 2, 3, 4, 5, 6, 7)),
            diploma_recognition=rng.choice(("recognised", "pending", "not_recognised", "unknown")),
            preferred_regions=tuple(sorted(rng.sample([r for r, _ in REGIONS], rng.randint(0, 2)))),
            available_from=AS_OF + dt.timedelta(days=rng.randint(0, 90)) if rng.random() < 0.7 else None,
        )


# --- measurement helpers ---------------------------------------------------------------------------


def stored_alternatives(alternatives, occ_uri) -> str:
    """Runner-up occupations as the services store them (JSON with URIs)."""
    return json.dumps([{"uri": occ_uri[o], "isco_code": isco, "score": score} for o, isco, score in alternatives])


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def load_average() -> str:
    """The 1/5/15-minute load average (the machine is shared: timings depend on it)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def straightforward_top(candidate, vacancies, vocabulary, config, text_model, k=50):
    """The obvious implementation: score every vacancy in a Python loop, sort, keep k."""
    prepared = prepare_candidate(candidate, vocabulary, config, text_model)
    results = [score_pair(prepared, v, vocabulary, config, AS_OF, text_model) for v in vacancies]
    # The index's order: score, then the evidence (title similarity, occupation fit), then id.
    results.sort(
        key=lambda r: (
            -r.score,
            -round(r.components["title"] or 0.0, 9),
            -round(r.components["occupation"], 9),
            r.vacancy_id,
        )
    )
    return results[:k]


# --- HTTP part ----------------------------------------------------------------------------------------


def store_vacancies(vacancies, employer_id: int, occupations, skills) -> None:
    """Bulk-insert `vacancies` (profiles of `Market.vacancy`, ids included) as open vacancies of
    `employer_id`, with their skills and languages, into the bound database (vocabulary seeded)."""
    from models import db
    from models.taxonomy import Occupation, Skill
    from models.vacancy import Vacancy, VacancyLanguage, VacancySkill

    occ_db = dict(Occupation.select(Occupation.uri, Occupation.id).tuples())
    skill_db = dict(Skill.select(Skill.uri, Skill.id).tuples())
    occ_uri = {o["id"]: o["uri"] for o in occupations}
    skill_uri = {i + 1: s["uri"] for i, s in enumerate(skills)}
    now = dt.datetime(2026, 3, 1, 12, 0)
    for start in range(0, len(vacancies), 1000):
        batch = vacancies[start : start + 1000]
        with db.atomic():
            Vacancy.insert_many(
                [
                    {
                        "id": v.vacancy_id,
                        "organisation": employer_id,
                        "title": v.title,
                        "occupation": occ_db.get(occ_uri[v.occupation_id]),
                        "occupation_uri": occ_uri[v.occupation_id],
                        "occupation_source": "auto" if v.occupation_score else "manual",
                        "occupation_score": v.occupation_score,
                        "occupation_alternatives": stored_alternatives(v.occupation_alternatives, occ_uri),
                        "postcode": POSTCODES[v.region],
                        "region": v.region,
                        "min_education_eqf": v.min_education_eqf,
                        "min_experience_years": v.min_experience_years,
                        "start_date": v.start_date,
                        "valid_through": v.valid_through,
                        "sponsors_permit": v.sponsors_permit,
                        "status": "open",
                        "salary_amount": 3000,
                        "salary_period": "month",
                        "salary_annual_eur": 41760,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for v in batch
                ]
            ).execute()
            rows = [
                {"vacancy": v.vacancy_id, "skill": skill_db[skill_uri[s]], "importance": kind, "text": ""}
                for v in batch
                for kind, ids in (
                    ("essential", v.essential_skill_ids),
                    ("optional", v.optional_skill_ids),
                )
                for s in ids
            ] + [
                {"vacancy": v.vacancy_id, "skill": None, "importance": "essential", "text": t}
                for v in batch
                for t in v.skill_texts
            ]
            for part in range(0, len(rows), 5000):
                VacancySkill.insert_many(rows[part : part + 5000]).execute()
            VacancyLanguage.insert_many(
                [{"vacancy": v.vacancy_id, "lang": lang, "level": level} for v in batch for lang, level in v.languages]
            ).execute()


def http_benchmark(market: Market, occupations, skills, vacancies, n_candidates: int, requests: int):
    from api import create_app
    from models import db
    from models.cache_version import CacheVersion
    from models.candidate import Candidate, CandidateExperience, CandidateLanguage, CandidateSkill
    from models.migrations import apply_migrations
    from models.organisation import ApiKey, Organisation
    from models.taxonomy import Occupation, Skill
    from seed_data.vocabulary import load as load_vocabulary
    from services.actor import Actor
    from services.vacancies import update_vacancy

    folder = tempfile.mkdtemp(prefix="knelpunt-bench-")
    url = f"sqlite:///{folder}/bench.sqlite3"
    app = create_app({"DATABASE_URL": url, "TESTING": True, "LOG_LEVEL": "WARNING"})
    started = time.perf_counter()
    with db.connection_context():
        apply_migrations()
        load_vocabulary()
        occ_db = dict(Occupation.select(Occupation.uri, Occupation.id).tuples())
        skill_db = dict(Skill.select(Skill.uri, Skill.id).tuples())
        occ_uri = {o["id"]: o["uri"] for o in occupations}
        skill_uri = {i + 1: s["uri"] for i, s in enumerate(skills)}
        coaching = Organisation.create(name="Bench coaching", kind="coaching")
        _, secret = ApiKey.issue(coaching, "coach")
        employer = Organisation.create(name="Bench employer", kind="employer")
        store_vacancies(vacancies, employer.id, occupations, skills)
        candidate_ids = []
        with db.atomic():
            for i in range(n_candidates):
                profile = market.candidate(i + 1)
                candidate = Candidate.create(
                    organisation=coaching.id,
                    reference=f"bench-{i}",
                    education_eqf=profile.education_eqf,
                    diploma_recognition=profile.diploma_recognition,
                    preferred_regions=",".join(profile.preferred_regions),
                    available_from=profile.available_from,
                )
                candidate_ids.append(candidate.id)
                for s in profile.skill_ids:
                    CandidateSkill.create(candidate=candidate.id, skill=skill_db[skill_uri[s]])
                for t in profile.skill_texts:
                    CandidateSkill.create(candidate=candidate.id, text=t)
                for e in profile.experiences:
                    CandidateExperience.create(
                        candidate=candidate.id,
                        title="job",
                        occupation=occ_db.get(occ_uri[e.occupation_id]),
                        occupation_uri=occ_uri[e.occupation_id],
                        occupation_source="manual" if e.manual else "auto",
                        occupation_score=e.occupation_score,
                        occupation_alternatives=stored_alternatives(e.alternatives, occ_uri),
                        years=e.years,
                    )
                for lang, level in profile.languages:
                    CandidateLanguage.create(candidate=candidate.id, lang=lang, level=level)
            CacheVersion.bump("vacancies")
            CacheVersion.bump("candidates")
    load_seconds = time.perf_counter() - started

    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    started = time.perf_counter()
    first = client.get(f"/api/v1/candidates/{candidate_ids[0]}/matches?limit=50", headers=headers)
    cold = time.perf_counter() - started
    assert first.status_code == 200, first.get_json()
    latencies = []
    for r in range(requests):
        cid = candidate_ids[r % len(candidate_ids)]
        started = time.perf_counter()
        response = client.get(f"/api/v1/candidates/{cid}/matches?limit=50", headers=headers)
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200 and len(response.get_json()["items"]) == 50, response.status_code
    # One write through the API's path (the vacancy service): the next request applies it incrementally.
    with db.connection_context():
        update_vacancy(Actor.system(), 1, {"title": "Lasser (gewijzigd)"}, None)
    started = time.perf_counter()
    client.get(f"/api/v1/candidates/{candidate_ids[0]}/matches?limit=50", headers=headers)
    after_write = time.perf_counter() - started
    return {
        "db_vacancies": len(vacancies),
        "db_candidates": n_candidates,
        "load_seconds": load_seconds,
        "cold": cold,
        "p50": pct(latencies, 50),
        "p95": pct(latencies, 95),
        "after_write": after_write,
        "folder": folder,
    }


# --- main -----------------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300, help="candidates timed in-process")
    parser.add_argument("--naive", type=int, default=3, help="candidates for the straightforward scorer")
    parser.add_argument("--http-vacancies", type=int, default=None, help="vacancies in the SQLite DB (default: all)")
    parser.add_argument("--http-requests", type=int, default=100)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    occupations, skills, vocabulary, source = load_seed_vocabulary(rng)
    print(f"data: {source}; seed {SEED}")
    market = Market(occupations, vocabulary)
    started = time.perf_counter()
    vacancies = [market.vacancy(i + 1) for i in range(args.vacancies)]
    candidates = [market.candidate(i + 1) for i in range(args.candidates)]
    print(
        f"generated {len(vacancies):,} vacancies and {len(candidates):,} candidates in "
        f"{time.perf_counter() - started:.1f} s ({sum(bool(c.skill_texts) for c in candidates):,} "
        "candidates with free-text skills)"
    )

    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = VacancyIndex(vacancies, vocabulary)
    build = time.perf_counter() - started
    gc.collect()
    grown = rss_mb() - before
    print(f"\nindex build: {build:.2f} s for {len(index):,} vacancies")
    print(
        f"index memory: matrices and arrays {index.memory_bytes() / 2**20:.1f} MiB; process RSS grew "
        f"{grown:.1f} MiB during the build (incl. the index's profile map and TF-IDF model)"
    )

    # In-process latency of one candidate's top-50, with explanations.
    sample = random.Random(SEED + 1).sample(candidates, min(args.queries, len(candidates)))
    for c in sample[:5]:  # warm-up
        index.rank(c, as_of=AS_OF, top_k=50)
    times, cpu_times, score_times, score_cpu = [], [], [], []
    for c in sample:
        started, cpu = time.perf_counter(), time.process_time()
        page = index.rank(c, as_of=AS_OF, top_k=50)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
        assert len(page.results) == 50
    for c in sample:
        started, cpu = time.perf_counter(), time.process_time()
        index.scores(c, AS_OF)
        score_times.append(time.perf_counter() - started)
        score_cpu.append(time.process_time() - cpu)
    with_text = [t for c, t in zip(sample, times, strict=True) if c.skill_texts]
    print(f"\nin-process top-50 with explanations ({len(sample)} candidates; load average {load_average()}):")
    print(f"  wall: p50 {ms(pct(times, 50))}   p95 {ms(pct(times, 95))}   max {ms(max(times))}")
    print(
        f"  CPU time of the process per query (time.process_time, not inflated by waiting for a core): "
        f"p50 {ms(pct(cpu_times, 50))}   p95 {ms(pct(cpu_times, 95))}"
    )
    if with_text:
        print(f"  candidates with free-text skills ({len(with_text)}): p95 {ms(pct(with_text, 95))}")
    print(
        f"  scoring all {len(index):,} vacancies only: wall p50 {ms(pct(score_times, 50))}  "
        f"p95 {ms(pct(score_times, 95))}; CPU p50 {ms(pct(score_cpu, 50))}  p95 {ms(pct(score_cpu, 95))}"
    )
    throughput_n = min(1000, len(candidates))
    started = time.perf_counter()
    for c in candidates[:throughput_n]:
        index.rank(c, as_of=AS_OF, top_k=50)
    elapsed = time.perf_counter() - started
    print(
        f"  throughput: {throughput_n / elapsed:.1f} candidates/s ranked against {len(index):,} vacancies "
        f"(one core) = {throughput_n * len(index) / elapsed / 1e6:.1f} M pair scores/s"
    )

    # The reverse direction: all candidates ranked for one vacancy.
    from matching.engine import CandidatePool

    started = time.perf_counter()
    pool = CandidatePool(candidates, vocabulary, index.config, index.text_model)
    pool.scores(vacancies[0], AS_OF)  # assembles the matrices
    pool_build = time.perf_counter() - started
    pool_times, pool_cpu = [], []
    for v in random.Random(SEED + 3).sample(vacancies, 50):
        started, cpu = time.perf_counter(), time.process_time()
        pool.rank(v, as_of=AS_OF, top_k=50)
        pool_times.append(time.perf_counter() - started)
        pool_cpu.append(time.process_time() - cpu)
    print(
        f"\nreverse direction, {len(pool):,} candidates ranked for one vacancy (top-50 with explanations): "
        f"wall p50 {ms(pct(pool_times, 50))}  p95 {ms(pct(pool_times, 95))}; CPU p50 {ms(pct(pool_cpu, 50))}  "
        f"p95 {ms(pct(pool_cpu, 95))}; pool build {pool_build:.1f} s"
    )

    # Incremental updates.
    rng_updates = random.Random(SEED + 2)
    upserts, inserts, removes = [], [], []
    for vid in rng_updates.sample(range(1, len(vacancies) + 1), 500):
        changed = market.vacancy(vid)
        started = time.perf_counter()
        index.upsert(changed)
        upserts.append(time.perf_counter() - started)
    for vid in range(len(vacancies) + 1, len(vacancies) + 501):
        new = market.vacancy(vid)
        started = time.perf_counter()
        index.upsert(new)
        inserts.append(time.perf_counter() - started)
    for vid in rng_updates.sample(range(1, len(vacancies) + 1), 200):
        started = time.perf_counter()
        index.remove(vid)
        removes.append(time.perf_counter() - started)
    tail_rows = len(index._tail_rows)
    started = time.perf_counter()
    index._ensure_tail()
    assembly = time.perf_counter() - started
    probe = sample[0]
    started = time.perf_counter()
    index.rank(probe, as_of=AS_OF, top_k=50)
    after_updates = time.perf_counter() - started
    started = time.perf_counter()
    index._compact()
    compaction = time.perf_counter() - started
    print("\nincremental update of one vacancy:")
    print(f"  replace: p50 {ms(pct(upserts, 50))}  p95 {ms(pct(upserts, 95))}  max {ms(max(upserts))}")
    print(f"  add:     p50 {ms(pct(inserts, 50))}  p95 {ms(pct(inserts, 95))}  max {ms(max(inserts))}")
    print(f"  remove:  p50 {ms(pct(removes, 50))}  p95 {ms(pct(removes, 95))}")
    print(
        f"  the next query re-assembles the tail once ({tail_rows} rows): {ms(assembly)}; "
        f"that query's top-50 took {ms(after_updates)}"
    )
    print(f"  tail compaction into the main segment, once per {index.tail_limit} updates: {ms(compaction)}")

    # The straightforward scorer, same data, same candidates.
    naive_candidates = [c for c in sample if not c.skill_texts][: args.naive]
    naive_candidates += [c for c in sample if c.skill_texts][:1]
    profiles = [index.profiles[vid] for vid in sorted(index.profiles)]
    print(
        f"\nstraightforward per-vacancy Python scorer, {len(naive_candidates)} candidates "
        f"(one with free text) × {len(profiles):,} vacancies:"
    )
    ratios = []
    for c in naive_candidates:
        started = time.perf_counter()
        naive = straightforward_top(c, profiles, vocabulary, index.config, index.text_model)
        naive_time = time.perf_counter() - started
        started = time.perf_counter()
        fast = index.rank(c, as_of=AS_OF, top_k=50)
        fast_time = time.perf_counter() - started
        same = [r.vacancy_id for r in naive] == [r.vacancy_id for r in fast.results]
        ratios.append(naive_time / fast_time)
        print(
            f"  candidate {c.candidate_id:>5} ({'text' if c.skill_texts else 'no text'}): straightforward "
            f"{naive_time:.2f} s, index {ms(fast_time)}: {naive_time / fast_time:.0f}× faster; "
            f"same top-50: {same}"
        )
    print(f"  speed ratio: median {statistics.median(ratios):.0f}×, min {min(ratios):.0f}× (target ≥ 50×)")

    if not args.no_http:
        n_http = args.http_vacancies or len(vacancies)
        print(
            f"\nHTTP through the Flask test client, SQLite file, {n_http:,} vacancies "
            f"({'all' if n_http == len(vacancies) else 'a subset'} of the same data), 20 candidates:"
        )
        result = http_benchmark(
            Market(occupations, vocabulary), occupations, skills, vacancies[:n_http], 20, args.http_requests
        )
        print(f"  loading the database: {result['load_seconds']:.1f} s")
        print(f"  first request (builds the index from the database): {result['cold']:.2f} s")
        print(
            f"  GET /candidates/<id>/matches?limit=50 ({args.http_requests} requests): "
            f"p50 {ms(result['p50'])}  p95 {ms(result['p95'])}"
        )
        print(f"  first request after a vacancy write (incremental sync): {ms(result['after_write'])}")
        print(f"  (database left in {result['folder']}; delete it when done)")


if __name__ == "__main__":
    main()
