"""Speed of the permit engine on the shipped reference data (no database).

    nice -n 10 .venv/bin/python bench/permit_speed.py

Reported: snapshot build time; `summarise` (verdict + best route, the form inside match results)
for 100 synthetic vacancies, cold (fresh memo) and warm (memoised), without and with a candidate;
the full assessment with sentences. Target: tens of microseconds per vacancy, cold.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.permits import CandidateFacts, Snapshot, VacancyFacts, assess, summarise  # noqa: E402

DATA = ROOT / "seed_data" / "permits"


def rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def best_of(repeat, func):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def main():
    rules, lists, entries = (
        rows("permit_rules.csv"),
        rows("shortage_lists.csv"),
        rows("shortage_list_entries.csv"),
    )
    started = time.perf_counter()
    snap = Snapshot.build(
        rules,
        [
            (
                lst,
                [
                    (u, e.get("valid_from"), e.get("valid_to"))
                    for e in entries
                    if e["list_name"] == lst["name"]
                    for u in e["esco_uris"].split()
                ],
            )
            for lst in lists
        ],
    )
    print(
        f"snapshot build ({len(rules)} rules, {len(lists)} lists): "
        f"{(time.perf_counter() - started) * 1e3:.2f} ms"
    )
    rng = random.Random(1)
    uris = [u for e in entries for u in e["esco_uris"].split()] + [
        "http://data.europa.eu/esco/occupation/x"
    ] * 20
    postcodes = ["9000", "2000", "1000", "5000", "4000", "4700", "1300", "8000"]
    vacancies = [
        VacancyFacts.from_dict(
            {
                "postcode": rng.choice(postcodes),
                "occupation_uri": rng.choice(uris),
                "salary": {"amount": rng.choice([2200, 2800, 3500, 4500, 6000]), "period": "month"},
                "weekly_hours": rng.choice([20, 32, 38]),
                "full_time_weekly_hours": 38,
                "contract_type": rng.choice(["permanent", "fixed_term"]),
                "duration_months": rng.choice([None, 6, 12]),
                "pay_category": rng.choice(["skilled", "semi_skilled", "unknown"]),
                "employer_in_belgium": True,
            }
        )
        for _ in range(100)
    ]
    candidate = CandidateFacts.from_dict(
        {
            "birth_year": 1995,
            "education_eqf": 4,
            "residence_situation": "abroad",
            "eu_eea_swiss_citizen": False,
        }
    )
    on = dt.date(2025, 6, 1)
    for label, person in (("vacancy only", None), ("with candidate", candidate)):

        def cold(person=person):
            snap.summary_memo.clear()
            for vacancy in vacancies:
                summarise(snap, vacancy, person, on)

        def warm(person=person):
            for vacancy in vacancies:
                summarise(snap, vacancy, person, on)

        print(
            f"summarise x100, {label}: cold {best_of(20, cold) * 1e4:.1f} us/vacancy, "
            f"warm {best_of(20, warm) * 1e4:.2f} us/vacancy"
        )
    full = best_of(5, lambda: [assess(snap, v, candidate, on, "nl") for v in vacancies])
    print(f"full assessment with sentences (nl): {full * 1e4:.0f} us/vacancy")


if __name__ == "__main__":
    main()
