"""One JSON error shape for every error: {"code", "status", "message", "errors"?}.

No stack trace or SQL ever reaches a client: unexpected exceptions are logged server-side and
answered with a generic 500.
"""

from __future__ import annotations

import logging

from flask import current_app
from peewee import IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed
from werkzeug.http import HTTP_STATUS_CODES

from models.errors import DomainError

log = logging.getLogger(__name__)

DEFAULT_MESSAGES = {
    400: "The request could not be understood: check that the body is valid JSON.",
    401: "Missing, unknown or revoked API key. Send 'Authorization: Bearer <key>'.",
    403: "This API key's role may not use this operation.",
    404: "Not found: check the URL and the id; records of other organisations are not visible.",
    405: "This method is not allowed on this URL.",
    409: "The request conflicts with an existing record.",
    412: "The record changed since you read it: fetch it again and retry with the new ETag.",
    413: "The request body is too large.",
    415: "Send the body as JSON with 'Content-Type: application/json'.",
    422: "The request was well-formed but some values are invalid; see 'errors'.",
    428: "This operation needs an 'If-Match' header.",
    429: "Too many requests; slow down and retry later.",
    500: "Internal server error. The incident was logged.",
}


def error_body(code: int, message: str | None = None, errors: dict | None = None) -> dict:
    body = {"code": code, "status": HTTP_STATUS_CODES.get(code, "Error"),
            "message": message or DEFAULT_MESSAGES.get(code) or HTTP_STATUS_CODES.get(code, "Error")}
    if errors:
        body["errors"] = errors
    return body


def _summarise_validation(errors: dict) -> str:
    """Turn {"json": {"postcode": ["..."]}} into a sentence naming the fields."""
    fields = []

    def walk(prefix, node):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        else:
            fields.append(prefix)

    for location, node in errors.items():
        walk("" if location in ("json", "query", "querystring", "form", "path_args", "view_args") else location, node)
    fields = [f for f in fields if f] or ["(body)"]
    return "Invalid input in: " + ", ".join(sorted(set(fields))[:20]) + "."


def handle_http_exception(error: HTTPException):
    data = getattr(error, "data", None) or {}
    code = error.code or 500
    errors = data.get("errors") or data.get("messages")
    message = data.get("message")
    if code == 400 and errors and not message:
        # webargs reports malformed JSON as a 400 with {"json": ["Invalid JSON body."]}.
        message = "Malformed JSON body: it could not be parsed."
    if code == 422 and errors and not message:
        message = _summarise_validation(errors)
    if not message and code == 404 and error.description and "requested URL" not in error.description:
        message = error.description
    if not message:
        message = DEFAULT_MESSAGES.get(code) or error.description
    headers = dict(data.get("headers") or {})
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    if code == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="knelpunt"')
    return error_body(code, message, errors), code, headers


def register_error_handlers(app):
    app.register_error_handler(HTTPException, handle_http_exception)

    @app.errorhandler(DomainError)
    def _domain_error(err: DomainError):
        return error_body(err.status_code, err.message, err.errors), err.status_code

    @app.errorhandler(IntegrityError)
    def _integrity_error(err):
        log.info("integrity error: %s", err)
        return error_body(409, "This record conflicts with an existing one (duplicate or missing reference)."), 409

    # Safety nets: input the validators did not bound still answers in the one error shape.
    @app.errorhandler(OverflowError)
    def _overflow(err):
        log.info("number out of range: %s", err)
        return error_body(422, "A number in the request is too large."), 422

    @app.errorhandler(RecursionError)
    def _recursion(err):
        return error_body(400, "The request is nested too deeply."), 400

    @app.errorhandler(UnicodeError)
    def _unicode(err):
        return error_body(400, "The request holds text that is not valid Unicode."), 400

    @app.errorhandler(Exception)
    def _unexpected(err):
        if isinstance(err, HTTPException):
            return handle_http_exception(err)
        current_app.logger.exception("unhandled error")
        return error_body(500), 500

    @app.errorhandler(InternalServerError)
    def _internal(err):
        current_app.logger.error("internal server error: %s", getattr(err, "original_exception", err))
        return error_body(500), 500
