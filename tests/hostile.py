"""A hostile corpus: every field a corpus can set carries markup, formulas and controls.

Markdown images and links that would fetch or point at 127.0.0.1:9 (nothing listens there,
and the browser test fails on any request to it), headings, emphasis, LaTeX, HTML with
script, `\\r` that would end an HTML block, a right-to-left override, and spreadsheet
formulas. Used by the AppTest and browser tests to prove none of it is ever obeyed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sourcebias.paths import DEFAULT_ACTORS

TRAP = "http://127.0.0.1:9"
SOURCE_A = f'Evil ![px]({TRAP}/source.png) **Daily** $x^2$ <b id="pwn-source">b</b> \u202eRTL'
SOURCE_B = f'=HYPERLINK("{TRAP}/csv") [wire]({TRAP}/w) # Wire\rfeed'
TITLE = (
    f"# HEADING ![t]({TRAP}/title.png) <script>window.__pwned=1</script> $t^2$\r\r"
    "**after** :red[red]"
)
AUTHOR = f"[Author]({TRAP}/author) @SUM(1)"
URL = f"{TRAP}/url ![u]({TRAP}/u.png)"
ACTOR_NAME = f'Zorblax ![a]({TRAP}/actor.png) $y$ <b id="pwn-actor">a</b>'
FILE_NAMES = (
    "evil ![f](http:x:9:f.png) \u202egnp.txt",
    "=cmd  [x](y).txt",
    "plain # heading.txt",
    "wire $z$ <i>.txt",
)
BODY = f"""Zorblax forces advanced on the city, officials said on Monday.
"We will defeat the enemies of Zorblax before winter," said **Mr** ![sp]({TRAP}/speaker.png) Smith.
According to [officials]({TRAP}/according), Zorblax controls the border.\r\r# Injected heading
<img src="x" onerror="window.__pwned=1"><script>window.__pwned=1</script> $$E=mc^2$$ \u202eesrever
Residents said the Zorblax commanders were brutal and corrupt, and the people suffered.
"Zorblax has brought peace and security to every province," a spokesman told reporters.
"""


def build(folder: Path) -> tuple[Path, Path]:
    """Write the corpus (four documents, two sources) and an actors file; returns both."""
    corpus = folder / "hostile"
    corpus.mkdir(parents=True)
    rows = []
    for i, name in enumerate(FILE_NAMES):
        (corpus / name).write_text(f"Report {i}.\n{BODY}\nEnd of report {i}.\n", encoding="utf-8")
        rows.append(
            {
                "file": name,
                "source": SOURCE_A if i % 2 == 0 else SOURCE_B,
                "source_type": "partisan" if i % 2 == 0 else "wire",
                "date": f"2021-08-{10 + i:02d}",
                "title": TITLE if i != 1 else "",
                "author": AUTHOR,
                "url": URL,
            }
        )
    with open(corpus / "manifest.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    actors = folder / "actors.toml"
    hostile_actor = ACTOR_NAME.replace('"', '\\"')
    actors.write_text(
        DEFAULT_ACTORS.read_text(encoding="utf-8")
        + f'\n[actors.zorblax]\nname = "{hostile_actor}"\n'
        + 'aliases = [{ text = "Zorblax", label = "neutral" }]\n',
        encoding="utf-8",
    )
    return corpus, actors
