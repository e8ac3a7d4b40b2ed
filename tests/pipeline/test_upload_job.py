"""Uploads run in their own process: the page polls, the store gets the documents."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline import upload_job
from store import Store
from tests.conftest import seed_text


def wait_for(store_dir: Path, job: str, timeout: float = 120) -> upload_job.JobStatus:
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        status = upload_job.status(store_dir, job)
        assert status is not None
        seen.add(status.stage)
        if status.state != "running":
            return status
        time.sleep(0.1)
    raise AssertionError(f"the job did not finish; stages seen: {seen}")


def test_upload_is_ingested_in_another_process(fresh_store: Store) -> None:
    files = [
        ("../../etc/passwd.txt", seed_text("000").encode()),  # a label, never a path
        ("notes.exe", b"MZ binary"),
    ]
    job = upload_job.start(
        fresh_store.data_dir, files, {"source": "Uploaded", "source_type": "partisan"}
    )
    status = wait_for(fresh_store.data_dir, job)
    assert status.state == "done", status.message
    assert status.counts["added"] == 1 and status.counts["rejected"] == 1
    assert any(i["file"] == "upload/notes.exe" for i in status.issues)
    docs = fresh_store.documents(("source", "origin"))
    assert docs["source"].tolist() == ["Uploaded"]
    assert docs["origin"].tolist() == ["upload/../../etc/passwd.txt"]
    folder = fresh_store.data_dir / upload_job.JOBS_DIR / job
    assert sorted(p.name for p in folder.iterdir()) == ["job.json", "log.txt", "status.json"]
    assert not (fresh_store.data_dir.parent / "etc").exists()


def test_a_job_that_dies_reads_as_failed(fresh_store: Store) -> None:
    job = upload_job.start(fresh_store.data_dir, [("a.txt", b"text " * 100)], {})
    upload_job._STARTED[job].kill()
    status = wait_for(fresh_store.data_dir, job)
    assert status.state == "failed"
    assert "ended unexpectedly" in status.message


@pytest.mark.parametrize("job", ["../x", "", "0" * 31, "G" * 32])
def test_job_ids_never_name_a_path(fresh_store: Store, job: str) -> None:
    with pytest.raises(ValueError):
        upload_job.status(fresh_store.data_dir, job)
