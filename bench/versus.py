"""Full-analysis throughput of this tree against another revision, measured in one run.

Usage: python -m bench.versus --base REV [--n 200] [--repeats 5]
REV (a commit, a branch, HEAD~3) is checked out in a temporary git worktree. The same N
generated documents are analysed (cleaning plus every metric, `analyse_text`) by a fresh
process in each tree, the two trees taking turns REPEATS times, so both see the same
machine load; printed are each tree's docs/s per turn, the medians, and this tree's ratio
to the base (above 1: faster). One core; the one-time loading is not timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus_gen import generate

REPO = Path(__file__).resolve().parents[1]

TIMED = """
import json, sys, time
from corpus.actors_config import load_actors
try:  # a revision from before the stages were split
    from corpus.analysis import analyse_text
except ImportError:
    from compute.analyse import analyse_text
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
actors = load_actors()
for text in texts[:5]:
    analyse_text(text, actors)
t0 = time.perf_counter()
for text in texts:
    analyse_text(text, actors)
print(len(texts) / (time.perf_counter() - t0))
"""


def docs_per_second(tree: Path, texts_file: Path) -> float:
    result = subprocess.run(
        [sys.executable, "-c", TIMED, str(texts_file)],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"{tree}: {result.stderr[-2000:]}")
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the revision to compare against")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(base), args.base],
            cwd=REPO,
            check=True,
        )
        try:
            texts_file = Path(tmp) / "texts.json"
            texts = [doc.text for doc in generate(args.n, seed=97)]
            texts_file.write_text(json.dumps(texts), encoding="utf-8")
            runs: dict[str, list[float]] = {"base": [], "this tree": []}
            for _ in range(args.repeats):
                runs["base"].append(docs_per_second(base, texts_file))
                runs["this tree"].append(docs_per_second(REPO, texts_file))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=REPO, check=False
            )
    print(f"full analysis, {args.n} generated documents, one core, {args.repeats} turns each")
    for name, values in runs.items():
        shown = ", ".join(f"{v:.1f}" for v in values)
        print(f"{name:<10} median {statistics.median(values):7.1f} docs/s  ({shown})")
    ratio = statistics.median(runs["this tree"]) / statistics.median(runs["base"])
    print(f"ratio this tree / base ({args.base}): {ratio:.3f}")


if __name__ == "__main__":
    main()
