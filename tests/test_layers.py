"""The packages import one another in one direction only, the direction of the flow:

    cli ─► dashboard ─► pipeline ─► compute ─► corpus ─► store ─► metrics
    pages ─► dashboard ─► aggregates ─► store         (sourcebias: shared by all)

so a reader can follow the data from files to charts without meeting a cycle, and the metric
core stays pure: text and explicit arguments in, frozen dataclasses out, no file I/O.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

BASE = {"sourcebias"}
ALLOWED: dict[str, set[str]] = {
    "sourcebias": set(),
    "metrics": set(),
    "store": BASE | {"metrics"},
    "corpus": BASE | {"metrics", "store"},
    "compute": BASE | {"metrics", "store", "corpus"},
    "aggregates": BASE | {"metrics", "store"},
    "pipeline": BASE | {"metrics", "store", "corpus", "compute"},
    "dashboard": BASE | {"metrics", "store", "corpus", "compute", "aggregates", "pipeline"},
    "cli": BASE | {"metrics", "store", "corpus", "compute", "aggregates", "pipeline", "dashboard"},
    "pages": {"dashboard"},
    "app": {"dashboard"},
}
OURS = set(ALLOWED)


def _modules(layer: str) -> list[Path]:
    if layer == "app":
        return [REPO / "app.py"]
    return sorted((REPO / layer).rglob("*.py"))


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every import in the file, at any depth (imports inside functions count too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module


LAYER_FILES = [(layer, p) for layer in ALLOWED for p in _modules(layer)]


@pytest.mark.parametrize(
    "layer, path", LAYER_FILES, ids=[str(p.relative_to(REPO)) for _, p in LAYER_FILES]
)
def test_imports_go_down_the_flow(layer: str, path: Path) -> None:
    for line, name in _imports(path):
        top = name.split(".")[0]
        if top in OURS and top != layer:
            assert top in ALLOWED[layer], (
                f"{path.relative_to(REPO)}:{line} imports {name}: {layer} may import only "
                f"{', '.join(sorted(ALLOWED[layer])) or 'none of ours'}"
            )


def test_the_allowed_graph_has_no_cycle() -> None:
    done: set[str] = set()

    def visit(layer: str, path: tuple[str, ...]) -> None:
        assert layer not in path, f"cycle: {' -> '.join((*path, layer))}"
        if layer not in done:
            for below in ALLOWED[layer]:
                visit(below, (*path, layer))
            done.add(layer)

    for layer in ALLOWED:
        visit(layer, ())


def test_every_package_is_placed() -> None:
    packages = {p.parent.name for p in REPO.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages <= OURS, f"packages without a place in the flow: {packages - OURS}"


# The metric core never touches files: the model, labelled data and corpora are read at the
# edge (compute.model, corpus) and passed in. Libraries it calls may read their own data.
IO_MODULES = {"os", "io", "pathlib", "shutil", "glob", "tempfile", "sqlite3", "duckdb"}
IO_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "unlink", "mkdir"}


@pytest.mark.parametrize(
    "path", _modules("metrics"), ids=lambda p: str(p.relative_to(REPO / "metrics"))
)
def test_the_metric_core_does_no_file_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for line, name in _imports(path):
        assert name.split(".")[0] not in IO_MODULES, f"{path.name}:{line} imports {name}"
        assert name.split(".")[0] != "streamlit", f"{path.name}:{line} imports {name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            assert called not in IO_CALLS, f"{path.name}:{node.lineno} calls {called}()"
