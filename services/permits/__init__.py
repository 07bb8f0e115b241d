"""Permit assessment and its reference data (rules, shortage lists): the application layer, no flask.

Other modules call `assess`, `assess_vacancy`, `permit_summaries` and `shortage_lists_for`
(contract in docs/architecture.md); the admin views call the reference-data functions; the CSV
import and export are `importers.permit_csv`.
"""

from importers.permit_csv import export_csv, import_csv

from .assessments import (
    assess,
    assess_request,
    assess_vacancy,
    candidate_permit_facts,
    occupation_isco,
    permit_summaries,
    region_of,
    shortage_lists_for,
    vacancy_permit_facts,
)
from .reference import (
    create_entry,
    create_rule,
    create_shortage_list,
    delete_entry,
    entry_counts,
    get_entry,
    get_rule,
    get_shortage_list,
    list_entries,
    list_rules,
    list_shortage_lists,
    retire_rule,
    retire_shortage_list,
    serialise_entry,
    serialise_lists,
    update_entry,
    update_rule,
    update_shortage_list,
)
from .snapshot import CACHE_NAME, build_snapshot, snapshot

__all__ = [
    "CACHE_NAME", "assess", "assess_request", "assess_vacancy", "build_snapshot", "candidate_permit_facts",
    "create_entry", "create_rule", "create_shortage_list", "delete_entry", "entry_counts", "export_csv",
    "get_entry", "get_rule", "get_shortage_list", "import_csv", "list_entries", "list_rules",
    "list_shortage_lists", "occupation_isco", "permit_summaries", "region_of", "retire_rule",
    "retire_shortage_list", "serialise_entry", "serialise_lists", "shortage_lists_for", "snapshot",
    "update_entry", "update_rule", "update_shortage_list", "vacancy_permit_facts",
]
