"""Importers of outside data files (the official ESCO CSV download, permit reference CSVs).

They write through `models/` and may use `matching/` for pure parsing; they never import flask.
"""
