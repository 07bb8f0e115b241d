"""Real gunicorn, several worker processes, concurrent clients: no 5xx, no lost or doubled writes."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import make_key

from .gunicorn_server import call, gunicorn

pytestmark = pytest.mark.slow


def test_concurrent_reads_and_writes_across_workers(app, database_url):
    admin_key = make_key("Admin Org", "admin", "admin")
    coach_key = make_key("Coaching A", "coaching", "coach")
    with gunicorn(database_url, workers=2) as base:
        def read(_):
            return call("GET", f"{base}/me", coach_key)[0]

        def write(i):
            return call("POST", f"{base}/organisations", admin_key, {"name": f"Org {i:03d}", "kind": "employer"})[0]

        def duplicate(_):
            return call("POST", f"{base}/organisations", admin_key, {"name": "Same name", "kind": "employer"})[0]

        with ThreadPoolExecutor(max_workers=8) as pool:
            reads = list(pool.map(read, range(120)))
            writes = list(pool.map(write, range(60)))
            duplicates = list(pool.map(duplicate, range(16)))

        assert set(reads) == {200}
        assert set(writes) == {201}
        # Racing creates of the same unique name: exactly one wins, the rest get a clean 409.
        assert sorted(duplicates) == [201] + [409] * 15
        status, listing, _ = call("GET", f"{base}/organisations?kind=employer&page_size=100", admin_key)
        assert status == 200 and listing["total"] == 61
        status, health, _ = call("GET", f"{base}/health")
        assert status == 200 and health["status"] == "ok"
