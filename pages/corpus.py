"""Corpus: what is loaded, when it was published, what was rejected; add documents."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from corpus import upload_job
from corpus.loaders import DEFAULT_MAX_BYTES, SUPPORTED
from corpus.manifest import SOURCE_TYPES
from dashboard import charts, data
from dashboard.export import chart_spec, download_csv, show_chart
from dashboard.page import context, footer, label, literal, require_rows, subtitle, table

MAX_UPLOAD_FILES = 50
JOB_KEY = "corpus.job"
RESULT_KEY = "corpus.job_result"

ctx = context()
st.title("Corpus")
everything = data.all_documents(ctx.path, ctx.version)
st.caption(f"{len(everything):,} documents in {literal(ctx.store.path)}")
counts = everything.groupby(["source_type", "source"], as_index=False).agg(
    documents=("id", "size"),
    undated=("date", lambda s: int(s.isna().sum())),
    first=("date", "min"),
    last=("date", "max"),
)
st.dataframe(table(counts), hide_index=True)
if not ctx.briefing:
    download_csv(st, counts, "documents-per-source", "corpus.counts", "CSV of this table")

weekly = data.view(ctx, "weekly_counts")
if require_rows(weekly, "dated documents"):
    n = int(weekly["n"].sum())
    chart = chart_spec(charts.weekly, weekly, "Documents per week", subtitle(ctx, n))
    show_chart(
        chart,
        "documents-per-week",
        footer(ctx, n),
        briefing=ctx.briefing,
        key="corpus.weekly",
        table=weekly,
    )

undated = everything[everything["date"].isna()]
with st.expander(f"Undated documents ({len(undated)})", expanded=False):
    st.dataframe(table(undated[["title", "source", "origin", "id"]]), hide_index=True)

issues = data.issues(ctx.path, ctx.version)
st.subheader("Ingest report")
if issues.empty:
    st.caption("No rejections, duplicates or warnings in any ingest run.")
else:
    last = int(issues["run_id"].max())
    scope = st.radio("Runs", ["latest run", "all runs"], horizontal=True, key="corpus.runs")
    shown = issues if scope == "all runs" else issues[issues["run_id"] == last]
    summary = shown["severity"].value_counts()
    st.caption(" · ".join(f"{literal(k)}: {v}" for k, v in summary.items()))
    report = shown[["run_id", "severity", "file", "line", "message"]]
    st.dataframe(table(report), hide_index=True)
    if not ctx.briefing:
        download_csv(st, report, "ingest-report", "corpus.report", "CSV of the report")

if ctx.briefing:
    st.stop()
st.subheader("Add documents")
st.caption(
    f"Files: {', '.join(SUPPORTED)} · up to {MAX_UPLOAD_FILES} files, "
    f"{DEFAULT_MAX_BYTES // 1_000_000} MB each. File names are only labels in the report: "
    "nothing is written under the name you upload; the text goes into the store."
)
with st.form("corpus.upload", clear_on_submit=True):
    files = st.file_uploader(
        "Files",
        accept_multiple_files=True,
        key="corpus.files",
        type=[s.lstrip(".") for s in SUPPORTED],
    )
    c1, c2, c3 = st.columns(3)
    source = c1.text_input("Source (manifest)", key="corpus.source", placeholder="e.g. Al-Emarah")
    source_type = c2.selectbox(
        "Source type", ["", *SOURCE_TYPES], key="corpus.source_type", format_func=label
    )
    date = c3.date_input("Date (if the text has none)", value=None, key="corpus.date")
    submitted = st.form_submit_button("Ingest", icon=":material/upload:")
if submitted:
    if not files:
        st.warning("Choose at least one file.")
    elif len(files) > MAX_UPLOAD_FILES:
        st.error(f"At most {MAX_UPLOAD_FILES} files per upload; {len(files)} chosen.")
    else:
        fields = {k: v for k, v in (("source", source.strip()), ("source_type", source_type),
                                    ("date", date.isoformat() if isinstance(date, dt.date) else ""))
                  if v}  # fmt: skip
        try:
            st.session_state[JOB_KEY] = upload_job.start(
                ctx.store.data_dir,
                [(f.name, f.getvalue()) for f in files],
                fields,
                data.actors_path(),
            )
        except OSError as exc:
            st.error(f"Could not start the ingest: {literal(str(exc))}")


@st.fragment(run_every=1.0)
def upload_progress() -> None:
    """The running upload's progress; once it ends, the whole app reruns on the new data."""
    job = st.session_state.get(JOB_KEY)
    if job is None:
        return
    status = upload_job.status(ctx.store.data_dir, job) or upload_job.JobStatus(
        "failed", "finished", message="its progress could not be read"
    )
    if status.state != "running":
        st.session_state[RESULT_KEY] = status
        del st.session_state[JOB_KEY]
        st.rerun(scope="app")
    total = max(status.total, 1)
    st.progress(
        min(status.done / total, 1.0),
        text=f"Ingesting in the background: {status.stage} ({status.done:,} of {status.total:,}). "
        "Other pages and sessions keep working meanwhile.",
    )


def upload_result() -> None:
    status = st.session_state.get(RESULT_KEY)
    if status is None:
        return
    if status.state == "failed":
        st.error(f"The upload was not ingested: {literal(status.message)}")
        return
    c = status.counts
    st.success(
        f"Run {status.run_id}: {c.get('added', 0)} added, {c.get('unchanged', 0)} already "
        f"present, {c.get('rejected', 0)} rejected, {c.get('warnings', 0)} warnings."
    )
    if status.issues:
        st.dataframe(table(pd.DataFrame(status.issues)), hide_index=True)


upload_progress()
upload_result()
