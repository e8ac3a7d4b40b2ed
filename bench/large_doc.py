"""One large document: seconds and peak memory of cleaning plus every metric, by size.

Usage: python -m bench.large_doc [--sizes 100000 1000000 4900000]
Each case runs in a fresh process: news-like text from bench.corpus_gen (quotes, reporting
verbs, "according to", actor names) cut to the size, either as one line (a scraped page
with no paragraph breaks) or as paragraphs. The process first analyses a small document so
one-time loading (the syllable dictionary, the sentiment model) is not counted. Printed:
seconds, seconds per MB and its ratio to the smallest size's (linear work keeps it near 1;
the target is at most 2), and the process's peak resident memory with its growth over the
warmed-up process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

ONE_CASE = """
import json, resource, sys, time
from bench.large_doc import document
from corpus.actors_config import load_actors
from compute.analyse import analyse_text
size, single = int(sys.argv[1]), sys.argv[2] == "1"
actors = load_actors()
analyse_text(document(20_000, single), actors)
text = document(size, single)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
analysis = analyse_text(text, actors)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "growth_mib": (peak - base) / 1024,
                  "mentions": len(analysis.mentions), "attributions": len(analysis.attributions),
                  "chars": len(text)}))
"""


def document(size: int, single_line: bool, seed: int = 5) -> str:
    """News-like text of exactly `size` characters, on one line or in paragraphs."""
    from bench.corpus_gen import generate

    parts: list[str] = []
    total = 0
    for doc in generate(1_000_000, seed=seed):
        text = doc.text.replace("\n", " ") if single_line else doc.text
        parts.append(text)
        total += len(text) + 2
        if total >= size:
            break
    return (" " if single_line else "\n\n").join(parts)[:size]


def one_case(size: int, single_line: bool, timeout: float | None = None) -> dict | None:
    """The case's figures, or None if it ran past `timeout` seconds."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", ONE_CASE, str(size), "1" if single_line else "0"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 4_900_000])
    parser.add_argument("--timeout", type=float, default=600, help="seconds per case")
    args = parser.parse_args()
    print(
        f"{'layout':<12} {'size':>10} {'seconds':>8} {'s per MB':>9} {'ratio':>6} "
        f"{'peak MiB':>9} {'growth':>7} {'mentions':>9} {'attribs':>8}"
    )
    for single in (True, False):
        base: float | None = None
        for size in args.sizes:
            r = one_case(size, single, args.timeout)
            layout = "one line" if single else "paragraphs"
            if r is None:
                print(f"{layout:<12} {size:>10,} did not finish in {args.timeout:.0f} s")
                continue
            per_mb = r["seconds"] / (size / 1_000_000)
            base = per_mb if base is None else base
            print(
                f"{layout:<12} {size:>10,} {r['seconds']:>8.2f} {per_mb:>9.2f} "
                f"{per_mb / base:>6.2f} {r['peak_mib']:>9.0f} {r['growth_mib']:>7.0f} "
                f"{r['mentions']:>9,} {r['attributions']:>8,}"
            )


if __name__ == "__main__":
    main()
