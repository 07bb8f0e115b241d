"""Serialise the validity-overlap check of permit rules and shortage lists between transactions.

The check is read-then-insert. On SQLite the writer's BEGIN IMMEDIATE (`write_transaction`)
already lets one writer at a time through. On PostgreSQL, READ COMMITTED lets two concurrent
admins both see "no clash" and both insert, so the check first takes a transaction-level advisory
lock on the scope being checked (authority and route, or authority and purpose). The lock is
released at commit or rollback; the query that follows it sees every row committed before it.
"""

from __future__ import annotations

from models.base import db, is_postgres

# First half of the two-int advisory lock key: keeps these locks apart from any other user's.
LOCK_NAMESPACE = 0x4B_50_56_4C  # "KPVL"


def lock_validity_scope(*scope: str) -> None:
    """Block until no other transaction is checking the same scope; call inside a transaction."""
    if not is_postgres():
        return
    if not db.in_transaction():  # a session-level lock would outlive the check: refuse to guess
        raise RuntimeError("lock_validity_scope() must run inside a transaction")
    db.execute_sql("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (LOCK_NAMESPACE, "/".join(scope)))
