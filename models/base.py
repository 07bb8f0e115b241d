"""Database handle and base model shared by every table.

The database is a proxy so that the application factory, the CLI and the tests can bind it to a
SQLite file or a PostgreSQL server at run time (`DATABASE_URL`).
"""

from __future__ import annotations

import datetime as dt

from peewee import SQL, AutoField, DatabaseProxy, InterfaceError, Model, NodeList, OperationalError, PostgresqlDatabase
from playhouse.db_url import connect

db = DatabaseProxy()

# SQLite runs in WAL mode so readers never block the writer, waits instead of failing when another
# gunicorn worker holds the write lock, and enforces foreign keys (off by default in SQLite).
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "busy_timeout": 10_000,
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -32_000,
}

MODEL_REGISTRY: list[type[Model]] = []


def utcnow() -> dt.datetime:
    """Naive UTC timestamp: both SQLite and PostgreSQL store it without surprises."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class NeverReusedAutoField(AutoField):
    """An id that is never given again after its row is deleted.

    SQLite's plain INTEGER PRIMARY KEY hands out max(id) + 1, so deleting the newest row frees its
    id for the next insert: audit records, ETags, bookmarks and employers' opaque references would
    then point at another person. AUTOINCREMENT keeps the high-water mark in sqlite_sequence.
    PostgreSQL's SERIAL sequences never go back, so nothing is added there.
    """

    def ddl(self, ctx):
        node = super().ddl(ctx)
        return node if is_postgres() else NodeList((node, SQL("AUTOINCREMENT")))


class BaseModel(Model):
    """Every table inherits this; subclasses register themselves for schema management."""

    class Meta:
        database = db
        legacy_table_names = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        MODEL_REGISTRY.append(cls)


def open_database(url: str):
    """Build a peewee database from a URL (`sqlite:///path`, `postgresql://user:pw@host/db`)."""
    if url.startswith("sqlite"):
        return connect(url, pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    return connect(url)


def bind_database(url: str):
    """Bind the shared proxy to the database at `url` and return the real database object."""
    database = open_database(url)
    db.initialize(database)
    return database


def connection_reusable() -> bool:
    """Whether this thread's open connection may serve the next request: no transaction left
    open, and the driver does not report it closed (psycopg2 does once the server went away)."""
    if db.is_closed():
        return True
    return not db.in_transaction() and not getattr(db.connection(), "closed", 0)


def discard_connection() -> None:
    """Close this thread's connection, whatever state it is in (a transaction left open is rolled
    back by closing; a connection the server dropped closes without complaint)."""
    if db.is_closed():
        return
    connection = db.connection()
    db.dispose()  # forget the connection and any transaction bookkeeping of this thread
    try:
        connection.close()
    except Exception:  # noqa: BLE001 (already broken: nothing left to release)
        pass


def execute_on_live_connection(sql: str, params=None):
    """Execute a read-only statement that starts a request. A connection kept from an earlier
    request may have been dropped by the server meanwhile (a restart): then it is reopened once and
    the statement retried, so that the client never sees the stale connection. Any other failure
    (and a failure of the fresh connection) propagates."""
    try:
        return db.execute_sql(sql, params)
    except (OperationalError, InterfaceError):
        if db.in_transaction() or connection_reusable():
            raise
    discard_connection()
    return db.execute_sql(sql, params)


def is_postgres() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)


def write_transaction():
    """A transaction for a read-then-write unit of work.

    On SQLite it starts with BEGIN IMMEDIATE: a deferred transaction that read first cannot
    upgrade to a writer once another connection has committed (WAL snapshot), and fails at once
    with "database is locked" instead of waiting for the busy timeout. Nested calls are
    savepoints, as with atomic(). PostgreSQL needs nothing special.
    """
    if not is_postgres() and not db.in_transaction():
        return db.atomic("IMMEDIATE")
    return db.atomic()
