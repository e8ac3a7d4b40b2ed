"""Altair charts fit for a briefing: one palette, titled, subtitled, small samples faded.

Builders are pure (DataFrames in, charts out) so tests can inspect their data; pages decide
where to draw them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

# Readability draws up to 5,000 dots; specs are built with data inline (see dashboard.export)
alt.data_transformers.disable_max_rows()

TYPE_COLORS = {"partisan": "#b03a2e", "wire": "#1f618d", "other": "#7d3c98", "unknown": "#7f8c8d"}
LABEL_COLORS = {
    "neutral": "#aab7b8",
    "self-designation": "#7d3c98",
    "laudatory": "#229954",
    "pejorative": "#b03a2e",
}
SMALL_NOTE = "Faded: small sample (fewer than 5 documents or 20 items); read with caution."
FONT = "Helvetica, Arial, sans-serif"
WIDTH = 480
Y_AXIS = alt.Axis(labelLimit=260)
_ROW_HEADER = alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold", labelFontSize=12)


def type_scale(types: list[str] | None = None) -> alt.Scale:
    domain = types or list(TYPE_COLORS)
    return alt.Scale(domain=domain, range=[TYPE_COLORS.get(t, "#7f8c8d") for t in domain])


def titled(chart: alt.TopLevelMixin, title: str, subtitle: list[str]) -> alt.TopLevelMixin:
    return (
        chart.properties(
            title=alt.TitleParams(
                text=title,
                subtitle=subtitle,
                anchor="start",
                fontSize=16,
                subtitleFontSize=11,
                subtitleColor="#555",
                font=FONT,
                subtitleFont=FONT,
            )
        )
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=11)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom")
        .configure_view(stroke=None)
    )


def estimate_bars(
    df: pd.DataFrame,
    category: str,
    title: str,
    subtitle: list[str],
    x_title: str,
    *,
    color_field: str = "source_type",
    row: str | None = None,
    domain: tuple[float, float] | None = None,
    item_label: str = "mentions",
    independent_x: bool = False,
) -> alt.TopLevelMixin:
    """Horizontal bars of means with 95% interval whiskers and n labels; small samples faded.
    `independent_x`: each row its own x scale (rows measuring different things)."""
    data = df.copy()
    data["n_label"] = data.apply(
        lambda r: f"n={int(r['n_docs'])} docs, {int(r['n_items'])} {item_label}", axis=1
    )
    data["sample"] = data["small_sample"].map({True: "small sample", False: "ok"})
    types = sorted(data[color_field].dropna().unique().tolist()) if color_field in data else None
    x_scale = alt.Scale(domain=list(domain)) if domain else alt.Undefined
    base = alt.Chart(data).encode(y=alt.Y(f"{category}:N", title=None, sort=None, axis=Y_AXIS))
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("mean:Q", title=x_title, scale=x_scale),
        color=alt.Color(f"{color_field}:N", scale=type_scale(types), title="Source type"),
        opacity=alt.condition("datum.small_sample", alt.value(0.45), alt.value(0.95)),
        tooltip=[
            alt.Tooltip(f"{category}:N"),
            alt.Tooltip("mean:Q", format="+.3f"),
            alt.Tooltip("low:Q", format="+.3f", title="95% low"),
            alt.Tooltip("high:Q", format="+.3f", title="95% high"),
            alt.Tooltip("n_docs:Q", title="documents"),
            alt.Tooltip("n_items:Q", title=item_label),
            alt.Tooltip("sample:N"),
        ],
    )
    whiskers = base.mark_rule(color="#222", strokeWidth=1.5).encode(x="low:Q", x2="high:Q")
    labels = base.mark_text(align="left", dx=8, fontSize=10, color="#444").encode(
        x=alt.value(WIDTH), text="n_label:N"
    )
    chart = alt.layer(bars, whiskers, labels).properties(width=WIDTH)
    if row:
        chart = chart.facet(row=alt.Row(f"{row}:N", title=None, header=_ROW_HEADER))
    notes = list(subtitle)
    if bool(data["small_sample"].any()):
        notes.append(SMALL_NOTE)
    out = titled(chart, title, notes)
    return out.resolve_scale(x="independent") if independent_x else out


def heatmap(df: pd.DataFrame, title: str, subtitle: list[str]) -> alt.TopLevelMixin:
    """Source × actor mean score, with n in each cell; empty cells mean no mentions."""
    data = df.copy()
    data["cell"] = data.apply(lambda r: f"{r['mean']:+.2f}\nn={int(r['n_items'])}", axis=1)
    base = alt.Chart(data).encode(
        x=alt.X("actor_name:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160)),
        y=alt.Y("source:N", title=None, axis=Y_AXIS),
    )
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "mean:Q",
            title="Mean score",
            scale=alt.Scale(scheme="redblue", domain=[-0.6, 0.6], clamp=True),
        ),
        opacity=alt.condition("datum.small_sample", alt.value(0.45), alt.value(1.0)),
        tooltip=[
            "source:N",
            "actor_name:N",
            alt.Tooltip("mean:Q", format="+.3f"),
            alt.Tooltip("low:Q", format="+.3f"),
            alt.Tooltip("high:Q", format="+.3f"),
            "n_docs:Q",
            alt.Tooltip("n_items:Q", title="mentions"),
        ],
    )
    text = base.mark_text(fontSize=10, lineBreak="\n").encode(
        text="cell:N",
        color=alt.condition("abs(datum.mean) > 0.35", alt.value("white"), alt.value("#222")),
    )
    notes = list(subtitle)
    if bool(data["small_sample"].any()):
        notes.append(SMALL_NOTE)
    return titled(
        alt.layer(rect, text).properties(width=alt.Step(90), height=alt.Step(44)), title, notes
    )


def naming_shares(df: pd.DataFrame, title: str, subtitle: list[str]) -> alt.TopLevelMixin:
    """Per actor and source: stacked shares of each name used, coloured by connotation."""
    data = df.copy()
    totals = data.groupby(["actor_name", "source"])["n"].transform("sum")
    data["share"] = data["n"] / totals
    data["alias_label"] = data.apply(lambda r: r["alias"] if r["share"] >= 0.14 else "", axis=1)
    labels = [lb for lb in LABEL_COLORS if lb in set(data["label"])]
    base = alt.Chart(data).encode(
        y=alt.Y("source:N", title=None, axis=Y_AXIS),
        x=alt.X(
            "sum(share):Q", stack="normalize", title="Share of mentions", axis=alt.Axis(format="%")
        ),
        order=alt.Order("label:N"),
    )
    bars = base.mark_bar(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color(
            "label:N",
            title="Connotation",
            scale=alt.Scale(domain=labels, range=[LABEL_COLORS[lb] for lb in labels]),
        ),
        tooltip=[
            "actor_name:N",
            "source:N",
            "alias:N",
            "label:N",
            "n:Q",
            alt.Tooltip("share:Q", format=".0%"),
        ],
        detail="alias:N",
    )
    text = base.mark_text(color="white", fontSize=10).encode(
        text="alias_label:N",
        detail="alias:N",
        x=alt.X("sum(share):Q", stack="normalize", bandPosition=0.5),
    )
    chart = (
        alt.layer(bars, text)
        .properties(width=520, height=alt.Step(26))
        .facet(row=alt.Row("actor_name:N", title=None, header=_ROW_HEADER))
    )
    return titled(chart, title, subtitle)


def distribution(
    df: pd.DataFrame, value: str, title: str, subtitle: list[str], x_title: str
) -> alt.TopLevelMixin:
    """Box plot per source with every document as a dot: the spread, not only the mean."""
    data = df.dropna(subset=[value])
    types = sorted(data["source_type"].unique().tolist())
    base = alt.Chart(data).encode(y=alt.Y("source:N", title=None, axis=Y_AXIS))
    box = base.mark_boxplot(extent="min-max", size=18, opacity=0.35).encode(
        x=alt.X(f"{value}:Q", title=x_title, scale=alt.Scale(zero=False)),
        color=alt.Color("source_type:N", scale=type_scale(types), title="Source type"),
    )
    dots = (
        base.mark_circle(size=60, opacity=0.9)
        .encode(
            x=f"{value}:Q",
            color=alt.Color("source_type:N", scale=type_scale(types), title="Source type"),
            yOffset=alt.YOffset("jitter:Q"),
            tooltip=["source:N", "title:N", alt.Tooltip(f"{value}:Q", format=".2f"), "n_words:Q"],
        )
        .transform_calculate(jitter="(random() - 0.5) * 14")
    )
    return titled(alt.layer(box, dots).properties(width=520, height=alt.Step(56)), title, subtitle)


def stacked_counts(
    df: pd.DataFrame, category: str, title: str, subtitle: list[str], colors: dict[str, str]
) -> alt.TopLevelMixin:
    domain = [c for c in colors if c in set(df[category])]
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None, axis=Y_AXIS),
            x=alt.X(
                "sum(n):Q",
                stack="normalize",
                title="Share of attributions",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                f"{category}:N",
                scale=alt.Scale(domain=domain, range=[colors[c] for c in domain]),
                title=None,
            ),
            tooltip=["source:N", f"{category}:N", alt.Tooltip("sum(n):Q", title="attributions")],
        )
        .properties(width=520, height=alt.Step(34))
    )
    return titled(chart, title, subtitle)


def weekly(df: pd.DataFrame, title: str, subtitle: list[str]) -> alt.TopLevelMixin:
    types = sorted(df["source_type"].unique().tolist())
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title="Week"),
            y=alt.Y("sum(n):Q", title="Documents"),
            color=alt.Color("source_type:N", scale=type_scale(types), title="Source type"),
            tooltip=["source:N", alt.Tooltip("week:T"), "n:Q"],
        )
        .properties(width=620, height=220)
    )
    return titled(chart, title, subtitle)
