"""Altair charts fit for a briefing: one palette, titled, subtitled, small samples faded.

Builders are pure (DataFrames in, charts out) so tests can inspect their data; pages decide
where to draw them. Each builder is a `prepare` step (pandas: the rows to draw, the subtitle
notes, and the few facts read from the data that shape the chart, such as which source
types occur) and a `draw` step (Altair, from those alone). `spec` uses the split: the
Vega-Lite spec of a given shape is built once, and later views only swap in their rows and
subtitle, since building and validating an Altair chart costs more than the queries behind
it.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from metrics.aggregate import FULL_DOCS, MIN_INTERVAL_DOCS, no_interval_reason
from sourcebias.untrusted import visible, visible_frame

# Readability draws up to 5,000 dots; specs carry their data inline
alt.data_transformers.disable_max_rows()

TYPE_COLORS = {"partisan": "#b03a2e", "wire": "#1f618d", "other": "#7d3c98", "unknown": "#7f8c8d"}
# Any other source group takes the next of these (Paul Tol's colour-blind-safe set), in the
# order the store's groups were first seen, so a group keeps its colour whatever is filtered.
GROUP_PALETTE = (
    "#117733", "#cc6677", "#ddcc77", "#44aa99", "#882255", "#332288", "#aa4499", "#999933",
    "#88ccee", "#6699cc",
)  # fmt: skip
_extra_groups: list[str] = []
_chosen: dict[str, str] = {}  # colours a manifest gave (group_color)
LABEL_COLORS = {
    "neutral": "#aab7b8",
    "self-designation": "#7d3c98",
    "laudatory": "#229954",
    "pejorative": "#b03a2e",
}
SMALL_NOTE = (
    f"Fainter bars rest on fewer documents (full colour from {FULL_DOCS}); no interval below "
    f"{MIN_INTERVAL_DOCS} documents."
)
# Opacity by documents: graded, not all-or-nothing
DOC_OPACITY = alt.Opacity(
    "n_docs:Q",
    scale=alt.Scale(domain=[1, FULL_DOCS], range=[0.3, 0.95], clamp=True),
    legend=None,
)
FONT = "Helvetica, Arial, sans-serif"
WIDTH = 480
LABEL_WIDTH = 300
Y_AXIS = alt.Axis(labelLimit=260)
_ROW_HEADER = alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold", labelFontSize=12)


@dataclass(frozen=True)
class Parts:
    """A chart before drawing: `draw(data, title, notes, colors, *shape)` gives the Altair
    chart, and depends on the data only through the rows, `colors` (the categories of its
    colour scale that the view holds, with their colours) and `shape` (hashable)."""

    draw: Callable[..., alt.TopLevelMixin]
    data: pd.DataFrame
    title: str
    notes: tuple[str, ...]
    shape: tuple
    colors: tuple[tuple[str, str], ...] = ()

    def chart(self) -> alt.TopLevelMixin:
        return self.draw(
            shown(self.data),
            self.title,
            _lines(self.notes),
            _scale(_visible_colors(self.colors)),
            *self.shape,
        )


def shown(data: pd.DataFrame) -> pd.DataFrame:
    """The rows as a chart may show them: corpus strings (sources, actors, aliases, titles)
    with control characters made visible, so a right-to-left override or a newline in a
    source name cannot disguise an axis label, legend or tooltip. Vega draws labels as
    text, never as markup."""
    out = visible_frame(data)
    # 64-bit integer columns become floats: Streamlit sends chart data as Arrow, where they
    # arrive as JavaScript BigInts that Vega's sum cannot add (the weekly chart drew no bars
    # and no axis in the app while its PNG, made from JSON, was fine)
    wide = [c for c in out.columns if pd.api.types.is_integer_dtype(out[c].dtype)]
    out = out.astype(dict.fromkeys(wide, "float64")) if wide else out
    # datetimes go as ISO text, which Vega parses; Arrow's microsecond timestamps do not
    # arrive as dates it can place
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c].dtype):
            out[c] = out[c].dt.strftime("%Y-%m-%dT%H:%M:%S").where(out[c].notna(), None)
    return out


def _lines(notes: tuple[str, ...]) -> list[str]:
    return [visible(n) for n in notes]


def _visible_colors(colors: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((visible(c), h) for c, h in colors)


_SLOT = "\x00colors"  # stands for the colour scale's categories in a cached shape


def _scale(colors: tuple[tuple[str, str], ...]) -> alt.Scale:
    return alt.Scale(domain=[c for c, _ in colors], range=[h for _, h in colors])


@functools.lru_cache(maxsize=128)
def _template(
    draw: Callable[..., alt.TopLevelMixin], title: str, shape: tuple, columns: tuple[str, ...]
) -> dict:
    empty = pd.DataFrame({c: [] for c in columns})
    return draw(empty, title, [], _scale(((_SLOT, "#000000"),)), *shape).to_dict()


def _fill_colors(node: object, colors: tuple[tuple[str, str], ...]) -> None:
    if isinstance(node, dict):
        if node.get("domain") == [_SLOT]:
            node["domain"] = [c for c, _ in colors]
            node["range"] = [h for _, h in colors]
        for value in node.values():
            _fill_colors(value, colors)
    elif isinstance(node, list):
        for value in node:
            _fill_colors(value, colors)


def spec(parts: Parts) -> dict:
    """The chart's Vega-Lite spec: the cached spec of its shape with this chart's rows,
    subtitle and colour categories put in (tested equal to drawing it afresh)."""
    out = copy.deepcopy(_template(parts.draw, parts.title, parts.shape, tuple(parts.data.columns)))
    (name,) = out["datasets"]
    out["datasets"][name] = alt.utils.data.to_values(shown(parts.data))["values"]
    if parts.notes:
        out["title"]["subtitle"] = _lines(parts.notes)
    _fill_colors(out, _visible_colors(parts.colors))
    return out


def register_groups(
    groups: list[str] | tuple[str, ...], colors: dict[str, str] | None = None
) -> None:
    """Make the store's source groups known, so each has a colour of its own: the one its
    manifest gave, else the seeds' for partisan / wire / other, else the next of the
    palette."""
    _chosen.update(colors or {})
    for g in sorted(groups):
        if g not in TYPE_COLORS and g not in _extra_groups:
            _extra_groups.append(g)


def group_color(group: str) -> str:
    if group in _chosen:
        return _chosen[group]
    if group in TYPE_COLORS:
        return TYPE_COLORS[group]
    if group not in _extra_groups:
        _extra_groups.append(group)
    return GROUP_PALETTE[_extra_groups.index(group) % len(GROUP_PALETTE)]


def type_colors(types: list[str] | None = None) -> tuple[tuple[str, str], ...]:
    """Source groups and their colours: those given (the ones in view), else all known."""
    return tuple((t, group_color(t)) for t in (types or [*TYPE_COLORS, *_extra_groups]))


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
) -> Parts:
    """Horizontal bars of means with 95% interval whiskers and n labels; small samples faded.
    `independent_x`: each row its own x scale (rows measuring different things)."""
    data = df.copy()
    data["n_label"] = [
        f"n={int(d):,} docs, {int(i):,} {item_label}"
        + (f" · {no_interval_reason(int(d))}" if no_interval_reason(int(d)) else "")
        for d, i in zip(data["n_docs"], data["n_items"], strict=True)
    ]
    data["sample"] = data["small_sample"].map({True: "small sample", False: "ok"})
    types = (
        tuple(sorted(data[color_field].dropna().unique().tolist())) if color_field in data else None
    )
    notes = list(subtitle)
    if bool(data["small_sample"].any()):
        notes.append(SMALL_NOTE)
    values = (
        data[[c for c in ("mean", "low", "high") if c in data]]
        .apply(pd.to_numeric, errors="coerce")
        .abs()
        .max()
        .max()
    )
    if domain is None and not (values > 0):
        domain = (0.0, 1.0)  # all zero: a real axis, not one "0.000000" tick
    # a source whose documents fall in two groups gets two bars side by side, never stacked
    keys = [k for k in (row, category) if k]
    split = bool(
        color_field in data and len(data) and data.groupby(keys)[color_field].nunique().max() > 1
    )
    # one label per row of the chart, naming each group's n when a row holds several
    if len(data):
        labels: dict[tuple, list[str]] = {}
        for key, group, lab in zip(
            data[keys].itertuples(index=False, name=None),
            data[color_field] if color_field in data else [""] * len(data),
            data["n_label"],
            strict=True,
        ):
            labels.setdefault(key, []).append(f"{group}: {lab}" if split else lab)
        data["row_label"] = [
            "|".join(sorted(labels[k]) if split else labels[k])
            for k in data[keys].itertuples(index=False, name=None)
        ]
        data["label_row"] = ~data.duplicated(keys)
    else:
        data["row_label"], data["label_row"] = "", False
    # bars and their label column drawn to one height, so each label sits beside its row
    per_row = int(data.groupby(keys)[color_field].nunique().max()) if split else 1
    height = max(1, data[category].nunique() if len(data) else 1) * (18 * per_row + 10)
    shape = (category, x_title, color_field, row, domain, item_label, independent_x, split, height)
    return Parts(_draw_estimate_bars, data, title, tuple(notes), shape, type_colors(types))


def _draw_estimate_bars(
    data: pd.DataFrame,
    title: str,
    notes: list[str],
    colors: alt.Scale,
    category: str,
    x_title: str,
    color_field: str,
    row: str | None,
    domain: tuple[float, float] | None,
    item_label: str,
    independent_x: bool,
    split: bool = False,
    height: int = 0,
) -> alt.TopLevelMixin:
    x_scale = alt.Scale(domain=list(domain)) if domain else alt.Undefined
    base = alt.Chart(data).encode(y=alt.Y(f"{category}:N", title=None, sort=None, axis=Y_AXIS))
    if split:
        base = base.encode(yOffset=alt.YOffset(f"{color_field}:N", sort=None))
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("mean:Q", title=x_title, scale=x_scale),
        color=alt.Color(f"{color_field}:N", scale=colors, title="Source group"),
        opacity=DOC_OPACITY,
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
    if row:
        # side by side groups: a compact step per group, not a full row each
        chart = alt.layer(bars, whiskers, labels).properties(width=WIDTH)
        if split:
            chart = chart.properties(height={"step": 12, "for": "offset"})
        chart = chart.facet(row=alt.Row(f"{row}:N", title=None, header=_ROW_HEADER))
    else:
        # the n labels in a column of their own: a single layered chart is stretched to the
        # page, which put labels drawn at the plot's right edge across the bars
        side = (
            alt.Chart(data)
            .transform_filter("datum.label_row")
            .mark_text(align="left", fontSize=10, color="#444", lineBreak="|")
            .encode(
                y=alt.Y(f"{category}:N", title=None, sort=None, axis=None),
                x=alt.value(4),
                text="row_label:N",
            )
        )
        chart = alt.hconcat(
            alt.layer(bars, whiskers).properties(width=WIDTH, height=height),
            side.properties(width=LABEL_WIDTH, height=height),
            spacing=0,
        )
    out = titled(chart, title, notes)
    return out.resolve_scale(x="independent") if independent_x else out


def heatmap(df: pd.DataFrame, title: str, subtitle: list[str]) -> Parts:
    """Source × actor tone (mean of document means), with n in each cell; an empty cell
    means no mentions."""
    data = df.copy()
    data["cell"] = [
        f"{m:+.2f}|n={int(i):,}" for m, i in zip(data["mean"], data["n_items"], strict=True)
    ]
    notes = list(subtitle)
    if bool(data["small_sample"].any()):
        notes.append(SMALL_NOTE)
    return Parts(_draw_heatmap, data, title, tuple(notes), ())


def _draw_heatmap(
    data: pd.DataFrame, title: str, notes: list[str], colors: alt.Scale
) -> alt.TopLevelMixin:
    base = alt.Chart(data).encode(
        x=alt.X(
            "actor_name:N",
            title=None,
            axis=alt.Axis(labelAngle=-40, labelLimit=160, labelOverlap=False),
        ),
        y=alt.Y("source:N", title=None, axis=Y_AXIS),
    )
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "mean:Q",
            title="Tone (mean of document means)",
            legend=alt.Legend(titleLimit=400),
            scale=alt.Scale(scheme="redblue", domain=[-0.6, 0.6], clamp=True),
        ),
        opacity=DOC_OPACITY,
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
    # the cell text is made of numbers only; "|" breaks its line (a newline would be shown
    # as an escape, as every control character in chart text is)
    text = base.mark_text(fontSize=10, lineBreak="|").encode(
        text="cell:N",
        color=alt.condition("abs(datum.mean) > 0.35", alt.value("white"), alt.value("#222")),
    )
    return titled(
        alt.layer(rect, text).properties(width=alt.Step(90), height=alt.Step(44)), title, notes
    )


def naming_shares(df: pd.DataFrame, title: str, subtitle: list[str]) -> Parts:
    """Per actor and source: stacked shares of each name used, coloured by connotation."""
    data = df.copy()
    totals = data.groupby(["actor_name", "source"])["n"].transform("sum")
    data["share"] = data["n"] / totals
    data["alias_label"] = [
        a if share >= 0.14 else "" for a, share in zip(data["alias"], data["share"], strict=True)
    ]
    present = set(data["label"])
    colors = tuple((lb, hex_) for lb, hex_ in LABEL_COLORS.items() if lb in present)
    return Parts(_draw_naming_shares, data, title, tuple(subtitle), (), colors)


def _draw_naming_shares(
    data: pd.DataFrame, title: str, notes: list[str], colors: alt.Scale
) -> alt.TopLevelMixin:
    base = alt.Chart(data).encode(
        y=alt.Y("source:N", title=None, axis=Y_AXIS),
        x=alt.X(
            "sum(share):Q", stack="normalize", title="Share of mentions", axis=alt.Axis(format="%")
        ),
        order=alt.Order("label:O"),
    )
    bars = base.mark_bar(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color("label:N", title="Connotation", scale=colors),
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
    return titled(chart, title, notes)


def distribution(
    df: pd.DataFrame, value: str, title: str, subtitle: list[str], x_title: str
) -> Parts:
    """Box plot per source with every document as a dot: the spread, not only the mean."""
    data = df.dropna(subset=[value])
    types = sorted(data["source_type"].unique().tolist())
    shape = (value, x_title)
    return Parts(_draw_distribution, data, title, tuple(subtitle), shape, type_colors(types))


def _draw_distribution(
    data: pd.DataFrame,
    title: str,
    notes: list[str],
    scale: alt.Scale,
    value: str,
    x_title: str,
) -> alt.TopLevelMixin:
    base = alt.Chart(data).encode(y=alt.Y("source:N", title=None, axis=Y_AXIS))
    box = base.mark_boxplot(extent="min-max", size=18, opacity=0.35).encode(
        # from zero: an axis starting at 11 made a small gap look large
        x=alt.X(f"{value}:Q", title=x_title, scale=alt.Scale(zero=True)),
        color=alt.Color("source_type:N", scale=scale, title="Source group"),
    )
    dots = (
        base.mark_circle(size=60, opacity=0.9)
        .encode(
            x=f"{value}:Q",
            color=alt.Color("source_type:N", scale=scale, title="Source group"),
            yOffset=alt.YOffset("jitter:Q"),
            tooltip=["source:N", "title:N", alt.Tooltip(f"{value}:Q", format=".2f"), "n_words:Q"],
        )
        .transform_calculate(jitter="(random() - 0.5) * 14")
    )
    return titled(alt.layer(box, dots).properties(width=520, height=alt.Step(56)), title, notes)


def stacked_counts(
    df: pd.DataFrame, category: str, title: str, subtitle: list[str], colors: dict[str, str]
) -> Parts:
    present = set(df[category])
    shown = tuple((c, hex_) for c, hex_ in colors.items() if c in present)
    return Parts(_draw_stacked_counts, df, title, tuple(subtitle), (category,), shown)


def _draw_stacked_counts(
    data: pd.DataFrame,
    title: str,
    notes: list[str],
    colors: alt.Scale,
    category: str,
) -> alt.TopLevelMixin:
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None, axis=Y_AXIS),
            x=alt.X(
                "sum(n):Q",
                stack="normalize",
                title="Share of attributions",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(f"{category}:N", scale=colors, title=None),
            tooltip=["source:N", f"{category}:N", alt.Tooltip("sum(n):Q", title="attributions")],
        )
        .properties(width=520, height=alt.Step(34))
    )
    return titled(chart, title, notes)


def weekly(df: pd.DataFrame, title: str, subtitle: list[str]) -> Parts:
    types = sorted(df["source_type"].unique().tolist())
    return Parts(_draw_weekly, df, title, tuple(subtitle), (), type_colors(types))


def _draw_weekly(
    data: pd.DataFrame, title: str, notes: list[str], colors: alt.Scale
) -> alt.TopLevelMixin:
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title="Week"),
            y=alt.Y("sum(n):Q", title="Documents", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("source_type:N", scale=colors, title="Source group"),
            tooltip=["source:N", alt.Tooltip("week:T"), "n:Q"],
        )
        .properties(width=620, height=320)
    )
    return titled(chart, title, notes)


def count_bars(
    df: pd.DataFrame, category: str, value: str, title: str, subtitle: list[str], x_title: str
) -> Parts:
    """Counts per source, one bar per source inside each `category` row, coloured by source
    type, with the count printed at the bar's end."""
    types = tuple(sorted(df["source_type"].dropna().unique().tolist()))
    return Parts(
        _draw_count_bars, df, title, tuple(subtitle), (category, value, x_title), type_colors(types)
    )


def _draw_count_bars(
    data: pd.DataFrame,
    title: str,
    notes: list[str],
    colors: alt.Scale,
    category: str,
    value: str,
    x_title: str,
) -> alt.TopLevelMixin:
    base = alt.Chart(data).encode(
        y=alt.Y("source:N", title=None, sort=None, axis=Y_AXIS),
        x=alt.X(f"{value}:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=["source:N", "source_type:N", f"{category}:N", alt.Tooltip(f"{value}:Q")],
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        color=alt.Color("source_type:N", scale=colors, title="Source group")
    )
    text = base.mark_text(align="left", dx=3, fontSize=10, color="#444").encode(text=f"{value}:Q")
    chart = alt.layer(bars, text).properties(width=WIDTH)
    chart = chart.facet(row=alt.Row(f"{category}:N", title=None, header=_ROW_HEADER))
    return titled(chart, title, notes)
