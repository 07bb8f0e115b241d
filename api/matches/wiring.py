"""What the HTTP layer hands to `services.matches` and `services.pathways`: the settings of the
application, and the rendering of a kept answer."""

from __future__ import annotations

import logging
import secrets

from flask import Response, current_app

from api.answers import dumped, json_response
from services.matches import MatchSettings

log = logging.getLogger(__name__)


def match_settings() -> MatchSettings:
    """The match settings of the running application (weights, feed thresholds, reference key)."""
    config = current_app.config
    return MatchSettings.from_mapping(config, _reference_secret(config))


def _reference_secret(config) -> bytes:
    secret = config.get("MATCH_REFERENCE_SECRET") or config.get("SECRET_KEY")
    if not secret:
        secret = config.setdefault("_MATCH_REFERENCE_FALLBACK", secrets.token_hex(32))
        log.warning("no SECRET_KEY configured: employer match references change when the process restarts")
    return secret.encode() if isinstance(secret, str) else secret


def rendered(answer, schema) -> Response:
    """The JSON response of an answer, dumped through `schema` once per answer (a repeated answer is
    not dumped again)."""
    data = answer.rendered.get("json")
    if data is None:
        data = answer.rendered.setdefault("json", dumped(schema(), answer.body))
    return json_response(data)
