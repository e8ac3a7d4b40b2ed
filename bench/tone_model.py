"""Milliseconds per mention of each actor-sentiment configuration, measured side by side.

Usage: python -m bench.tone_model FILE.jsonl [--n 2000] [--repeats 3]
FILE is NewsMTSC-format (e.g. ../shared/eval/newsmtsc/train.jsonl). Each configuration scores
the same N mentions, every sentence given a fresh prefix so no cache is served a sentence it
has seen; turns alternate so all see the same machine load. Printed: the median ms per
mention, and the macro-F1 each gets on those mentions (in-sample for the trained parts: this
is a cost table, the accuracy figures are the model card's cross-validated ones).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from compute.model import load_model
from corpus.newsmtsc import read_newsmtsc
from metrics.actor_sentiment import LinearModel, score_mention
from metrics.evaluation import Example, evaluate


def configurations() -> dict[str, LinearModel | None]:
    full = load_model()
    return {
        "rules engine (clause VADER)": None,
        "sparse features only": dataclasses.replace(full, dense=None, embeddings=None, rules=False),
        "sparse + composition rules": dataclasses.replace(full, dense=None, embeddings=None),
        "sparse + embeddings": dataclasses.replace(full, rules=False),
        "shipped: sparse + embeddings + rules": full,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    examples = read_newsmtsc(args.file)[: args.n]
    configs = configurations()
    times: dict[str, list[float]] = {name: [] for name in configs}
    labels: dict[str, list[str]] = {}
    for turn in range(args.repeats):
        for k, (name, model) in enumerate(configs.items()):
            prefix = f"In report {turn}-{k}, "
            batch = [
                Example(prefix + e.sentence, e.start + len(prefix), e.end + len(prefix),
                        e.label, e.group)
                for e in examples
            ]  # fmt: skip
            t0 = time.perf_counter()
            out = [score_mention(e.sentence, e.start, e.end, model).label for e in batch]
            times[name].append((time.perf_counter() - t0) / len(batch) * 1000)
            labels[name] = out
    gold = [e.label for e in examples]
    print(f"{len(examples)} mentions, {args.repeats} turns each, one core")
    for name in configs:
        f1 = evaluate(gold, labels[name]).macro_f1
        print(f"{name:40s} {statistics.median(times[name]):6.3f} ms/mention   macro-F1 {f1:.3f}")


if __name__ == "__main__":
    main()
