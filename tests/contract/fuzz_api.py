"""Contract fuzzing: schemathesis against the app in-process, once per role, on a temporary database.

Every check runs (server errors, status codes, content types, headers, response schemas, positive
and negative data, missing headers, unsupported methods, Allow headers, use after free, resource
availability, ignored auth), in the examples, coverage and fuzzing phases. The seed is fixed and the
examples per operation bounded, so a run is repeatable and takes a few minutes on two cores. Any
failure of any check fails the run. One allowance, read from the document itself: an operation that
lists rules beyond its schema (`x-rules-beyond-schema`, see api.openapi) may answer a schema-valid
request with 422 when it breaks one of them; every other operation must accept all valid data.

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
ALL_PHASES = ("examples", "coverage", "fuzzing", "stateful")


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


def _drop_socket_options_in_process() -> None:
    """schemathesis 4.x passes socket options (max_redirects, verify, ...) to werkzeug's test
    client when a check re-sends a request in-process, which werkzeug refuses; drop them."""
    from schemathesis.transport.wsgi import WSGITransport

    if getattr(WSGITransport.send, "_knelpunt", False):
        return
    original = WSGITransport.send

    def send(self, case, *, session=None, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return original(self, case, session=session, **kwargs)

    send._knelpunt = True
    WSGITransport.send = send


POSITIVE_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "429"]  # schemathesis' default, less 5xx


def _rule_exceptions(app) -> list[dict]:
    """Operations whose document lists rules beyond its schema (`x-rules-beyond-schema`, see
    api.openapi) may answer 422 to a schema-valid request that breaks one; every other operation
    must accept every schema-valid request."""
    from api.openapi import RULES_KEY

    document = app.test_client().get(OPENAPI_PATH).get_json()
    return [
        {"include-name": f"{method.upper()} {path}",
         "checks": {"positive_data_acceptance": {"expected-statuses": [*POSITIVE_STATUSES, "422"]}}}
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and operation.get(RULES_KEY)
    ]


def run_role(app, role: str, key: str, seed: int, max_examples: int, phases: list[str],
             verbose: bool = False) -> dict:
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import Status, events

    config = SchemathesisConfig.from_dict({
        "operations": _rule_exceptions(app),
        "seed": seed,
        "cache": {"enabled": False},  # a run leaves nothing behind in the working tree
        "headers": {"Authorization": f"Bearer {key}"},
        "generation": {"max-examples": max_examples},
        "checks": {"enabled": True, "positive_data_acceptance": {"expected-statuses": POSITIVE_STATUSES}},
        "workers": 1,
        "phases": {name: {"enabled": name in phases} for name in ALL_PHASES},
        "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large", "large_base_example"],
    })
    _drop_socket_options_in_process()
    schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, app, config=config)
    # Every role fuzzes every operation: those outside its `x-roles` must answer 403 in the
    # documented error shape, whatever the request.
    operations, examples, failures, errors = set(), 0, [], []
    started = time.monotonic()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            recorder = event.recorder
            if recorder.label and event.status != Status.SKIP and recorder.cases:
                operations.add(recorder.label)
            examples += len(recorder.cases)
            for checks in recorder.checks.values():
                for check in checks:
                    if check.failure_info is not None:
                        failure = check.failure_info.failure
                        failures.append((recorder.label, check.name, failure.title,
                                         check.failure_info.code_sample))
        elif isinstance(event, events.PhaseFinished) and verbose:
            print(f"    phase {event.phase.name.value}: {event.status.value} ({time.monotonic() - started:.0f} s)",
                  flush=True)
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            errors.append(str(getattr(event, "value", None) or getattr(event, "exception", event)))
    return {"operations": operations, "examples": examples, "failures": failures, "errors": errors}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--max-examples", type=int, default=5)
    parser.add_argument("--role", default=",".join(ROLES))
    # The stateful phase needs OpenAPI links, which the document does not declare (it skips).
    parser.add_argument("--phases", default="examples,coverage,fuzzing")
    parser.add_argument("--verbose", action="store_true", help="print each failure's reproduction")
    args = parser.parse_args(argv)
    total_failures = 0
    with tempfile.TemporaryDirectory(prefix="knelpunt-fuzz-") as folder:
        app, keys = build_app(Path(folder))
        for role in args.role.split(","):
            started = time.monotonic()
            result = run_role(app, role, keys[role], args.seed, args.max_examples, args.phases.split(","),
                              args.verbose)
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
