"""Reprint detection's cost at ingest (issue 18): prints figures, asserts nothing.

    python -m bench.reprints --n 10000 [--add 100] [--metrics]

Ingests a synthetic corpus of N documents (bench.corpus_gen) into a fresh store, timing the
whole ingest and, inside it, the reprint detection (fingerprints, band lookups, families);
then ingests ADD more documents into the same store, timing that ingest and counting the
fingerprints it computed (only the new documents: nothing is rescanned). With --metrics the
metrics stage is timed too, so the detection's share of ingest plus all metrics is printed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.corpus_gen import write_corpus
from compute.local import update_metrics
from corpus import ingest as ingest_module
from corpus import reprints
from corpus.actors_config import load_actors
from store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--metrics", action="store_true")
    args = parser.parse_args()
    spent = {"detect": 0.0, "fingerprints": 0}
    real_update, real_fp = reprints.update_reprints, reprints.fingerprint

    def timed_update(store, progress=None):
        t0 = time.perf_counter()
        try:
            return real_update(store, progress)
        finally:
            spent["detect"] += time.perf_counter() - t0

    def counted_fp(text):
        spent["fingerprints"] += 1
        return real_fp(text)

    ingest_module.update_reprints = timed_update
    reprints.fingerprint = counted_fp
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(args.n, root / "corpus")
        write_corpus(args.add, root / "more", seed=99, start=args.n)
        store = Store(root / "store")
        t0 = time.perf_counter()
        ingest_module.ingest([root / "corpus"], store)
        total = time.perf_counter() - t0
        detect, computed = spent["detect"], spent["fingerprints"]
        print(
            f"{args.n:,} documents: ingest {total:.1f} s, of which reprint detection "
            f"{detect:.1f} s ({detect / total:.1%}; {computed:,} fingerprints)"
        )
        with store.connect(read_only=True) as con:
            n_rep, n_fam = con.execute(
                "SELECT count(*) FILTER (WHERE NOT canonical), count(DISTINCT family) FROM reprints"
            ).fetchone()
        print(f"  families {n_fam:,}, copies {n_rep:,}")
        if args.metrics:
            t0 = time.perf_counter()
            update_metrics(store, load_actors())
            metrics = time.perf_counter() - t0
            print(
                f"  all metrics {metrics:.1f} s: detection is {detect / (total + metrics):.1%} "
                f"of ingest plus metrics (detection-free ingest + metrics "
                f"{total - detect + metrics:.1f} s, ratio "
                f"{(total + metrics) / (total - detect + metrics):.3f})"
            )
        spent.update(detect=0.0, fingerprints=0)
        t0 = time.perf_counter()
        ingest_module.ingest([root / "more"], store)
        added = time.perf_counter() - t0
        print(
            f"adding {args.add} documents: ingest {added:.2f} s, of which detection "
            f"{spent['detect']:.2f} s; fingerprints computed: {spent['fingerprints']}"
        )


if __name__ == "__main__":
    main()
