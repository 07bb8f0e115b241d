"""Who is asking: the explicit caller every service takes instead of reading request globals."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The organisation, role and key behind a call.

    Views build it from the authenticated key (`api.auth.current_actor()`); the CLI, seed loaders
    and benches use `Actor.system()` or an actor of the organisation they act for.
    """

    organisation_id: int | None
    role: str
    key_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @classmethod
    def system(cls) -> Actor:
        """The operator at the command line (seed, import, maintenance): an administrator of no organisation."""
        return cls(organisation_id=None, role="admin", key_id=None)

    @classmethod
    def for_organisation(cls, organisation_id: int, role: str) -> Actor:
        return cls(organisation_id=organisation_id, role=role, key_id=None)
