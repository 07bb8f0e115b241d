"""The language of human-readable sentences, from `Accept-Language` (nl, fr or en; en by default)."""

from __future__ import annotations

from flask import g, request

SENTENCE_LANGUAGES = ("en", "nl", "fr")


def request_language(default: str = "en") -> str:
    """Best of nl/fr/en in the Accept-Language header (`nl-BE,nl;q=0.9` → `nl`).

    The choice is remembered for the response's Content-Language and Vary headers
    (api.http_conventions)."""
    g.response_language = _best_language(request.headers.get("Accept-Language"), default)
    return g.response_language


def _best_language(header: str | None, default: str) -> str:
    if not header:
        return default
    best, best_q = default, -1.0
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if lang in SENTENCE_LANGUAGES and quality > best_q:
            best, best_q = lang, quality
    return best
