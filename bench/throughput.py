"""Requests per second of the service under gunicorn, beside a bare Flask JSON endpoint, in one run.

    nice -n 10 .venv/bin/python bench/throughput.py           # everything, targets checked (~6 min)
    nice -n 10 .venv/bin/python bench/throughput.py --quick   # 2 s per endpoint, 20,000 vacancies (~3 min)
    nice -n 10 .venv/bin/python bench/throughput.py --vacancies 0   # demo data only

What it does, all on 127.0.0.1 and in a temporary folder that is removed at the end (Ctrl-C too):
1. builds a SQLite database with `flask db upgrade` and `flask seed` (demo data) and creates a
   coach key of the demo coaching organisation (`flask apikey create`);
2. counts the database queries per request of each endpoint in-process (Flask test client, every
   `execute_sql` call and every connection opened), after a warm-up, checking every request
   answers 200;
3. starts the service as `make serve` does (gunicorn, `--config python:api.gunicorn_config`,
   2 workers, access log; the log goes to a file) and, side by side, `bench/bare_app.py` under
   the same gunicorn configuration (worker class, threads, keep-alive, access log; no warm-up),
   with the per-key rate limit off (RATE_LIMIT_PER_MINUTE=0);
4. drives each endpoint with wrk (Debian package `wrk`; `bench/throughput.lua` cycles through
   varied requests): the bare endpoint, /health, occupation search (varied titles), permit
   assessment (varied bodies), candidate matches (the demo candidates);
5. unless --vacancies 0: stops the service, bulk-inserts N synthetic open vacancies (100,000 by
   default) the way bench/matching_speed.py builds them, restarts it (each worker builds its
   index before its first request), warms up, and drives candidate matches again.

Printed: requests/s, p50/p99 latency, each as a share of the bare ceiling, the CPU time the
gunicorn workers spent per request (less sensitive to other load on the machine than requests/s),
queries per request, the load average before and after, and the targets of issue 14 with PASS or
FAIL (same run, this machine): search >= 1,000 req/s, permit assessment >= 1,000 req/s, candidate
matches >= 500 req/s on the demo data and >= 100 req/s at 100,000 open vacancies. wrk, the
servers and whatever else runs on the machine share its cores: the figures are those of this
machine at the time of the run (a load average well above 0 means they are low).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = 20260301
COACHING_ORG = "Demo Coaching NGO"  # owns the demo candidates (seed_data/demo)
TARGETS = {  # endpoint name -> requests/s required (issue 14)
    "occupation search": 1000,
    "permit assessment": 1000,
    "candidate matches": 500,
    "candidate matches, large": 100,
}
LARGE_TARGET_VACANCIES = 100_000  # the large-matches target holds at this many open vacancies
POSTCODES = ("9000", "2000", "3000", "8000", "1000", "1080", "4000", "5000", "6000", "4700")


class Run:
    """Owns the temporary folder and every process the bench starts; `close()` removes them all."""

    def __init__(self, keep: bool):
        self.folder = Path(tempfile.mkdtemp(prefix="knelpunt-throughput-"))
        self.keep = keep
        self.processes: list[subprocess.Popen] = []

    def start(self, command: list[str], env: dict, log_name: str) -> subprocess.Popen:
        log_path = self.folder / log_name
        log_offset = log_path.stat().st_size if log_path.exists() else 0
        log = open(log_path, "ab")  # noqa: SIM115 (the child keeps its own descriptor)
        # A session of its own, so that stopping it reaches the gunicorn workers too.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        process.log_path, process.log_offset = log_path, log_offset
        self.processes.append(process)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes.remove(process)

    def close(self) -> None:
        for process in list(self.processes):
            try:
                self.stop(process)
            except ProcessLookupError:
                pass
        if self.keep:
            print(f"kept {self.folder}")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


def service_env(database_url: str, folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WARM_UP", "PORT")}
    env.update(DATABASE_URL=database_url, RATE_LIMIT_PER_MINUTE="0", FLASK_APP="wsgi",
               SECRET_KEY="throughput-bench-not-a-secret", INSTANCE_DIR=str(folder / "instance"))
    return env


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900, check=False)
    if done.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(run: Run, env: dict, port: int, workers: int, app: str, name: str, service: bool):
    # The `make serve` configuration for both; the bare app skips the warm-up (it has no indexes).
    command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--config", "python:api.gunicorn_config", "--access-logfile", "-"]
    if not service:
        command += ["--pythonpath", str(ROOT / "bench")]
        env = {**env, "WARM_UP": "0"}
    return run.start(command + [app], env, f"{name}.log")


def worker_cpu_seconds(master: subprocess.Popen) -> float:
    """User + system CPU time of the master's child processes, the gunicorn workers (Linux /proc)."""
    total = 0
    for task in Path(f"/proc/{master.pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_ready(run: Run, process, port: int, path: str, timeout: float, warm_workers: int = 0) -> None:
    """Until `path` answers 200 and `warm_workers` workers have logged their warm-up since the start."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = process.log_path.read_text(errors="replace")[-3000:]
            raise SystemExit(f"{process.log_path.name}: exited with {process.returncode}:\n{log}")
        with open(process.log_path, "rb") as handle:
            handle.seek(process.log_offset)
            warm = handle.read().count(b"warmed up its indexes")
        try:
            if warm >= warm_workers:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                    if response.status == 200:
                        return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{process.log_path.name}: not ready after {timeout:.0f} s")


# --- the requests -----------------------------------------------------------------------------------


def search_requests(rng: random.Random, count: int) -> list[tuple]:
    """Occupation titles as people type them: labels of the seed vocabulary in nl/fr/en, varied."""
    occupations = json.loads((ROOT / "seed_data" / "vocabulary" / "occupations.json").read_text(encoding="utf-8"))
    titles = [(lang, label) for o in occupations for lang, labels in o["labels"].items() if lang in ("nl", "fr", "en")
              for label in [labels["preferred"], *labels.get("alt", [])]]
    decorations = (lambda t: t, str.lower, lambda t: f"{t} (m/v/x)", lambda t: f"ervaren {t}", lambda t: t[:-1])
    requests = []
    for lang, title in rng.sample(titles, min(count, len(titles))):
        query = urllib.parse.urlencode({"q": rng.choice(decorations)(title), "lang": lang})
        requests.append(("GET", f"/api/v1/occupations/search?{query}", None))
    return requests


def permit_requests(rng: random.Random, count: int) -> list[tuple]:
    """Permit assessments of varied jobs and candidates (regions, dates, salaries, education)."""
    titles = ("heftruckchauffeur", "lasser", "verpleegkundige", "infirmier", "boekhouder", "software developer",
              "vrachtwagenchauffeur", "elektricien", "kok", "maçon", "data analyst", "schilder")
    requests = []
    for _ in range(count):
        period = rng.choice(("month", "month", "year", "hour"))
        amount = {"month": rng.randint(1900, 7000), "year": rng.randint(26000, 90000), "hour": rng.randint(14, 45)}
        body = {
            "as_of": rng.choice(("2025-03-01", "2025-06-01", "2026-01-15", "2026-06-01")),
            "vacancy": {"postcode": rng.choice(POSTCODES), "title": rng.choice(titles),
                        "salary": {"amount": amount[period], "period": period},
                        "weekly_hours": rng.choice((38, 38, 30, 20)),
                        "contract_type": rng.choice(("permanent", "fixed_term", "temporary_agency")),
                        "pay_category": rng.choice(("unskilled", "semi_skilled", "skilled", "highly_skilled"))},
            "candidate": {"education_eqf": rng.randint(2, 7),
                          "residence_situation": rng.choice(("abroad", "legal_residence_without_work_access",
                                                             "asylum_applicant", "unknown"))},
        }
        requests.append(("POST", "/api/v1/permit-assessments", json.dumps(body)))
    return requests


def matches_requests(candidate_ids: list[int]) -> list[tuple]:
    return [("GET", f"/api/v1/candidates/{candidate_id}/matches", None) for candidate_id in candidate_ids]


# --- measurement ------------------------------------------------------------------------------------


def lua_script(folder: Path, requests: list[tuple], key: str | None) -> Path:
    def text(value):
        return "nil" if value is None else f"[==[{value}]==]"

    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {key}"} if key else {})
    lines = ["REQUESTS = {"] + [f"  {{{text(m)}, {text(p)}, {text(b)}}}," for m, p, b in requests] + ["}"]
    lines.append("HEADERS = {" + ", ".join(f"[ {text(k)} ] = {text(v)}" for k, v in headers.items()) + "}")
    path = folder / f"wrk-{len(list(folder.glob('wrk-*.lua')))}.lua"
    path.write_text("\n".join(lines) + "\n" + (ROOT / "bench" / "throughput.lua").read_text())
    return path


def drive(run: Run, server: subprocess.Popen, port: int, requests: list[tuple], key: str | None, args) -> dict:
    script = lua_script(run.folder, requests, key)
    cpu_before = worker_cpu_seconds(server)
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.seconds}s",
               "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.seconds + 60, check=False)
    found = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", done.stdout, re.M)
    if not found:
        raise SystemExit(f"wrk failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    total, micros, p50, p99, bad_status, socket_errors = map(int, found.groups())
    cpu_ms = (worker_cpu_seconds(server) - cpu_before) * 1000 / max(total, 1)
    return {"rps": total / (micros / 1e6), "p50": p50 / 1000, "p99": p99 / 1000, "requests": total,
            "errors": bad_status + socket_errors, "cpu_ms": cpu_ms}


def count_queries(database_url: str, folder: Path, key: str, endpoints: dict[str, list[tuple]]) -> dict[str, tuple]:
    """Per endpoint: (queries, connections opened) per request, averaged after a warm-up, in-process."""
    sys.path.insert(0, str(ROOT))
    from api import create_app
    from models import db

    app = create_app({"DATABASE_URL": database_url, "RATE_LIMIT_PER_MINUTE": 0, "LOG_LEVEL": "WARNING",
                      "SECRET_KEY": "throughput-bench-not-a-secret", "INSTANCE_DIR": folder / "instance"})
    database = db.obj
    counts = {"queries": 0, "connections": 0}
    execute_sql, connect = database.execute_sql, database.connect

    def counting_execute_sql(*args, **kwargs):
        counts["queries"] += 1
        return execute_sql(*args, **kwargs)

    def counting_connect(*args, **kwargs):
        counts["connections"] += database.is_closed()
        return connect(*args, **kwargs)

    database.execute_sql, database.connect = counting_execute_sql, counting_connect
    client = app.test_client()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    result = {}
    try:
        for name, requests in endpoints.items():
            sample = requests[:40]
            for _pass in ("warm-up", "measured"):  # the first pass builds the caches
                counts.update(queries=0, connections=0)
                for method, path, body in sample:
                    response = client.open(path, method=method, data=body, headers=headers)
                    if response.status_code != 200:
                        raise SystemExit(f"{name}: {method} {path} answered {response.status_code}: "
                                         f"{response.get_data(as_text=True)[:500]}")
            result[name] = (counts["queries"] / len(sample), counts["connections"] / len(sample))
    finally:
        database.execute_sql, database.connect = execute_sql, connect
        if not db.is_closed():
            db.close()
    return result


def add_vacancies(database_url: str, count: int) -> float:
    """Bulk-insert `count` synthetic open vacancies of a bench employer (bench/matching_speed.py)."""
    from matching_speed import AS_OF, Market, load_seed_vocabulary, store_vacancies

    from models import db
    from models.cache_version import CacheVersion
    from models.organisation import Organisation
    from models.vacancy import Vacancy

    started = time.perf_counter()
    occupations, skills, vocabulary, _ = load_seed_vocabulary(random.Random(SEED))
    market = Market(occupations, vocabulary)
    shift = dt.date.today() - AS_OF  # matching_speed's dates are relative to its AS_OF: keep them current
    with db.connection_context():
        first = (Vacancy.select(Vacancy.id).order_by(Vacancy.id.desc()).scalar() or 0) + 1
        vacancies = []
        for number in range(first, first + count):
            profile = market.vacancy(number)
            vacancies.append(dataclasses.replace(
                profile,
                start_date=profile.start_date and profile.start_date + shift,
                valid_through=profile.valid_through and profile.valid_through + shift))
        employer, _ = Organisation.get_or_create(name="Bench employer", defaults={"kind": "employer"})
        store_vacancies(vacancies, employer.id, occupations, skills)
        with db.atomic():
            CacheVersion.bump("vacancies")
        total = Vacancy.select().where(Vacancy.status == "open").count()
    print(f"inserted {count:,} synthetic vacancies ({total:,} open) in {time.perf_counter() - started:.0f} s")
    return total


# --- report -----------------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def report(rows: list[tuple[str, dict, tuple | None]], bare_rps: float, large_vacancies: int) -> bool:
    """Print the table and the targets; True when every target was measured and met."""
    print(f"\n{'endpoint':<40}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'of bare':>9}{'CPU ms':>8}{'queries':>9}"
          f"{'conns':>7}{'errors':>8}")
    for name, figures, queries in rows:
        share = figures["rps"] / bare_rps if bare_rps else 0
        per_request = f"{queries[0]:>9.1f}{queries[1]:>7.1f}" if queries else f"{'-':>9}{'-':>7}"
        print(f"{name:<40}{figures['rps']:>8.0f}{figures['p50']:>9.1f}{figures['p99']:>9.1f}{share:>9.1%}"
              f"{figures['cpu_ms']:>8.2f}{per_request}{figures['errors']:>8}")
    print("(CPU ms: CPU time of the gunicorn workers per request; queries and conns: database statements and"
          "\n connections opened per request, in-process after a warm-up, the key check included)")
    print("\ntargets (issue 14):")
    measured = {name: figures for name, figures, _ in rows}
    all_met = True
    for name, target in TARGETS.items():
        label = next((row for row in measured if row.startswith(name + " (") or row == name), None)
        if label is None:
            print(f"  {name:<40} >= {target:>5,} req/s: not measured  FAIL")
            all_met = False
            continue
        figures = measured[label]
        met = figures["rps"] >= target and not figures["errors"]
        if name.endswith("large") and large_vacancies < LARGE_TARGET_VACANCIES:
            verdict = f"(not checked: the target is for {LARGE_TARGET_VACANCIES:,} vacancies)"
            met = False
        else:
            verdict = "PASS" if met else "FAIL"
        all_met &= met
        print(f"  {label:<40} >= {target:>5,} req/s: {figures['rps']:>6.0f}  {verdict}")
    return all_met


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per endpoint (max 60)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, for the service and the bare app")
    parser.add_argument("--vacancies", type=int, default=None,
                        help=f"also run matches with this many open vacancies ({LARGE_TARGET_VACANCIES:,}; 0: skip)")
    parser.add_argument("--quick", action="store_true",
                        help="2 s per endpoint and 20,000 vacancies (the large target is then not checked)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs, scripts)")
    parser.add_argument("--only", choices=("health", "occupation search", "permit assessment", "candidate matches"),
                        help="drive only this endpoint besides the bare one (e.g. while working on it)")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = min(args.seconds, 2)
    if args.vacancies is None:
        args.vacancies = 20_000 if args.quick else LARGE_TARGET_VACANCIES
    args.seconds = max(1, min(args.seconds, 60))
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk (Debian package)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` cleans up on kill too
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    run = Run(args.keep)
    try:
        all_met = measure(run, args)
    except KeyboardInterrupt:
        print("\ninterrupted; cleaning up", file=sys.stderr)
        return 130
    finally:
        run.close()
    return 0 if all_met else 1


def measure(run: Run, args) -> bool:
    load_before = load_average()
    database_url = f"sqlite:///{run.folder / 'throughput.sqlite3'}"
    env = service_env(database_url, run.folder)
    started = time.perf_counter()
    flask(env, "db", "upgrade")
    flask(env, "seed")
    key = flask(env, "apikey", "create", "--org", COACHING_ORG, "--kind", "coaching", "--role", "coach",
                "--label", "throughput bench").strip().splitlines()[-1]
    with sqlite3.connect(run.folder / "throughput.sqlite3") as connection:
        candidate_ids = [row[0] for row in connection.execute(
            "SELECT c.id FROM candidate c JOIN organisation o ON o.id = c.organisation_id WHERE o.name = ? "
            "ORDER BY c.id", (COACHING_ORG,))]
    connection.close()
    print(f"seeded {run.folder} in {time.perf_counter() - started:.0f} s; {len(candidate_ids)} demo candidates")

    rng = random.Random(SEED)
    endpoints = {
        "health": [("GET", "/api/v1/health", None)],
        "occupation search": search_requests(rng, 300),
        "permit assessment": permit_requests(rng, 200),
        "candidate matches": matches_requests(candidate_ids),
    }
    matches = endpoints["candidate matches"]
    if args.only:
        endpoints = {args.only: endpoints[args.only]}
    queries = count_queries(database_url, run.folder, key, endpoints)

    service_port, bare_port = free_port(), free_port()
    service = gunicorn(run, env, service_port, args.workers, "wsgi:app", "service", True)
    bare = gunicorn(run, env, bare_port, args.workers, "bare_app:app", "bare", False)
    wait_until_ready(run, bare, bare_port, "/ping", 60)
    wait_until_ready(run, service, service_port, "/api/v1/health", 300, warm_workers=args.workers)
    print(f"service (gunicorn, {args.workers} workers) on 127.0.0.1:{service_port}, bare Flask on "
          f"127.0.0.1:{bare_port}; wrk -t{args.threads} -c{args.connections} -d{args.seconds}s per endpoint")

    bare_figures = drive(run, bare, bare_port, [("GET", "/ping", None)], None, args)
    rows = [("bare Flask JSON endpoint", bare_figures, None)]
    for name, requests in endpoints.items():
        label = {"health": "GET /health", "occupation search": "occupation search (GET, varied)",
                 "permit assessment": "permit assessment (POST, varied)",
                 "candidate matches": f"candidate matches ({len(candidate_ids)} demo)"}[name]
        rows.append((label, drive(run, service, service_port, requests, key, args), queries[name]))

    total = 0
    if args.vacancies:
        run.stop(service)
        total = add_vacancies(database_url, args.vacancies)
        service = gunicorn(run, env, service_port, args.workers, "wsgi:app", "service", True)
        started = time.perf_counter()
        wait_until_ready(run, service, service_port, "/api/v1/health", 900, warm_workers=args.workers)
        warm = [urllib.request.Request(f"http://127.0.0.1:{service_port}{path}",
                                       headers={"Authorization": f"Bearer {key}"})
                for _, path, _ in matches[: 4 * args.workers]]
        for request in warm:
            with urllib.request.urlopen(request, timeout=300) as response:
                response.read()
        print(f"service restarted and warmed up in {time.perf_counter() - started:.0f} s")
        rows.append((f"candidate matches, large ({total:,} open)",
                     drive(run, service, service_port, matches, key, args), None))
    all_met = report(rows, bare_figures["rps"], total)
    print(f"\nload average (1, 5, 15 min): {load_before} at the start, {load_average()} at the end")
    return all_met


if __name__ == "__main__":
    sys.exit(main())
