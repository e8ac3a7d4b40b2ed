"""bench.versus compares this tree with a revision in one run and prints the ratio."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_versus_prints_both_trees_and_the_ratio() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.versus", "--base", "HEAD", "--n", "3", "--repeats", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("base ") and "docs/s" in line for line in lines)
    assert any(line.startswith("this tree") and "docs/s" in line for line in lines)
    ratio = float(lines[-1].rsplit(" ", 1)[1])
    assert ratio > 0
