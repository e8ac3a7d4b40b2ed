"""Corpus: what is loaded, when it was published, what was rejected; add documents."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from corpus.ingest import ingest
from corpus.loaders import DEFAULT_MAX_BYTES, SUPPORTED
from corpus.manifest import SOURCE_TYPES
from corpus.store import StoreError
from dashboard import charts, data
from dashboard.export import chart_spec, show_chart
from dashboard.page import context, footer, require_rows, subtitle

MAX_UPLOAD_FILES = 50

ctx = context()
st.title("Corpus")
everything = data.all_documents(ctx.path, ctx.version)
st.caption(f"{len(everything)} documents in `{ctx.store.path}`")
counts = everything.groupby(["source_type", "source"], as_index=False).agg(
    documents=("id", "size"),
    undated=("date", lambda s: int(s.isna().sum())),
    first=("date", "min"),
    last=("date", "max"),
)
st.dataframe(counts, hide_index=True)

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
    st.dataframe(undated[["title", "source", "origin", "id"]], hide_index=True)

issues = data.issues(ctx.path, ctx.version)
st.subheader("Ingest report")
if issues.empty:
    st.caption("No rejections, duplicates or warnings in any ingest run.")
else:
    last = int(issues["run_id"].max())
    scope = st.radio("Runs", ["latest run", "all runs"], horizontal=True, key="corpus.runs")
    shown = issues if scope == "all runs" else issues[issues["run_id"] == last]
    summary = shown["severity"].value_counts()
    st.caption(" · ".join(f"{k}: {v}" for k, v in summary.items()))
    st.dataframe(shown[["run_id", "severity", "file", "line", "message"]], hide_index=True)

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
    source_type = c2.selectbox("Source type", ["", *SOURCE_TYPES], key="corpus.source_type")
    date = c3.date_input("Date (if the text has none)", value=None, key="corpus.date")
    submitted = st.form_submit_button("Ingest", icon=":material/upload:")
if submitted:
    if not files:
        st.warning("Choose at least one file.")
    elif len(files) > MAX_UPLOAD_FILES:
        st.error(f"At most {MAX_UPLOAD_FILES} files per upload; {len(files)} chosen.")
    else:
        uploads = [(f"upload/{f.name}", f.getvalue()) for f in files]
        fields = {k: v for k, v in (("source", source.strip()), ("source_type", source_type),
                                    ("date", date.isoformat() if isinstance(date, dt.date) else ""))
                  if v}  # fmt: skip
        try:
            report, run_id = ingest(
                [],
                ctx.store,
                uploads=uploads,
                upload_fields=fields,
                actors=data.actors(),
                workers=1,  # in this process: the server is no place to start a worker pool
            )
        except StoreError as exc:
            st.error(f"Could not write to the store: {exc}")
        else:
            st.success(
                f"Run {run_id}: {report.count('added')} added, {report.count('unchanged')} already "
                f"present, {len(report.rejections)} rejected, {len(report.warnings)} warnings."
            )
            if report.issues:
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                "severity": i.severity,
                                "file": i.file,
                                "line": i.line,
                                "message": i.message,
                            }
                            for i in report.issues
                        ]
                    ),
                    hide_index=True,
                )
            st.cache_data.clear()
