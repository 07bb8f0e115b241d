"""What the HTTP layer hands to `services.matches` and `services.pathways`: the settings of the
application and the functions of modules that have not moved to `services/` yet (issue 14)."""

from __future__ import annotations

import logging
import secrets

from flask import Response, current_app

from services.matches import Collaborators, MatchSettings, wire

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
    """The JSON response of an answer, dumped through `schema` once per answer (the same bytes as
    flask-smorest's `@blp.response` would send; a repeated answer is not dumped again)."""
    data = answer.rendered.get("json")
    if data is None:
        data = answer.rendered.setdefault("json", current_app.json.response(schema().dump(answer.body)).get_data())
    return current_app.response_class(data, mimetype=current_app.json.mimetype)


def _skill_min_confidence() -> float:
    from api.taxonomy.service import SKILL_MIN_CONFIDENCE

    return SKILL_MIN_CONFIDENCE


def wire_services() -> None:
    from api.taxonomy.service import search_skills, vocabulary_version
    from services.normalisation import normalise_occupation
    from services.permits import snapshot, vacancy_permit_facts
    from services.vacancies import get_visible_vacancy

    wire(
        Collaborators(
            vocabulary_version=vocabulary_version,
            permit_snapshot=snapshot,
            vacancy_permit_facts=vacancy_permit_facts,
            visible_vacancy=get_visible_vacancy,
            search_skills=search_skills,
            skill_min_confidence=_skill_min_confidence,
            normalise_occupation=normalise_occupation,
        )
    )
