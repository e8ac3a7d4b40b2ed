"""metrics/ is a pure core: it never imports the UI, the store or the CLI."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

FORBIDDEN = ("streamlit", "corpus", "dashboard", "sourcebias", "duckdb")


@pytest.mark.parametrize("path", sorted((REPO / "metrics").glob("*.py")), ids=lambda p: p.name)
def test_metrics_module_imports_nothing_above_it(path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
