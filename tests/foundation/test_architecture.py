"""The layers of docs/architecture.md, enforced: which package may import which, and how long a function may be.

Each rule has a list of the places that still break it (`KNOWN_*`). The lists only shrink: a new
violation fails, and so does an entry that no longer occurs (remove it when you fix it).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("api", "core", "importers", "matching", "models", "services", "seed_data")
MAX_FUNCTION_LINES = 79

# package -> project packages (or single modules) it may import besides itself
MAY_IMPORT = {
    "core": (),
    "matching": ("core",),
    "models": ("core",),
    "importers": ("core", "models", "matching"),
    "services": ("core", "models", "matching", "importers"),
    "seed_data": ("core", "models", "matching", "importers", "services"),
    # The HTTP layer renders what services return; of models it only manages the connection,
    # renders domain errors and runs migrations from the CLI.
    "api": ("core", "services", "importers", "seed_data", "models.base", "models.errors", "models.migrations",
            "models.cache_version"),
}
FRAMEWORKS = ("flask", "flask_smorest", "werkzeug", "marshmallow", "flask_limiter", "gunicorn", "click")
# package -> third-party top-level modules it must not import
MUST_NOT_IMPORT = {
    "core": None,  # None: the standard library only
    "matching": FRAMEWORKS + ("peewee", "playhouse"),
    "models": FRAMEWORKS + ("sklearn", "numpy", "scipy", "rapidfuzz"),
    "importers": FRAMEWORKS,
    "services": FRAMEWORKS,
    "seed_data": FRAMEWORKS,
}

KNOWN_LAYER_VIOLATIONS: set[str] = set()
KNOWN_LONG_FUNCTIONS: dict[str, int] = {}


def _production_files():
    for package in PRODUCTION:
        yield from sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")[: -node.level] if not path.name == "__init__.py" else \
                    module.split(".")[: len(module.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield name
            for alias in node.names:  # `from models import candidate` imports the module models.candidate
                if _is_project_module(f"{name}.{alias.name}"):
                    yield f"{name}.{alias.name}"


def _is_project_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _allowed(importer_package: str, name: str) -> bool:
    top = name.split(".")[0]
    if top == importer_package:
        return True
    for allowed in MAY_IMPORT[importer_package]:
        if name == allowed or name.startswith(allowed + ".") or (
            "." not in allowed and top == allowed):
            return True
    return False


def layer_violations() -> set[str]:
    found = set()
    for path in _production_files():
        rel = path.relative_to(ROOT).as_posix()
        package = rel.split("/")[0]
        for name in _imports(path):
            top = name.split(".")[0]
            if top in PRODUCTION or top == "wsgi":
                if not _allowed(package, name):
                    found.add(f"{rel} imports {name}")
            else:
                banned = MUST_NOT_IMPORT.get(package, ())
                if banned is None:
                    if top not in sys.stdlib_module_names and top != "__future__":
                        found.add(f"{rel} imports {top}")
                elif top in banned:
                    found.add(f"{rel} imports {top}")
    return found


def long_functions() -> dict[str, int]:
    found = {}
    for path in _production_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    found[f"{path.relative_to(ROOT).as_posix()}:{node.name}"] = lines
    return found


def test_every_import_respects_the_layers():
    found = layer_violations()
    new = sorted(found - KNOWN_LAYER_VIOLATIONS)
    fixed = sorted(KNOWN_LAYER_VIOLATIONS - found)
    assert not new, "imports that break the layers of docs/architecture.md:\n" + "\n".join(new)
    assert not fixed, "fixed, remove from KNOWN_LAYER_VIOLATIONS:\n" + "\n".join(fixed)


def test_no_production_function_reaches_80_lines():
    found = long_functions()
    new = sorted(f"{name} ({lines} lines)" for name, lines in found.items() if name not in KNOWN_LONG_FUNCTIONS)
    fixed = sorted(set(KNOWN_LONG_FUNCTIONS) - set(found))
    assert not new, f"functions longer than {MAX_FUNCTION_LINES} lines:\n" + "\n".join(new)
    assert not fixed, "now short enough, remove from KNOWN_LONG_FUNCTIONS:\n" + "\n".join(fixed)
