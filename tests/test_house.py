"""The shape of the house (docs/architecture.md of the design notes), held by reading the code:
which package may import which, through which public face, and where the framework imports live.

Each test fails on a wrong-way import, a reach past a package's `__all__`, or a cycle, naming the
file and line, so the layering the README claims is checked rather than hoped for.
"""

from __future__ import annotations

import ast
import importlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

import storywatch

PACKAGE_ROOT = Path(storywatch.__file__).parent
PACKAGES = ("sources", "extractors", "stories", "storage", "alerts", "flows")
# Data flows one way: sources -> extractors -> stories -> storage -> alerts, composed by flows.
# A package imports the shared core (records, config, errors, signatures, http_headers) and the
# packages listed here, nothing else.
ALLOWED = {
    "sources": set(),
    "extractors": set(),
    "stories": {"extractors"},
    "storage": set(),
    "alerts": set(),
    "flows": {"sources", "extractors", "stories", "storage", "alerts"},
}
# Third-party imports that belong to one package only.
OWNERS = {"sqlalchemy": "storage", "alembic": "storage", "psycopg": "storage", "prefect": "flows"}
# Never in the pure packages: they touch no network, database or framework.
PURE = {"extractors", "stories"}
NETWORK = {"httpx", "httpcore", "socket", "smtplib", "urllib.request", "apprise", "feedparser"}
# Product imports inside a function, allowed only where Prefect must be imported after the
# environment is prepared (PREFECT_HOME, telemetry off): the CLI and the deployments it builds.
LAZY_ALLOWED = {"flows/cli.py", "flows/deployments.py"}


@dataclass(frozen=True)
class Import:
    path: str  # relative to the storywatch package, e.g. "flows/monitor.py"
    line: int
    module: str  # absolute, e.g. "storywatch.stories"
    names: tuple[str, ...]
    top_level: bool


def product_files() -> list[Path]:
    """Every module of the installed package (its packages are symlinks in a checkout: followed)."""
    found = []
    for folder, _dirs, files in os.walk(PACKAGE_ROOT, followlinks=True):
        found += [Path(folder) / name for name in files if name.endswith(".py")]
    return sorted(found)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(rel(path), node.lineno, alias.name, (), id(node) in top))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(Import(rel(path), node.lineno, module, tuple(a.name for a in node.names),
                                id(node) in top))
    return found


def rel(path: Path) -> str:
    return path.relative_to(PACKAGE_ROOT).as_posix()


def package_of(path: str) -> str | None:
    first = path.split("/")[0]
    return first if first in PACKAGES else None


def target_package(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "storywatch" and len(parts) > 1 and parts[1] in PACKAGES:
        return parts[1]
    return None


ALL_IMPORTS = [i for p in product_files() for i in imports_of(p)]


def test_the_walk_sees_the_product():
    paths = {i.path for i in ALL_IMPORTS}
    assert {"flows/pipeline.py", "stories/development.py", "storage/store.py", "records.py"} <= paths
    assert any(i.module == "storywatch.stories" and "assign_stories" in i.names for i in ALL_IMPORTS)


def wrong_way(imports: list[Import]) -> list[str]:
    wrong = []
    for i in imports:
        source, target = package_of(i.path), target_package(i.module)
        if target is None or target == source:
            continue
        if source is None:  # the shared core imports no package
            wrong.append(f"{i.path}:{i.line} imports {i.module}: the core imports no package")
        elif target not in ALLOWED[source]:
            wrong.append(f"{i.path}:{i.line} imports {i.module}: {source} may not import {target}")
    return wrong


def past_public_face(imports: list[Import]) -> list[str]:
    wrong = []
    for i in imports:
        source, target = package_of(i.path), target_package(i.module)
        if target is None or target == source:
            continue
        if i.module != f"storywatch.{target}":
            wrong.append(f"{i.path}:{i.line} reaches into {i.module}; import from storywatch.{target}")
            continue
        public = set(importlib.import_module(i.module).__all__)
        wrong += [f"{i.path}:{i.line} imports {name} from {i.module}, not in its __all__"
                  for name in i.names if name not in public]
    return wrong


def test_packages_import_only_the_way_data_flows():
    assert wrong_way(ALL_IMPORTS) == []


def test_other_packages_are_imported_through_their_public_face():
    """As httpx's test_exported_members: what one package takes from another is in its __all__."""
    assert past_public_face(ALL_IMPORTS) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_exists(package):
    module = importlib.import_module(f"storywatch.{package}")
    assert [name for name in module.__all__ if not hasattr(module, name)] == []


def test_framework_and_database_imports_stay_in_their_package():
    wrong = []
    for i in ALL_IMPORTS:
        owner = OWNERS.get(i.module.split(".")[0])
        if owner is not None and package_of(i.path) != owner:
            wrong.append(f"{i.path}:{i.line} imports {i.module}: only {owner}/ may")
        if package_of(i.path) in PURE and (i.module in NETWORK or i.module.split(".")[0] in NETWORK):
            wrong.append(f"{i.path}:{i.line} imports {i.module}: {package_of(i.path)} touches no network")
    assert wrong == []


def test_no_product_import_hides_in_a_function():
    """An import inside a function is how an import cycle gets dodged; cycles are not allowed."""
    wrong = [f"{i.path}:{i.line} imports {i.module} inside a function" for i in ALL_IMPORTS
             if not i.top_level and i.module.startswith("storywatch") and i.path not in LAZY_ALLOWED]
    assert wrong == []


def test_no_import_cycles_between_modules():
    modules = {module_name(p): p for p in product_files()}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in product_files():
        for i in imports_of(path):
            if not i.top_level:
                continue
            candidates = [f"{i.module}.{n}" for n in i.names] + [i.module]
            graph[module_name(path)] |= {c for c in candidates if c in modules and c != module_name(path)}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # a package's __init__ importing its own submodules is not a cycle a reader trips on
    cycles = [c for c in cycles if not all(part.startswith(c.split(" -> ")[0]) for part in c.split(" -> "))]
    assert cycles == []


def test_the_checks_catch_a_wrong_way_import_and_a_reach_past_all():
    """The checks above can fail: storage importing stories, and a reach into a submodule."""
    into_stories = Import("storage/store.py", 1, "storywatch.stories", ("assign_stories",), True)
    past = Import("flows/pipeline.py", 2, "storywatch.extractors.dedup", ("most_similar",), True)
    hidden = Import("flows/pipeline.py", 3, "storywatch.extractors", ("_private",), True)
    assert wrong_way([into_stories]) == [
        "storage/store.py:1 imports storywatch.stories: storage may not import stories"]
    assert past_public_face([past, hidden]) == [
        "flows/pipeline.py:2 reaches into storywatch.extractors.dedup; import from storywatch.extractors",
        "flows/pipeline.py:3 imports _private from storywatch.extractors, not in its __all__"]
