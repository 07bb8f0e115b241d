"""Curated Belgian reference data shipped with the product, and the loaders that put it in the database."""
