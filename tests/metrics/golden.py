"""Golden outputs of the full per-document analysis, to prove a speed change changes nothing.

`cases()` is a fixed set of texts: the seeds, generated news-like documents, long
single-line and multi-paragraph documents, non-ASCII text with curly quotes, and long
repeated edge shapes. `digest()` is a SHA-256 of the canonical JSON of a DocumentAnalysis.
The committed digests were recorded again on purpose when mention resolution and roles were
added (issue 13: every mention gained its role, resolution and speaker, so every analysis
changed); to record them again on purpose, run `python -m tests.metrics.golden`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from bench.corpus_gen import generate
from compute.analyse import analyse_text
from corpus.actors_config import load_actors
from sourcebias.paths import SEEDS_DIR

DIGESTS = Path(__file__).parent / "data" / "golden_analysis.json"
NON_ASCII = (
    "«Les talibans ont pris Kaboul», a déclaré le porte-parole Zabihullah Mujahid. "
    "“The Islamic Emirate will respect the rights of women,” the spokesman told reporters. "
    "د طالبانو ویاند وویل چې “The government of Kabul has collapsed today,” he said. "
    "According to local officials, the NRF fighters withdrew from Panjshir after heavy losses. "
)

# Long single-line texts of one repeated shape each, where a step once grew faster than
# the text: "we" between quotations, reporting verbs and clause breaks in an unpunctuated
# run, a quote that never closes, initials that glue sentences together.
EDGE_UNITS = {
    "we-voice": "“Our work is done,” he said. We, all of us, kept our word as we said we would. ",
    "unpunctuated-verbs": "the Taliban: officials said: Mujahid told reporters and the regime ",
    "unclosed-quote": "“The Taliban said that the regime and we ",
    "initials": "J. R. Mujahid said ",
}


def _long(n_chars: int, single_line: bool, seed: int) -> str:
    parts: list[str] = []
    size = 0
    for doc in generate(10_000, seed=seed):
        text = doc.text.replace("\n", " ") if single_line else doc.text
        parts.append(text)
        size += len(text)
        if size >= n_chars:
            break
    return (" " if single_line else "\n\n").join(parts)


def cases() -> Iterator[tuple[str, str]]:
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for doc in generate(300, seed=11):
        yield doc.name, doc.text
    for i, (n, single) in enumerate([(40_000, True), (40_000, False), (25_000, True)]):
        yield f"long-{i}", _long(n, single, seed=20 + i)
    yield "non-ascii-line", NON_ASCII * 60
    yield "non-ascii-paragraphs", "\n\n".join([NON_ASCII] * 40)
    for name, unit in EDGE_UNITS.items():
        yield f"edge-{name}", (unit * (30_000 // len(unit) + 1))[:30_000]


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return sorted(([_plain(k), _plain(v)] for k, v in value.items()), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def digest(text: str) -> str:
    analysis = analyse_text(text, load_actors())
    canonical = json.dumps(_plain(analysis), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record() -> dict[str, str]:
    return {name: digest(text) for name, text in cases()}


if __name__ == "__main__":
    DIGESTS.write_text(json.dumps(record(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}")
