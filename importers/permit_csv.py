"""Permit reference data as CSV files (the format of seed_data/permits and seed_data/labour_market).

`import_csv` validates the three files and upserts them all or nothing; `export_csv` writes what is
loaded. The seed loaders and `flask permits import|export` call these functions.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from models.base import utcnow, write_transaction
from models.cache_version import CacheVersion
from models.errors import ConflictError, ValidationFailed
from models.permit import PermitRule, ShortageList, ShortageListEntry

from .permit_rows import (
    ENTRY_COLUMNS,
    LIST_COLUMNS,
    OPTIONAL_ENTRY_COLUMNS,
    OPTIONAL_LIST_COLUMNS,
    OPTIONAL_RULE_COLUMNS,
    RULE_COLUMNS,
    check_list_overlap,
    check_rule_overlap,
    clean_entry,
    clean_list,
    clean_rule,
)

CACHE_NAME = "permit_reference"  # the cache counter every write of permit reference data bumps
RULES_FILE, LISTS_FILE, ENTRIES_FILE = "permit_rules.csv", "shortage_lists.csv", "shortage_list_entries.csv"


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def export_csv(directory: str | Path) -> list[str]:
    """Write the three CSV files; return lines to print."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    lists = {lst.id: lst for lst in ShortageList.select().order_by(ShortageList.id)}
    tables = {
        RULES_FILE: (
            RULE_COLUMNS,
            [
                [_csv_value(getattr(r, c)) for c in RULE_COLUMNS]
                for r in PermitRule.select().order_by(
                    PermitRule.authority, PermitRule.route, PermitRule.valid_from
                )
            ],
        ),
        LISTS_FILE: (
            LIST_COLUMNS,
            [[_csv_value(getattr(lst, c)) for c in LIST_COLUMNS] for lst in lists.values()],
        ),
        ENTRIES_FILE: (
            ENTRY_COLUMNS,
            [
                [lists[e.shortage_list_id].name] + [_csv_value(getattr(e, c)) for c in ENTRY_COLUMNS[1:]]
                for e in ShortageListEntry.select().order_by(
                    ShortageListEntry.shortage_list, ShortageListEntry.id
                )
            ],
        ),
    }
    lines = []
    for name, (columns, rows) in tables.items():
        with open(directory / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(rows)
        lines.append(f"wrote {len(rows)} rows to {directory / name}")
    return lines


def _read_csv(path: Path, columns: tuple[str, ...], required: bool, optional=frozenset()) -> list[dict]:
    if not path.exists():
        if required:
            raise ValidationFailed(f"{path.name} is missing in {path.parent}.", errors={"file": [str(path)]})
        return []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or []) and c not in optional]
        if missing:
            raise ValidationFailed(
                f"{path.name}: missing columns {', '.join(missing)}.",
                errors={path.name: [f"missing column {c}" for c in missing]},
            )
        return list(reader)


def _prefixed(exc: ValidationFailed, where: str) -> ValidationFailed:
    return ValidationFailed(f"{where}: {exc.message}", errors={where: exc.errors or {}})


def _given(data: dict, row: dict, optional: frozenset) -> dict:
    """`data` without the optional columns the file does not have: an update then keeps what the
    row has (e.g. an entry's dates), and a new row gets the model's defaults."""
    return {c: v for c, v in data.items() if c in row or c not in optional}


def _cleaned(raw_rows: list[dict], clean, optional: frozenset, file_name: str) -> list[tuple[dict, dict, int]]:
    """(typed data, raw row, line number) of every row, or the first row's error with its line."""
    out = []
    for number, row in enumerate(raw_rows, start=2):
        try:
            out.append((_given(clean(row), row, optional), row, number))
        except ValidationFailed as exc:
            raise _prefixed(exc, f"{file_name} line {number}") from exc
    return out


class _Run:
    """One import: the counts, the skipped rows and whether anything changed."""

    def __init__(self, update_existing: bool, skip_conflicts: bool):
        self.update_existing, self.skip_conflicts = update_existing, skip_conflicts
        self.skipped: list[str] = []
        self.counts = dict.fromkeys(
            ("rules created", "rules updated", "lists created", "lists updated", "entries created", "entries updated"),
            0,
        )
        self.changed = False

    def count(self, what: str) -> None:
        self.counts[what] += 1
        self.changed = True

    def clashes(self, check, data: dict, existing, skipped_line) -> bool:
        """Run an overlap check: False when clear, True when skipped (seed mode), else raise."""
        try:
            check(data, exclude_id=existing.id if existing else None)
        except ConflictError as exc:
            if not self.skip_conflicts:
                raise
            self.skipped.append(f"{skipped_line}: {exc.message}")
            return True
        return False


