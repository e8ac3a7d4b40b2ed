"""Reprint families found at ingest: listed in the report, kept in the store, counted once in
the view, and a later ingest reads only its own new documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aggregates.queries import reprint_families, view_counts
from aggregates.view import ViewFilter
from corpus import reprints
from corpus.ingest import ingest
from store import Store
from tests.conftest import SEEDS, seed_text

WIRE = seed_text("004")


def _corpus(folder: Path, copies: dict[str, tuple[str, str, str]]) -> Path:
    folder.mkdir(parents=True)
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    lines = (SEEDS / "manifest.csv").read_text().rstrip("\n").split("\n")
    for name, (text, source, date) in copies.items():
        (folder / name).write_text(text)
        lines.append(f"{name},{source},wire,{date},,,")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n")
    return folder


def test_copies_form_a_family_listed_in_the_report_and_counted_once(tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path / "c",
        {
            "copy_a.txt": ("FROM THE WIRES\n\n" + WIRE + "\n\nSubscribe!", "Digest", "2021-08-20"),
            "copy_b.txt": (WIRE[: len(WIRE) * 2 // 3], "News Now", "2021-08-21"),
        },
    )
    store = Store(tmp_path / "s")
    report, _ = ingest([corpus], store)
    lines = report.reprints
    assert len(lines) == 3  # each member of the new family is named in the report
    assert all("reprint family of 3" in i.message for i in lines)
    assert "Digest (2021-08-20)" in lines[0].message or "“" in lines[0].message
    families = reprint_families(store)
    assert families["family"].nunique() == 1 and len(families) == 3
    original = families[families["canonical"]]
    assert original["source"].tolist() == ["Digest"]  # the earliest dated member
    every = view_counts(store, ViewFilter(one_per_family=False))["documents"]
    once = view_counts(store, ViewFilter())["documents"]
    assert (every, once) == (7, 5)
    # the report is kept with the run, for the Corpus page
    kept = store.issues()
    assert (kept["severity"] == "reprint").sum() == 3


def test_a_later_ingest_reads_only_its_new_documents_and_joins_the_family(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(
        tmp_path / "c", {"copy_a.txt": (WIRE + "\n\n(c) Digest", "Digest", "2021-08-20")}
    )
    store = Store(tmp_path / "s")
    ingest([corpus], store)
    read: list[int] = []
    real = reprints.fingerprint
    monkeypatch.setattr(reprints, "fingerprint", lambda text: read.append(1) or real(text))
    later = tmp_path / "later"
    later.mkdir()
    (later / "copy_c.txt").write_text("  " + WIRE.replace(". ", ".  "))
    (later / "unrelated.txt").write_text(
        "Floods in the north destroyed dozens of homes this week, local officials said, and "
        "relief teams struggled to reach villages cut off by the water. Farmers lost much of "
        "the harvest, and aid groups warned that food prices would rise before the winter. "
        "The provincial governor asked for tents, blankets and medicine for families."
    )
    report, _ = ingest([later], store)
    assert len(read) == 2  # the two new documents, not the seven stored
    assert [i.file.endswith("copy_c.txt") for i in report.reprints] == [True]
    families = reprint_families(store)
    assert families["family"].nunique() == 1 and len(families) == 3
