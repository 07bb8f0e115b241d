"""ESCO CSV import (importers.esco and `flask taxonomy import`) and the seed loader, on small files
written in tmp_path."""

import csv
import json

import pytest

from importers.esco import VocabularyImportError, import_esco_folder
from models import db
from models.cache_version import CacheVersion
from models.taxonomy import (
    IscoGroup,
    IscoGroupLabel,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillLabel,
    VocabularyVersion,
)

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
WELDER, COOK, NEW = OCC + "w-1", OCC + "c-2", OCC + "n-3"

OCC_HEADER = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "regulatedProfessionNote",
    "description",
]


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def esco_dir(tmp_path):
    folder = tmp_path / "esco"
    folder.mkdir()
    write_csv(
        folder / "occupations_en.csv",
        OCC_HEADER,
        [
            [
                "Occupation",
                WELDER,
                "7212",
                "welder",
                "arc welder\nTIG welder",
                "weldor",
                "released",
                "http://data.europa.eu/esco/regulated-professions/unregulated",
                "Welders join metal.",
            ],
            ["Occupation", COOK, "5120", "cook", "line cook", "", "released", "", "Cooks prepare food."],
        ],
    )
    write_csv(
        folder / "occupations_nl.csv",
        OCC_HEADER + ["code"],
        [
            [
                "Occupation",
                WELDER,
                "7212",
                "lasser",
                "lasster\nTIG-lasser",
                "",
                "released",
                "",
                "Lassers lassen.",
                "7212.1",
            ],
            ["Occupation", NEW, "9112", "schoonmaker", "", "", "released", "", "", "9112.3"],
        ],
    )
    write_csv(
        folder / "ISCOGroups_en.csv",
        ["conceptType", "conceptUri", "code", "preferredLabel", "altLabels", "description"],
        [
            [
                "ISCOGroup",
                "http://data.europa.eu/esco/isco/C7",
                "7",
                "Craft and related trades workers",
                "",
                "Crafts.",
            ],
            [
                "ISCOGroup",
                "http://data.europa.eu/esco/isco/C7212",
                "7212",
                "Welders and flamecutters",
                "",
                "",
            ],
        ],
    )
    write_csv(
        folder / "skills_en.csv",
        [
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "altLabels",
            "description",
        ],
        [
            [
                "KnowledgeSkillCompetence",
                SKILL + "s-1",
                "skill/competence",
                "sector-specific",
                "use welding equipment",
                "operate welding equipment",
                "",
            ],
            ["KnowledgeSkillCompetence", SKILL + "s-2", "knowledge", "cross-sector", "food safety", "", ""],
        ],
    )
    write_csv(
        folder / "occupationSkillRelations_en.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [
            [WELDER, "essential", "skill/competence", SKILL + "s-1"],
            [COOK, "optional", "knowledge", SKILL + "s-2"],
            [COOK, "essential", "skill/competence", SKILL + "unknown"],
        ],
    )
    (folder / "README.txt").write_text("not a vocabulary file")
    return folder


def _state():
    return {
        "occupations": sorted(
            Occupation.select(
                Occupation.uri, Occupation.isco_code, Occupation.code, Occupation.description
            ).tuples()
        ),
        "labels": sorted(
            OccupationLabel.select(
                Occupation.uri, OccupationLabel.lang, OccupationLabel.kind, OccupationLabel.text
            )
            .join(Occupation)
            .tuples()
        ),
        "skills": sorted(SkillLabel.select(SkillLabel.lang, SkillLabel.text).tuples()),
        "relations": sorted(
            OccupationSkill.select(Occupation.uri, Skill.uri, OccupationSkill.relation)
            .join(Occupation)
            .switch(OccupationSkill)
            .join(Skill)
            .tuples()
        ),
        "groups": sorted(IscoGroupLabel.select(IscoGroup.code, IscoGroupLabel.text).join(IscoGroup).tuples()),
    }