def _import_rules(run: _Run, rules: list[dict]) -> None:
    keyed = [
        (
            PermitRule.get_or_none(
                (PermitRule.authority == data["authority"])
                & (PermitRule.route == data["route"])
                & (PermitRule.valid_from == data["valid_from"])
            ),
            data,
        )
        for data in rules
    ]
    # Updates first: closing last year's rule (valid_to) must happen before next year's is added.
    keyed.sort(key=lambda pair: pair[0] is None)
    for existing, data in keyed:
        if existing is not None and not run.update_existing:
            continue
        where = f"skipped rule {data['authority']}/{data['route']} from {data['valid_from']}"
        if run.clashes(check_rule_overlap, data, existing, where):
            continue
        if existing is None:
            PermitRule.create(**data)
            run.count("rules created")
        elif any(getattr(existing, c) != v for c, v in data.items()):
            PermitRule.update(**data, updated_at=utcnow()).where(PermitRule.id == existing.id).execute()
            run.count("rules updated")


def _import_lists(run: _Run, lists: list[dict]) -> dict:
    """{list name: id, or None when the list was skipped}."""
    list_ids = {}
    for data in lists:
        existing = ShortageList.get_or_none(ShortageList.name == data["name"])
        if existing is not None and not run.update_existing:
            list_ids[data["name"]] = existing.id
            continue
        if run.clashes(check_list_overlap, data, existing, f"skipped list '{data['name']}' and its entries"):
            list_ids[data["name"]] = None
            continue
        if existing is None:
            list_ids[data["name"]] = ShortageList.create(**data).id
            run.count("lists created")
        else:
            list_ids[data["name"]] = existing.id
            if any(getattr(existing, c) != v for c, v in data.items()):
                ShortageList.update(**data, updated_at=utcnow()).where(ShortageList.id == existing.id).execute()
                run.count("lists updated")
    return list_ids


def _list_id(list_ids: dict, list_name: str, number: int) -> int:
    list_id = list_ids.get(list_name)
    if list_id is None:
        found = ShortageList.get_or_none(ShortageList.name == list_name)
        if found is None:
            raise ValidationFailed(
                f"{ENTRIES_FILE} line {number}: unknown list '{list_name}'.",
                errors={f"{ENTRIES_FILE} line {number}": {"list_name": ["Unknown list."]}},
            )
        list_id = list_ids[list_name] = found.id
    return list_id


def _import_entries(run: _Run, entries: list[tuple[dict, dict, int]], list_ids: dict) -> None:
    for data, row, number in entries:
        list_name = row.get("list_name", "").strip()
        if list_name in list_ids and list_ids[list_name] is None:
            continue  # its list was skipped
        list_id = _list_id(list_ids, list_name, number)
        existing = ShortageListEntry.get_or_none(
            (ShortageListEntry.shortage_list == list_id)
            & (ShortageListEntry.official_label == data["official_label"])
        )
        if existing is not None and not run.update_existing:
            continue
        if existing is None:
            ShortageListEntry.create(shortage_list=list_id, **data)
            run.count("entries created")
        elif {c: getattr(existing, c) for c in data} != data:
            ShortageListEntry.update(**data).where(ShortageListEntry.id == existing.id).execute()
            run.count("entries updated")


def import_csv(
    directory: str | Path, update_existing: bool = True, skip_conflicts: bool = False
) -> list[str]:
    """Validate and upsert the CSV files in `directory`, all or nothing. Natural keys: rules by
    (authority, route, valid_from), lists by name, entries by (list name, official_label).

    The seed loader passes `update_existing=False, skip_conflicts=True`: it only adds what is
    missing and never undoes an administrator's edits (a retired rule stays retired); rows that
    would clash with an administrator's rows are skipped and reported."""
    directory = Path(directory)
    # Columns added later (OPTIONAL_COLUMNS) may be missing: older files still import, with defaults.
    raw_rules = _read_csv(directory / RULES_FILE, RULE_COLUMNS, False, OPTIONAL_RULE_COLUMNS)
    raw_lists = _read_csv(directory / LISTS_FILE, LIST_COLUMNS, False, OPTIONAL_LIST_COLUMNS)
    raw_entries = _read_csv(directory / ENTRIES_FILE, ENTRY_COLUMNS, False, OPTIONAL_ENTRY_COLUMNS)
    if not (raw_rules or raw_lists or raw_entries):
        raise ValidationFailed(
            f"No permit reference data found in {directory} "
            f"(expected {RULES_FILE}, {LISTS_FILE}, {ENTRIES_FILE})."
        )
    rules = [data for data, _, _ in _cleaned(raw_rules, clean_rule, OPTIONAL_RULE_COLUMNS, RULES_FILE)]
    lists = [data for data, _, _ in _cleaned(raw_lists, clean_list, OPTIONAL_LIST_COLUMNS, LISTS_FILE)]
    entries = _cleaned(raw_entries, clean_entry, OPTIONAL_ENTRY_COLUMNS, ENTRIES_FILE)
    run = _Run(update_existing, skip_conflicts)
    with write_transaction():
        _import_rules(run, rules)
        _import_entries(run, entries, _import_lists(run, lists))
        if run.changed:
            CacheVersion.bump(CACHE_NAME)
    summary = f"permit reference data from {directory}: " + ", ".join(f"{v} {k}" for k, v in run.counts.items())
    return [summary] + run.skipped
