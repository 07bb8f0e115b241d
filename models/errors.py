"""Domain errors raised by services; the HTTP layer maps each to one JSON error shape."""


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class ValidationFailed(DomainError):
    """Input that is well-formed JSON but breaks a rule; `errors` maps field names to messages."""

    status_code = 422


class NotFoundError(DomainError):
    status_code = 404


class ForbiddenError(DomainError):
    status_code = 403


class ConflictError(DomainError):
    status_code = 409


class PreconditionFailed(DomainError):
    """The client's `If-Match` names a version that is no longer current."""

    status_code = 412
