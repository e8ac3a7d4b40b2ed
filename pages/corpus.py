"""Corpus: what is loaded, when it was published, what was rejected; add documents."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, state
from dashboard.export import download_csv
from dashboard.facts import DEFAULT_MAX_BYTES, SOURCE_TYPES, SUPPORTED, language_name
from dashboard.page import (
    chart,
    context,
    date_of,
    label,
    literal,
    require_rows,
    subtitle,
    table,
)

MAX_UPLOAD_FILES = 50

ctx = context()
st.title("Corpus")
everything = data.all_documents(ctx)
st.caption(f"{len(everything):,} documents in {literal(ctx.store_file)}")
languages = everything["language"].fillna("en")
counts = (
    everything.assign(other_language=languages != "en")
    .groupby(["source_type", "source"], as_index=False)
    .agg(
        documents=("id", "size"),
        not_english=("other_language", "sum"),
        undated=("date", lambda s: int(s.isna().sum())),
        first=("date", "min"),
        last=("date", "max"),
    )
)
for col in ("first", "last"):
    counts[col] = pd.to_datetime(counts[col]).dt.strftime("%Y-%m-%d")
st.dataframe(
    table(counts.rename(columns={"source_type": "source group", "not_english": "not English"})),
    hide_index=True,
)
other = languages[languages != "en"].value_counts()
if len(other):
    st.caption(
        " · ".join(f"{n:,} documents in {language_name(code)}" for code, n in other.items())
        + ": counted, not scored (readability, tone, attribution and emotive language are "
        "English-only; see the ingest report)."
    )
if not ctx.briefing:
    download_csv(st, counts, "documents-per-source", "corpus.counts", "CSV of this table")

weekly = data.weekly_counts(ctx)
if require_rows(weekly, "dated documents"):
    n = int(weekly["n"].sum())
    chart(
        ctx,
        "documents-per-week",
        "corpus.weekly",
        n,
        charts.weekly,
        weekly,
        "Documents per week",
        subtitle(ctx, n),
        table=weekly,
    )

undated = everything[everything["date"].isna()]
with st.expander(f"Undated documents ({len(undated)})", expanded=False):
    st.dataframe(table(undated[["title", "source", "origin", "id"]]), hide_index=True)

families = data.reprint_families(ctx)
st.subheader("Reprint families", anchor=False)
if families.empty:
    st.caption(
        "No document is a copy or light edit of another (near-duplicates are looked for at "
        "ingest; exact duplicates are refused there)."
    )
else:
    n_families = families["family"].nunique()
    n_copies = int((~families["canonical"].astype(bool)).sum())
    st.caption(
        f"{n_families} {'family' if n_families == 1 else 'families'}, {n_copies} "
        f"{'copy' if n_copies == 1 else 'copies'}: documents whose text is mostly the same "
        "as another's (changed spacing, boilerplate, a trimmed ending, light edits). Each "
        "family counts once in every chart while **Count each reprint family once** is on "
        "(sidebar), as its original: the earliest dated member, else the longest."
    )
    heads = families[families["canonical"].astype(bool)].set_index("family")["title"]
    shown = families.assign(
        story=[str(heads.get(f, f)) for f in families["family"]],
        role=["original" if c else "reprint" for c in families["canonical"].astype(bool)],
        date=[
            date_of(d, p) for d, p in zip(families["date"], families["date_precision"], strict=True)
        ],
    )[["story", "role", "source", "source_type", "date", "title", "doc_id"]]
    st.dataframe(table(shown), hide_index=True, width="stretch")

issues = data.ingest_issues(ctx)
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
    c1, c2, c3, c4 = st.columns(4)
    source = c1.text_input("Source (manifest)", key="corpus.source", placeholder="e.g. Al-Emarah")
    known = sorted(
        {*SOURCE_TYPES, *ctx.options.get("source_types", ())} - {"unknown"}, key=str.lower
    )
    chosen = c2.selectbox("Source group", ["", *known], key="corpus.source_type", format_func=label)
    new_group = c3.text_input(
        "…or a new group", key="corpus.new_group", placeholder="e.g. state media"
    )
    date = c4.date_input("Date (if the text has none)", value=None, key="corpus.date")
    submitted = st.form_submit_button("Ingest", icon=":material/upload:")
if submitted:
    if not files:
        st.warning("Choose at least one file.")
    elif len(files) > MAX_UPLOAD_FILES:
        st.error(f"At most {MAX_UPLOAD_FILES} files per upload; {len(files)} chosen.")
    else:
        source_type = new_group.strip() or chosen
        fields = {k: v for k, v in (("source", source.strip()), ("source_type", source_type),
                                    ("date", date.isoformat() if isinstance(date, dt.date) else ""))
                  if v}  # fmt: skip
        try:
            state.start_upload_job(
                data.start_upload(ctx, [(f.name, f.getvalue()) for f in files], fields)
            )
        except OSError as exc:
            st.error(f"Could not start the ingest: {literal(str(exc))}")


@st.fragment(run_every=1.0)
def upload_progress() -> None:
    """The running upload's progress; once it ends, the whole app reruns on the new data."""
    job = state.upload_job()
    if job is None:
        return
    status = data.upload_status(ctx, job)
    if status.state != "running":
        state.finish_upload_job(status)
        st.rerun(scope="app")
    total = max(status.total, 1)
    st.progress(
        min(status.done / total, 1.0),
        text=f"Ingesting in the background: {status.stage} ({status.done:,} of {status.total:,}). "
        "Other pages and sessions keep working meanwhile.",
    )


def upload_result() -> None:
    status = state.upload_result()
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
