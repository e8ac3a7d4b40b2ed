"""A synthetic corpus made from the seeds: N news-length documents, none identical.

Sentences of the seed documents are recombined and lightly perturbed (numbers changed, names
swapped between actors' aliases) so that each document is unique but reads like the seeds:
the same vocabulary, quote marks, captions and residue that the metrics must handle.
Every sentence also gets a random lead-in ("On day 213, ...") so that no two sentences are
likely to be identical: a benchmark over repeated sentences would measure caches, not work.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.clean import clean
from metrics.segment import sentences
from sourcebias.paths import SEEDS_DIR

SOURCES = (
    ("Islamic Emirate (English)", "partisan"),
    ("Al-Emarah mirror", "partisan"),
    ("Wire reprints (aggregator)", "wire"),
    ("Regional wire", "wire"),
)
LEADS = ("On day", "In district", "By report", "At checkpoint", "In sector", "After week")
SWAPS = (
    ("Taliban", "Islamic Emirate"),
    ("regime", "Kabul administration"),
    ("US", "United States"),
    ("government", "Afghan government"),
    ("said", "claimed"),
    ("Mujahideen", "militants"),
)


@dataclass(frozen=True)
class SyntheticDoc:
    name: str
    text: str
    source: str
    source_type: str
    date: dt.date


def _pools() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"partisan": [], "wire": []}
    kinds = {"000": "partisan", "001": "partisan", "002": "partisan", "003": "wire", "004": "wire"}
    for path in sorted(SEEDS_DIR.glob("0*.txt")):
        text = clean(path.read_text(encoding="utf-8")).masked
        pools[kinds[path.name[:3]]].extend(
            text[s.start : s.end] for s in sentences(text) if len(text[s.start : s.end]) > 40
        )
    return pools


def generate(
    n: int, seed: int = 7, min_chars: int = 4000, max_chars: int = 10000
) -> Iterator[SyntheticDoc]:
    rng = random.Random(seed)
    pools = _pools()
    start = dt.date(2021, 1, 1)
    for i in range(n):
        source, source_type = SOURCES[i % len(SOURCES)]
        pool = pools[source_type]
        target = rng.randint(min_chars, max_chars)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            para = " ".join(
                f"{rng.choice(LEADS)} {rng.randint(2, 999)}, {rng.choice(pool)}"
                for _ in range(rng.randint(1, 4))
            )
            a, b = rng.choice(SWAPS)
            if rng.random() < 0.5:
                para = para.replace(a, b, 1)
            para = para.replace("20", str(rng.randint(10, 99)), 1)
            paragraphs.append(para)
            size += len(para) + 2
        if source_type == "wire" and rng.random() < 0.3:
            paragraphs.append("Source link")
        header = f"Report {i} on the situation in Afghanistan"
        text = header + "\n\n" + "\n\n".join(paragraphs) + f"\n\n(doc {i})\n"
        yield SyntheticDoc(
            f"doc{i:06d}.txt",
            text,
            source,
            source_type,
            start + dt.timedelta(days=rng.randint(0, 364)),
        )


def write_corpus(n: int, folder: Path, seed: int = 7, start: int = 0) -> Path:
    """Write N documents as .txt files plus a manifest.csv (file, source, source_type, date),
    the layout an analyst's own corpus folder has. `start` numbers the files, so a second call
    can add documents beside the first ones. Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    new = not manifest.exists()
    with manifest.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(["file", "source", "source_type", "date"])
        for i, doc in enumerate(generate(n, seed=seed)):
            name = f"doc{start + i:06d}.txt"
            (folder / name).write_text(doc.text.replace("(doc ", f"(doc {start}-"), "utf-8")
            writer.writerow([name, doc.source, doc.source_type, doc.date.isoformat()])
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus folder.")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} documents and manifest.csv to {args.out}")


if __name__ == "__main__":
    main()
