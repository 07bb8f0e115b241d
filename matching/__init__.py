"""Knelpunt's pure-Python engine: text normalisation, occupation search, permit rules, matching.

Nothing here imports Flask or peewee: inputs and outputs are plain values, so the engine can be
tested, benchmarked and reused without a web server or a database.
"""
