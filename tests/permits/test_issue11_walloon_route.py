"""Issue 11, item 4: the Walloon shortage route says what the sources do not.

Facts (../shared/domain/belgian-work-permit-rules.md §3.4):
- "12 Sep 2019 – 31 Aug 2020: 7 functions, open only to third-country nationals with EU long-term
  resident status in another member state".
- "Does the long-term-resident restriction still apply after 2019? NOT FOUND."
- "1 Oct 2025 – 30 Sep 2026: new list ... (theimmigrationworld.com ...; low-reliability source, not
  confirmed officially)" — its membership is tested in test_issue11_lists.py.
"""

from __future__ import annotations

import pytest

from .helpers import condition, route, run, shipped_snapshot, shipped_uri

SNAP = shipped_snapshot()


def job(label):
    return {
        "postcode": "5000",
        "occupation_uri": shipped_uri(label),
        "salary": {"amount": 2500, "period": "month"},
        "weekly_hours": 38,
        "full_time_weekly_hours": 38,
        "contract_type": "permanent",
    }


# (label, as_of, EU long-term resident?, condition status, route status)
CASES = [
    ("social worker", "2025-01-01", None, "unknown", "conditional"),
    ("social worker", "2025-01-01", False, "unknown", "conditional"),
    ("social worker", "2025-01-01", True, "met", "eligible"),
    ("chef/cheffe de partie", "2024-01-01", None, "unknown", "conditional"),
    ("chef/cheffe de partie", "2024-01-01", True, "met", "eligible"),
    # low-reliability 2025-26 list: even a resident stays conditional (membership unknown)
    ("industrial installation electricians", "2025-10-01", True, "met", "conditional"),
]


@pytest.mark.parametrize("label,on,resident,status,route_status", CASES)
def test_long_term_resident_restriction_is_unknown_not_ignored(label, on, resident, status, route_status):
    candidate = {"residence_situation": "abroad", "eu_eea_swiss_citizen": False, "eu_long_term_resident": resident}
    result = run(SNAP, job(label), candidate, on)
    cond = condition(result, "shortage_occupation", "eu_long_term_resident")
    assert cond["status"] == status
    assert route(result, "shortage_occupation")["status"] == route_status
    if status == "unknown":
        assert "long-term resident" in cond["detail"]
        assert any("long-term resident" in q for q in route(result, "shortage_occupation")["next_questions"])


@pytest.mark.parametrize("lang,word", [("nl", "langdurig ingezetene"), ("fr", "résident de longue durée")])
def test_the_restriction_sentence_is_translated(lang, word):
    result = run(SNAP, job("social worker"), None, "2025-01-01", lang)
    assert word in condition(result, "shortage_occupation", "eu_long_term_resident")["detail"]


def test_no_other_route_has_the_restriction():
    result = run(SNAP, {**job("social worker"), "postcode": "1000"}, None, "2025-01-01")
    assert condition(result, "shortage_occupation", "eu_long_term_resident") is None
