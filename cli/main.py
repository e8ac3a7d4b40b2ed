"""The `sourcebias` command: ingest a corpus, inspect reports, serve the dashboard.

User mistakes (a missing path, a broken manifest or actors file, a locked store) end in one
clear `error:` line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import krippendorff
import pandas as pd
import typer
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from aggregates import queries
from aggregates.stories import stories as stories_of
from aggregates.validation import validation_report
from aggregates.view import ViewFilter
from compute.analyse import analyse_text
from compute.local import update_metrics
from compute.model import model_info, sentiment_model
from compute.training import AdaptError, adapt, model_choices, model_in_use, select_model
from corpus.actors_config import load_actors
from corpus.attribution_set import hull, read_attribution_set
from corpus.decode import DecodeError, decode_bytes
from corpus.labels import LabelFileError, read_labels, write_labels
from corpus.loaders import DEFAULT_MAX_BYTES
from corpus.manifest import ManifestError
from corpus.mention_set import MentionSetError, read_mention_set
from corpus.newsmtsc import read_newsmtsc
from corpus.report import IngestReport
from corpus.story_set import generate, write
from corpus.tone_set import TONE_LABELS, read_tone_set, tone_set_digest
from dashboard.streamlit_compat import use_explicit_navigation
from metrics.actor_sentiment import ENGINES, LABELS
from metrics.actors import ActorConfigError
from metrics.attribution import Attribution
from metrics.document import DocumentAnalysis
from metrics.evaluation import (
    EvalDataError,
    GoldMention,
    MentionEvalResult,
    Rate,
    SpanScores,
    add_scores,
    evaluate_examples,
    evaluate_mentions,
    match_spans,
    mention_figures,
    score_spans,
)
from metrics.resolve import suggest_excludes
from metrics.roles import ROLES
from metrics.stories import THRESHOLD as STORY_THRESHOLD
from metrics.stories import WINDOW_DAYS as STORY_WINDOW
from metrics.stories import pairwise_scores
from pipeline.run import ingest_and_compute
from pipeline.seeds import ensure_seeds
from sourcebias import __version__
from sourcebias.paths import ATTRIBUTION_SET, MENTION_SET, REPO_ROOT, TONE_SET
from sourcebias.untrusted import rich_literal as lit
from sourcebias.untrusted import visible
from store import Store, StoreError

app = typer.Typer(
    help="Comparative source-bias dashboard: ingest a corpus, analyse it, serve the dashboard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Corpus strings (sources, titles, file names, speakers) are printed through `lit` where
# markup is on and `visible` where it is off: a source named "[/bold] x" must print as such,
# and a newline or right-to-left override in a file name must show as an escape.
out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)

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
SaveOpt = Annotated[
    Path | None,
    typer.Option(help="Also write the figures as JSON (the Methodology page reads them)."),
]
EngineOpt = Annotated[
    str, typer.Option("--engine", help="Actor-sentiment engine: model (default) or rules.")
]
RESIDUE_SHOWN = 25
USER_ERRORS = (ManifestError, StoreError, ActorConfigError, EvalDataError, MentionSetError)


def _store(data: Path | None) -> Store:
    store = Store(data)
    if store.data_dir.exists() and not store.data_dir.is_dir():
        raise _fail(f"{store.data_dir}: not a folder (--data names the folder of the store)")
    if store.exists:
        store.initialise()  # a store of an older version gains what this one reads
    return store


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {lit(message)}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def print_report(report: IngestReport, run_id: int, console: Console = out) -> None:
    """Documents per source and type, then every issue with file and line: rejections,
    what was skipped (hidden files, links out of the folder) and warnings."""
    skipped = report.skipped
    console.print(
        f"[bold]Ingest run {run_id}[/]: {len(report.documents)} documents "
        f"({report.count('added')} added, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged), {len(report.rejections)} rejected, "
        f"{len(skipped)} skipped, {len(report.warnings)} warnings"
    )
    if report.documents:
        table = Table(title="Documents per source", title_justify="left")
        table.add_column("source")
        table.add_column("source type")
        table.add_column("documents", justify="right")
        for (source, source_type), n in sorted(report.by_source().items()):
            table.add_row(lit(source), lit(source_type), str(n))
        for source_type, n in sorted(report.by_source_type().items()):
            table.add_row("[dim]all[/]", f"[bold]{lit(source_type)}[/]", f"[bold]{n}[/]")
        console.print(table)
    residue = [d for d in report.documents if d.residue]
    if residue:
        console.print("[bold]Residue removed[/]")
        for doc in residue[:RESIDUE_SHOWN]:
            console.print(f"  {lit(doc.origin)}", highlight=False)
            for line in doc.residue:
                console.print(f"    {visible(line)}", highlight=False, markup=False)
        if len(residue) > RESIDUE_SHOWN:
            console.print(
                f"  ... and {len(residue) - RESIDUE_SHOWN} more documents with residue "
                "(each document's residue is listed on the dashboard's Documents page)"
            )
    sections = (
        ("Rejected", report.rejections),
        ("Skipped", skipped),
        ("Warnings", report.warnings),
        ("Reprints (counted once per family unless you switch it off)", report.reprints),
    )
    for title, issues in sections:
        if issues:
            console.print(f"[bold]{title}[/]")
            for issue in issues:
                console.print(
                    f"  {visible(issue.where)}: [{issue.severity}] {visible(issue.message)}",
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
    engine: EngineOpt = "model",
    data: DataOpt = None,
    actors: ActorsOpt = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes computing metrics (default: one per core; 0: store the documents "
            "only, e.g. before compute-dask)."
        ),
    ] = None,
) -> None:
    """Add documents to the store and print the ingest report."""
    if manifest is not None and not manifest.is_file():
        raise _fail(f"{manifest}: manifest not found")
    actor_set = load_actors(actors)
    store = _store(data)
    with Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        files = bar.add_task("reading files", total=None)
        metrics = bar.add_task("computing metrics", total=None, visible=False)

        def on_files(done: int, total: int) -> None:
            bar.update(files, completed=done, total=total)

        def on_metrics(done: int, total: int) -> None:
            bar.update(metrics, completed=done, total=total, visible=True)

        report, run_id = ingest_and_compute(
            paths,
            store,
            actor_set,
            engine=engine,
            workers=workers,
            metrics_progress=on_metrics,
            manifest=manifest,
            text_column=text_column,
            max_bytes=max_bytes,
            progress=on_files,
        )
    print_report(report, run_id)
    out.print(f"store: {lit(store.path)}", highlight=False)
    if strict and report.rejections:
        raise typer.Exit(1)


@app.command()
def compute(
    engine: EngineOpt = "model",
    data: DataOpt = None,
    actors: ActorsOpt = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes computing metrics (default: one per core).")
    ] = None,
) -> None:
    """Compute the metrics of stored documents that lack them (after `ingest --workers 0`,
    or after editing the actors file)."""
    if engine not in ENGINES:
        raise _fail(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    actor_set = load_actors(actors)
    store = _store(data)
    if not store.exists:
        raise _fail(f"{store.path}: no store yet; run `sourcebias ingest PATH` first")
    with Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("computing metrics", total=None)
        n = update_metrics(
            store,
            actor_set,
            engine,
            lambda done, total: bar.update(task, completed=done, total=total),
            workers,
        )
    out.print(f"computed metrics for {n} documents in {lit(store.path)}", highlight=False)


@app.command()
def report(data: DataOpt = None) -> None:
    """Show what the store holds and the issues of the last ingest run."""
    store = _store(data)
    if not store.exists:
        raise _fail(f"{store.path}: no store yet; run `sourcebias ingest PATH` first")
    docs = store.documents(("source", "source_type"))
    runs = store.runs()
    out.print(
        f"store: {lit(store.path)}: {len(docs)} documents, {len(runs)} ingest runs",
        highlight=False,
    )
    for (source, source_type), n in (
        docs.value_counts(["source", "source_type"]).sort_index().items()
    ):
        out.print(f"  {lit(source)} ({lit(source_type)}): {n}", highlight=False)
    if len(runs):
        last = int(runs["run_id"].max())
        for row in store.issues(last).itertuples():
            where = f"{row.file}:{int(row.line)}" if pd.notna(row.line) else row.file
            out.print(
                f"  {visible(where)}: [{row.severity}] {visible(row.message)}",
                highlight=False,
                markup=False,
            )


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8501,
    address: Annotated[
        str, typer.Option(help="Bind address; keep 127.0.0.1 unless you mean to share.")
    ] = "127.0.0.1",
    seeds: Annotated[
        bool | None,
        typer.Option(
            help="Ingest the bundled seeds into a new store [default: only into the default "
            "store, never into one chosen with --data or SOURCEBIAS_DATA]."
        ),
    ] = None,
    data: DataOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Start the dashboard (Streamlit) on the store, bound to 127.0.0.1 by default."""
    actor_set = load_actors(actors)
    store = _store(data)
    if seeds is None:
        seeds = data is None and not os.environ.get("SOURCEBIAS_DATA")
    if seeds:
        run_id = ensure_seeds(store, actors)
        if run_id is not None:
            out.print(f"ingested the bundled seeds corpus (run {run_id})")
    else:
        os.environ["SOURCEBIAS_NO_SEEDS"] = "1"
        if store.exists:
            update_metrics(store, actor_set)
    os.environ["SOURCEBIAS_DATA"] = str(store.data_dir.resolve())
    if actors is not None:
        os.environ["SOURCEBIAS_ACTORS"] = str(actors.resolve())
    out.print(f"dashboard: http://{address}:{port}  (store: {lit(store.path)})", highlight=False)
    os.chdir(REPO_ROOT)
    use_explicit_navigation()
    from streamlit.web import cli as streamlit_cli

    streamlit_cli.main(
        [
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
        ],
        prog_name="streamlit",
    )


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="A text file (UTF-8 or cp1252).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the full analysis as JSON.")
    ] = False,
    engine: EngineOpt = "model",
    actors: ActorsOpt = None,
) -> None:
    """Analyse one file: metrics, sentences, mentions, attributions (offsets index FILE)."""
    if engine not in ENGINES:
        raise _fail(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    if not file.is_file():
        raise _fail(f"{file}: no such file")
    try:
        text = decode_bytes(file.read_bytes()).text
    except DecodeError as exc:
        raise _fail(f"{file}: {exc}") from None
    actor_set = load_actors(actors)
    analysis = analyse_text(text, actor_set, engine)
    payload = analysis_payload(text, analysis)
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    doc = payload["document"]
    out.print(
        f"{lit(file)}: {doc['n_words']} words, {doc['n_sentences']} sentences", highlight=False
    )
    for key in (
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "attributions_per_1000",
        "quoted_word_share",
        "strong_share",
        "mean_sentence_tone",
    ):
        value = doc[key]
        out.print(f"  {key}: {'n/a' if value is None else round(value, 3)}", highlight=False)
    table = Table(title="Mentions by actor (tone averages those written about)")
    for col in ("actor", "written about", "mean tone", "speaks", "left out", "names used"):
        table.add_column(col)
    by_actor: dict[str, list] = {}
    for m in analysis.mentions:
        by_actor.setdefault(m.actor, []).append(m)
    for actor, ms in sorted(by_actor.items(), key=lambda kv: -len(kv[1])):
        tone = [m.score for m in ms if m.tone]
        names = Counter(m.alias for m in ms if m.counted).most_common(3)
        table.add_row(
            lit(actor_set.name_of(actor)),
            str(len(tone)),
            f"{sum(tone) / len(tone):+.2f}" if tone else "-",
            str(sum(m.counted and m.role == "speaker" for m in ms)),
            str(sum(not m.counted for m in ms)),
            lit(", ".join(f"{n} ({c})" for n, c in names)),
        )
    out.print(table)


def analysis_payload(text: str, analysis: DocumentAnalysis) -> dict:
    """The JSON shape of `analyze --json`: the document's figures (the columns the store
    keeps, see metrics.document.DocumentFigures) with their breakdowns, then every sentence,
    mention and attribution as its metric dataclass; spans are [start, end] into the text."""
    at = analysis.attribution
    document = {
        **dataclasses.asdict(analysis.figures()),
        "readability_missing": analysis.readability.missing,
        "attributions_by_kind": at.by_kind,
        "attributions_by_source_type": at.by_source_type,
        "attributions_by_stance": at.by_stance,
        "speakers": [list(s) for s in at.speakers],
        "naming": [
            {"actor": a, "alias": al, "label": lb, "count": n}
            for (a, al, lb), n in sorted(analysis.naming().items())
        ],
    }
    return {
        "document": document,
        "sentences": [
            {"index": i, "start": s.start, "end": s.end, "text": text[s.start : s.end]}
            for i, s in enumerate(analysis.sentences)
        ],
        "mentions": [
            {**dataclasses.asdict(m), "text": text[m.start : m.end]} for m in analysis.mentions
        ],
        "attributions": [dataclasses.asdict(a) for a in analysis.attributions],
    }


actors_app = typer.Typer(help="Check the actors file against a corpus.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("audit")
def actors_audit(
    data: DataOpt = None,
    actors: ActorsOpt = None,
    engine: EngineOpt = "model",
    examples: Annotated[int, typer.Option(help="Example sentences per alias.")] = 2,
) -> None:
    """Per alias: how often it matched, how often it was credited, another entity or
    ambiguous, the capitalised words beside it ("Bill ___", "___ Foundation"), suggested
    `exclude` entries, and examples. Computes missing metrics first."""
    if engine not in ENGINES:
        raise _fail(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    actor_set = load_actors(actors)
    store = _store(data)
    if not store.exists:
        raise _fail(f"{store.path}: no store yet; run `sourcebias ingest PATH` first")
    update_metrics(store, actor_set, engine)
    view = ViewFilter()
    summary = queries.alias_audit(store, view)
    if summary.empty:
        out.print("no alias matched any document")
        return
    neighbours = queries.alias_neighbours(store, view)
    samples = queries.alias_examples(store, view, examples)
    out.print(
        "[bold]Alias audit[/bold]: what each alias matched, and the capitalised words beside it"
    )
    shown = None
    for row in summary.itertuples(index=False):
        if row.actor != shown:
            out.print(f"\n[bold]{lit(actor_set.name_of(row.actor))}[/bold]", highlight=False)
            shown = row.actor
        near = neighbours[(neighbours["actor"] == row.actor) & (neighbours["alias"] == row.alias)]
        beside = [
            (f"{w} ___" if side == "left" else f"___ {w}") + f" ({n})"
            for side, w, n in zip(near["side"], near["word"], near["n"], strict=True)
        ]
        actor = actor_set.actor(row.actor)
        own = dict(actor.given_names).get(row.alias.lower(), ()) if actor else ()
        suggested = suggest_excludes(
            row.alias,
            zip(near["side"], near["word"], near["n"], near["credited"], strict=True),
            own,
        )
        out.print(
            f"  {lit(row.alias)}: {_n(row.n, 'match', 'matches')} in "
            f"{_n(row.n_docs, 'document', 'documents')}, {row.credited} "
            f"credited ({row.by_context} by context), {row.other_entity} another entity, "
            f"{row.ambiguous} ambiguous",
            highlight=False,
        )
        if beside:
            out.print(f"    beside: {lit(', '.join(beside))}", highlight=False)
        if suggested:
            out.print(
                f"    worth an exclude? {lit(', '.join(repr(x) for x in suggested))}",
                highlight=False,
            )
    if examples:
        out.print("[bold]Examples[/bold] (left-out matches first; the match in [[ ]])")
        for row in samples.itertuples(index=False):
            text = str(row.sentence_text)
            marked = (
                text[: row.mention_start] + "[[" + text[row.mention_start : row.mention_end]
                + "]]" + text[row.mention_end :]
            )  # fmt: skip
            why = (
                f"{row.resolution}: {row.reason}" if isinstance(row.reason, str) else row.resolution
            )
            out.print(
                f"  {lit(row.alias)} ({lit(why)}, {lit(row.role)}) {lit(visible(marked))}",
                highlight=False,
            )


validate_app = typer.Typer(
    help="Analysts' labels of this corpus: exchange them and see the model's accuracy.",
    no_args_is_help=True,
)
app.add_typer(validate_app, name="validate")
LabelFileOpt = Annotated[Path, typer.Argument(help="Labels as .csv or .jsonl.")]


@validate_app.command("import")
def validate_import(file: LabelFileOpt, data: DataOpt = None) -> None:
    """Add the labels in FILE to the store (kept beside any already there: history stays);
    rows that cannot be used are listed with their line and not added."""
    try:
        reading = read_labels(file)
    except LabelFileError as exc:
        raise _fail(str(exc)) from None
    store = _store(data)
    store.add_labels(reading.labels)
    out.print(f"added {len(reading.labels):,} labels to {lit(str(store.path))}", highlight=False)
    for line, why in reading.rejected:
        out.print(f"  {visible(str(file))}:{line}: [rejected] {visible(why)}", markup=False)
    if reading.rejected:
        raise typer.Exit(1)


@validate_app.command("export")
def validate_export(file: LabelFileOpt, data: DataOpt = None) -> None:
    """Write every label in the store (with its history) to FILE, .csv or .jsonl."""
    labels = _store(data).labels()
    try:
        write_labels(labels, file)
    except LabelFileError as exc:
        raise _fail(str(exc)) from None
    out.print(f"wrote {len(labels):,} labels to {lit(str(file))}", highlight=False)


@validate_app.command("report")
def validate_report(data: DataOpt = None) -> None:
    """The tone model's accuracy on this corpus per source group, from the latest label of
    each item: accuracy with its Wilson interval, macro-F1, wrong-actor items, the
    difference of error rates between groups (flagged when large), and agreement between
    the two analysts who labelled the most items in common."""
    store = _store(data)
    if not store.labels():
        raise _fail("no labels in this store (import some with `sourcebias validate import`)")
    in_use = model_in_use(store)
    report = validation_report(store, in_use.name)
    out.print(f"tone model in use: {lit(in_use.name)}: {lit(in_use.about)}", highlight=False)
    if report.n_other_models:
        out.print(
            f"{report.n_other_models} tone labels judged another model and are not counted",
            highlight=False,
        )
    table = Table(title="Tone model on this corpus's labels", box=box.SIMPLE_HEAD)
    for col in ("group", "labelled", "accuracy (95% CI)", "macro-F1", "wrong actor"):
        table.add_column(col, justify="left" if col == "group" else "right")
    for a in report.accuracies:
        acc = "-" if a.accuracy is None else f"{a.accuracy:.2f} ({a.low:.2f}-{a.high:.2f})"
        f1 = "-" if a.macro_f1 is None else f"{a.macro_f1:.2f}"
        table.add_row(lit(a.group), str(a.n), acc, f1, str(a.wrong_actor))
    if report.accuracies:
        out.print(table)
    for gap in report.gaps:
        flag = "  FLAG: large enough to create or hide a gap" if gap.flagged else ""
        out.print(
            f"error rate {lit(gap.a)} {gap.error_a:.2f} vs {lit(gap.b)} {gap.error_b:.2f}: "
            f"difference {gap.difference:+.2f} ({gap.low:+.2f} to {gap.high:+.2f}){flag}",
            highlight=False,
        )
    for c in report.attributions:
        share = "-" if not c.n else f"{c.correct / c.n:.2f} ({c.low:.2f}-{c.high:.2f})"
        errors = ", ".join(f"{k} {v}" for k, v in c.errors) or "none"
        out.print(
            f"attributions {lit(c.group)}: {c.correct}/{c.n} correct {share}; errors: "
            f"{lit(errors)}; missed marked: {c.missed}",
            highlight=False,
        )
    if report.agreement and report.pair:
        agree, (first, second) = report.agreement, report.pair
        alpha = "-" if agree.alpha is None else f"{agree.alpha:.2f}"
        out.print(
            f"{lit(first)} and {lit(second)}: {agree.n} items in common, {agree.identical} "
            f"identical, Krippendorff's alpha {alpha}",
            highlight=False,
        )


@validate_app.command("adapt")
def validate_adapt(data: DataOpt = None, actors: ActorsOpt = None) -> None:
    """Retrain the tone model with this corpus's labels added, measure it by cross-validation
    on those labels, and switch to it (recomputing the metrics) only if it reads them
    better than the model in use."""
    store = _store(data)
    try:
        result = adapt(store)
    except AdaptError as exc:
        raise _fail(str(exc)) from None
    out.print(lit(result.message), highlight=False)
    if result.switched:
        update_metrics(store, load_actors(actors))


@validate_app.command("model")
def validate_model(
    name: Annotated[
        str | None, typer.Argument(help="'shipped' or an adapted model's file.")
    ] = None,
    data: DataOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """List the tone models this store can use, or switch to NAME (recomputing metrics)."""
    store = _store(data)
    if name is None:
        current = model_in_use(store).name
        for choice in model_choices(store):
            mark = "*" if choice.name == current else " "
            out.print(f"{mark} {lit(choice.name)}: {lit(choice.about)}", highlight=False)
        return
    try:
        select_model(store, name)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    update_metrics(store, load_actors(actors))
    out.print(f"tone model in use: {lit(model_in_use(store).name)}", highlight=False)


eval_app = typer.Typer(help="Measure accuracy on labelled data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("newsmtsc")
def eval_newsmtsc(
    file: Annotated[
        Path, typer.Argument(help="NewsMTSC-format JSONL (sentence_normalized, targets).")
    ],
    engine: EngineOpt = "model",
) -> None:
    """Macro-F1 of actor sentiment on NewsMTSC data, beside sentence-level VADER."""
    if engine not in ENGINES:
        raise _fail(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    if not file.is_file():
        raise _fail(f"{file}: no such file")
    examples = read_newsmtsc(file)
    if not examples:
        raise _fail(f"{file}: no labelled targets found")
    ours, base = evaluate_examples(examples, sentiment_model(engine))
    out.print(f"n = {ours.n} targets ({engine} engine)")
    table = Table(title="F1 per class")
    for col in ("class", engine, "sentence-level VADER"):
        table.add_column(col)
    for label in LABELS:
        table.add_row(label, f"{ours.f1[label]:.3f}", f"{base.f1[label]:.3f}")
    out.print(table)
    confusion = Table(title=f"Confusion ({engine}): rows gold, columns predicted")
    confusion.add_column("gold \\ predicted")
    for label in LABELS:
        confusion.add_column(label, justify="right")
    for gold in LABELS:
        confusion.add_row(gold, *(str(ours.confusion[gold][p]) for p in LABELS))
    out.print(confusion)
    info = model_info()
    if engine == "model" and hashlib.sha256(file.read_bytes()).hexdigest() == info.get(
        "train_sha256"
    ):
        out.print(
            f"note: this is the file the model was trained on, so this figure is in-sample; "
            f"its {info.get('cv')} cross-validated macro-F1 is {info.get('cv_macro_f1')}"
        )
    out.print(f"macro-F1 {ours.macro_f1:.4f} (sentence-level VADER {base.macro_f1:.4f})")


@eval_app.command("tone")
def eval_tone(
    directory: Annotated[
        Path, typer.Argument(help="The labelled tone set (items.jsonl, labels_*_a.jsonl).")
    ] = TONE_SET,
    engine: EngineOpt = "model",
    save: SaveOpt = None,
) -> None:
    """Macro-F1 of actor sentiment on the labelled Afghanistan tone set, per part, beside
    the rules engine and sentence-level VADER, and the two annotators' agreement."""
    if engine not in ENGINES:
        raise _fail(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    if not (directory / "items.jsonl").is_file():
        raise _fail(f"{directory}: no items.jsonl (not a labelled tone set)")
    tone = read_tone_set(directory)
    model = sentiment_model(engine)
    table = Table(title=f"Tone toward actors ({engine} engine)", box=box.SIMPLE_HEAD)
    for col in ("part", "n", "macro-F1", *(f"F1 {k}" for k in LABELS), "sentence VADER"):
        table.add_column(col, justify="right" if col != "part" else "left")
    everything = [e for part in tone.examples.values() for e in part]
    figures: dict = {"n": len(everything)}
    for name, examples in [*tone.examples.items(), ("all", everything)]:
        ours, base = evaluate_examples(list(examples), model)
        table.add_row(lit(name), str(ours.n), f"{ours.macro_f1:.3f}",
                      *(f"{ours.f1[k]:.3f}" for k in LABELS), f"{base.macro_f1:.3f}")  # fmt: skip
    out.print(table)
    rules, base = evaluate_examples(everything, None)
    figures.update(
        rules_macro_f1=round(rules.macro_f1, 4), sentence_vader_macro_f1=round(base.macro_f1, 4)
    )
    out.print(
        f"all {len(everything)}: rules engine {rules.macro_f1:.3f}, "
        f"sentence-level VADER {base.macro_f1:.3f}"
    )
    out.print(f"{tone.n_out} items labelled 'speaks' or 'skip' are not tone items")
    info = model_info()
    if engine == "model" and info.get("domain_sha256") == tone_set_digest(directory):
        out.print(
            "note: the model was trained with this set, so these figures are in-sample; its "
            f"cross-validated macro-F1 here (grouped by document) is {info.get('domain_macro_f1')}"
        )
    if tone.agreement:
        codes = {k: i for i, k in enumerate((*TONE_LABELS, "speaks", "skip"))}
        a = [[codes[x] for x, _ in tone.agreement], [codes[y] for _, y in tone.agreement]]
        alpha = krippendorff.alpha(reliability_data=a, level_of_measurement="nominal")
        same = sum(x == y for x, y in tone.agreement)
        agreement = (
            f"Krippendorff's alpha {alpha:.2f} (nominal), {same}/{len(tone.agreement)} identical"
        )
        figures["agreement"] = agreement
        out.print(f"two annotators: {agreement}")
    if save is not None:
        save.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        out.print(f"wrote {lit(str(save))}")


@eval_app.command("stories")
def eval_stories(
    events: Annotated[int, typer.Option(help="Events in the generated corpus.")] = 120,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 1018,
    save: SaveOpt = None,
) -> None:
    """Reprint detection and story grouping on a generated, labelled corpus (see
    corpus.story_set): pairwise precision and recall of reprint families, pairwise precision,
    recall and F1 of stories at the default threshold and window."""
    import itertools
    import tempfile

    docs = generate(events, seed)
    with tempfile.TemporaryDirectory() as tmp:
        write(docs, Path(tmp) / "corpus")
        store = Store(Path(tmp) / "store")
        ingest_and_compute([Path(tmp) / "corpus"], store, load_actors(), workers=0)
        families = dict(
            queries._query(
                store,
                "SELECT d.origin, r.family FROM reprints r JOIN documents d ON d.id = r.doc_id",
            ).itertuples(index=False, name=None)
        )
        listing = queries._query(store, "SELECT id, origin FROM documents")
        by_name = {Path(o).name: i for i, o in listing.itertuples(index=False, name=None)}
        story_map = stories_of(store, ViewFilter(one_per_family=False))
    names = [d.name for d in docs]
    family = {n: families.get(str(Path(tmp) / "corpus" / n)) for n in names}
    original = {d.name: d.original or d.name for d in docs}
    tp = fp = fn = 0
    for a, b in itertools.combinations(names, 2):
        truth = original[a] == original[b]
        found = family[a] is not None and family[a] == family[b]
        tp, fp, fn = tp + (truth and found), fp + (found and not truth), fn + (truth and not found)
    rp = tp / (tp + fp) if tp + fp else 1.0
    rr = tp / (tp + fn) if tp + fn else 1.0
    story_of = {d: s for s, d in story_map.itertuples(index=False, name=None)}
    groups: dict[int, list[str]] = {}
    for n in names:
        if by_name[n] in story_of:
            groups.setdefault(story_of[by_name[n]], []).append(n)
    sp, sr, sf = pairwise_scores(list(groups.values()), {d.name: d.event for d in docs}, names)
    n_reprints = sum(d.original is not None for d in docs)
    out.print(
        f"generated corpus: {len(docs)} documents, {events} events, {n_reprints} reprints "
        f"(seed {seed})"
    )
    out.print(f"reprint pairs: precision {rp:.3f} recall {rr:.3f} ({tp} found, {fp} wrong, "
              f"{fn} missed)")  # fmt: skip
    out.print(
        f"stories (threshold {STORY_THRESHOLD}, window {STORY_WINDOW} days): pairwise "
        f"precision {sp:.3f} recall {sr:.3f} F1 {sf:.3f}"
    )
    if save:
        results = {
            "documents": len(docs), "events": events, "reprints": n_reprints, "seed": seed,
            "reprint_precision": round(rp, 4), "reprint_recall": round(rr, 4),
            "story_threshold": STORY_THRESHOLD, "story_window_days": STORY_WINDOW,
            "story_precision": round(sp, 4), "story_recall": round(sr, 4),
            "story_f1": round(sf, 4),
        }  # fmt: skip
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        out.print(f"wrote {lit(str(save))}")


@eval_app.command("attributions")
def eval_attributions(
    directory: Annotated[
        Path, typer.Argument(help="A labelled attribution set (texts/, marked/).")
    ] = ATTRIBUTION_SET,
    save: SaveOpt = None,
) -> None:
    """Precision, recall and F1 of attributions (contents, cues, sources) on hand-marked
    texts, per part of the set, and predicted against labelled density."""
    if not (directory / "marked").is_dir():
        raise _fail(f"{directory}: no marked/ folder (not a labelled attribution set)")
    marked = read_attribution_set(directory)
    if not marked:
        raise _fail(f"{directory}: no marked texts")
    actors = load_actors()
    parts: dict[str, dict[str, SpanScores]] = {}
    words: dict[str, int] = {}
    types: dict[str, list[tuple[str, str]]] = {}  # (labelled, predicted) on found contents
    shares: dict[str, Counter[str]] = {}
    for item in marked:
        part = Path(item.name).stem.split("_")[0]
        analysis = analyse_text(item.text, actors)
        found = analysis.attributions
        gold = item.attributions
        scores = {
            "content": score_spans(
                [a.content_span for a in found], [g.content for g in gold], True
            ),
            "cue": score_spans([a.cue_span for a in found], [g.cue for g in gold], False),
            "source": score_spans([a.speaker_span for a in found], [g.source for g in gold], False),
        }
        pairs = match_spans([a.content_span for a in found], [g.content for g in gold], True)
        for key in (part, "all"):
            types.setdefault(key, []).extend(
                (gold[j].source_type, _predicted_type(found[i])) for i, j in pairs
            )
            share = shares.setdefault(key, Counter())
            share.update(f"gold:{g.source_type}" for g in gold)
            share.update(f"pred:{_predicted_type(a)}" for a in found)
            old = parts.setdefault(key, {})
            for name, sc in scores.items():
                old[name] = add_scores(old[name], sc) if name in old else sc
            words[key] = words.get(key, 0) + analysis.n_words
    table = Table(
        title="Attributions on hand-marked texts",
        caption="P precision, R recall (a content is found when 30% of it is covered)",
        box=box.SIMPLE_HEAD,
    )
    for col in ("part", "texts", "span", "predicted", "labelled", "P", "R", "F1"):
        table.add_column(col, justify="left" if col in ("part", "span") else "right")
    counts = Counter(Path(m.name).stem.split("_")[0] for m in marked)
    counts["all"] = len(marked)
    for key in [*sorted(k for k in parts if k != "all"), "all"]:
        for name, sc in parts[key].items():
            table.add_row(lit(key), str(counts[key]), name, str(sc.predicted), str(sc.gold),
                          *("-" if v is None else f"{v:.3f}"
                            for v in (sc.precision, sc.recall, sc.f1)))  # fmt: skip
    out.print(table)
    second = (
        read_attribution_set(directory, "marked_b") if (directory / "marked_b").is_dir() else []
    )
    first = {Path(m.name).name: m for m in marked}
    agree: dict[str, SpanScores] = {}
    for b in second:
        a = first.get(Path(b.name).name)
        if a is None:
            continue
        for part, content in (("content", True), ("cue", False), ("source", False)):
            sc = score_spans([hull(getattr(x, part)) for x in b.attributions],
                             [getattr(x, part) for x in a.attributions], content)  # fmt: skip
            agree[part] = add_scores(agree[part], sc) if part in agree else sc
    if agree:
        out.print(
            f"two annotators on {len(second)} texts (B against A): "
            + ", ".join(f"{k} F1 {v.f1:.3f}" for k, v in agree.items() if v.f1 is not None)
        )
    figures: dict = {"parts": {}, "agreement": {}}
    for key in [*sorted(k for k in parts if k != "all"), "all"]:
        content = parts[key]["content"]
        per = 1000 / max(words[key], 1)
        out.print(
            f"{lit(key)}: {content.predicted * per:.1f} predicted vs {content.gold * per:.1f} "
            f"labelled attributions per 1,000 words ({words[key]:,} words)"
        )
        same = sum(g == p for g, p in types[key])
        n_gold = sum(v for k, v in shares[key].items() if k.startswith("gold:"))
        n_pred = sum(v for k, v in shares[key].items() if k.startswith("pred:"))
        anon_gold = shares[key]["gold:anonymous"] / max(n_gold, 1)
        anon_pred = shares[key]["pred:anonymous"] / max(n_pred, 1)
        out.print(
            f"{lit(key)}: source type right on {same}/{len(types[key])} found attributions; "
            f"anonymous share {anon_pred:.2f} predicted vs {anon_gold:.2f} labelled"
        )
        figures["parts"][key] = {
            "texts": counts[key],
            "words": words[key],
            "source_type": {"right": same, "of": len(types[key])},
            "anonymous_share": {"predicted": round(anon_pred, 4), "labelled": round(anon_gold, 4)},
            **{name: dataclasses.asdict(sc) for name, sc in parts[key].items()},
        }
    figures["agreement"] = {
        "texts": len(second),
        **{k: round(v.f1, 4) for k, v in agree.items() if v.f1 is not None},
    }
    if save is not None:
        save.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        out.print(f"wrote {lit(str(save))}")


PRONOUN_SPEAKERS = frozenset("he she they it we i you his her their".split())


def _predicted_type(a: Attribution) -> str:
    """The labelled set's source type of a found attribution: a pronoun speaker is "pronoun"
    whatever it resolved to, as the guidelines mark the span itself."""
    if a.speaker and a.speaker.lower() in PRONOUN_SPEAKERS:
        return "pronoun"
    return a.source_type


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _role_rate(which: str, role: str, result: MentionEvalResult) -> Rate:
    return (result.role_precision if which == "precision" else result.role_recall)[role]


def _pct(rate: Rate) -> str:
    return "-" if rate.value is None else f"{rate.value:.3f} ({rate.hits}/{rate.total})"


@eval_app.command("mentions")
def eval_mentions(
    directory: Annotated[
        Path, typer.Argument(help="A labelled mention set (set.toml, documents.jsonl, labels).")
    ] = MENTION_SET,
    errors: Annotated[int, typer.Option(help="List up to this many mistakes per domain.")] = 0,
    save: SaveOpt = None,
) -> None:
    """Precision and recall of mention resolution and of roles, per domain, and the two
    annotators' agreement where the set has an overlap."""
    if not (directory / "set.toml").is_file():
        raise _fail(f"{directory}: no set.toml (not a labelled mention set)")
    domains, second = read_mention_set(directory)
    table = Table(
        title="Mention resolution and roles (spans matched by an alias)",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("figure", no_wrap=True)
    results = {}
    for domain in domains:
        table.add_column(lit(domain.name), justify="right")
        results[domain.name] = evaluate_mentions(domain.documents, domain.actors)
    rows: list[tuple[str, Callable[[MentionEvalResult], Rate | int]]] = [
        ("spans", lambda r: r.n),
        ("resolution precision", lambda r: r.resolution_precision),
        ("resolution recall", lambda r: r.resolution_recall),
        ("other/unclear left out", lambda r: r.left_out_correctly),
        ("role accuracy", lambda r: r.role_accuracy),
        *((f"role {k} precision", functools.partial(_role_rate, "precision", k)) for k in ROLES),
        *((f"role {k} recall", functools.partial(_role_rate, "recall", k)) for k in ROLES),
        ("tone mentions precision", lambda r: r.tone_precision),
        ("tone mentions recall", lambda r: r.tone_recall),
        ("speaker accuracy", lambda r: r.speaker_accuracy),
        ("stance pairs precision", lambda r: r.stance_precision),
        ("stance pairs recall", lambda r: r.stance_recall),
    ]
    for name, get in rows:
        values = [get(results[d.name]) for d in domains]
        table.add_row(name, *(str(v) if isinstance(v, int) else _pct(v) for v in values))
    out.print(table)
    agreement = mention_agreement(domains, second) if second is not None else {}
    for field, v in agreement.items():
        out.print(
            f"two annotators on {field}: Krippendorff's alpha {v['alpha']:.3f}, "
            f"{v['identical']}/{v['n']} identical"
        )
    if save is not None:
        payload = {
            "domains": {name: mention_figures(r) for name, r in results.items()},
            "agreement": agreement,
        }
        save.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if errors:
        for domain in domains:
            out.print(f"[bold]mistakes, {lit(domain.name)}[/bold] (id: gold -> predicted)")
            for id_, gold, predicted in results[domain.name].errors[:errors]:
                out.print(f"  {lit(id_)}: {lit(gold)} -> {lit(predicted)}")


def mention_agreement(domains: list, second: dict[str, dict]) -> dict[str, dict]:
    """Krippendorff's alpha (nominal) and raw agreement between the domains' labels and the
    second annotator's, on the spans both labelled."""
    first: dict[str, GoldMention] = {
        g.id: g for d in domains for _, _, golds in d.documents for g in golds
    }
    shared = [i for i in second if i in first]
    out_: dict[str, dict] = {}
    for field in ("actor", "role", "speaker"):
        a = [str(getattr(first[i], field)) for i in shared]
        b = [str(second[i][field]) for i in shared]
        values = sorted(set(a) | set(b))
        code = {v: k for k, v in enumerate(values)}
        matrix = [[code[v] for v in a], [code[v] for v in b]]
        same = sum(x == y for x, y in zip(a, b, strict=True))
        alpha = (
            krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
            if len(values) > 1
            else 1.0
        )
        out_[field] = {"alpha": round(float(alpha), 4), "identical": same, "n": len(shared)}
    return out_


@app.command("compute-dask")
def compute_dask(
    parquet: Annotated[Path, typer.Argument(help="Folder for the partitioned Parquet output.")],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, e.g. tcp://host:8786 (default: local)."),
    ] = None,
    load: Annotated[bool, typer.Option(help="Load the Parquet into the store after.")] = True,
    engine: EngineOpt = "model",
    data: DataOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Compute missing metrics on a Dask cluster as Parquet, then load them into the store."""
    try:
        from compute.dask_cluster import compute_parquet, load_parquet
    except ImportError:
        raise _fail("Dask is not installed: pip install 'sourcebias[distributed]'") from None
    actor_set = load_actors(actors)
    store = _store(data)
    n = compute_parquet(store, parquet, actor_set, engine, scheduler)
    out.print(f"computed {n} documents into {lit(parquet)}", highlight=False)
    if load:
        added = load_parquet(store, parquet, actor_set, engine)
        out.print(f"loaded {added} documents' metrics into {lit(store.path)}", highlight=False)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, prog_name="sourcebias", standalone_mode=True)
    except USER_ERRORS as exc:
        err.print(f"error: {visible(exc)}", highlight=False, markup=False, soft_wrap=True)
        raise SystemExit(2) from None
    except OSError as exc:  # a folder that cannot be created, a disk that is full
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"error: {visible(where)}{visible(exc.strerror or exc)}"
        err.print(message, highlight=False, markup=False, soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
