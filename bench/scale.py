"""Ingest + all metrics at scale: time, docs/s and peak memory, one core and all cores.

Usage: python -m bench.scale --n 10000 [--one-core] [--keep DIR]
Scenarios, each in a fresh subprocess so memory figures do not leak between them:
  full (all cores)   a new store, N documents ingested with every metric
  full (one core)    the same with one worker process (--one-core; slow at 100k)
  re-ingest          the same folder again: nothing new, nothing recomputed
  add 100            100 new documents beside the N: only those are computed
Peak memory is the resident memory of the ingest process plus its workers, sampled.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus_gen import write_corpus
from compute.local import default_workers

SCENARIO = """
import json, sys, time
from pathlib import Path
from bench.memory import PeakMemory
from corpus.actors_config import load_actors
from compute.local import update_metrics
from corpus.ingest import ingest
from store import Store
folder, data, workers = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
actors = load_actors()
with PeakMemory() as mem:
    t0 = time.perf_counter()
    report, _ = ingest([folder], Store(data))  # what `ingest` does, timed in two stages
    t1 = time.perf_counter()
    computed = update_metrics(Store(data), actors, workers=workers)
    t2 = time.perf_counter()
print(json.dumps({"seconds": t2 - t0, "documents_s": t1 - t0, "metrics_s": t2 - t1,
                  "peak_mib": mem.peak_mib, "computed": computed,
                  "added": report.count("added"), "unchanged": report.count("unchanged")}))
"""


def scenario(folder: Path, data: Path, workers: int | None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(folder), str(data), json.dumps(workers)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def row(name: str, n: int, r: dict) -> str:
    rate = n / r["seconds"] if r["seconds"] else float("inf")
    return (
        f"{name:<22} {n:>8} {r['seconds']:>10.1f} {rate:>10.1f} {r['peak_mib']:>10.0f}"
        f"   documents {r['documents_s']:.1f} s + metrics {r['metrics_s']:.1f} s;"
        f" added {r['added']}, unchanged {r['unchanged']}, computed {r['computed']}"
    )


def run(n: int, one_core: bool, keep: Path | None) -> None:
    root = keep or Path(tempfile.mkdtemp(prefix="sourcebias-bench-"))
    folder = root / "corpus"
    t0 = time.perf_counter()
    if not (folder / "manifest.csv").exists():
        write_corpus(n, folder)
    print(f"corpus: {n} documents in {folder} (written in {time.perf_counter() - t0:.1f} s)")
    print(f"cores available: {default_workers()}")
    print(f"{'scenario':<22} {'docs':>8} {'seconds':>10} {'docs/s':>10} {'peak MiB':>10}")
    if one_core:
        data = root / "store-one-core"
        shutil.rmtree(data, ignore_errors=True)
        print(row("full (one core)", n, scenario(folder, data, 1)), flush=True)
    data = root / "store"
    shutil.rmtree(data, ignore_errors=True)
    full = scenario(folder, data, None)
    print(row("full (all cores)", n, full), flush=True)
    again = scenario(folder, data, None)
    print(row("re-ingest unchanged", n, again), flush=True)
    print(f"  re-ingest / full: {again['seconds'] / full['seconds']:.1%}")
    extra = root / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    write_corpus(100, extra, seed=12345, start=n)
    added = scenario(extra, data, None)
    print(row("add 100", 100, added), flush=True)
    if keep is None:
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(f"store kept in {data} (for python -m bench.dashboard --data {data})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--one-core", action="store_true", help="also time one worker")
    parser.add_argument("--keep", type=Path, help="folder to keep the corpus and store in")
    args = parser.parse_args()
    run(args.n, args.one_core, args.keep)


if __name__ == "__main__":
    main()
