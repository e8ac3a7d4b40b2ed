"""Concurrent sessions: N websocket clients change filters on one served store.

Usage: python -m bench.load [--sessions 10] [--changes 20] [--docs 3000] [--data DIR]
Starts `sourcebias serve` on a free loopback port (nothing else is contacted) on DIR, or on
a fresh store of --docs generated documents, and connects N clients speaking Streamlit's own
websocket protocol, as a browser tab does. Each client renders the Overview, then makes
--changes view changes in a fixed random order (source type, start date, actor, page) and
waits for each script run to finish. Printed: p50/p95/max of the time from the request to
the run's end (server time plus loopback transfer), errors (exceptions, "could not be
opened"), and the server's peak resident memory. Every client stops after --timeout s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(n: int, folder: Path) -> Path:
    """A store of n generated documents with every metric, as `sourcebias ingest` makes it."""
    from bench.corpus_gen import write_corpus
    from corpus.actors_config import load_actors
    from pipeline.run import ingest_and_compute
    from store import Store

    corpus = write_corpus(n, folder / "corpus")
    data = folder / "data"
    ingest_and_compute([corpus], Store(data), load_actors())
    return data


@dataclass
class Session:
    """What one client saw."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # label -> widget id
    pages: list[str] = field(default_factory=list)  # page script hashes, in app order

    def read(self, msg: ForwardMsg) -> None:
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("multiselect", "date_input"):
            widget = getattr(element, kind)
            self.widgets[widget.label] = widget.id
        elif kind == "exception":
            self.errors.append(element.exception.message)
        elif kind == "alert" and "could not be opened" in element.alert.body:
            self.errors.append(element.alert.body)


async def _run_once(ws: Any, state: ClientState, session: Session) -> float:
    back = BackMsg()
    back.rerun_script.CopyFrom(state)
    t0 = time.perf_counter()
    await ws.send(back.SerializeToString())
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta":
            session.read(msg)
        elif kind == "navigation":
            session.pages = [p.page_script_hash for p in msg.navigation.app_pages]
        elif kind == "script_finished":
            return time.perf_counter() - t0


def _state(session: Session, view: dict[str, list[str]], page: str) -> ClientState:
    state = ClientState(query_string="", page_script_hash=page)
    for label, values in view.items():
        if label in session.widgets:
            widget = state.widget_states.widgets.add()
            widget.id = session.widgets[label]
            widget.string_array_value.data.extend(values)
    return state


CHANGES = (
    ("Source type", [["partisan"], ["wire"], []]),
    ("From", [["2021-08-01"], ["2022-01-01"], []]),
    ("Actor", [["Taliban / Islamic Emirate"], ["United States"], []]),
)


async def client(url: str, index: int, changes: int, deadline: float) -> Session:
    import websockets

    session = Session()
    rng = random.Random(index)
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        session.times.append(await _run_once(ws, _state(session, {}, ""), session))
        view: dict[str, list[str]] = {}
        page = ""
        for _ in range(changes):
            if time.monotonic() > deadline:
                session.errors.append("time limit reached")
                break
            if rng.random() < 0.25 and session.pages:
                page = rng.choice(session.pages[:4])  # Overview, Actors, Readability, ...
            else:
                label, options = rng.choice(CHANGES)
                view[label] = rng.choice(options)
            session.times.append(await _run_once(ws, _state(session, view, page), session))
    return session


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _all(url: str, sessions: int, changes: int, timeout: float) -> list[Session]:
    deadline = time.monotonic() + timeout
    return await asyncio.gather(*(client(url, i, changes, deadline) for i in range(sessions)))


def run(data: Path, sessions: int, changes: int, timeout: float) -> dict:
    port = _free_port()
    env = {**os.environ, "SOURCEBIAS_DATA": str(data)}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--no-seeds", "--port", str(port),
         "--data", str(data)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not come up") from None
                time.sleep(0.3)
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        asyncio.run(_all(url, 1, 1, timeout))  # warm the caches of the first render
        t0 = time.perf_counter()
        results = asyncio.run(_all(url, sessions, changes, timeout))
        wall = time.perf_counter() - t0
        peak = _peak_rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    first = [r.times[0] for r in results if r.times]
    later = [t for r in results for t in r.times[1:]]
    return {
        "first": first,
        "later": later,
        "errors": [e for r in results for e in r.errors],
        "wall": wall,
        "peak": peak,
    }


def _pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--docs", type=int, default=3000, help="size of a generated store")
    parser.add_argument("--data", type=Path, help="an existing store folder instead")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds, all clients")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            t0 = time.perf_counter()
            data = build_store(args.docs, Path(tmp))
            print(f"built a store of {args.docs:,} documents in {time.perf_counter() - t0:.0f} s")
        r = run(data, args.sessions, args.changes, args.timeout)
    later, first = r["later"], r["first"]
    print(f"{args.sessions} sessions x {args.changes} view changes on {data}  ({r['wall']:.1f} s)")
    print(
        f"first render  p50 {statistics.median(first) * 1000:7.0f} ms   "
        f"p95 {_pct(first, 95) * 1000:7.0f} ms   max {max(first) * 1000:7.0f} ms"
    )
    if later:
        print(
            f"view change   p50 {statistics.median(later) * 1000:7.0f} ms   "
            f"p95 {_pct(later, 95) * 1000:7.0f} ms   max {max(later) * 1000:7.0f} ms   "
            f"({len(later)} runs)"
        )
    print(f"errors        {len(r['errors'])}" + (f": {r['errors'][:3]}" if r["errors"] else ""))
    print(f"server peak   {r['peak']:.0f} MiB resident")


if __name__ == "__main__":
    main()
