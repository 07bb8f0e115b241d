"""Shared fixtures: a real database (a SQLite file, or PostgreSQL via TEST_DATABASE_URL), the
Flask test client, and API keys for each role.

The schema is migrated once per session; every test starts from empty tables and empty
per-process caches.
"""

from __future__ import annotations

import os

import pytest

from api import create_app
from models import ALL_MODELS, db, is_postgres
from models.migrations import SchemaMigration, apply_migrations
from models.organisation import ApiKey, Organisation
from services.cache import clear_all as clear_caches

pytest_plugins = ["tests.vocab_fixture"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def _reset_schema():
    """Start the session from an empty database (PostgreSQL keeps state between runs)."""
    if is_postgres():
        db.execute_sql("DROP SCHEMA public CASCADE")
        db.execute_sql("CREATE SCHEMA public")
    else:
        db.drop_tables([SchemaMigration] + ALL_MODELS, safe=True)


def _empty_tables():
    tables = [m._meta.table_name for m in ALL_MODELS]
    if is_postgres():
        db.execute_sql("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
    else:
        db.execute_sql("PRAGMA foreign_keys = OFF")
        for table in tables:
            db.execute_sql(f'DELETE FROM "{table}"')
        db.execute_sql("DELETE FROM sqlite_sequence") if db.table_exists("sqlite_sequence") else None
        db.execute_sql("PRAGMA foreign_keys = ON")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return TEST_DATABASE_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(database_url):
    application = create_app({"TESTING": True, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING",
                              "SECRET_KEY": "test-secret-not-for-production"})
    with db.connection_context():
        _reset_schema()
        apply_migrations()
    yield application
    if not db.is_closed():
        db.close()


@pytest.fixture(autouse=True)
def _clean_state(request):
    """Empty every table and cache before each test that uses the database."""
    if "app" not in request.fixturenames and "client" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("app")
    with db.connection_context():
        _empty_tables()
    clear_caches()
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db_conn(app):
    with db.connection_context():
        yield db


def make_key(org_name: str, kind: str, role: str) -> str:
    with db.connection_context():
        organisation, _ = Organisation.get_or_create(name=org_name, defaults={"kind": kind})
        _, secret = ApiKey.issue(organisation, role)
    return secret


class Caller:
    """A test client bound to one API key: `coach.get(url)` sends the bearer header."""

    def __init__(self, client, secret: str, organisation: str):
        self.client, self.secret, self.organisation = client, secret, organisation
        self.headers = {"Authorization": f"Bearer {secret}"}

    def _call(self, method, url, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return getattr(self.client, method)(url, headers=headers, **kwargs)

    def get(self, url, **kw):
        return self._call("get", url, **kw)

    def post(self, url, **kw):
        return self._call("post", url, **kw)

    def put(self, url, **kw):
        return self._call("put", url, **kw)

    def patch(self, url, **kw):
        return self._call("patch", url, **kw)

    def delete(self, url, **kw):
        return self._call("delete", url, **kw)


@pytest.fixture
def admin(client):
    return Caller(client, make_key("Admin Org", "admin", "admin"), "Admin Org")


@pytest.fixture
def coach(client):
    return Caller(client, make_key("Coaching A", "coaching", "coach"), "Coaching A")


@pytest.fixture
def other_coach(client):
    return Caller(client, make_key("Coaching B", "coaching", "coach"), "Coaching B")


@pytest.fixture
def employer(client):
    return Caller(client, make_key("Employer A", "employer", "employer"), "Employer A")


@pytest.fixture
def other_employer(client):
    return Caller(client, make_key("Employer B", "employer", "employer"), "Employer B")


@pytest.fixture
def integration(client):
    return Caller(client, make_key("Case System A", "integration", "integration"), "Case System A")
