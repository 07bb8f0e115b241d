"""HTTP conventions applied to every response in one place (RFC 9110):

- 201 Created carries `Location`, the URL of the new record (`<collection>/<id>`);
- a GET whose `If-None-Match` names the response's ETag answers 304 Not Modified, without a body;
- a response whose sentences were written in the `Accept-Language` choice says which language
  (`Content-Language`) and that it depends on that header (`Vary: Accept-Language`), so caches
  never serve a Dutch page to a French reader.

`Allow` on 405 is added by the error handler (api.errors).
"""

from __future__ import annotations

from flask import Flask, Response, g, request


def install(app: Flask) -> None:
    app.after_request(apply_conventions)


def apply_conventions(response: Response) -> Response:
    language = g.get("response_language")
    if language and response.status_code < 400:  # error messages are not translated
        response.headers["Content-Language"] = language
        response.vary.add("Accept-Language")
    if response.status_code == 201 and "Location" not in response.headers:
        _add_location(response)
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        tag, _ = response.get_etag()
        # If-None-Match uses the weak comparison (RFC 9110 §13.1.2).
        if tag and request.if_none_match and request.if_none_match.contains_weak(tag):
            response.status_code = 304
            response.set_data(b"")
            for header in ("Content-Type", "Content-Length", "Content-Language"):
                response.headers.pop(header, None)
    return response


def _add_location(response: Response) -> None:
    body = response.get_json(silent=True)
    record_id = body.get("id") if isinstance(body, dict) else None
    if not isinstance(record_id, int) or isinstance(record_id, bool):
        return
    collection = request.path.rstrip("/")
    if "/by-external-id/" in collection:
        collection = collection.split("/by-external-id/")[0]
    response.headers["Location"] = f"{collection}/{record_id}"
