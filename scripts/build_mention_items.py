"""Build the candidate spans of the mention dev set (eval/mentions/documents.jsonl).

Candidates are every span an alias matches, found by plain string matching before any
resolution, so the set can be labelled without seeing what the resolver decides. Two domains:
the bundled seeds (Afghanistan) with seeds/actors.toml, and NewsMTSC articles (US politics,
MIT licence) with eval/mentions/actors_us.toml, their sentences put back in article order.

    python scripts/build_mention_items.py
"""

from __future__ import annotations

import json
import random
import re
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "eval" / "mentions"
NEWSMTSC = ROOT.parent / "shared" / "eval" / "newsmtsc" / "train.jsonl"


def alias_regex(config_path: Path) -> re.Pattern[str]:
    """Every alias of every actor in one leftmost-longest alternation, shared ones once."""
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    seen: dict[tuple[str, bool], str] = {}
    for spec in config["actors"].values():
        for raw in spec["aliases"]:
            raw = {"text": raw} if isinstance(raw, str) else raw
            if "regex" in raw:
                body = raw["regex"]
                sensitive = not body.startswith("(?i)")
                body = body.removeprefix("(?i)")
            else:
                text = raw["text"]
                body = r"\s+".join(re.escape(w) for w in text.split()).replace(r"\-", r"[-\s]")
                sensitive = bool(raw.get("case_sensitive", False))
            seen.setdefault((body, sensitive), body if sensitive else f"(?i:{body})")
    ordered = sorted(seen.items(), key=lambda kv: len(kv[0][0]), reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(v for _, v in ordered) + r")(?!\w)")


def candidates(text: str, regex: re.Pattern[str]) -> list[dict]:
    return [{"start": m.start(), "end": m.end(), "text": m.group()} for m in regex.finditer(text)]


def seeds_documents() -> list[dict]:
    regex = alias_regex(ROOT / "seeds" / "actors.toml")
    docs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append({"doc": "seeds/" + path.name, "domain": "afghanistan", "text": text,
                     "spans": candidates(text, regex)})  # fmt: skip
    return docs


def newsmtsc_documents(n_collision: int = 75, n_random: int = 45) -> tuple[list[dict], list[dict]]:
    """NewsMTSC articles with at least one candidate: those where a candidate has a
    capitalised word beside it (where collisions live) and a random rest; then a held-out
    batch drawn the same way from the articles left, labelled after the rules were tuned on
    the first."""
    regex = alias_regex(OUT / "actors_us.toml")
    articles: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for line in NEWSMTSC.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        parts = row["primary_gid"].split("_")
        articles["_".join(parts[:3])].append((int(parts[3]), row["sentence_normalized"]))
    beside = re.compile(r"[A-Z][\w.]*\s+$")
    collide, plain = [], []
    for key in sorted(articles):
        sents = sorted(set(articles[key]))
        text = ""
        for i, (idx, sentence) in enumerate(sents):
            if i:
                text += " " if idx == sents[i - 1][0] + 1 else "\n\n"
            text += sentence
        spans = candidates(text, regex)
        if not spans:
            continue
        doc = {"doc": "newsmtsc/" + key, "domain": "us-politics", "text": text, "spans": spans}
        near = any(
            beside.search(text[max(0, s["start"] - 20) : s["start"]])
            or re.match(r"\s+[A-Z]", text[s["end"] : s["end"] + 3])
            for s in spans
        )
        (collide if near else plain).append(doc)
    rng = random.Random(13)
    first = rng.sample(collide, n_collision) + rng.sample(plain, n_random)
    used = {d["doc"] for d in first}
    rest_c = [d for d in collide if d["doc"] not in used]
    rest_p = [d for d in plain if d["doc"] not in used]
    later = random.Random(2026)
    held = later.sample(rest_c, 45) + later.sample(rest_p, 30)
    for d in held:
        d["domain"] = "us-politics-heldout"
    return first, held


def main() -> None:
    first, held = newsmtsc_documents()
    docs = seeds_documents() + first + held
    with (OUT / "documents.jsonl").open("w", encoding="utf-8") as fh:
        for d in docs:
            for i, s in enumerate(d["spans"]):
                s["id"] = f"{d['doc']}#{i}"
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    domains = ("afghanistan", "us-politics", "us-politics-heldout")
    for domain in domains:
        sheet = []
        for d in (d for d in docs if d["domain"] == domain):
            text, out, pos = d["text"], [], 0
            for s in d["spans"]:
                out.append(text[pos : s["start"]])
                out.append(f"⟦{s['id'].split('#')[1]}:{text[s['start'] : s['end']]}⟧")
                pos = s["end"]
            out.append(text[pos:])
            sheet.append(f"===== DOCUMENT {d['doc']} =====\n{''.join(out).strip()}\n")
        (OUT / f"sheet_{domain}.txt").write_text("\n".join(sheet), encoding="utf-8")
    n = {dom: sum(len(d["spans"]) for d in docs if d["domain"] == dom) for dom in domains}
    print(f"{len(docs)} documents, candidate spans per domain: {n}")


if __name__ == "__main__":
    main()
