"""Load test: real gunicorn on loopback, concurrent clients, then a check of every acknowledged write.

    nice -n 10 .venv/bin/python bench/load.py                      # full run on a temporary SQLite (WAL)
    nice -n 10 .venv/bin/python bench/load.py --postgres-url postgresql://postgres@127.0.0.1:5432/knelpunt_load
    .venv/bin/python bench/load.py --quick --postgres-url ...      # the reduced run of .ci/run

The PostgreSQL database (`--postgres-url` or `LOAD_POSTGRES_URL`) is EMPTIED first: give it a
throw-away one. Each backend gets the schema, the shipped reference data (no demo data), one
coach and four integration organisations, and 300 vacancies (100 with --quick); then gunicorn (`--workers`, with the
warm-up hook) serves `--clients` threads that each loop over:

- `bulk`    POST /candidates/bulk: 50 items (20 with --quick), half new, half re-pushed changed
- `put`     PUT /candidates/by-external-id/<id> (created), then `put_again`, the same body (→ unchanged)
- `patch`   PATCH /candidates/<id> with the If-Match of the last write; `patch_stale` with an old one (→ 412)
- `read`    GET /candidates/<id> (its version must be the last acknowledged one) and `list`, a page
- `match`   GET /candidates/<id>/matches?limit=5 (as the owning organisation)

until `--writes` writes were acknowledged (every created/updated/unchanged bulk item, PUT and PATCH)
or `--max-seconds` passed. Each client owns its external ids, so the final state is known. Then
the database is checked: every acknowledged record present exactly once under its external id,
with the version that its count of acknowledged changes implies (no lost or doubled update) and
the last written reference; no duplicate external id; no 5xx, no connection error, no unexpected
status; in the full run, at least `--writes` acknowledged writes. Prints requests/s and
p50/p95/p99 per kind; exits 1 when any check fails.

Loopback only: the server binds 127.0.0.1 on a free port and is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import db, is_postgres  # noqa: E402
from models.base import bind_database  # noqa: E402
from tests.system.gunicorn_server import gunicorn_process  # noqa: E402

INTEGRATION_ORGS = 4
VACANCIES = 300
# Expected statuses per kind; anything else is reported (and any 5xx fails the run).
EXPECTED = {
    "bulk": {200}, "put": {201}, "put_again": {200}, "patch": {200}, "patch_stale": {412},
    "read": {200}, "list": {200}, "match": {200},
}
TITLES = ["heftruckchauffeur", "lasser TIG", "verpleegkundige", "kok", "metselaar", "elektricien",
          "vrachtwagenchauffeur", "boekhouder", "poetshulp", "magazijnmedewerker"]
POSTCODES = ["9000", "1000", "4000", "2000", "8000", "5000", "4700", "3500", "1050", "6000"]
SKILLS = ["lassen", "heftruck besturen", "koken", "metselen", "elektrische installaties", "boekhouding"]


# --- HTTP --------------------------------------------------------------------------------------------


class Api:
    """One request per connection (gunicorn's sync workers close it anyway); records every call."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port, self.prefix = parts.hostname, parts.port, parts.path
        self.lock = threading.Lock()
        self.calls: list[tuple[str, float, int]] = []  # (kind, seconds, status; 0 = connection error)
        self.unexpected: list[str] = []

    def __call__(self, kind: str, method: str, path: str, key: str, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Authorization": f"Bearer {key}", **(headers or {})}
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        status, parsed, response_headers = 0, None, {}
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, self.prefix + path, body=data, headers=all_headers)
            response = connection.getresponse()
            raw = response.read()
            status, response_headers = response.status, dict(response.headers)
            parsed = json.loads(raw) if raw else None
        except (OSError, http.client.HTTPException, ValueError) as error:
            parsed = {"message": f"{type(error).__name__}: {error}"}
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        with self.lock:
            self.calls.append((kind, elapsed, status))
            if status not in EXPECTED.get(kind, {200, 201}):
                message = (parsed or {}).get("message") if isinstance(parsed, dict) else None
                self.unexpected.append(f"{kind} {method} {path} -> {status}: {message}")
        return status, parsed, response_headers


# --- setup -------------------------------------------------------------------------------------------


def prepare_database(url: str) -> dict:
    """Empty schema, migrations, reference data, keys. Returns the keys by role."""
    from models.migrations import SchemaMigration, apply_migrations
    from models.organisation import ApiKey, Organisation
    from seed_data.load import seed_all

    bind_database(url)
    with db.connection_context():
        if is_postgres():
            db.execute_sql("DROP SCHEMA public CASCADE")
            db.execute_sql("CREATE SCHEMA public")
        else:
            from models import ALL_MODELS

            db.drop_tables([SchemaMigration] + ALL_MODELS, safe=True)
        apply_migrations()
        seed_all(include_demo=False)
        keys = {"integration": []}
        for number in range(INTEGRATION_ORGS):
            organisation = Organisation.create(name=f"Load case system {number}", kind="integration")
            keys["integration"].append((organisation.id, ApiKey.issue(organisation, "integration")[1]))
        organisation = Organisation.create(name="Load coaching", kind="coaching")
        keys["coach"] = ApiKey.issue(organisation, "coach")[1]
    db.close()
    return keys


def vacancy(number: int) -> dict:
    return {
        "external_id": f"load-vacancy-{number:05d}",
        "title": TITLES[number % len(TITLES)],
        "title_lang": "nl",
        "postcode": POSTCODES[number % len(POSTCODES)],
        "salary_amount": 2600 + (number % 20) * 100,
        "salary_period": "month",
        "weekly_hours": 38,
        "contract_type": "permanent",
        "skills": [{"text": SKILLS[number % len(SKILLS)]}],
    }


def push_vacancies(api: Api, key: str, count: int) -> None:
    for start in range(0, count, 100):
        items = [vacancy(n) for n in range(start, start + 100)]
        status, body, _ = api("setup", "POST", "/vacancies/bulk", key, {"items": items})
        if status != 200 or body["counts"]["error"]:
            raise SystemExit(f"could not push the vacancies: {status} {body}")


# --- the clients -------------------------------------------------------------------------------------


def candidate(external_id: str, reference: str, number: int) -> dict:
    return {
        "external_id": external_id,
        "reference": reference,
        "skills": [{"text": SKILLS[number % len(SKILLS)], "years": 2}],
        "experiences": [{"title": TITLES[number % len(TITLES)], "years": 3}],
        "languages": {"nl": "B1"},
        "education_eqf": 3 + number % 3,
        "preferred_regions": ["flanders", "brussels"],
        "share_with_employers": True,
    }


class Tally:
    """Acknowledged writes, shared by the clients, and the stop condition."""

    def __init__(self, target: int, deadline: float, bulk_items: int):
        self.target, self.deadline, self.bulk_items = target, deadline, bulk_items
        self.lock = threading.Lock()
        self.writes = 0

    def add(self, count: int) -> None:
        with self.lock:
            self.writes += count

    def done(self) -> bool:
        return self.writes >= self.target or time.monotonic() > self.deadline


class Client:
    """Owns the external ids it writes, so it knows their final version and reference."""

    def __init__(self, number: int, api: Api, organisation_id: int, key: str, tally: Tally):
        self.number, self.api, self.key, self.tally = number, api, key, tally
        self.organisation_id = organisation_id
        # external_id -> {"id", "changes" (acknowledged creating/changing writes), "version", "reference", "etag"}
        self.records: dict[str, dict] = {}
        self.errors: list[str] = []

    def _acknowledge(self, external_id: str, status: str, record_id: int, version: int, reference: str,
                     etag: str | None = None) -> None:
        known = self.records.setdefault(external_id, {"id": record_id, "changes": 0})
        if status in ("created", "updated"):
            known["changes"] += 1
        if known["id"] != record_id:
            self.errors.append(f"{external_id}: id changed from {known['id']} to {record_id}")
        known.update(version=version, reference=reference, etag=etag or known.get("etag"))
        if version != known["changes"]:
            self.errors.append(f"{external_id}: version {version} after {known['changes']} acknowledged changes")

    def run(self) -> None:
        iteration = 0
        while not self.tally.done():
            self.iteration(iteration)
            iteration += 1

    def iteration(self, k: int) -> None:
        prefix = f"c{self.number:02d}"
        # Bulk: half new items, half re-pushes of earlier bulk items with a new reference.
        size = self.tally.bulk_items
        earlier = [e for e in self.records if e.startswith(f"{prefix}-b")][-size // 2:]
        items = [candidate(f"{prefix}-b{k:04d}-{j:02d}", f"{prefix} bulk {k}/{j}", j)
                 for j in range(size - len(earlier))]
        items += [candidate(e, f"{e} re-pushed in {k}", k) for e in earlier]
        status, body, _ = self.api("bulk", "POST", "/candidates/bulk", self.key, {"items": items})
        if status == 200:
            sent = {item["external_id"]: item["reference"] for item in items}
            acknowledged = 0
            for result in body["items"]:
                if result["status"] == "error":
                    self.errors.append(f"bulk item {result['external_id']}: {result.get('message')}")
                    continue
                self._acknowledge(result["external_id"], result["status"], result["id"], result["version"],
                                  sent[result["external_id"]])
                acknowledged += 1
            self.tally.add(acknowledged)

        # Idempotent PUT by external id, twice with the same body.
        external_id = f"{prefix}-p{k:04d}"
        body_put = candidate(external_id, f"{prefix} put {k}", k)
        path = f"/candidates/by-external-id/{external_id}"
        for kind in ("put", "put_again"):
            status, body, headers = self.api(kind, "PUT", path, self.key, body_put)
            if status in (200, 201):
                self._acknowledge(external_id, body["write_status"], body["id"], body["version"],
                                  body_put["reference"], headers.get("ETag"))
                self.tally.add(1)
        known = self.records.get(external_id)
        if not known:
            return
        # PATCH with If-Match; then one with the ETag that is now stale (must be refused).
        stale = known["etag"]
        reference = f"{prefix} patched {k}"
        status, body, headers = self.api("patch", "PATCH", f"/candidates/{known['id']}", self.key,
                                         {"reference": reference}, {"If-Match": stale})
        if status == 200:
            self._acknowledge(external_id, body["write_status"], body["id"], body["version"], reference,
                              headers.get("ETag"))
            self.tally.add(1)
        self.api("patch_stale", "PATCH", f"/candidates/{known['id']}", self.key,
                 {"reference": "must not be stored"}, {"If-Match": stale})

        status, body, _ = self.api("read", "GET", f"/candidates/{known['id']}", self.key)
        if status == 200 and (body["version"], body["reference"]) != (known["version"], known["reference"]):
            self.errors.append(f"read {external_id}: {body['version']} {body['reference']!r}, expected "
                               f"{known['version']} {known['reference']!r}")
        self.api("list", "GET", f"/candidates?page={1 + k % 3}&page_size=20", self.key)
        self.api("match", "GET", f"/candidates/{known['id']}/matches?limit=5", self.key)


# --- verification ------------------------------------------------------------------------------------


def verify(url: str, clients: list[Client]) -> list[str]:
    from peewee import fn

    from models.candidate import Candidate

    problems = []
    bind_database(url)
    with db.connection_context():
        duplicates = (Candidate.select(Candidate.organisation, Candidate.external_id, fn.COUNT(Candidate.id))
                      .group_by(Candidate.organisation, Candidate.external_id)
                      .having(fn.COUNT(Candidate.id) > 1).count())
        if duplicates:
            problems.append(f"{duplicates} external ids stored more than once")
        stored = {(c.organisation_id, c.external_id): c for c in Candidate.select()}
        expected_keys = set()
        for client in clients:
            for external_id, known in client.records.items():
                expected_keys.add((client.organisation_id, external_id))
                row = stored.get((client.organisation_id, external_id))
                if row is None:
                    problems.append(f"lost: {external_id}")
                elif (row.id, row.version, row.reference) != (known["id"], known["changes"], known["reference"]):
                    problems.append(f"{external_id}: stored id {row.id} v{row.version} {row.reference!r}, "
                                    f"acknowledged id {known['id']} v{known['changes']} {known['reference']!r}")
        extra = set(stored) - expected_keys
        if extra:
            problems.append(f"{len(extra)} stored candidates that no client acknowledged")
    db.close()
    return problems


# --- report ------------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def report(label: str, api: Api, seconds: float, writes: int, records: int, problems: list[str]) -> None:
    by_kind = defaultdict(list)
    statuses = defaultdict(int)
    for kind, elapsed, status in api.calls:
        if kind != "setup":
            by_kind[kind].append(elapsed)
            statuses[status] += 1
    total = sum(len(v) for v in by_kind.values())
    print(f"\n{label}: {total} requests in {seconds:.1f} s = {total / seconds:.0f} requests/s; "
          f"{writes} writes acknowledged ({writes / seconds:.0f}/s), {records} records verified")
    print(f"  {'kind':<12}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in EXPECTED:
        values = sorted(by_kind.get(kind, []))
        if values:
            print(f"  {kind:<12}{len(values):>9}{len(values) / seconds:>8.1f}"
                  f"{percentile(values, .5) * 1e3:>9.0f}{percentile(values, .95) * 1e3:>9.0f}"
                  f"{percentile(values, .99) * 1e3:>9.0f}")
    print("  statuses: " + ", ".join(f"{s or 'connection error'}: {n}" for s, n in sorted(statuses.items())))
    print(f"  checks: {'all passed' if not problems else f'{len(problems)} FAILED'}")
    for problem in problems[:20]:
        print(f"    - {problem}")


def run_backend(label: str, url: str, args) -> bool:
    keys = prepare_database(url)
    env = {"WARM_UP": "1", "LOG_LEVEL": "WARNING", "SECRET_KEY": "load-test-secret",
           # The per-key limit stays on (its cost is part of the figures) but far above the load.
           "RATE_LIMIT_PER_MINUTE": "10000000"}
    with tempfile.TemporaryDirectory(prefix="knelpunt-load-log-") as folder:
        log_path = Path(folder) / "gunicorn.log"
        with gunicorn_process(url, workers=args.workers, extra_env=env, log_path=log_path) as (base, _master):
            api = Api(base)
            push_vacancies(api, keys["integration"][0][1], 100 if args.quick else VACANCIES)
            tally = Tally(args.writes, time.monotonic() + args.max_seconds, args.bulk_items)
            clients = [Client(n, api, *keys["integration"][n % INTEGRATION_ORGS], tally)
                       for n in range(args.clients)]
            threads = [threading.Thread(target=client.run, name=f"client-{client.number}") for client in clients]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - started
        server_log = log_path.read_text(errors="replace")
    problems = [f"{len(api.unexpected)} unexpected statuses, e.g. {api.unexpected[:3]}"] if api.unexpected else []
    fives = sum(1 for kind, _, status in api.calls if status >= 500 or status == 0)
    if fives:
        problems.append(f"{fives} responses were 5xx or connection errors")
    for client in clients:
        problems.extend(client.errors)
    if tally.writes < args.writes and not args.quick:  # quick: a time-boxed smoke run, speed varies by machine
        problems.append(f"only {tally.writes} writes acknowledged in {args.max_seconds} s (target {args.writes})")
    problems.extend(verify(url, clients))
    if "Traceback" in server_log:
        problems.append("the server logged a traceback: " + server_log[server_log.index("Traceback"):][:500])
    records = sum(len(client.records) for client in clients)
    report(label, api, seconds, tally.writes, records, problems)
    return not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="the reduced CI run: 100 vacancies, bulks of 20, 1,000 writes or 30 s of load")
    parser.add_argument("--postgres-url", default=os.environ.get("LOAD_POSTGRES_URL"),
                        help="also run on this PostgreSQL database (EMPTIED first); env LOAD_POSTGRES_URL")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite run")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--bulk-items", type=int, help="items per bulk push (default 50; quick 20)")
    parser.add_argument("--writes", type=int, help="acknowledged writes to reach (default 10,000; quick 1,000)")
    parser.add_argument("--max-seconds", type=float, help="stop the load after this long (default 900; quick 30)")
    args = parser.parse_args()
    args.writes = args.writes or (1_000 if args.quick else 10_000)
    args.bulk_items = args.bulk_items or (20 if args.quick else 50)
    args.max_seconds = args.max_seconds or (30 if args.quick else 900)
    print(f"load: {args.clients} clients, {args.workers} gunicorn workers, target {args.writes} acknowledged "
          f"writes within {args.max_seconds:.0f} s")
    results = []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="knelpunt-load-") as folder:
            results.append(run_backend("SQLite (WAL)", f"sqlite:///{folder}/load.sqlite3", args))
    if args.postgres_url:
        results.append(run_backend("PostgreSQL", args.postgres_url, args))
    if not results:
        parser.error("nothing to run: --no-sqlite without --postgres-url")
    print("\nload: " + ("all checks passed" if all(results) else "CHECKS FAILED"))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