def test_import_merges_languages_by_uri_and_keeps_every_field(db_conn, esco_dir):
    counts = import_esco_folder(esco_dir)
    assert counts.created == {"isco_groups": 2, "occupations": 3, "skills": 2}
    welder = Occupation.get(Occupation.uri == WELDER)
    assert (welder.isco_code, welder.code, welder.description) == ("7212", "7212.1", "Welders join metal.")
    labels = {(lab.lang, lab.kind, lab.text) for lab in welder.labels}
    assert labels == {
        ("en", "preferred", "welder"),
        ("en", "alt", "arc welder"),
        ("en", "alt", "TIG welder"),
        ("en", "hidden", "weldor"),
        ("nl", "preferred", "lasser"),
        ("nl", "alt", "lasster"),
        ("nl", "alt", "TIG-lasser"),
    }
    assert Occupation.get(Occupation.uri == NEW).description == ""
    state = _state()
    assert (WELDER, SKILL + "s-1", "essential") in state["relations"]
    assert (COOK, SKILL + "s-2", "optional") in state["relations"]
    assert counts.relations_skipped == 1  # the unknown skill
    assert ("7212", "Welders and flamecutters") in state["groups"]
    assert VocabularyVersion.select().count() == 1
    assert CacheVersion.current("vocabulary") == 1


def test_second_import_changes_nothing(db_conn, esco_dir):
    import_esco_folder(esco_dir)
    before = _state()
    counts = import_esco_folder(esco_dir)
    assert not counts.changed
    assert _state() == before
    assert VocabularyVersion.select().count() == 1
    assert CacheVersion.current("vocabulary") == 1
    assert "no changes" in counts.lines()[-1]


def test_reimport_replaces_the_labels_of_a_language(db_conn, esco_dir):
    import_esco_folder(esco_dir)
    rows = read_csv(esco_dir / "occupations_en.csv")
    rows[1][4] = "arc welder\nMIG welder"  # TIG welder removed, MIG welder added
    write_csv(esco_dir / "occupations_en.csv", rows[0], rows[1:])
    counts = import_esco_folder(esco_dir)
    assert (counts.labels_added, counts.labels_removed) == (1, 1)
    texts = {t for (t,) in OccupationLabel.select(OccupationLabel.text).tuples()}
    assert "MIG welder" in texts and "TIG welder" not in texts and "TIG-lasser" in texts
    assert VocabularyVersion.select().count() == 2


@pytest.mark.parametrize(
    "mutate, file, row, column",
    [
        (lambda rows: [r[:3] + r[4:] for r in rows], "occupations_nl.csv", 0, "preferredLabel"),
        (lambda rows: rows[:2] + [rows[2][:1] + [""] + rows[2][2:]], "occupations_nl.csv", 2, "conceptUri"),
        (
            lambda rows: rows[:1] + [rows[1][:3] + [" "] + rows[1][4:]] + rows[2:],
            "occupations_nl.csv",
            1,
            "preferredLabel",
        ),
        (
            lambda rows: rows[:1] + [rows[1][:2] + ["72X"] + rows[1][3:]] + rows[2:],
            "occupations_nl.csv",
            1,
            "iscoGroup",
        ),
        (lambda rows: rows + [rows[1][:5]], "occupations_nl.csv", 3, None),
    ],
)
def test_a_malformed_file_names_file_row_column_and_imports_nothing(
    db_conn, esco_dir, mutate, file, row, column
):
    rows = read_csv(esco_dir / file)
    rows = mutate(rows)
    write_csv(esco_dir / file, rows[0], rows[1:])
    with pytest.raises(VocabularyImportError) as error:
        import_esco_folder(esco_dir)
    assert error.value.file == file and error.value.row == row
    if column:
        assert error.value.column == column and column in str(error.value)
    assert file in str(error.value)
    assert (
        Occupation.select().count() == 0 and IscoGroup.select().count() == 0 and Skill.select().count() == 0
    )
    assert VocabularyVersion.select().count() == 0


def test_an_unclosed_quote_is_reported(db_conn, esco_dir):
    with (esco_dir / "occupations_en.csv").open("a", encoding="utf-8") as handle:
        handle.write(f'Occupation,{OCC}x-9,7212,"broken label,,,released,,\n')
    with pytest.raises(VocabularyImportError) as error:
        import_esco_folder(esco_dir)
    assert error.value.file == "occupations_en.csv"
    assert Occupation.select().count() == 0


def test_a_folder_without_esco_files_is_an_error(db_conn, tmp_path):
    with pytest.raises(VocabularyImportError, match="no ESCO CSV file"):
        import_esco_folder(tmp_path)


