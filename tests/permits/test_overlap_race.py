"""Concurrent admins cannot create overlapping validity periods (both backends).

Each thread is a separate admin request on its own database connection, released at the same
moment by a barrier; without a lock around the overlap check, PostgreSQL's READ COMMITTED lets
several of them see "no clash" and insert.
"""

import threading

from models import db
from models.permit import PermitRule, ShortageList

from .conftest import HQ_2025, LIST

RULES, LISTS = "/api/v1/permit-rules", "/api/v1/shortage-lists"
RACERS = 8


def _race(app, admin, url: str, bodies: list[dict]) -> list[int]:
    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = [0] * len(bodies)

    def post(index: int) -> None:
        client = app.test_client()  # one client (and one database connection) per thread
        barrier.wait(timeout=30)
        statuses[index] = client.post(url, json=bodies[index], headers=admin.headers).status_code

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_racing_rule_creations_leave_no_overlap(app, admin):
    # Open-ended periods starting on different days: every pair overlaps.
    bodies = [{**HQ_2025, "valid_from": f"2030-01-{day:02d}", "valid_to": None} for day in range(1, RACERS + 1)]
    statuses = _race(app, admin, RULES, bodies)
    assert sorted(statuses) == [201] + [409] * (RACERS - 1)
    with db.connection_context():
        assert PermitRule.select().where(PermitRule.route == HQ_2025["route"]).count() == 1


def test_racing_shortage_list_creations_leave_no_overlap(app, admin):
    bodies = [{**LIST, "name": f"Racing list {i}", "valid_from": f"2030-01-{i + 1:02d}"} for i in range(RACERS)]
    statuses = _race(app, admin, LISTS, bodies)
    assert sorted(statuses) == [201] + [409] * (RACERS - 1)
    with db.connection_context():
        assert ShortageList.select().where(ShortageList.status == "in_force").count() == 1
