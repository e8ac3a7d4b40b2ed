"""Charts as PNG and SVG with a provenance footer, rendered offline by vl-convert.

The footer travels with the picture: filters, n, corpus, date and app version, so a chart
pasted into a briefing still says where it came from.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
import vl_convert as vlc

from dashboard import charts
from sourcebias import __version__
from sourcebias.untrusted import csv_bytes, visible


def provenance_lines(view: str, n_docs: int, corpus: str, notes: Sequence[str] = ()) -> list[str]:
    """The footer of an exported chart; `notes` are further lines (the tone model in use,
    its validation on this corpus)."""
    today = dt.date.today().isoformat()
    return [
        f"View: {visible(view)}",
        f"n = {n_docs:,} documents · corpus: {corpus} · generated {today} · "
        f"sourcebias {__version__}",
        *(visible(n) for n in notes),
    ]


def chart_spec(builder: Callable[..., charts.Parts], *args: Any, **kwargs: Any) -> dict:
    """The Vega-Lite spec of a dashboard.charts builder's chart (see charts.spec: the shape
    is built once, each view only adds its rows)."""
    return charts.spec(builder(*args, **kwargs))


def with_footer(chart: alt.TopLevelMixin | dict, lines: list[str]) -> dict:
    """The chart's Vega-Lite spec with the provenance lines as a footer below it."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict()
    footer = {
        "data": {"values": [{"line": line, "i": i} for i, line in enumerate(lines)]},
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "top",
            "fontSize": 10,
            "color": "#555",
        },
        "encoding": {
            "text": {"field": "line", "type": "nominal"},
            "y": {"field": "i", "type": "ordinal", "axis": None},
            "x": {"value": 0},
        },
        "height": 14 * len(lines),
        "width": 10,
    }
    top_level = {k: spec.pop(k) for k in ("$schema", "config", "datasets") if k in spec}
    return {**top_level, "vconcat": [spec, footer], "spacing": 12, "padding": 12,
            "background": "white"}  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def render(spec_json: str, fmt: str) -> bytes:
    spec = json.loads(spec_json)
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    return vlc.vegalite_to_svg(spec).encode("utf-8")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def show_chart(
    chart: alt.TopLevelMixin | dict,
    name: str,
    footer: list[str],
    *,
    briefing: bool,
    key: str,
    table: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
) -> None:
    """Draw a chart; outside briefing view, offer PNG, SVG (with footer) and its data as CSV
    (`table` may be a function, so a large table is fetched only when the CSV is asked for)."""
    if isinstance(chart, dict):
        st.vega_lite_chart(chart, key=f"{key}.chart")
    else:
        st.altair_chart(chart, key=f"{key}.chart")
    if briefing:
        return
    c1, c2, c3, _ = st.columns([1, 1, 1, 4])
    for col, fmt, mime, icon in (
        (c1, "png", "image/png", ":material/image:"),
        (c2, "svg", "image/svg+xml", ":material/draw:"),
    ):
        col.download_button(
            fmt.upper(),
            # built only when clicked: the footer spec costs a full Altair validation per chart
            lambda fmt=fmt: render(json.dumps(with_footer(chart, footer)), fmt),
            f"{slug(name)}.{fmt}",
            mime,
            key=f"{key}.{fmt}",
            icon=icon,
            on_click="ignore",
        )
    if table is not None:
        download_csv(c3, table, name, key)


def download_csv(
    where: Any,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    key: str,
    label: str = "CSV",
) -> None:
    """The one way the app offers a CSV: cells a spreadsheet would run as formulas are
    neutralised (see sourcebias.untrusted.csv_bytes). Streamlit's own table download is
    switched off in .streamlit/config.toml, so no CSV leaves the app another way."""
    where.download_button(
        label,
        lambda: csv_bytes(table() if callable(table) else table),
        f"{slug(name)}.csv",
        "text/csv",
        key=f"{key}.csv",
        icon=":material/table:",
        on_click="ignore",
    )
