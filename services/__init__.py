"""The application layer: what Knelpunt does, callable from HTTP views, the CLI, seed loaders and benches.

Services are plain functions taking an explicit `Actor` (who is asking) and plain values; they read
and write through `models/`, rank and assess through `matching/`, and never import flask. Errors are
`models.errors.*` exceptions, which the HTTP layer renders.
"""
