"""Enums and constants that models, schemas, services and the engine all share.

Each fact is defined once, here, and imported everywhere else. Modules of this package import the
standard library only (no flask, peewee, numpy or scikit-learn), so any layer may import them
cheaply; `tests/foundation/test_architecture.py` enforces it.
"""
