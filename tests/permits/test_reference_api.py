"""Admin endpoints for permit rules and shortage lists, the CSV CLI and the shipped seed data."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from models import db
from models.permit import PermitRule, ShortageList, ShortageListEntry

from .conftest import BRICKLAYER, HQ_2025, LIST
from .helpers import read_rows

RULES, LISTS = "/api/v1/permit-rules", "/api/v1/shortage-lists"
HQ_2026 = {
    **HQ_2025,
    "valid_from": "2026-01-01",
    "valid_to": None,
    "threshold_status": "carried_forward",
    "note": "2025 amount stays until Statbel publishes",
}


# --- rules --------------------------------------------------------------------------------------------


def test_admin_creates_reads_and_lists_rules(admin, coach):
    created = admin.post(RULES, json=HQ_2025)
    assert created.status_code == 201, created.get_json()
    rule = created.get_json()
    assert (rule["authority"], rule["route"], rule["valid_from"], rule["threshold_amount"]) == (
        "flanders",
        "highly_qualified",
        "2025-01-01",
        48912,
    )
    assert coach.get(f"{RULES}/{rule['id']}").get_json()["reduced_for"] == "under_30,nurse,teacher"
    admin.post(RULES, json=HQ_2026)
    admin.post(RULES, json={**HQ_2025, "authority": "wallonia", "valid_to": None})
    page = coach.get(f"{RULES}?authority=flanders&page_size=1").get_json()
    assert (page["total"], page["total_pages"], len(page["items"])) == (2, 2, 1)
    assert page["items"][0]["valid_from"] == "2025-01-01"
    second = coach.get(f"{RULES}?authority=flanders&page_size=1&page=2").get_json()
    assert second["items"][0]["valid_from"] == "2026-01-01"
    in_force = coach.get(f"{RULES}?as_of=2026-03-01&authority=flanders").get_json()
    assert [r["valid_from"] for r in in_force["items"]] == ["2026-01-01"]


@pytest.mark.parametrize("caller", ["coach", "employer", "integration"])
def test_only_admins_write_rules(request, caller):
    assert request.getfixturevalue(caller).post(RULES, json=HQ_2025).status_code == 403


def test_overlapping_rule_is_refused_naming_the_clashing_row(admin):
    first = admin.post(RULES, json={**HQ_2025, "valid_to": None}).get_json()
    clash = admin.post(RULES, json=HQ_2026)
    assert clash.status_code == 409
    body = clash.get_json()
    assert f"rule {first['id']}" in body["message"] and "2025-01-01" in body["message"]
    # A different route or authority does not clash.
    assert admin.post(RULES, json={**HQ_2026, "route": "executive"}).status_code == 201
    # Retire the first one; the next period can then be added.
    retired = admin.post(f"{RULES}/{first['id']}/retire", json={"valid_to": "2025-12-31"})
    assert retired.status_code == 200 and retired.get_json()["valid_to"] == "2025-12-31"
    assert admin.post(RULES, json=HQ_2026).status_code == 201


def test_update_refuses_overlap_and_validates(admin):
    a = admin.post(RULES, json=HQ_2025).get_json()
    b = admin.post(RULES, json=HQ_2026).get_json()
    assert admin.patch(f"{RULES}/{b['id']}", json={"valid_from": "2025-06-01"}).status_code == 409
    changed = admin.patch(f"{RULES}/{a['id']}", json={"threshold_amount": 48913, "note": "corrected"})
    assert changed.status_code == 200 and changed.get_json()["threshold_amount"] == 48913
    bad = admin.patch(f"{RULES}/{a['id']}", json={"threshold_status": "conflict"})
    assert bad.status_code == 422 and "threshold_alt_amount" in bad.get_json()["errors"]
    assert admin.patch(f"{RULES}/{a['id']}", json={}).status_code == 422
    assert admin.post(f"{RULES}/{a['id']}/retire", json={"valid_to": "2024-12-31"}).status_code == 422


@pytest.mark.parametrize(
    "change,field",
    [
        ({"threshold_amount": None}, "threshold_amount"),
        ({"source_urls": ""}, "source_urls"),
        ({"valid_to": "2024-01-01"}, "valid_to"),
        ({"reduced_for": "children"}, "reduced_for"),
        ({"route": "golden_visa"}, "route"),
        ({"valid_from": None}, "valid_from"),
    ],
)
def test_invalid_rules_are_422(admin, change, field):
    response = admin.post(RULES, json={**HQ_2025, **change})
    assert response.status_code == 422
    assert field in str(response.get_json().get("errors"))


def test_missing_rule_is_404(coach, admin):
    assert coach.get(f"{RULES}/4242").status_code == 404
    assert admin.patch(f"{RULES}/4242", json={"note": "x"}).status_code == 404


# --- shortage lists -------------------------------------------------------------------------------------


def test_shortage_list_crud_with_entries(admin, coach):
    created = admin.post(LISTS, json=LIST)
    assert created.status_code == 201, created.get_json()
    list_id = created.get_json()["id"]
    entry = admin.post(
        f"{LISTS}/{list_id}/entries",
        json={
            "official_label": "metselaar",
            "label_language": "nl",
            "esco_uris": [BRICKLAYER],
            "esco_preferred_labels_en": ["bricklayer"],
            "isco08_code": "7112",
            "mapping_confidence": "exact",
        },
    )
    assert entry.status_code == 201, entry.get_json()
    entry_id = entry.get_json()["id"]
    assert coach.get(f"{LISTS}/{list_id}").get_json()["entry_count"] == 1
    entries = coach.get(f"{LISTS}/{list_id}/entries").get_json()
    assert entries["total"] == 1 and entries["items"][0]["esco_uris"] == [BRICKLAYER]
    patched = admin.patch(f"{LISTS}/{list_id}/entries/{entry_id}", json={"mapping_confidence": "close"})
    assert patched.get_json()["mapping_confidence"] == "close"
    assert (
        admin.post(
            f"{LISTS}/{list_id}/entries", json={"official_label": "metselaar", "label_language": "nl"}
        ).status_code
        == 409
    )
    bad_uri = admin.post(
        f"{LISTS}/{list_id}/entries",
        json={"official_label": "x", "label_language": "nl", "esco_uris": ["http://example.org/nope"]},
    )
    assert bad_uri.status_code == 422
    assert (
        coach.post(
            f"{LISTS}/{list_id}/entries", json={"official_label": "y", "label_language": "nl"}
        ).status_code
        == 403
    )
    assert admin.delete(f"{LISTS}/{list_id}/entries/{entry_id}").status_code == 204
    assert coach.get(f"{LISTS}/{list_id}/entries/{entry_id}").status_code == 404
    listed = coach.get(f"{LISTS}?authority=flanders&as_of=2025-01-01").get_json()
    assert [item["name"] for item in listed["items"]] == [LIST["name"]]


def test_shortage_list_overlap_and_drafts(admin):
    first = admin.post(LISTS, json=LIST).get_json()
    clash = admin.post(LISTS, json={**LIST, "name": "Next list", "valid_from": "2025-10-01"})
    assert clash.status_code == 409 and f"list {first['id']}" in clash.get_json()["message"]
    draft = admin.post(LISTS, json={**LIST, "name": "Draft list", "status": "draft", "valid_from": None})
    assert draft.status_code == 201
    no_date = admin.post(LISTS, json={**LIST, "name": "Undated", "valid_from": None})
    assert no_date.status_code == 422
    assert admin.post(LISTS, json=LIST).status_code == 409  # same name
    assert admin.post(f"{LISTS}/{first['id']}/retire", json={"valid_to": "2025-09-30"}).status_code == 200
    assert (
        admin.post(LISTS, json={**LIST, "name": "Next list", "valid_from": "2025-10-01"}).status_code == 201
    )
    # Promoting the draft into an occupied period clashes too.
    promote = admin.patch(
        f"{LISTS}/{draft.get_json()['id']}", json={"status": "in_force", "valid_from": "2026-01-01"}
    )
    assert promote.status_code == 409


# --- CSV import / export ----------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


def _counts():
    with db.connection_context():
        return PermitRule.select().count(), ShortageList.select().count(), ShortageListEntry.select().count()


def test_cli_export_import_round_trip(app, admin, reference, tmp_path):
    runner = app.test_cli_runner()
    out = runner.invoke(args=["permits", "export", str(tmp_path / "a")])
    assert out.exit_code == 0, out.output
    rules = _rows(tmp_path / "a" / "permit_rules.csv")
    assert len(rules) == 2 and {r["route"] for r in rules} == {"highly_qualified", "medium_skilled_shortage"}
    # Re-importing the export changes nothing.
    again = runner.invoke(args=["permits", "import", str(tmp_path / "a")])
    assert again.exit_code == 0 and "0 rules created, 0 rules updated" in again.output
    # Next year: close 2025, add 2026, add an entry. Rows out of order on purpose.
    rules[0]["note"] = "checked"
    rules.append({**rules[0], "valid_from": "2026-01-01", "valid_to": "", "threshold_amount": "50000"})
    _write(tmp_path / "a" / "permit_rules.csv", list(reversed(rules)))
    entries = _rows(tmp_path / "a" / "shortage_list_entries.csv")
    entries.append({**entries[0], "official_label": "tegelzetter", "esco_uris": ""})
    _write(tmp_path / "a" / "shortage_list_entries.csv", entries)
    done = runner.invoke(args=["permits", "import", str(tmp_path / "a")])
    assert done.exit_code == 0, done.output
    assert "1 rules created, 1 rules updated" in done.output and "1 entries created" in done.output
    assert _counts() == (3, 1, 2)
    runner.invoke(args=["permits", "export", str(tmp_path / "b")])
    exported = _rows(tmp_path / "b" / "permit_rules.csv")
    assert [
        (r["valid_from"], r["valid_to"], r["note"]) for r in exported if r["route"] == "highly_qualified"
    ] == [("2025-01-01", "2025-12-31", "checked"), ("2026-01-01", "", "checked")]
    assert {r["official_label"] for r in _rows(tmp_path / "b" / "shortage_list_entries.csv")} == {
        "metselaar",
        "tegelzetter",
    }


def test_cli_import_is_all_or_nothing(app, reference, tmp_path):
    runner = app.test_cli_runner()
    runner.invoke(args=["permits", "export", str(tmp_path)])
    before = _counts()
    rules = _rows(tmp_path / "permit_rules.csv")
    good = {**rules[0], "authority": "wallonia"}
    bad = {**rules[0], "authority": "brussels", "threshold_unit": "weekly"}
    _write(tmp_path / "permit_rules.csv", rules + [good, bad])
    result = runner.invoke(args=["permits", "import", str(tmp_path)])
    assert result.exit_code != 0
    assert "line 5" in result.output and "threshold_unit" in result.output
    assert _counts() == before
    # An overlap found half-way also rolls everything back.
    clash = {**rules[0], "valid_from": "2025-06-01"}
    _write(tmp_path / "permit_rules.csv", rules + [good, clash])
    result = runner.invoke(args=["permits", "import", str(tmp_path)])
    assert result.exit_code != 0 and "overlaps" in result.output
    assert _counts() == before


def test_cli_import_of_an_empty_folder_fails(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["permits", "import", str(tmp_path)])
    assert result.exit_code != 0 and "No permit reference data" in result.output


# --- the shipped seed data ----------------------------------------------------------------------------------

SHARED_CSV = Path(__file__).resolve().parents[3] / "shared" / "domain" / "shortage-occupations.csv"


def test_shipped_seed_loads_idempotently(app):
    from seed_data.permits import load
    from services import permits as service

    with db.connection_context():
        first = load()
        counts = (
            PermitRule.select().count(),
            ShortageList.select().count(),
            ShortageListEntry.select().count(),
        )
        second = load()
        assert (
            PermitRule.select().count(),
            ShortageList.select().count(),
            ShortageListEntry.select().count(),
        ) == counts
        assert "0 rules created, 0 rules updated" in second[0]
        # Issue 11 added the 2021 and 2026 Flemish lists and the dated (added/removed) entries.
        assert counts[0] > 40 and counts[2] == len(read_rows("shortage_list_entries.csv"))
        assert "rules created" in first[0]
        flemish = service.shortage_lists_for(BRICKLAYER, "flanders", dt.date(2025, 6, 1))
        assert flemish == ["Migratielijst middengeschoolde functies (MB 1-9-2023, 29 functies)"]
        # "metselaar" was added on 1 Sep 2023 (facts §1.3): not on the list in force the day before.
        assert service.shortage_lists_for(BRICKLAYER, "flanders", dt.date(2023, 8, 31)) == []


@pytest.mark.shared_data
def test_every_shared_list_entry_is_shipped():
    if not SHARED_CSV.exists():
        pytest.skip("../shared/domain is not available")
    rows = read_rows("shortage_list_entries.csv")
    shipped = {r["official_label"] for r in rows}
    shared = _rows(SHARED_CSV)
    assert {r["occupation_label"] for r in shared} <= shipped
    # Corrected for issue 11: the shipped data also has the Flemish 2021 and 2026 lists (facts §1.3:
    # "1 Apr 2021 – 31 Mar 2023, 22 functions ... kept in use until 31 Aug 2023"; "the revision was
    # adopted, with 21 functions from 1 January 2026") and dated entries for the items the facts list
    # as added or removed ("Added: ... metselaar"; "Removed: chef-kok ..."; Wallonia "Removed: butcher,
    # baker ..."), which are not rows of shortage-occupations.csv.
    undated = {r["official_label"]: r for r in rows if not r["valid_from"] and not r["valid_to"]}
    assert all(undated[r["occupation_label"]]["esco_uris"] for r in shared)  # each mapped to ESCO


def test_seed_never_undoes_an_admin_edit(app, admin):
    """An admin loads the 2027 Flemish amount into the shipped `pending` row; seeding again keeps it.

    Corrected for issue 11 item 2: the shipped 2026 row now ends on 2026-12-31 (facts §1.1: "2026:
    Flanders keeps the 2025 thresholds until Statbel publishes new figures"; nothing for 2027), and
    2027 is a shipped `pending` row, so the admin fills that row instead of adding one."""
    from seed_data.permits import load

    with db.connection_context():
        load()
        pending = PermitRule.get(
            (PermitRule.authority == "flanders")
            & (PermitRule.route == "highly_qualified")
            & (PermitRule.valid_from == dt.date(2027, 1, 1))
        )
    assert pending.threshold_status == "pending"
    loaded = admin.patch(
        f"{RULES}/{pending.id}",
        json={
            "valid_to": "2027-12-31",
            "threshold_status": "known",
            "threshold_amount": 51000,
            "reduced_threshold_amount": 40800,
            "reduced_for": "under_30",
        },
    )
    assert loaded.status_code == 200, loaded.get_json()
    with db.connection_context():
        lines = load()
        kept = PermitRule.get_by_id(pending.id)
        assert (kept.threshold_amount, kept.valid_to) == (51000, dt.date(2027, 12, 31))
    assert "0 rules created, 0 rules updated" in lines[0]


def test_seed_skips_and_reports_rows_that_clash_with_admin_rows(app, admin):
    from seed_data.permits import load

    own = admin.post(RULES, json={**HQ_2025, "valid_from": "2030-01-01", "valid_to": None}).get_json()
    with db.connection_context():
        lines = load()
        flemish_hq = (
            PermitRule.select()
            .where((PermitRule.authority == "flanders") & (PermitRule.route == "highly_qualified"))
            .count()
        )
    skipped = [
        line for line in lines if line.startswith("skipped rule flanders/highly_qualified from 2027-01-01")
    ]
    assert len(skipped) == 1 and f"rule {own['id']}" in skipped[0]
    # six shipped periods (2022 since issue 11 — facts §1.1 "2022: 45,096" —, 2023, 2024 twice, 2025,
    # 2026: the 2026 row ends on 2026-12-31 since issue 11) + the admin's own row; the shipped 2027
    # `pending` row clashes with it and is skipped
    assert flemish_hq == 7


def test_list_confidence_defaults_to_medium_and_round_trips(app, admin, tmp_path):
    created = admin.post(LISTS, json=LIST)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["confidence"] == "medium"
    lst = created.get_json()
    assert admin.patch(f"{LISTS}/{lst['id']}", json={"confidence": "certain"}).status_code == 422
    changed = admin.patch(f"{LISTS}/{lst['id']}", json={"confidence": "low"})
    assert changed.status_code == 200 and changed.get_json()["confidence"] == "low"
    # A lists file written before the column existed still imports (as "medium").
    runner = app.test_cli_runner()
    assert runner.invoke(args=["permits", "export", str(tmp_path)]).exit_code == 0
    rows = _rows(tmp_path / "shortage_lists.csv")
    assert rows[0]["confidence"] == "low"
    older = {"name": "Oudere lijst", "valid_from": "2019-01-01", "valid_to": "2019-12-31"}
    old = [{k: v for k, v in {**row, **older}.items() if k != "confidence"} for row in rows]
    _write(tmp_path / "shortage_lists.csv", old)
    (tmp_path / "shortage_list_entries.csv").unlink()
    done = runner.invoke(args=["permits", "import", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert ShortageList.get(ShortageList.name == "Oudere lijst").confidence == "medium"


def test_files_without_the_issue_11_columns_still_import_and_keep_existing_values(app, tmp_path):
    """Another module (or an older export) writes the permit CSVs without the optional 0009 columns:
    the import works, new rows get the defaults, and existing rows keep what the files do not say."""
    from importers.permit_rows import RULE_COLUMNS_0009
    from seed_data.permits import DATA_DIR, load
    from services import permits as service

    dropped = {
        "permit_rules.csv": set(RULE_COLUMNS_0009),
        "shortage_lists.csv": {"name_nl", "name_fr", "confidence"},
        "shortage_list_entries.csv": {"valid_from", "valid_to"},
    }
    with db.connection_context():
        load()
        removed = ShortageListEntry.get(
            (ShortageListEntry.official_label == "chef-kok") & (ShortageListEntry.valid_to.is_null(False))
        )
    for name in ("permit_rules.csv", "shortage_lists.csv", "shortage_list_entries.csv"):
        rows = _rows(DATA_DIR / name)
        keep = [c for c in rows[0] if c not in dropped[name]]
        _write(tmp_path / name, [{c: row[c] for c in keep} for row in rows])
    older = {
        "authority": "wallonia",
        "name": "Liste du marché de l'emploi",
        "purpose": "labour_market",
        "status": "in_force",
        "valid_from": "2019-01-01",
        "valid_to": "2019-12-31",
    }
    lists = _rows(tmp_path / "shortage_lists.csv")
    _write(tmp_path / "shortage_lists.csv", lists + [{c: older.get(c, "") for c in lists[0]}])
    with db.connection_context():
        lines = service.import_csv(tmp_path)
        assert "0 entries updated" in lines[0], lines
        kept = ShortageListEntry.get_by_id(removed.id)
        assert kept.valid_to == removed.valid_to  # the file has no dates: the row keeps its own
        new = ShortageList.get(ShortageList.name == "Liste du marché de l'emploi")
        assert (new.confidence, new.name_fr) == ("medium", "")
        rule = PermitRule.get(
            (PermitRule.authority == "flanders")
            & (PermitRule.route == "executive")
            & (PermitRule.valid_from == dt.date(2025, 1, 1))
        )
        assert rule.requires_executive_post is True
