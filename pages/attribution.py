"""Attribution: who does each source let speak, how often, and with what verbs?"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.export import download_csv
from dashboard.page import chart, context, literal, require_rows, subtitle, table

SPEAKER_COLORS = {
    "named": "#1f618d",
    "institutional": "#7d3c98",
    "anonymous": "#b9770e",
    "document": "#148f77",
    "unresolved": "#aab7b8",
}
STANCE_COLORS = {"neutral": "#aab7b8", "loaded": "#b03a2e"}

ctx = context()
st.title("Attribution: quotes and reported speech")
st.caption(
    "Direct quotations, reported speech with a reporting verb, and 'according to'. Named: a "
    "person's name; institutional: a ministry, a group's spokesman, a capital; anonymous: "
    "'officials', 'analysts', 'residents'; document: a report, poll or statement. Loaded verbs "
    "('claimed', 'admitted', 'insisted') frame the speaker."
)
n_docs = data.counts(ctx)["documents"]
if not n_docs:
    require_rows(None, "documents")
    st.stop()
density = data.metric_estimates(
    ctx, ("source", "source_type"), ("attributions_per_1000",), "n_attributions"
)
chart(
    ctx,
    "attribution-density",
    "attribution.density",
    n_docs,
    charts.estimate_bars,
    density,
    "source",
    "Attributions per 1,000 words",
    subtitle(ctx, n_docs),
    "Mean per document (95% CI)",
    item_label="attributions",
    table=density,
)

rows = data.attributions(ctx)
if require_rows(rows, "attributions"):
    n_attr = int(rows["n"].sum())
    for field, title, colors, name in (
        ("speaker_type", "Who is quoted: named, institutional, anonymous or a document",
         SPEAKER_COLORS,
         "speaker-types"),
        ("stance", "Reporting verbs: neutral ('said') vs loaded ('claimed')", STANCE_COLORS,
         "verb-stance"),
    ):  # fmt: skip
        counts = rows.groupby(["source", field], as_index=False)["n"].sum()
        chart(
            ctx,
            name,
            f"attribution.{field}",
            n_docs,
            charts.stacked_counts,
            counts,
            field,
            title,
            subtitle(ctx, n_docs, f"{n_attr} attributions"),
            colors,
            table=counts,
        )

speakers = data.top_speakers(ctx)
st.subheader("Top speakers per source")
if require_rows(speakers, "named speakers"):
    cols = st.columns(max(1, min(3, speakers["source"].nunique())))
    for col, (source, group) in zip(cols * 10, speakers.groupby("source"), strict=False):
        col.markdown(f"**{literal(source)}**")
        col.dataframe(table(group[["speaker", "speaker_type", "n"]]), hide_index=True)
    if not ctx.briefing:
        download_csv(st, speakers, "top-speakers", "attribution.speakers", "CSV of the speakers")
