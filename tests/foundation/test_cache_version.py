"""Cache counters: the per-process caches of every worker rely on never losing an increment."""

from concurrent.futures import ThreadPoolExecutor

from models import db
from models.base import write_transaction
from models.cache_version import CacheVersion


def test_bump_creates_then_increments(db_conn):
    assert CacheVersion.current("things") == 0
    CacheVersion.bump("things")
    CacheVersion.bump("things")
    assert CacheVersion.current("things") == 2


def test_concurrent_bumps_are_all_counted(app):
    def bump_many(_):
        with db.connection_context():
            for _ in range(25):
                with write_transaction():
                    CacheVersion.bump("raced")

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(bump_many, range(4)))
    with db.connection_context():
        assert CacheVersion.current("raced") == 100
