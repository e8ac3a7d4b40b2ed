"""Uploads ingested in a separate process, so the dashboard keeps serving while they run.

The Corpus page hands the uploaded bytes to `start`, which writes them under a fresh job
folder in the store's directory (named by number: an uploaded file name is only a label in
the report and never chooses a path) and starts `python -m pipeline.upload_job` on it. That
process ingests and computes metrics, writing its progress to `status.json`, which the page
polls with `status`. The store is written in short transactions that step aside for waiting
readers (see store.connection), so other sessions keep reading the last committed state.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

JOBS_DIR = "upload-jobs"
State = Literal["running", "done", "failed"]
_JOB_ID = re.compile(r"^[0-9a-f]{32}$")
# A finished job's folder is kept this long so the page that started it can show the result.
KEEP_S = 24 * 3600


@dataclass(frozen=True)
class JobStatus:
    state: State
    stage: str  # "starting", "reading files", "computing metrics", "finished"
    done: int = 0
    total: int = 0
    message: str = ""
    run_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    issues: list[dict] = field(default_factory=list)


# Jobs started by this server process, so their exit can be noticed (and the process reaped).
_STARTED: dict[str, subprocess.Popen] = {}


def _job_dir(store_dir: Path, job_id: str) -> Path:
    if not _JOB_ID.match(job_id):
        raise ValueError(f"not an upload job id: {job_id!r}")
    return Path(store_dir) / JOBS_DIR / job_id


def _write_status(folder: Path, status: JobStatus) -> None:
    tmp = folder / "status.json.tmp"
    tmp.write_text(json.dumps(asdict(status)), encoding="utf-8")
    os.replace(tmp, folder / "status.json")


def _read_status(folder: Path) -> JobStatus | None:
    try:
        return JobStatus(**json.loads((folder / "status.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def start(
    store_dir: Path,
    files: list[tuple[str, bytes]],
    fields: dict[str, str],
    actors: Path | None = None,
) -> str:
    """Start ingesting `files` (label, bytes) with manifest-like `fields`; returns the job id."""
    _remove_old_jobs(Path(store_dir))
    job_id = uuid.uuid4().hex
    folder = _job_dir(store_dir, job_id)
    (folder / "files").mkdir(parents=True)
    labels = []
    for i, (label, data) in enumerate(files):
        (folder / "files" / f"{i:04d}").write_bytes(data)
        labels.append(label)
    job = {"labels": labels, "fields": fields, "actors": str(actors) if actors else None}
    (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
    _write_status(folder, JobStatus("running", "starting", 0, len(files)))
    with open(folder / "log.txt", "wb") as log:
        _STARTED[job_id] = subprocess.Popen(
            [sys.executable, "-m", "pipeline.upload_job", str(Path(store_dir).resolve()), job_id],
            cwd=Path(__file__).resolve().parents[1],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return job_id


def status(store_dir: Path, job_id: str) -> JobStatus | None:
    """The job's progress; a job whose process ended without finishing reads as failed."""
    folder = _job_dir(store_dir, job_id)
    current = _read_status(folder)
    process = _STARTED.get(job_id)
    ended = process is not None and process.poll() is not None
    if current is not None and current.state == "running" and ended:
        current = _read_status(folder) or current  # it may have finished just now
        if current.state == "running":
            current = JobStatus(
                "failed", current.stage, current.done, current.total,
                f"the ingest process ended unexpectedly (exit code {process.returncode})",
            )  # fmt: skip
            _write_status(folder, current)
    if current is not None and current.state != "running":
        _STARTED.pop(job_id, None)
    return current


def _remove_old_jobs(store_dir: Path) -> None:
    root = store_dir / JOBS_DIR
    if not root.is_dir():
        return
    for folder in root.iterdir():
        done = _read_status(folder)
        old = time.time() - folder.stat().st_mtime > KEEP_S
        if old and (done is None or done.state != "running"):
            shutil.rmtree(folder, ignore_errors=True)


def run(store_dir: Path, job_id: str) -> JobStatus:
    """The job itself (in the child process): ingest, compute, and report as it goes."""
    from compute.local import update_metrics
    from corpus.actors_config import load_actors
    from corpus.ingest import ingest
    from store import Store

    folder = _job_dir(store_dir, job_id)
    job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
    files = sorted((folder / "files").iterdir())
    uploads = [
        (f"upload/{label}", path.read_bytes())
        for label, path in zip(job["labels"], files, strict=True)
    ]

    def reading(done: int, total: int) -> None:
        _write_status(folder, JobStatus("running", "reading files", done, total))

    def computing(done: int, total: int) -> None:
        _write_status(folder, JobStatus("running", "computing metrics", done, total))

    actors = load_actors(Path(job["actors"]) if job["actors"] else None)
    store = Store(store_dir)
    report, run_id = ingest(
        [], store, uploads=uploads, upload_fields=job["fields"], progress=reading
    )
    update_metrics(store, actors, progress=computing)
    counts = {
        "added": report.count("added"),
        "unchanged": report.count("unchanged"),
        "rejected": len(report.rejections),
        "warnings": len(report.warnings),
    }
    issues = [
        {"severity": i.severity, "file": i.file, "line": i.line, "message": i.message}
        for i in report.issues
    ]
    return JobStatus("done", "finished", len(uploads), len(uploads), "", run_id, counts, issues)


def main(argv: list[str]) -> int:
    store_dir, job_id = Path(argv[0]), argv[1]
    folder = _job_dir(store_dir, job_id)
    try:
        final = run(store_dir, job_id)
    except Exception as exc:  # reported on the page; the details stay in the job's log
        traceback.print_exc()
        final = JobStatus("failed", "finished", message=f"{type(exc).__name__}: {exc}")
    _write_status(folder, final)
    shutil.rmtree(folder / "files", ignore_errors=True)
    return 0 if final.state == "done" else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
