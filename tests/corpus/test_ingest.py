"""Every input ends up as a document or as a report line naming its file and line."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pandas as pd
import pytest

from corpus.ingest import ingest
from store import Store
from tests.conftest import SEEDS

ARTICLE = "July 28, 2021\n\nA headline\n\nThe Taliban advanced on Kabul, officials said.\n"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


BAD_INPUTS = [
    ("empty.txt", b"", "rejected", None, "empty file"),
    ("blank.txt", b"  \n\t \n", "rejected", None, "whitespace only"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00IHDR", "rejected", None, "binary"),
    ("huge.txt", b"a" * 2_000, "rejected", None, "over the size limit"),
    ("table.csv", "body,source\nhello,x\n", "rejected", 1, "missing text column 'text'"),
    ("rows.jsonl", '{"text": "The Taliban won."}\n{oops\n', "rejected", 2, "invalid JSON"),
    ("rows2.jsonl", '{"body": "x"}\n', "rejected", 1, "missing text field 'text'"),
    ("row-empty.csv", "text,source\n,x\n", "rejected", 2, "empty text"),
    ("slides.pdf", b"%PDF-1.4", "rejected", None, "unsupported file type"),
    (
        "latin.txt",
        "Caf\xe9 in Kabul, the Taliban said.".encode("cp1252"),
        "warning",
        None,
        "cp1252",
    ),
    (
        "baddate.csv",
        "text,date\nThe Taliban won.,someday\n",
        "warning",
        2,
        "unparseable date 'someday'",
    ),
]


@pytest.mark.parametrize(
    "name, data, severity, line, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_is_reported_with_file_and_line(
    tmp_path: Path,
    fresh_store: Store,
    name: str,
    data: bytes | str,
    severity: str,
    line: int | None,
    message: str,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = write(corpus, name, data)
    report, _ = ingest([path], fresh_store, max_bytes=1_000)
    matches = [i for i in report.issues if i.severity == severity and message in i.message]
    assert matches, report.issues
    assert matches[0].file == str(path)
    assert matches[0].line == line
    stored = fresh_store.issues()
    assert message in " ".join(stored["message"])


def test_manifest_row_naming_a_missing_file(tmp_path: Path, fresh_store: Store) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(
        tmp_path,
        "manifest.csv",
        "file,source,source_type\na.txt,IEA,partisan\ngone.txt,Wire,wire\n",
    )
    report, _ = ingest([tmp_path], fresh_store)
    assert [i.message for i in report.rejections] == [
        "manifest row names a missing file 'gone.txt'"
    ]
    assert report.rejections[0].line == 3
    assert report.documents[0].source == "IEA"


def test_manifest_unparseable_date_is_a_warning_and_stays_missing(
    tmp_path: Path, fresh_store: Store
) -> None:
    write(tmp_path, "a.txt", "Headline\n\nThe Taliban advanced.\n")
    write(tmp_path, "manifest.csv", "file,source,source_type,date\na.txt,IEA,partisan,31/31/2021\n")
    report, _ = ingest([tmp_path], fresh_store)
    assert any("unparseable date" in i.message and i.line == 2 for i in report.warnings)
    assert fresh_store.documents(("date",))["date"].isna().all()


DATES = [
    # (manifest date, stored date, precision, warning or None)
    ("2021", "2021-01-01", "year", None),
    ("Aug 2021", "2021-08-01", "month", None),
    ("2021-08-15", "2021-08-15", "day", None),
    ("15 Aug", None, None, "gives no year"),
    ("1850", "1850-01-01", "year", "before 1900"),
    ("2099-03-01", "2099-03-01", "day", "after the ingest day"),
]  # fmt: skip


@pytest.mark.parametrize(("given", "stored", "precision", "warning"), DATES,
                         ids=[d[0] for d in DATES])  # fmt: skip
def test_a_date_keeps_the_precision_given(
    tmp_path: Path,
    fresh_store: Store,
    given: str,
    stored: str | None,
    precision: str | None,
    warning: str | None,
) -> None:
    """A year stays a year (never today's month and day), a date with no year is not given
    this year, and a date before 1900 or after the ingest day is kept with a warning naming
    the manifest line."""
    write(tmp_path, "a.txt", "Headline\n\nThe Taliban advanced.\n")
    write(tmp_path, "manifest.csv", f'file,source,source_type,date\na.txt,IEA,partisan,"{given}"\n')
    report, _ = ingest([tmp_path], fresh_store)
    row = fresh_store.documents(("date", "date_precision")).iloc[0]
    if stored is None:
        assert pd.isna(row["date"])
    else:
        assert pd.Timestamp(row["date"]).date().isoformat() == stored
        assert row["date_precision"] == precision
    found = [i for i in report.warnings if i.line == 2 and given in i.message]
    if warning:
        assert found and warning in found[0].message
    else:
        assert not found


def test_manifest_wins_over_text(tmp_path: Path, fresh_store: Store) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(
        tmp_path,
        "manifest.csv",
        "file,source,source_type,date,author\na.txt,Wire,wire,2021-08-15,Jane Roe\n",
    )
    ingest([tmp_path], fresh_store)
    row = fresh_store.documents(("date", "author", "source_type")).iloc[0]
    assert str(row["date"])[:10] == "2021-08-15"
    assert (row["author"], row["source_type"]) == ("Jane Roe", "wire")


def test_nothing_is_lost(tmp_path: Path, fresh_store: Store) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data, *_ in BAD_INPUTS:
        write(corpus, name, data)
    write(corpus, "good.txt", ARTICLE)
    write(corpus, "copy.md", ARTICLE)
    write(
        corpus,
        "page.html",
        "<html><script>alert(1)</script><body><p>The Taliban said no.</p></body></html>",
    )
    write(corpus, "bom.txt", codecs.BOM_UTF8 + b"The US said yes.")
    write(corpus, "rows.csv", "text,source,source_type\nOne.,A,wire\nTwo.,B,partisan\n")
    report, _ = ingest([corpus], fresh_store, max_bytes=1_000)
    for path in map(str, corpus.iterdir()):
        as_document = any(
            d.origin == path or d.origin.startswith(path + ":") for d in report.documents
        )
        as_rejection = any(i.file == path for i in report.rejections)
        assert as_document or as_rejection, path
    rows = {d.origin for d in report.documents if "rows.csv" in d.origin}
    assert rows == {f"{corpus / 'rows.csv'}:2", f"{corpus / 'rows.csv'}:3"}
    assert any(i.severity == "duplicate" and "exact duplicate" in i.message for i in report.issues)
    html_doc = next(d for d in report.documents if d.origin.endswith("page.html"))
    assert "alert" not in fresh_store.document(html_doc.id).text
    bom_doc = next(d for d in report.documents if d.origin.endswith("bom.txt"))
    assert bom_doc.encoding == "utf-8-sig"
    assert fresh_store.document(bom_doc.id).text == "The US said yes."


def test_seeds_ingest(fresh_store: Store) -> None:
    report, _ = ingest([SEEDS], fresh_store)
    assert len(report.documents) == 5
    assert dict(report.by_source_type()) == {"partisan": 3, "wire": 2}
    assert not report.rejections and not report.warnings
    docs = fresh_store.documents(("origin", "date", "author")).set_index("origin")
    dated = {Path(o).name[:3] for o, d in docs["date"].items() if d is not None and d == d}
    assert dated == {"000", "001"}
    authors = {Path(o).name[:3]: a for o, a in docs["author"].items() if isinstance(a, str)}
    assert authors == {"000": "Muhammad Jalal", "002": "Ali Ansar"}
    residue = {Path(d.origin).name[:3] for d in report.documents if d.residue}
    assert residue == {"002", "003", "004"}


def test_reingest_changes_nothing(fresh_store: Store) -> None:
    ingest([SEEDS], fresh_store)
    before = fresh_store.documents()
    report, _ = ingest([SEEDS], fresh_store)
    assert report.count("unchanged") == 5 and report.count("added") == 0
    after = fresh_store.documents()
    assert before.equals(after)


def test_manifest_edit_updates_metadata_only(tmp_path: Path, fresh_store: Store) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    manifest = write(tmp_path, "manifest.csv", "file,source,source_type\na.txt,IEA,partisan\n")
    ingest([tmp_path], fresh_store)
    manifest.write_text("file,source,source_type\na.txt,IEA,other\n")
    report, _ = ingest([tmp_path], fresh_store)
    assert report.count("updated") == 1
    assert fresh_store.documents(("source_type",))["source_type"].tolist() == ["other"]


def test_uploads_never_choose_a_path(fresh_store: Store) -> None:
    report, _ = ingest([], fresh_store, uploads=[("../../evil.txt", b"The Taliban said so.")])
    assert report.count("added") == 1
    assert not (fresh_store.data_dir.parent / "evil.txt").exists()
    assert json.loads(fresh_store.runs()["inputs"].iloc[0]) == ["../../evil.txt"]


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files ingest actually opens."""
    from corpus import ingest as ingest_module

    real, calls = ingest_module.load_file, []

    def counting(path, display=None, **kwargs):
        calls.append(Path(path).name)
        return real(path, display, **kwargs)

    monkeypatch.setattr(ingest_module, "load_file", counting)
    return calls


def _summary(report) -> tuple:
    docs = sorted((d.id, d.origin, d.source, d.source_type, d.encoding, d.residue)
                  for d in report.documents)  # fmt: skip
    issues = sorted((i.severity, i.file, i.line or 0, i.message) for i in report.issues)
    return docs, issues


def test_unchanged_files_are_not_read_again_and_report_the_same(
    tmp_path: Path, fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data, *_ in BAD_INPUTS:
        write(corpus, name, data)
    write(corpus, "good.txt", ARTICLE)
    write(corpus, "rows.csv", "text,source,source_type\nOne.,A,wire\nTwo.,B,partisan\n")
    first, _ = ingest([corpus], fresh_store, max_bytes=1_000)
    reads = _reads(monkeypatch)
    again, _ = ingest([corpus], fresh_store, max_bytes=1_000)
    # only the file whose row duplicates another file's text is read again: which copy counts
    # as the duplicate depends on the other files, so its record is never trusted
    assert reads == ["rows.jsonl"]
    assert _summary(again) == _summary(first)
    assert {d.status for d in again.documents} == {"unchanged"}
    assert fresh_store.runs()["n_unchanged"].tolist() == [0, len(first.documents)]


@pytest.mark.parametrize(
    "change, read, status",
    [
        ("edit the text", "good.txt", "added"),
        ("edit its manifest row", "good.txt", "updated"),
        ("change the size limit", None, None),
    ],
    ids=["text", "manifest-row", "options"],
)
def test_a_changed_file_or_setting_is_read_again(
    tmp_path: Path,
    fresh_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
    read: str | None,
    status: str | None,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = write(corpus, "good.txt", ARTICLE)
    write(corpus, "other.txt", ARTICLE.replace("Kabul", "Herat"))
    manifest = write(corpus, "manifest.csv", "file,source,source_type\ngood.txt,IEA,partisan\n")
    ingest([corpus], fresh_store)
    reads = _reads(monkeypatch)
    limit = 1_000 if change == "change the size limit" else 5_000_000
    if change == "edit the text":
        good.write_text(ARTICLE + "The NRF said otherwise.\n")
    elif change == "edit its manifest row":
        manifest.write_text("file,source,source_type\ngood.txt,IEA,other\n")
    report, _ = ingest([corpus], fresh_store, max_bytes=limit)
    if read is None:
        assert sorted(reads) == ["good.txt", "other.txt"]
    else:
        assert reads == [read]
        assert next(d.status for d in report.documents if d.origin.endswith(read)) == status


def test_duplicates_are_still_reported_on_reingest(tmp_path: Path, fresh_store: Store) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    ingest([tmp_path], fresh_store)
    report, _ = ingest([tmp_path], fresh_store)
    assert [i.severity for i in report.issues if i.severity == "duplicate"] == ["duplicate"]
    assert len(report.documents) == 1


def test_ingest_stores_documents_and_computes_nothing(fresh_store: Store) -> None:
    """Computing metrics is the next stage (compute.local): ingest only stores documents."""
    report, _ = ingest([SEEDS], fresh_store)
    assert report.count("added") == 5 and fresh_store.count_documents() == 5
    with fresh_store.connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM doc_metrics").fetchone()[0] == 0


def test_nothing_in_a_folder_is_passed_over_silently(
    tmp_path: Path, fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hidden files and folders, an unreadable folder, links out of the folder, a broken
    link, a link loop, a pipe and a manifest row pointing outside: each is a report line
    with its reason; a link inside the folder is followed and its file read once."""
    import os

    import corpus.loaders as loaders

    outside = tmp_path / "outside"
    outside.mkdir()
    write(outside, "elsewhere.txt", ARTICLE + " Elsewhere.")
    corpus = tmp_path / "corpus"
    (corpus / "inner").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / "locked").mkdir()
    write(corpus, "good.txt", ARTICLE)
    write(corpus / "inner", "deep.txt", ARTICLE + " Deep.")
    write(corpus, ".hidden.txt", ARTICLE + " Hidden.")
    write(corpus / ".git", "config.txt", "not an article")
    write(corpus / "locked", "secret.txt", ARTICLE + " Locked.")
    (corpus / "out-link").symlink_to(outside, target_is_directory=True)
    (corpus / "in-link").symlink_to(corpus / "inner", target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    os.mkfifo(corpus / "pipe.txt")
    write(corpus, "manifest.csv", "file,source\ngood.txt,A\n../outside/elsewhere.txt,B\n")

    real_scandir = os.scandir

    def scandir(path):  # tests run as root, where chmod cannot lock a folder
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(loaders.os, "scandir", scandir)
    report, _ = ingest([corpus], fresh_store)
    lines = {(Path(i.file).name, i.message) for i in report.issues}
    assert "good.txt" in {Path(d.origin).name for d in report.documents}
    assert sorted(Path(d.origin).name for d in report.documents) == ["deep.txt", "good.txt"]
    expected = {
        (".hidden.txt", "hidden file"),
        (".git", "hidden folder (and everything in it)"),
        ("locked", "folder could not be read: Permission denied"),
        ("out-link", f"link to a folder outside the input folder ({outside.resolve()})"),
        ("loop", "link to a folder already read by its own path (read once)"),
        ("in-link", "link to a folder already read by its own path (read once)"),
        ("dangling.txt", "broken link (or a loop of links)"),
        ("pipe.txt", "not a regular file (a pipe, socket or device)"),
        (
            "manifest.csv",
            "manifest row names a file outside the manifest's folder "
            "'../outside/elsewhere.txt'; not read (give that file, or its folder, as an input)",
        ),
    }
    assert expected <= lines, expected - lines


def test_a_folder_reached_by_two_links_is_read_once(tmp_path: Path, fresh_store: Store) -> None:
    """Two links into a folder the walk did not enter itself (here a hidden one), one to it
    and one to its sub-folder: each real file is read once, the second way is a report line."""
    corpus = tmp_path / "corpus"
    (corpus / ".archive" / "2021").mkdir(parents=True)
    write(corpus / ".archive" / "2021", "old.txt", ARTICLE)
    (corpus / "a-year").symlink_to(corpus / ".archive" / "2021", target_is_directory=True)
    (corpus / "b-all").symlink_to(corpus / ".archive", target_is_directory=True)
    report, _ = ingest([corpus], fresh_store)
    assert [Path(d.origin).name for d in report.documents] == ["old.txt"]
    assert not [i for i in report.issues if i.severity == "duplicate"]
    assert ("2021", "folder already read by another path (read once)") in {
        (Path(i.file).name, i.message) for i in report.issues
    }


ROWS_BEYOND = [
    ("row-outside-its-folder-naming-an-input", "meta", "../corpus/sub/a.txt", "Wire", None),
    (
        "row-naming-a-file-not-given",
        "corpus",
        "b.txt",
        "sub",
        "manifest row names 'b.txt', which is not among the inputs; not read "
        "(give that file, or its folder, as an input)",
    ),
    (
        "row-naming-a-table",
        "corpus",
        "sub/t.csv",
        "sub",
        "manifest row names the table 'sub/t.csv', whose rows carry their own metadata "
        "columns; this row is not used",
    ),
]


@pytest.mark.parametrize(
    "manifest_in, row, source, message",
    [r[1:] for r in ROWS_BEYOND],
    ids=[r[0] for r in ROWS_BEYOND],
)
def test_manifest_rows_for_files_beyond_its_folder_or_the_inputs(
    tmp_path: Path, fresh_store: Store, manifest_in: str, row: str, source: str, message: str | None
) -> None:
    """A row applies to the file its path names, wherever the manifest sits; a row that is
    not applied says why (a file no input covers has no line of its own to look for)."""
    sub = tmp_path / "corpus" / "sub"
    sub.mkdir(parents=True)
    (tmp_path / "meta").mkdir()
    write(sub, "a.txt", ARTICLE)
    write(sub, "t.csv", "text,source\nThe Taliban advanced on Kabul. A row.,Table\n")
    write(tmp_path / "corpus", "b.txt", ARTICLE + " Not given.")
    manifest = write(tmp_path / manifest_in, "manifest.csv", f"file,source\n{row},Wire\n")
    report, _ = ingest([sub], fresh_store, manifest=manifest)
    assert sorted(d.source for d in report.documents) == ["Table", source]
    rows = [i.message for i in report.issues if Path(i.file) == manifest]
    assert rows == ([message] if message else [])


def test_a_group_colour_from_the_manifest_is_kept(tmp_path: Path, fresh_store: Store) -> None:
    """`group_color` in the manifest gives a group its colour (kept in the store for every
    chart); a value that is not a colour is a warning naming its line, and is ignored."""
    import json

    write(tmp_path, "a.txt", "Headline\n\nThe Taliban advanced.\n")
    write(tmp_path, "b.txt", "Headline\n\nThe ministry said the road was closed.\n")
    write(
        tmp_path,
        "manifest.csv",
        "file,source,source_type,group_color\n"
        "a.txt,Left Post,left,#1F77B4\nb.txt,State TV,state media,red\n",
    )
    report, _ = ingest([tmp_path], fresh_store)
    assert json.loads(fresh_store.get_meta("group_colors")) == {"left": "#1f77b4"}
    assert any(i.line == 3 and "group_color 'red'" in i.message for i in report.warnings)
