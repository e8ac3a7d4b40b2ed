"""Dashboard server time at scale: first render, filter changes, page switches, peak memory.

Usage: python -m bench.dashboard --data DIR [--repeats 5]
DIR is a store built by `python -m bench.scale --keep ...` (or `sourcebias ingest`). Each
figure is the server-side time of one script run measured with Streamlit's AppTest, in a
fresh process per repeat (so the first render really starts with empty caches); the
browser's own drawing time is not included. Peak memory is this process's resident maximum.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

ONE_RUN = """
import json, resource, sys, time
from streamlit.testing.v1 import AppTest
from dashboard.streamlit_compat import pin_explicit_navigation
pin_explicit_navigation()
app = AppTest.from_file("app.py", default_timeout=300)
timings = {}
def timed(name, step):
    t0 = time.perf_counter()
    step()
    timings[name] = time.perf_counter() - t0
    assert not app.exception, app.exception
timed("first render (overview)", app.run)
timed("filter: source type = wire", lambda: app.multiselect(key="filters.source_types")
      .set_value(["wire"]).run())
timed("filter: one actor", lambda: app.multiselect(key="filters.actors")
      .set_value(["taliban"]).run())
timed("filter: reset", lambda: app.button(key="filters.reset").click().run())
timed("same view again (cached)", app.run)
timed("switch to Actors", lambda: app.switch_page("pages/actors.py").run())
timed("switch to Attribution", lambda: app.switch_page("pages/attribution.py").run())
timed("switch to Readability", lambda: app.switch_page("pages/readability.py").run())
timed("switch to Evidence", lambda: app.switch_page("pages/evidence.py").run())
timed("switch to Documents", lambda: app.switch_page("pages/documents.py").run())
timed("search documents", lambda: app.text_input(key="documents.search").input("wire").run())
timed("switch to Corpus", lambda: app.switch_page("pages/corpus.py").run())
timings["peak MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(timings))
"""


def one_run(data: Path) -> dict[str, float]:
    env = {**os.environ, "SOURCEBIAS_DATA": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", ONE_RUN], cwd=REPO, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="store folder")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    runs = [one_run(args.data) for _ in range(args.repeats)]
    print(f"store: {args.data}  ({args.repeats} fresh processes; server time per script run)")
    for name in runs[0]:
        values = [r[name] for r in runs]
        unit = "MiB" if name == "peak MiB" else "ms"
        scale = 1 if unit == "MiB" else 1000
        shown = ", ".join(f"{v * scale:.0f}" for v in values)
        print(f"{name:<28} median {statistics.median(values) * scale:8.0f} {unit}  ({shown})")


if __name__ == "__main__":
    main()
