"""Contract fuzzing: schemathesis against the app in-process, once per role, on a temporary database.

Every check runs (server errors, status codes, content types, headers, response schemas, positive
and negative data, missing headers, unsupported methods, Allow headers, use after free, resource
availability, ignored auth). The seed is fixed and the examples per operation bounded, so a run is
repeatable and takes a few minutes on two cores. Any failure of any check fails the run.

    python -m tests.contract.fuzz_api [--max-examples N] [--seed S] [--role admin,coach,...]

It prints, per role, the operations tested, the examples sent and the failures found, and exits 1
if there is any failure. `.ci/run` calls it; it never touches the database of the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROLES = {  # role: (organisation name, organisation kind)
    "admin": ("Fuzz Admin", "admin"),
    "coach": ("Fuzz Coaching", "coaching"),
    "employer": ("Fuzz Employer", "employer"),
    "integration": ("Fuzz Integration", "integration"),
}
OPENAPI_PATH = "/api/v1/openapi.json"


def build_app(folder: Path):
    """The real app on a fresh SQLite file with the reference data and one key per role."""
    os.environ.setdefault("WARM_UP", "0")
    from api import create_app
    from models.base import db
    from models.migrations import apply_migrations
    from models.organisation import ApiKey, Organisation
    from seed_data.load import seed_all

    app = create_app({
        "DATABASE_URL": f"sqlite:///{folder / 'fuzz.sqlite3'}",
        "INSTANCE_DIR": folder,
        "SECRET_KEY": "fuzz-secret-not-for-production",
        "LOG_LEVEL": "CRITICAL",
        "RATE_LIMIT_PER_MINUTE": 0,
    })
    keys = {}
    with db.connection_context():
        apply_migrations()
        seed_all(include_demo=False)
        for role, (name, kind) in ROLES.items():
            organisation, _ = Organisation.get_or_create(name=name, defaults={"kind": kind})
            keys[role] = ApiKey.issue(organisation, role, "schemathesis")[1]
    return app, keys


def run_role(app, key: str, seed: int, max_examples: int) -> dict:
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import events

    config = SchemathesisConfig.from_dict({
        "seed": seed,
        "headers": {"Authorization": f"Bearer {key}"},
        "generation": {"max-examples": max_examples},
        "checks": {"enabled": True},
        "workers": 1,
        "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large", "large_base_example"],
    })
    schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, app, config=config)
    operations, examples, failures, errors = set(), 0, [], []
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            recorder = event.recorder
            if recorder.label:
                operations.add(recorder.label)
            examples += len(recorder.cases)
            for checks in recorder.checks.values():
                for check in checks:
                    if check.failure_info is not None:
                        failure = check.failure_info.failure
                        failures.append((recorder.label, check.name, failure.title,
                                         check.failure_info.code_sample))
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            errors.append(str(getattr(event, "value", None) or getattr(event, "exception", event)))
    return {"operations": operations, "examples": examples, "failures": failures, "errors": errors}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--role", default=",".join(ROLES))
    parser.add_argument("--verbose", action="store_true", help="print each failure's reproduction")
    args = parser.parse_args(argv)
    total_failures = 0
    with tempfile.TemporaryDirectory(prefix="knelpunt-fuzz-") as folder:
        app, keys = build_app(Path(folder))
        for role in args.role.split(","):
            started = time.monotonic()
            result = run_role(app, keys[role], args.seed, args.max_examples)
            unique = {(op, name, title): sample for op, name, title, sample in result["failures"]}
            total_failures += len(unique) + len(result["errors"])
            print(f"schemathesis {role}: {len(result['operations'])} operations, {result['examples']} examples, "
                  f"{len(unique)} failures, {len(result['errors'])} errors "
                  f"({time.monotonic() - started:.0f} s)", flush=True)
            for name, count in Counter(name for _, name, _ in unique).most_common():
                print(f"  {name}: {count}")
            for (operation, name, title), sample in sorted(unique.items()):
                print(f"  FAIL {operation} [{name}] {title}")
                if args.verbose:
                    print("    " + sample.replace("\n", "\n    "))
            for error in result["errors"][:20]:
                print(f"  ERROR {error[:300]}")
    print("contract fuzzing: " + ("no failures" if not total_failures else f"{total_failures} failure(s)"))
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
