"""Build the items of the Afghanistan tone set (eval/tone/items.jsonl and sheet_*.txt).

One item per mention, shown as its sentence with the mention marked and the sentence before
it, with no model output anywhere. Two parts:
- seeds: the five bundled seed texts' mentions that the mention set (eval/mentions, labelled
  earlier) says are an actor written about (role "target"); the actor is known;
- written: every alias match in texts written for this set (eval/tone/written.jsonl,
  CC BY 4.0); the labeller also says which actor is meant, or that the actor speaks.

    python scripts/build_tone_items.py
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from metrics.segment import sentences

ROOT = Path(__file__).resolve().parent.parent
MENTIONS = ROOT / "eval" / "mentions"
OUT = ROOT / "eval" / "tone"
ACTORS = MENTIONS / "actors_afghanistan.toml"


def alias_patterns(config_path: Path) -> list[tuple[str, re.Pattern[str]]]:
    """(actor, whole-alias pattern) for every alias, to say which actors a span may mean."""
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    out = []
    for key, spec in config["actors"].items():
        for raw in spec["aliases"]:
            raw = {"text": raw} if isinstance(raw, str) else raw
            if "regex" in raw:
                out.append((key, re.compile(raw["regex"])))
            else:
                body = r"\s+".join(re.escape(w) for w in raw["text"].split())
                flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
                out.append((key, re.compile(body.replace(r"\-", r"[-\s]"), flags)))
    return out


def item(doc: str, text: str, span: dict, actors: list[str], part: str) -> dict:
    sents = sentences(text)
    k = next(i for i, s in enumerate(sents) if s.start <= span["start"] < s.end)
    sent = sents[k]
    marked = (
        text[sent.start : span["start"]]
        + "⟦"
        + text[span["start"] : span["end"]]
        + "⟧"
        + text[span["end"] : sent.end]
    )
    before = text[sents[k - 1].start : sents[k - 1].end] if k else ""
    return {
        "id": span["id"],
        "part": part,
        "doc": doc,
        "actors": actors,
        "start": span["start"],
        "end": span["end"],
        "sentence_start": sent.start,
        "sentence_end": sent.end,
        "sentence": text[sent.start : sent.end],
        "marked": marked,
        "context": before,
    }


def main() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_mention_items import alias_regex, candidates

    gold = {}
    for line in (MENTIONS / "labels_afghanistan.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["id"]] = row
    items = []
    for line in (MENTIONS / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["domain"] != "afghanistan":
            continue
        for span in d["spans"]:
            g = gold.get(span["id"])
            if g and g["role"] == "target" and g["actor"] not in ("other", "unclear"):
                items.append(item(d["doc"], d["text"], span, [g["actor"]], "seeds"))
    regex = alias_regex(ACTORS)
    patterns = alias_patterns(ACTORS)
    written = OUT / "written.jsonl"
    lines = written.read_text(encoding="utf-8").splitlines() if written.exists() else []
    for line in lines:
        d = json.loads(line)
        for i, span in enumerate(candidates(d["text"], regex)):
            span["id"] = f"{d['doc']}#{i}"
            who = sorted({a for a, p in patterns if p.fullmatch(span["text"])})
            items.append(item(d["doc"], d["text"], span, who, "written"))
    with (OUT / "items.jsonl").open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    for part in ("seeds", "written"):
        lines = []
        for it in (it for it in items if it["part"] == part):
            lines.append(
                f"[{it['id']}] actor: {' / '.join(it['actors']) or '?'}\n"
                f"  before: {it['context']}\n  sentence: {it['marked']}\n"
            )
        (OUT / f"sheet_{part}.txt").write_text("\n".join(lines), encoding="utf-8")
    print({p: sum(it["part"] == p for it in items) for p in ("seeds", "written")})


if __name__ == "__main__":
    main()
