"""Configuration, read from the environment in one place with safe defaults."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def _json(name: str):
    value = os.environ.get(name)
    return json.loads(value) if value else None


def instance_secret(folder: Path) -> str:
    """A secret kept in `instance/secret_key`, created once, so that every gunicorn worker and every
    restart derive the same opaque references (e.g. anonymised candidates shown to employers)."""
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


class Config:
    DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'instance' / 'knelpunt.sqlite3'}"
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    # Bulk uploads of 1,000 items fit comfortably in 10 MiB; anything larger is refused with 413.
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 10 * 1024 * 1024)
    RATE_LIMIT_PER_MINUTE = _int("RATE_LIMIT_PER_MINUTE", 3000)  # per key; 0 = off (api/rate_limit.py)
    # Where the counters live: per worker process by default; a shared store (redis://host:6379/0)
    # makes the limit hold across workers and hosts.
    RATE_LIMIT_STORAGE_URI = os.environ.get("RATE_LIMIT_STORAGE_URI") or "memory://"
    AUDIT_RETENTION_DAYS = _int("AUDIT_RETENTION_DAYS", 183)
    # Keys opaque references; when unset, a secret is created once in instance/secret_key.
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR") or BASE_DIR / "instance")
    # Matching: component weights as JSON (see docs/matching.md) and the match-event feed thresholds.
    MATCH_WEIGHTS = _json("MATCH_WEIGHTS")
    MATCH_EVENT_THRESHOLD = _float("MATCH_EVENT_THRESHOLD", 60.0)
    MATCH_EVENT_MIN_CHANGE = _float("MATCH_EVENT_MIN_CHANGE", 5.0)
    MATCH_EVENT_MAX_PER_CANDIDATE = _int("MATCH_EVENT_MAX_PER_CANDIDATE", 50)

    API_TITLE = "Knelpunt API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    # Swagger UI is served from the installed swagger-ui-bundle package (api.register_docs_assets),
    # never from a CDN, so the documentation works offline and loads no third-party script. There is
    # no ReDoc page: no Python package ships its script.
    OPENAPI_SWAGGER_UI_PATH = "/docs"
    API_SPEC_OPTIONS = {
        "info": {
            "description": (
                "Matches migrants' skills profiles to Belgian shortage-occupation vacancies and "
                "flags which matches could support a single-permit application. Authenticate with "
                "`Authorization: Bearer <key>`."
            ),
        },
    }
    JSON_SORT_KEYS = False
