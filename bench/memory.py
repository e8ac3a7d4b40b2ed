"""Peak resident memory of this process and all its children, sampled from /proc (Linux).

`resource.getrusage` reports the largest single process, not the sum over a worker pool,
so the benchmarks sample the whole process tree instead.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mib(pid: int | None = None) -> float:
    """Resident memory of `pid` (default: this process) plus all its descendants, in MiB."""
    stack, total = [pid or os.getpid()], 0
    while stack:
        current = stack.pop()
        total += _rss_kib(current)
        stack += _children(current)
    return total / 1024


class PeakMemory:
    """Context manager sampling the process tree every `interval` seconds; `.peak_mib`."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mib = max(self.peak_mib, tree_rss_mib())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.peak_mib = tree_rss_mib()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mib = max(self.peak_mib, tree_rss_mib())