def test_cli_import_reports_progress_counts_and_errors(app, esco_dir):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["taxonomy", "import", str(esco_dir), "--esco-version", "1.0.8"])
    assert result.exit_code == 0, result.output
    assert "read occupations_en.csv: 2 rows" in result.output
    assert "occupations: 3 created" in result.output
    again = runner.invoke(args=["taxonomy", "import", str(esco_dir)])
    assert again.exit_code == 0 and "no changes" in again.output
    with db.connection_context():
        assert VocabularyVersion.get().esco_version == "1.0.8"
    (esco_dir / "skills_en.csv").write_text("conceptUri,altLabels\nhttp://x/1,foo\n", encoding="utf-8")
    failed = runner.invoke(args=["taxonomy", "import", str(esco_dir)])
    assert failed.exit_code != 0
    assert "skills_en.csv" in failed.output and "preferredLabel" in failed.output


def test_seed_loader_is_idempotent_and_keeps_concepts_it_does_not_contain(db_conn, esco_dir, tmp_path):
    from seed_data.vocabulary import load
    from tests.vocab_fixture import OCCUPATIONS, write_seed_files

    import_esco_folder(esco_dir)
    seed = tmp_path / "seed"
    seed.mkdir()
    write_seed_files(seed)
    first = load(seed)
    assert any("occupations:" in line for line in first)
    assert Occupation.select().count() == 3 + len(OCCUPATIONS)  # the ESCO-only ones are kept
    assert Occupation.get_or_none(Occupation.uri == COOK) is not None
    assert OccupationSkill.select().join(Occupation).where(Occupation.uri == COOK).count() == 1
    before = _state()
    second = load(seed)
    assert _state() == before
    assert any("no changes" in line for line in second)


def test_seed_loader_rejects_bad_json_with_file_and_entry(db_conn, tmp_path):
    from seed_data.vocabulary import load

    (tmp_path / "occupations.json").write_text(
        json.dumps([{"uri": OCC + "a", "labels": {"en": "x"}}, {"labels": {"en": {"preferred": "y"}}}])
    )
    with pytest.raises(VocabularyImportError) as error:
        load(tmp_path)
    assert error.value.file == "occupations.json" and error.value.row == 2 and error.value.column == "uri"
    assert Occupation.select().count() == 0


def test_optional_fields_of_later_rows_are_kept_when_the_first_row_lacks_them(db_conn, tmp_path):
    write_csv(tmp_path / "occupations_nl.csv", ["conceptUri", "preferredLabel", "iscoGroup", "code"], [
        [OCC + "a", "eerste", "", ""],
        [OCC + "b", "tweede", "7212", "7212.4"],
    ])
    import_esco_folder(tmp_path)
    second = Occupation.get(Occupation.uri == OCC + "b")
    assert (second.isco_code, second.code) == ("7212", "7212.4")
    first = Occupation.get(Occupation.uri == OCC + "a")
    assert (first.isco_code, first.code) == (None, None)


def test_skills_files_with_a_region_in_the_name_are_imported_in_their_language(db_conn, esco_dir):
    # ESCO downloads name the American-English file skills_en-us.csv; French skills have no hiddenLabels.
    (esco_dir / "skills_en.csv").rename(esco_dir / "skills_en-us.csv")
    write_csv(
        esco_dir / "skills_fr.csv",
        ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"],
        [["KnowledgeSkillCompetence", SKILL + "s-1", "skill/competence", "sector-specific", "souder", "", ""]],
    )
    counts = import_esco_folder(esco_dir)
    assert counts.created["skills"] == 2
    labels = set(SkillLabel.select(Skill.uri, SkillLabel.lang, SkillLabel.text).join(Skill).tuples())
    assert (SKILL + "s-1", "en", "use welding equipment") in labels
    assert (SKILL + "s-1", "fr", "souder") in labels
    assert {lang for _, lang, _ in labels} == {"en", "fr"}


def test_a_regional_variant_row_without_a_label_adds_nothing(db_conn, esco_dir):
    # ESCO's skills_en-us.csv leaves preferredLabel empty where US English has no wording of its own.
    (esco_dir / "skills_en.csv").unlink()
    write_csv(
        esco_dir / "skills_en-us.csv",
        ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"],
        [
            ["KnowledgeSkillCompetence", SKILL + "us-1", "skill/competence", "sector-specific", "weld", "", ""],
            ["KnowledgeSkillCompetence", SKILL + "us-2", "skill/competence", "sector-specific", "", "", ""],
        ],
    )
    import_esco_folder(esco_dir)
    uris = {uri for (uri,) in Skill.select(Skill.uri).tuples()}
    assert SKILL + "us-1" in uris and SKILL + "us-2" not in uris
    # Outside a regional variant an empty label is still an error (see the parametrised test above).
