import pytest

from models import db
from services import permits as service

OCC = "http://data.europa.eu/esco/occupation/"
BRICKLAYER = OCC + "05f321f8-055b-407d-bf19-e0ddabda56b7"
COOK = OCC + "90f75f67-495d-49fa-ab57-2f320e251d7e"
SRC = "https://example.org/source"

HQ_2025 = {
    "authority": "flanders",
    "route": "highly_qualified",
    "valid_from": "2025-01-01",
    "valid_to": "2025-12-31",
    "threshold_amount": 48912,
    "threshold_unit": "annual_gross",
    "threshold_status": "known",
    "reduced_threshold_amount": 39129.60,
    "reduced_for": "under_30,nurse,teacher",
    "monthly_divisor": 13.92,
    "min_eqf": 5,
    "source_urls": SRC,
}
MEDIUM = {
    "authority": "flanders",
    "route": "medium_skilled_shortage",
    "valid_from": "2024-05-01",
    "min_eqf": 3,
    "experience_can_replace_diploma": True,
    "min_pay_category": "skilled",
    "employer_in_belgium_required": True,
    "requires_list_purpose": "medium_skilled",
    "min_working_time_fraction": 0.8,
    "source_urls": SRC,
}
LIST = {
    "authority": "flanders",
    "name": "Migratielijst test",
    "purpose": "medium_skilled",
    "status": "in_force",
    "valid_from": "2023-09-01",
    "completeness": "partial",
    "source_url": SRC,
}


@pytest.fixture
def reference(app):
    """A small set of Flemish rules and a partial list containing the bricklayer (built via the service)."""
    with db.connection_context():
        hq = service.create_rule(HQ_2025)
        medium = service.create_rule(MEDIUM)
        lst = service.create_shortage_list(LIST)
        entry = service.create_entry(
            lst.id,
            {
                "official_label": "metselaar",
                "label_language": "nl",
                "esco_uris": [BRICKLAYER],
                "mapping_confidence": "exact",
            },
        )
    return {"hq": hq.id, "medium": medium.id, "list": lst.id, "entry": entry.id}
