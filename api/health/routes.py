import functools
import time
from importlib.metadata import PackageNotFoundError, version

import marshmallow as ma
from flask.views import MethodView

from models.base import db, execute_on_live_connection, is_postgres
from models.migrations import available_migrations

from . import blp

try:
    APP_VERSION = version("knelpunt")
except PackageNotFoundError:  # running from a checkout that was not pip-installed
    APP_VERSION = "dev"


class HealthSchema(ma.Schema):
    status = ma.fields.Str(metadata={"description": "`ok` or `degraded`."})
    database = ma.fields.Dict(metadata={"description": "Backend, reachability, latency, schema state."})
    version = ma.fields.Str()


@functools.cache
def _available_versions() -> frozenset[int]:
    """The migrations this code knows (fixed for the life of the process: a deploy restarts it)."""
    return frozenset(v for v, _, _ in available_migrations())


def _applied_versions() -> set[int]:
    """The applied migrations, in one round trip that also proves the database answers.

    Raises when the database is unreachable; a database never migrated (no table) answers with no
    version, checked with a second statement only in that case."""
    try:
        return {row[0] for row in execute_on_live_connection("SELECT version FROM schema_migration").fetchall()}
    except Exception:
        db.execute_sql("SELECT 1").fetchone()  # raises again when the database itself is unreachable
        return set()


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database is unreachable.")
    def get(self):
        """Report service and database status"""
        known = _available_versions()
        database = {"backend": "postgresql" if is_postgres() else "sqlite"}
        started = time.perf_counter()
        try:
            pending = known - _applied_versions()
            database.update(reachable=True, latency_ms=round((time.perf_counter() - started) * 1000, 2),
                            schema_up_to_date=not pending)
            status, code = ("ok" if not pending else "degraded"), 200 if not pending else 503
        except Exception:  # any driver error means the database is not usable
            database.update(reachable=False)
            status, code = "degraded", 503
        return {"status": status, "database": database, "version": APP_VERSION}, code
