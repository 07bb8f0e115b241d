"""The seed files generated from hand-written sources are reproducible: `python -m seed_data.rebuild`
rebuilds them from seed_data/*/sources and ../shared into a temporary folder, byte for byte the same
as the shipped files."""

from __future__ import annotations

import pytest

from seed_data import SHARED
from seed_data.rebuild import GENERATED, SEED, rebuild

NEEDED = (
    SHARED / "data" / "esco" / "occupations_en.csv",
    SHARED / "data" / "esco" / "occupations_nl.csv",
    SHARED / "data" / "esco" / "occupations_fr.csv",
    SHARED / "data" / "esco" / "ISCOGroups_en.csv",
    SHARED / "data" / "esco" / "skills_en-us.csv",
    SHARED / "data" / "esco" / "skills_fr.csv",
    SHARED / "domain" / "shortage-occupations.csv",
    SHARED / "domain" / "shortage-lists-2026-research.csv",
)


@pytest.mark.shared_data
def test_rebuilding_from_the_sources_gives_the_shipped_files(tmp_path):
    missing = [str(path) for path in NEEDED if not path.exists()]
    if missing:
        pytest.skip(f"../shared files not present: {missing}")
    rebuild(tmp_path)
    different = [f"{folder}/{name}" for folder, names in GENERATED.items() for name in names
                 if (tmp_path / folder / name).read_bytes() != (SEED / folder / name).read_bytes()]
    assert not different, f"run `python -m seed_data.rebuild`: {different} differ from the sources"
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(f"{folder}/{name}" for folder, names in GENERATED.items() for name in names)

