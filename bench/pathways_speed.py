"""Speed of pathways at national scale: one candidate's pathways and a coaching organisation's overview.

    nice -n 10 .venv/bin/python bench/pathways_speed.py                 # 100,000 vacancies, 10,000 candidates
    nice -n 10 .venv/bin/python bench/pathways_speed.py --http          # also through HTTP on a SQLite file
    nice -n 10 .venv/bin/python bench/pathways_speed.py --esco          # + every ESCO occupation (../shared/data)

Synthetic, reproducible (fixed seed) data over the seed vocabulary (`seed_data/vocabulary`), the
shipped permit rules and the shipped permit and labour-market shortage lists: vacancies of popular
occupations more often (Zipf), in the four regions by their share of vacancies, with a salary
(90%), a minimum EQF (70%) and the region's language at A2-B2; candidates with one to three past
jobs in related occupations, most of those occupations' skills, Dutch and/or French at some level,
an EQF level and a diploma recognition status. ``--esco`` adds every occupation of the official
ESCO file (ISCO codes, no skill relations: those are not available) to the vocabulary and the
vacancies, as an imported ESCO would.

Reported: market build time (the per-(occupation, region) aggregates of every open vacancy), p50/p95
of one candidate's 20 best pathways over all four regions in-process (engine: reach of every pair,
ranking, components, gaps with their reach and permit effects, permit outlook, sentences), and the
overview of an organisation of 1,000 candidates (engine); with ``--http`` the same two requests
through the Flask test client on a SQLite database filled with the same data (market build from
the database included in the first request only; candidate profiles read from the database).
Targets (2 shared cores): one candidate p95 ≤ 50 ms, overview of 1,000 candidates ≤ 2 s.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.pathways import Demand, Occupation, PathwayMarket, Person, overview, rank_pathways, render  # noqa: E402
from matching.permits import CandidateFacts  # noqa: E402
from seed_data.labour_market.files import shipped_occupations, shipped_snapshot  # noqa: E402

SEED = 20261202
AS_OF = dt.date(2026, 3, 2)
REGIONS = (("flanders", 0.58), ("wallonia", 0.25), ("brussels", 0.15), ("german_speaking", 0.02))
REGION_LANGUAGE = {"flanders": "nl", "wallonia": "fr", "brussels": "fr", "german_speaking": "de"}
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
ESCO_FILE = ROOT.parent / "shared" / "data" / "esco" / "occupations_en.csv"


def esco_occupations(start_id: int, known: set[str]) -> list[Occupation]:
    with open(ESCO_FILE, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["conceptUri"] not in known]
    return [Occupation(start_id + i, r["conceptUri"], r["preferredLabel"], r["iscoGroup"] or None)
            for i, r in enumerate(rows)]


class Synthetic:
    def __init__(self, occupations: list[Occupation], seed: int = SEED):
        self.rng = random.Random(seed)
        self.occupations = occupations
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(occupations))]
        self.cumulative = list(itertools.accumulate(weights))  # once: rng.choices re-adds weights per call
        by_minor: dict[str, list[Occupation]] = {}
        for o in occupations:
            by_minor.setdefault((o.isco_code or "")[:3], []).append(o)
        self.related = {o.occupation_id: by_minor[(o.isco_code or "")[:3]] for o in occupations}
        self.skills = sorted({s for o in occupations for s in o.essential_skill_ids | o.optional_skill_ids})

    def occupation(self) -> Occupation:
        return self.rng.choices(self.occupations, cum_weights=self.cumulative)[0]

    def vacancy(self) -> tuple[int, str, dict]:
        rng = self.rng
        occ = self.occupation()
        region = rng.choices([r for r, _ in REGIONS], weights=[w for _, w in REGIONS])[0]
        monthly = rng.gauss(2600 + 150 * (10 - int((occ.isco_code or "5")[0])), 400)
        return occ.occupation_id, region, {
            "salary_annual_eur": round(monthly * 13.92, 2) if rng.random() < 0.9 else None,
            "min_education_eqf": rng.choice((0, 2, 3, 3, 4, 4, 5, 6, 7)) if rng.random() < 0.7 else None,
            "languages": {REGION_LANGUAGE[region]: rng.choice(("A2", "B1", "B1", "B2"))},
        }

    def person(self) -> Person:
        rng = self.rng
        main = self.occupation()
        jobs = [main] + [rng.choice(self.related[main.occupation_id]) for _ in range(rng.randint(0, 2))]
        skills = {s for o in jobs for s in o.essential_skill_ids | o.optional_skill_ids if rng.random() < 0.6}
        skills |= set(rng.sample(self.skills, min(len(self.skills), rng.randint(0, 4))))
        languages = {rng.choice(("nl", "fr")): rng.choice(LEVELS)}
        if rng.random() < 0.3:
            languages[rng.choice(("nl", "fr", "de"))] = rng.choice(LEVELS)
        return Person(
            skill_ids=frozenset(skills),
            past_occupation_ids=tuple(dict.fromkeys(o.occupation_id for o in jobs)),
            languages=tuple(sorted(languages.items())),
            education_eqf=rng.choice((None, 2, 3, 4, 5, 6, 7)),
            diploma_recognition=rng.choice(("recognised", "pending", "not_recognised", "unknown")),
        )

    def facts(self) -> CandidateFacts:
        return CandidateFacts(residence_situation=self.rng.choice(("abroad", "no_legal_residence", "unknown")),
                              birth_year=self.rng.randint(1960, 2004))


def demand_of(vacancies) -> list[Demand]:
    groups: dict[tuple[int, str], list[dict]] = {}
    for occupation_id, region, row in vacancies:
        groups.setdefault((occupation_id, region), []).append(row)
    return [Demand.from_vacancies(o, r, rows) for (o, r), rows in groups.items()]


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def in_process(args, occupations, vacancies, people, facts) -> None:
    snapshot = shipped_snapshot()
    started = time.perf_counter()
    market = PathwayMarket(occupations, demand_of(vacancies), snapshot.all_lists(), version="bench")
    built = time.perf_counter() - started
    started = time.perf_counter()
    day = market.day(AS_OF, snapshot)
    day_time = time.perf_counter() - started
    print(f"market: {len(market):,} (occupation, region) pairs from {len(vacancies):,} vacancies "
          f"built in {built:.2f} s; lists and permit-route needs for one date in {day_time:.2f} s")
    regions = [r for r, _ in REGIONS]
    labels = {o.occupation_id: o.label for o in occupations}
    times = []
    for person, permit in zip(people[: args.queries], facts, strict=False):
        started = time.perf_counter()
        found = rank_pathways(market, day, person, permit, snapshot, regions, 20)
        [render(p, "nl", {}, labels) for p in found]
        times.append(time.perf_counter() - started)
    print(f"one candidate's 20 pathways, 4 regions ({len(times)} candidates): p50 {ms(statistics.median(times))}, "
          f"p95 {ms(pct(times, 95))}, max {ms(max(times))}   (target p95 ≤ 50 ms)")
    organisation = people[: args.organisation]
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        items = overview(market, day, organisation, regions)
        runs.append(time.perf_counter() - started)
    print(f"overview of {len(organisation):,} candidates: {len(items)} (occupation, region) rows, "
          f"best of 3 {min(runs):.2f} s, worst {max(runs):.2f} s   (target ≤ 2 s)")


def over_http(args, occupations, vacancies, people) -> None:
    """The same data in a SQLite database, read by the service; requests through the test client."""
    import json

    from peewee import fn

    from api import create_app
    from models import db
    from models.candidate import Candidate, CandidateExperience, CandidateLanguage, CandidateSkill
    from models.migrations import apply_migrations
    from models.organisation import ApiKey, Organisation
    from models.taxonomy import Occupation as OccupationRow
    from models.taxonomy import OccupationLabel, OccupationSkill, Skill
    from models.vacancy import Vacancy, VacancyLanguage
    from seed_data import labour_market, permits
    from services.cache import clear_all

    folder = tempfile.mkdtemp(prefix="pathways-bench-")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", "LOG_LEVEL": "WARNING",
                      "RATE_LIMIT_PER_MINUTE": 0, "SECRET_KEY": "bench"})
    started = time.perf_counter()
    with db.connection_context():
        apply_migrations()
        permits.load()
        labour_market.load()
        skills = sorted({s for o in occupations for s in o.essential_skill_ids | o.optional_skill_ids})
        with db.atomic():
            Skill.insert_many([{"id": s, "uri": f"urn:bench:skill:{s}"} for s in skills]).execute()
            for chunk in range(0, len(occupations), 500):
                part = occupations[chunk : chunk + 500]
                OccupationRow.insert_many(
                    [{"id": o.occupation_id, "uri": o.uri, "isco_code": o.isco_code} for o in part]
                ).execute()
                OccupationLabel.insert_many(
                    [{"occupation": o.occupation_id, "lang": "en", "kind": "preferred", "text": o.label}
                     for o in part]
                ).execute()
            relations = [{"occupation": o.occupation_id, "skill": s, "relation": kind}
                         for o in occupations
                         for kind, group in (("essential", o.essential_skill_ids), ("optional", o.optional_skill_ids))
                         for s in group]
            for chunk in range(0, len(relations), 2000):
                OccupationSkill.insert_many(relations[chunk : chunk + 2000]).execute()
            employer = Organisation.create(name="Bench employer", kind="employer")
            coaching = Organisation.create(name="Bench coaching", kind="coaching")
            others = Organisation.create(name="Bench others", kind="coaching")
            uri = {o.occupation_id: o.uri for o in occupations}
            postcode = {"flanders": "2000", "wallonia": "4000", "brussels": "1000", "german_speaking": "4700"}
            for chunk in range(0, len(vacancies), 2000):
                rows = vacancies[chunk : chunk + 2000]
                before = Vacancy.select(fn.MAX(Vacancy.id)).scalar() or 0
                Vacancy.insert_many(
                    [{"organisation": employer.id, "title": f"bench {i}", "occupation": occ,
                      "occupation_uri": uri[occ], "postcode": postcode[region], "region": region,
                      "salary_annual_eur": row["salary_annual_eur"], "min_education_eqf": row["min_education_eqf"],
                      "status": "open"}
                     for i, (occ, region, row) in enumerate(rows, start=chunk)]
                ).execute()
                VacancyLanguage.insert_many(
                    [{"vacancy": before + 1 + j, "lang": lang, "level": level}
                     for j, (_, _, row) in enumerate(rows) for lang, level in row["languages"].items()]
                ).execute()
            owners = [coaching.id if i < args.organisation else others.id for i in range(len(people))]
            for chunk in range(0, len(people), 1000):
                Candidate.insert_many(
                    [{"organisation": owners[i], "reference": f"bench {i}", "education_eqf": people[i].education_eqf,
                      "diploma_recognition": people[i].diploma_recognition}
                     for i in range(chunk, min(chunk + 1000, len(people)))]
                ).execute()
            rows = list(Candidate.select(Candidate.id).order_by(Candidate.id).tuples())
            skills_rows, jobs, langs = [], [], []
            for (cid,), person in zip(rows, people, strict=True):
                skills_rows += [{"candidate": cid, "skill": s} for s in person.skill_ids]
                jobs += [{"candidate": cid, "title": "job", "occupation": o, "occupation_uri": uri[o],
                          "occupation_source": "manual"} for o in person.past_occupation_ids]
                langs += [{"candidate": cid, "lang": lang, "level": level} for lang, level in person.languages]
            for table, items in ((CandidateSkill, skills_rows), (CandidateExperience, jobs),
                                 (CandidateLanguage, langs)):
                for chunk in range(0, len(items), 2000):
                    table.insert_many(items[chunk : chunk + 2000]).execute()
        _, secret = ApiKey.issue(coaching, "coach")
        first_candidate = rows[0][0]
    print(f"http: database filled in {time.perf_counter() - started:.1f} s")
    clear_all()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "nl"}
    started = time.perf_counter()
    response = client.get(f"/api/v1/candidates/{first_candidate}/pathways?as_of={AS_OF}", headers=headers)
    assert response.status_code == 200, response.get_json()
    print(f"http: first request (builds the market from the database) {time.perf_counter() - started:.2f} s")
    times = []
    for (cid,) in rows[1 : 1 + args.http_queries]:
        started = time.perf_counter()
        response = client.get(f"/api/v1/candidates/{cid}/pathways?as_of={AS_OF}", headers=headers)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(f"http: one candidate's pathways ({len(times)} requests): p50 {ms(statistics.median(times))}, "
          f"p95 {ms(pct(times, 95))}")
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(f"/api/v1/pathways/overview?as_of={AS_OF}&page_size=100", headers=headers)
        runs.append(time.perf_counter() - started)
        assert response.status_code == 200, response.get_json()
    body = json.loads(response.data)
    print(f"http: overview of {body['candidates_counted']} candidates ({body['total']} rows): "
          f"best of 3 {min(runs):.2f} s, worst {max(runs):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--organisation", type=int, default=1_000, help="candidates of the organisation")
    parser.add_argument("--queries", type=int, default=500, help="candidates timed in-process")
    parser.add_argument("--http", action="store_true", help="also measure through HTTP on SQLite")
    parser.add_argument("--http-queries", type=int, default=100)
    parser.add_argument("--esco", action="store_true", help="add every ESCO occupation (../shared/data)")
    args = parser.parse_args()

    occupations = shipped_occupations()
    source = f"seed vocabulary ({len(occupations)} occupations)"
    if args.esco:
        occupations += esco_occupations(len(occupations) + 1, {o.uri for o in occupations})
        source = f"seed vocabulary + ESCO ({len(occupations)} occupations)"
    data = Synthetic(occupations)
    started = time.perf_counter()
    vacancies = [data.vacancy() for _ in range(args.vacancies)]
    people = [data.person() for _ in range(args.candidates)]
    facts = [data.facts() for _ in range(args.queries)]
    print(f"{source}; {len(vacancies):,} vacancies, {len(people):,} candidates generated in "
          f"{time.perf_counter() - started:.1f} s")
    in_process(args, occupations, vacancies, people, facts)
    if args.http:
        over_http(args, occupations, vacancies, people)


if __name__ == "__main__":
    main()
