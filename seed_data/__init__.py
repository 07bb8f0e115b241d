"""Curated Belgian reference data shipped with the product, and the loaders that put it in the database."""

from pathlib import Path

# ../shared beside the repository: the read-only data the build tools in */tools read (the product never does)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
