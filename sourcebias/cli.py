"""The `sourcebias` command: ingest a corpus, inspect reports, serve the dashboard.

User mistakes (a missing path, a broken manifest or actors file, a locked store) end in one
clear `error:` line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from corpus.actors_config import REPO_ROOT, load_actors
from corpus.ingest import ingest as run_ingest
from corpus.loaders import DEFAULT_MAX_BYTES
from corpus.manifest import ManifestError
from corpus.report import IngestReport
from corpus.seeds import ensure_seeds
from corpus.store import Store, StoreError
from metrics.actors import ActorConfigError
from sourcebias import __version__

app = typer.Typer(
    help="Comparative source-bias dashboard: ingest a corpus, analyse it, serve the dashboard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data directory holding the store [env: SOURCEBIAS_DATA; default: ./data]."
    ),
]
ActorsOpt = Annotated[
    Path | None,
    typer.Option("--actors", help="Actors and aliases TOML [default: seeds/actors.toml]."),
]
USER_ERRORS = (ManifestError, StoreError, ActorConfigError)


def _store(data: Path | None) -> Store:
    return Store(data)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def print_report(report: IngestReport, run_id: int, console: Console = out) -> None:
    """Documents per source and type, then every rejection and warning with file and line."""
    console.print(
        f"[bold]Ingest run {run_id}[/]: {len(report.documents)} documents "
        f"({report.count('added')} added, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged), {len(report.rejections)} rejected, "
        f"{len(report.warnings)} warnings"
    )
    if report.documents:
        table = Table(title="Documents per source", title_justify="left")
        table.add_column("source")
        table.add_column("source type")
        table.add_column("documents", justify="right")
        for (source, source_type), n in sorted(report.by_source().items()):
            table.add_row(source, source_type, str(n))
        for source_type, n in sorted(report.by_source_type().items()):
            table.add_row("[dim]all[/]", f"[bold]{source_type}[/]", f"[bold]{n}[/]")
        console.print(table)
    residue = [d for d in report.documents if d.residue]
    if residue:
        console.print("[bold]Residue removed[/]")
        for doc in residue:
            console.print(f"  {doc.origin}", highlight=False)
            for line in doc.residue:
                console.print(f"    {line}", highlight=False, markup=False)
    for title, issues in (("Rejected", report.rejections), ("Warnings", report.warnings)):
        if issues:
            console.print(f"[bold]{title}[/]")
            for issue in issues:
                console.print(
                    f"  {issue.where}: [{issue.severity}] {issue.message}",
                    highlight=False,
                    markup=False,
                )


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt .md .html .csv .jsonl).")
    ],
    manifest: Annotated[
        Path | None,
        typer.Option(help="Manifest CSV (file,source,source_type,date,title,author,url)."),
    ] = None,
    text_column: Annotated[str, typer.Option(help="Text column of CSV/JSONL inputs.")] = "text",
    max_bytes: Annotated[
        int, typer.Option(help="Largest document accepted, in bytes.")
    ] = DEFAULT_MAX_BYTES,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input was rejected.")] = False,
    data: DataOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Add documents to the store and print the ingest report."""
    if manifest is not None and not manifest.is_file():
        raise _fail(f"{manifest}: manifest not found")
    load_actors(actors)
    store = _store(data)
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("files", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report, run_id = run_ingest(
            paths,
            store,
            manifest=manifest,
            text_column=text_column,
            max_bytes=max_bytes,
            progress=tick,
        )
    print_report(report, run_id)
    out.print(f"store: {store.path}", highlight=False)
    if strict and report.rejections:
        raise typer.Exit(1)


@app.command()
def report(data: DataOpt = None) -> None:
    """Show what the store holds and the issues of the last ingest run."""
    store = _store(data)
    if not store.exists:
        raise _fail(f"{store.path}: no store yet; run `sourcebias ingest PATH` first")
    docs = store.documents(("source", "source_type"))
    runs = store.runs()
    out.print(
        f"store: {store.path}: {len(docs)} documents, {len(runs)} ingest runs", highlight=False
    )
    for (source, source_type), n in (
        docs.value_counts(["source", "source_type"]).sort_index().items()
    ):
        out.print(f"  {source} ({source_type}): {n}", highlight=False)
    if len(runs):
        last = int(runs["run_id"].max())
        for row in store.issues(last).itertuples():
            where = f"{row.file}:{int(row.line)}" if pd.notna(row.line) else row.file
            out.print(f"  {where}: [{row.severity}] {row.message}", highlight=False, markup=False)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8501,
    address: Annotated[
        str, typer.Option(help="Bind address; keep 127.0.0.1 unless you mean to share.")
    ] = "127.0.0.1",
    seeds: Annotated[
        bool, typer.Option(help="Ingest the bundled seeds if the store is missing or stale.")
    ] = True,
    data: DataOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Start the dashboard (Streamlit) on the store, bound to 127.0.0.1 by default."""
    load_actors(actors)
    store = _store(data)
    if seeds:
        run_id = ensure_seeds(store, actors)
        if run_id is not None:
            out.print(f"ingested the bundled seeds corpus (run {run_id})")
    env = dict(os.environ, SOURCEBIAS_DATA=str(store.data_dir.resolve()))
    if actors is not None:
        env["SOURCEBIAS_ACTORS"] = str(actors.resolve())
    args = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO_ROOT / "app.py"),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    out.print(f"dashboard: http://{address}:{port}  (store: {store.path})", highlight=False)
    os.chdir(REPO_ROOT)
    os.execvpe(args[0], args, env)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, prog_name="sourcebias", standalone_mode=True)
    except USER_ERRORS as exc:
        err.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
