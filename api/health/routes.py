import time
from importlib.metadata import PackageNotFoundError, version

import marshmallow as ma
from flask.views import MethodView

from models.base import db, is_postgres
from models.migrations import applied_versions, available_migrations

from . import blp

try:
    APP_VERSION = version("knelpunt")
except PackageNotFoundError:  # running from a checkout that was not pip-installed
    APP_VERSION = "dev"


class HealthSchema(ma.Schema):
    status = ma.fields.Str(metadata={"description": "`ok` or `degraded`."})
    database = ma.fields.Dict(metadata={"description": "Backend, reachability, latency, schema state."})
    version = ma.fields.Str()


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database is unreachable.")
    def get(self):
        """Report service and database status"""
        started = time.perf_counter()
        database = {"backend": "postgresql" if is_postgres() else "sqlite"}
        try:
            db.execute_sql("SELECT 1").fetchone()
            pending = {v for v, _, _ in available_migrations()} - applied_versions()
            database.update(reachable=True, latency_ms=round((time.perf_counter() - started) * 1000, 2),
                            schema_up_to_date=not pending)
            status, code = ("ok" if not pending else "degraded"), 200 if not pending else 503
        except Exception:  # any driver error means the database is not usable
            database.update(reachable=False)
            status, code = "degraded", 503
        return {"status": status, "database": database, "version": APP_VERSION}, code
