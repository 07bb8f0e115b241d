"""Configuration, read from the environment in one place with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Config:
    DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'instance' / 'knelpunt.sqlite3'}"
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    # Bulk uploads of 1,000 items fit comfortably in 10 MiB; anything larger is refused with 413.
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 10 * 1024 * 1024)
    RATE_LIMIT_PER_MINUTE = _int("RATE_LIMIT_PER_MINUTE", 3000)  # per key and worker; 0 = off
    AUDIT_RETENTION_DAYS = _int("AUDIT_RETENTION_DAYS", 183)

    API_TITLE = "Knelpunt API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "/docs"
    OPENAPI_SWAGGER_UI_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist/"
    OPENAPI_REDOC_PATH = "/redoc"
    OPENAPI_REDOC_URL = "https://cdn.jsdelivr.net/npm/redoc@next/bundles/redoc.standalone.js"
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
