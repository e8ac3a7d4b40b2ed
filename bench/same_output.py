"""Does this tree store exactly what another revision stores? A check for refactors.

Usage: python -m bench.same_output --base REV [--n 2000]
REV is checked out in a temporary git worktree. In each tree a fresh process runs the
`sourcebias` command as a user would: ingest the bundled seeds, then N generated documents
(`bench.corpus_gen`), each followed by computing the metrics, into its own empty store.
Every stored table is then read back in a canonical order (all columns, rows sorted) and
hashed; run times, ingest timestamps and the store's own paths are left out, since they
differ by design. Printed: rows and digest per table in each tree, and whether they match.
Exit status 1 if any table differs.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from bench.corpus_gen import write_corpus

REPO = Path(__file__).resolve().parents[1]

# Both trees are driven through their own CLI, whatever module it lives in.
RUN_CLI = """
import sys
try:  # a revision from before the command moved to cli/
    from sourcebias.cli import main
except ImportError:
    from cli.main import main
main(sys.argv[1:])
"""
# Columns that differ between any two runs by design (clock times, where the inputs sat).
VOLATILE = {
    "documents": {"ingested_at", "origin"},
    "ingest_runs": {"started_at", "inputs"},
    "ingest_files": {"path", "mtime_ns", "record"},
    "ingest_issues": {"file"},
}
SKIPPED_META = ("seeds_fingerprint",)


def run_pipeline(tree: Path, data: Path, inputs: list[Path]) -> None:
    for folder in inputs:
        result = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "ingest", str(folder), "--data", str(data)],
            cwd=tree,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise SystemExit(f"{tree}: ingest {folder} failed:\n{result.stderr[-3000:]}")
        compute = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "compute", "--data", str(data)],
            cwd=tree,
            capture_output=True,
            text=True,
        )
        if compute.returncode and "No such command" not in compute.stderr:
            raise SystemExit(f"{tree}: compute failed:\n{compute.stderr[-3000:]}")


def digests(data: Path, ignored: set[str] = frozenset()) -> dict[str, tuple[int, str]]:
    """Table name -> (rows, SHA-256 of its rows in canonical order), leaving out the
    VOLATILE columns and the `ignored` ones (named table.column)."""
    (db,) = data.glob("*.duckdb")
    out: dict[str, tuple[int, str]] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for (table,) in con.execute("SHOW TABLES").fetchall():
            columns = [
                r[0]
                for r in con.execute(f"DESCRIBE {table}").fetchall()
                if r[0] not in VOLATILE.get(table, set()) and f"{table}.{r[0]}" not in ignored
            ]
            listed = ", ".join(columns)
            where = ""
            if table == "meta":
                where = f" WHERE key NOT IN ({', '.join(repr(k) for k in SKIPPED_META)})"
            rows = con.execute(f"SELECT {listed} FROM {table}{where} ORDER BY ALL").fetchall()
            digest = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()[:16]
            out[table] = (len(rows), digest)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the revision to compare against")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="TABLE.COLUMN",
        help="a column that differs on purpose (e.g. ingest_files.key after INGEST_VERSION)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = root / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(base), args.base],
            cwd=REPO,
            check=True,
        )
        try:
            generated = write_corpus(args.n, root / "generated")
            inputs = [REPO / "seeds", generated]
            found = {}
            for name, tree in (("base", base), ("this tree", REPO)):
                data = root / f"data-{name.replace(' ', '-')}"
                run_pipeline(tree, data, inputs)
                found[name] = digests(data, set(args.ignore))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=REPO, check=False
            )
    tables = sorted(set(found["base"]) | set(found["this tree"]))
    same = True
    print(f"stored tables after ingesting the seeds and {args.n} generated documents")
    if args.ignore:
        print(f"columns left out on purpose: {', '.join(args.ignore)}")
    print(f"{'table':<16} {'base rows':>10} {'this rows':>10}  result")
    for table in tables:
        a, b = found["base"].get(table), found["this tree"].get(table)
        verdict = "identical" if a == b else "DIFFERENT"
        same = same and a == b
        print(f"{table:<16} {a[0] if a else '-':>10} {b[0] if b else '-':>10}  {verdict}")
    print("all tables identical" if same else "some tables differ")
    raise SystemExit(0 if same else 1)


if __name__ == "__main__":
    main()
