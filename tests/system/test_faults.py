"""Faults under a real gunicorn on loopback: a killed worker, a database outage, a cut-off upload.

Each test checks the database afterwards: a write is either whole or absent, never half done.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from models import db
from models.candidate import Candidate, CandidateExperience, CandidateLanguage, CandidateSkill
from tests.conftest import make_key

from .gunicorn_server import ROOT, call, gunicorn_process, worker_pids
from .pg_cluster import throwaway_postgres

pytestmark = pytest.mark.slow

BULK = "/candidates/bulk"
SKILLS_PER_ITEM, EXPERIENCES_PER_ITEM, LANGUAGES_PER_ITEM = 20, 3, 2


def bulk_item(index: int) -> dict:
    """A candidate with many child rows, so that a half-written one would show."""
    return {
        "external_id": f"fault-{index:05d}",
        "reference": f"Fault test {index}",
        "skills": [{"text": f"vaardigheid {index} nummer {n}", "years": 1} for n in range(SKILLS_PER_ITEM)],
        "experiences": [{"title": f"lasser ervaring {n}", "years": 1} for n in range(EXPERIENCES_PER_ITEM)],
        "languages": {"nl": "B1", "fr": "A2"},
        "education_eqf": 3,
    }


def assert_every_candidate_whole() -> int:
    """Every stored candidate has all of its child rows, at version 1; returns how many there are."""
    with db.connection_context():
        candidates = list(Candidate.select())
        for candidate in candidates:
            assert candidate.version == 1
            assert CandidateSkill.select().where(CandidateSkill.candidate == candidate).count() == SKILLS_PER_ITEM
            assert (CandidateExperience.select().where(CandidateExperience.candidate == candidate).count()
                    == EXPERIENCES_PER_ITEM)
            assert (CandidateLanguage.select().where(CandidateLanguage.candidate == candidate).count()
                    == LANGUAGES_PER_ITEM)
        # No child row without its candidate (the foreign keys would refuse it; checked anyway).
        assert CandidateSkill.select().count() == SKILLS_PER_ITEM * len(candidates)
        assert len({c.external_id for c in candidates}) == len(candidates)
    return len(candidates)


def stored_count() -> int:
    with db.connection_context():
        return Candidate.select().count()


# --- a worker killed mid-request ----------------------------------------------------------------------


def test_worker_killed_mid_bulk_leaves_only_whole_items_and_a_retry_completes_it(app, database_url):
    key = make_key("Case System A", "integration", "integration")
    items = [bulk_item(i) for i in range(250)]
    with gunicorn_process(database_url, workers=1, extra_env={"WARM_UP": "0"}) as (base, master):
        outcome = {}

        def push():
            try:
                outcome["result"] = call("POST", base + BULK, key, {"items": items}, timeout=120)
            except (OSError, http.client.HTTPException) as error:  # the connection died with the worker
                outcome["error"] = error

        pushing = threading.Thread(target=push)
        pushing.start()
        deadline = time.monotonic() + 60
        while stored_count() < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        [worker] = worker_pids(master)
        os.kill(worker, signal.SIGKILL)
        pushing.join(timeout=60)

        written = assert_every_candidate_whole()
        assert 5 <= written < len(items), "the worker should have died part-way through the bulk"
        # The client saw a broken connection, never a success.
        assert "error" in outcome and "result" not in outcome

        # gunicorn replaces the worker; re-sending the same bulk is safe and completes it.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if call("GET", base + "/health")[0] == 200:
                break
            time.sleep(0.2)
        status, body, _ = call("POST", base + BULK, key, {"items": items}, timeout=120)
        assert status == 200
        assert body["counts"] == {"created": len(items) - written, "updated": 0, "unchanged": written, "error": 0}
        assert assert_every_candidate_whole() == len(items)


# --- a bulk upload cut off half way --------------------------------------------------------------------


def _send_half_and_close(base: str, key: str, body: bytes) -> None:
    parts = urlsplit(base)
    head = (f"POST {parts.path}{BULK} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.encode() + body[: len(body) // 2])
        time.sleep(0.3)  # the worker is now waiting for the rest of the body
        sock.shutdown(socket.SHUT_RDWR)


def test_bulk_cut_off_half_way_writes_nothing_and_the_full_upload_then_writes_everything(app, database_url):
    key = make_key("Case System A", "integration", "integration")
    items = [bulk_item(i) for i in range(100)]
    body = json.dumps({"items": items}).encode()
    with gunicorn_process(database_url, workers=1, extra_env={"WARM_UP": "0"}) as (base, master):
        before = worker_pids(master)
        _send_half_and_close(base, key, body)
        # One sync worker: this request is served only after the cut-off one was dealt with.
        assert call("GET", base + "/me", key)[0] == 200
        assert stored_count() == 0  # the body never parsed, so no item was written
        assert worker_pids(master) == before  # dealt with, not crashed
        status, result, _ = call("POST", base + BULK, key, {"items": items}, timeout=120)
        assert status == 200 and result["counts"]["created"] == len(items)
    assert assert_every_candidate_whole() == len(items)


# --- PostgreSQL stopped for a few seconds ------------------------------------------------------------


def _flask(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    flask_bin = Path(sys.executable).with_name("flask")
    done = subprocess.run([str(flask_bin), "--app", "wsgi", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=120)
    return done.stdout


def assert_database_unavailable(response) -> None:
    status, body, headers = response
    assert status == 503
    assert body["code"] == 503 and body["status"] == "Service Unavailable"
    assert "database is unavailable" in body["message"]
    assert int(headers["Retry-After"]) >= 1


def test_postgres_outage_answers_503_then_recovers_without_a_restart():
    with throwaway_postgres() as postgres:
        _flask(postgres.url, "db", "upgrade")
        key = _flask(postgres.url, "apikey", "create", "--org", "Coaching A", "--kind", "coaching",
                     "--role", "coach").strip().splitlines()[-1]
        new = {"reference": "before the outage", "education_eqf": 3}
        with gunicorn_process(postgres.url, workers=2, extra_env={"WARM_UP": "0"}) as (base, master):
            workers = sorted(worker_pids(master))
            assert call("POST", base + "/candidates", key, new)[0] == 201
            postgres.stop()
            try:
                for _ in range(3):  # a few seconds of outage, every worker answering
                    status, health, _ = call("GET", base + "/health")
                    assert status == 503
                    assert health["status"] == "degraded" and health["database"]["reachable"] is False
                    assert_database_unavailable(call("GET", base + "/me", key))
                    assert_database_unavailable(call("GET", base + "/candidates", key))
                    assert_database_unavailable(call("POST", base + "/candidates", key,
                                                     {**new, "reference": "during the outage"}))
                    time.sleep(1)
            finally:
                postgres.start()
            deadline = time.monotonic() + 30
            while call("GET", base + "/health")[0] != 200:
                assert time.monotonic() < deadline, "the service did not recover"
                time.sleep(0.2)
            for _ in range(4):  # reach both workers
                assert call("GET", base + "/me", key)[0] == 200
            assert call("POST", base + "/candidates", key, {**new, "reference": "after the outage"})[0] == 201
            status, listing, _ = call("GET", base + "/candidates", key)
            assert status == 200
            assert sorted(c["reference"] for c in listing["items"]) == ["after the outage", "before the outage"]
            assert sorted(worker_pids(master)) == workers  # recovered without restarting a worker
