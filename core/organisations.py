"""Organisations (tenants) and which key roles each kind of organisation may hold."""

ORGANISATION_KINDS = ("coaching", "employer", "integration", "admin")
# Which key roles an organisation of each kind may hold: an employer organisation never gets a
# coach or admin key, so it can never read candidates. Enforced by ApiKey.issue, the only way a key
# is made (the API, the CLI and the demo keys all go through services.organisations to it).
ROLES_BY_KIND = {
    "admin": ("admin",),
    "coaching": ("coach",),
    "employer": ("employer",),
    "integration": ("integration",),
}
