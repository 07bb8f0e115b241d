"""Print one fresh demo key per role (used by `make serve`). Earlier demo keys are revoked."""

from __future__ import annotations

import os

from api import create_app
from api.cli import create_key
from models.base import db
from services import organisations
from services.actor import Actor

DEMO_ORGANISATIONS = (
    ("Demo Admin", "admin", "admin"),
    ("Demo Coaching NGO", "coaching", "coach"),
    ("Demo Employer BV", "employer", "employer"),
    ("Demo Case System", "integration", "integration"),
)
DEMO_LABEL = "demo (make serve)"


def main() -> None:
    create_app()
    with db.connection_context():
        organisations.revoke_keys_labelled(Actor.system(), DEMO_LABEL)
        print("\nDemo API keys (valid until the next `make serve`):")
        for org, kind, role in DEMO_ORGANISATIONS:
            secret = create_key(org, kind, role, DEMO_LABEL)
            print(f"  {role:<12} {secret}   ({org})")
        base = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/api/v1"
        print(f"\nTry:  curl -H 'Authorization: Bearer <coach key>' '{base}/occupations/search?q=lasser&lang=nl'\n"
              f"Docs: {base}/docs\n")


if __name__ == "__main__":
    main()
