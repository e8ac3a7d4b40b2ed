"""A chart's spec from its cached shape equals the spec of drawing it afresh."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import charts


def _estimates(types: list[str], small: list[bool]) -> pd.DataFrame:
    n = len(types)
    return pd.DataFrame(
        {"source_type": types, "actor_name": [f"Actor {i % 3}" for i in range(n)],
         "metric_name": ["Reading grade"] * n, "mean": [0.1 * i - 0.2 for i in range(n)],
         "low": [0.1 * i - 0.3 for i in range(n)], "high": [0.1 * i - 0.1 for i in range(n)],
         "n_docs": [3 + i for i in range(n)], "n_items": [40 + i for i in range(n)],
         "small_sample": small}
    )  # fmt: skip


NAMING = pd.DataFrame(
    {"actor_name": ["Taliban"] * 3 + ["US"], "source": ["IEA", "IEA", "Wire", "Wire"],
     "alias": ["Islamic Emirate", "Taliban", "Taliban", "Washington"],
     "label": ["self-designation", "neutral", "neutral", "neutral"], "n": [30, 2, 12, 5]}
)  # fmt: skip
HEAT = _estimates(["partisan", "wire"], [True, False]).assign(source=["IEA", "Wire"])
DOTS = pd.DataFrame(
    {"id": ["a", "b", "c"], "source": ["IEA", "Wire", "Wire"],
     "source_type": ["partisan", "wire", "wire"], "title": ["<b>x</b>", None, "z"],
     "n_words": [300, 500, 700], "value": [9.5, 11.0, float("nan")]}
)  # fmt: skip
COUNTS = pd.DataFrame(
    {"source": ["IEA", "Wire", "Wire"], "kind": ["direct", "direct", "indirect"], "n": [3, 5, 8]}
)
WEEKS = pd.DataFrame(
    {"source": ["IEA", "Wire"], "source_type": ["partisan", "wire"],
     "week": pd.to_datetime([dt.date(2021, 8, 2), dt.date(2021, 8, 9)]), "n": [4, 6]}
)  # fmt: skip

CASES = [
    ("bars-small", lambda: charts.estimate_bars(
        _estimates(["partisan", "wire"], [True, False]), "source_type", "Tone", ["all"], "x")),
    ("bars-rows", lambda: charts.estimate_bars(
        _estimates(["partisan", "wire", "other", "wire"], [False] * 4), "source_type", "Tone",
        ["sources: all", "n = 9"], "score", row="actor_name", domain=(-1, 1))),
    ("bars-independent", lambda: charts.estimate_bars(
        _estimates(["wire"], [False]), "source_type", "Style", [], "x", row="metric_name",
        item_label="docs", independent_x=True)),
    ("heatmap", lambda: charts.heatmap(HEAT, "Heat", ["n = 2"])),
    ("naming", lambda: charts.naming_shares(NAMING, "Names", ["actors: all"])),
    ("dots", lambda: charts.distribution(DOTS, "value", "Grade", ["n = 2"], "grade")),
    ("counts", lambda: charts.stacked_counts(
        COUNTS, "kind", "Kinds", ["n = 3"], {"direct": "#111111", "indirect": "#222222",
                                             "according-to": "#333333"})),
    ("weekly", lambda: charts.weekly(WEEKS, "Weekly", ["n = 10"])),
]  # fmt: skip


def _named_data(spec: dict) -> tuple[dict, list]:
    """The spec with its one dataset renamed to a fixed name, and that dataset's rows."""
    (name,) = spec["datasets"]
    rows = spec["datasets"][name]
    text = repr({k: v for k, v in spec.items() if k != "datasets"}).replace(name, "DATA")
    return text, rows


@pytest.mark.parametrize("build", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_spec_from_the_cached_shape_equals_drawing_afresh(build) -> None:
    charts._template.cache_clear()
    for _ in range(2):  # the second time comes from the cached shape
        parts = build()
        fresh = parts.chart().to_dict()
        assert _named_data(charts.spec(parts)) == _named_data(fresh)


def test_a_new_view_keeps_the_shape_but_not_the_rows() -> None:
    first = charts.spec(charts.heatmap(HEAT, "Heat", ["sources: all"]))
    narrowed = HEAT.iloc[:1]
    second = charts.spec(charts.heatmap(narrowed, "Heat", ["sources: IEA"]))
    assert len(next(iter(second["datasets"].values()))) == 1
    assert second["title"]["subtitle"][0] == "sources: IEA"
    assert len(next(iter(first["datasets"].values()))) == 2


def _color_domains(spec: dict) -> list[list[str]]:
    """Every color scale domain in the spec, wherever the layers put it."""
    found: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            scale = (
                node.get("color", {}).get("scale") if isinstance(node.get("color"), dict) else None
            )
            if isinstance(scale, dict) and "domain" in scale:
                found.append(scale["domain"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


@pytest.mark.parametrize(
    "build, domain",
    [
        (CASES[1][1], ["other", "partisan", "wire"]),
        (CASES[2][1], ["wire"]),
        (CASES[5][1], ["partisan", "wire"]),
        (CASES[4][1], ["neutral", "self-designation"]),
        (CASES[6][1], ["direct", "indirect"]),
        (CASES[7][1], ["partisan", "wire"]),
    ],
    ids=["bars", "bars-one-type", "dots", "naming", "counts", "weekly"],
)
def test_colour_legends_list_only_what_the_view_holds(build, domain: list[str]) -> None:
    assert set(map(tuple, _color_domains(charts.spec(build())))) == {tuple(domain)}


def _layers(spec: dict) -> list[dict]:
    inner = spec.get("spec", spec)
    if "hconcat" in inner:  # bars, then the n labels' column
        inner = inner["hconcat"][0]
    return inner.get("layer", [inner])


def test_a_source_in_two_groups_gets_two_bars_side_by_side() -> None:
    """An outlet running its own copy and wire copy: one bar per group, offset within the
    source's row, not stacked into one (which once read 39 per 1,000 words for a true 19)."""
    df = pd.DataFrame(
        {"source": ["Outlet", "Outlet", "Wire"], "source_type": ["partisan", "wire", "wire"],
         "mean": [19.0, 21.0, 12.0], "low": [15.0, 18.0, 10.0], "high": [23.0, 24.0, 14.0],
         "n_docs": [6, 8, 9], "n_items": [60, 80, 90], "small_sample": [False] * 3}
    )  # fmt: skip
    spec = charts.estimate_bars(df, "source", "Density", [], "per 1,000").chart().to_dict()
    bars = _layers(spec)[0]
    assert bars["encoding"]["yOffset"]["field"] == "source_type"
    assert "stack" not in bars["encoding"]["x"] or bars["encoding"]["x"]["stack"] is None
    single = charts.estimate_bars(df.iloc[2:], "source", "D", [], "x").chart().to_dict()
    assert "yOffset" not in _layers(single)[0]["encoding"]
    labels = spec["hconcat"][1]  # the n labels sit in their own column, never on the bars
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "row_label"
    parts = charts.estimate_bars(df, "source", "Density", [], "per 1,000")
    outlet = parts.data.loc[parts.data["source"] == "Outlet", "row_label"].iloc[0]
    assert outlet == "partisan: n=6 docs, 60 mentions|wire: n=8 docs, 80 mentions"


def test_a_group_of_two_documents_says_it_has_no_interval() -> None:
    df = _estimates(["partisan", "wire"], [True, True]).assign(n_docs=[2, 7])
    parts = charts.estimate_bars(df, "source_type", "Tone", [], "x")
    labels = dict(zip(parts.data["source_type"], parts.data["n_label"], strict=True))
    assert labels["partisan"].endswith("no interval: fewer than 3 documents")
    assert "no interval" not in labels["wire"]
    opacity = _layers(parts.chart().to_dict())[0]["encoding"]["opacity"]
    assert opacity["field"] == "n_docs" and opacity["scale"]["range"] == [0.3, 0.95]


def test_a_metric_zero_everywhere_keeps_a_real_axis() -> None:
    df = _estimates(["partisan", "wire"], [False, False]).assign(mean=0.0, low=0.0, high=0.0)
    bars = _layers(charts.estimate_bars(df, "source_type", "T", [], "x").chart().to_dict())[0]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0.0, 1.0]


def test_chart_rows_reach_the_browser_as_plain_numbers_and_dates() -> None:
    """Streamlit sends chart rows as Arrow: 64-bit integers arrive as BigInts Vega cannot
    sum and microsecond timestamps as numbers it cannot place, so the weekly chart drew
    nothing in the app. The rows a chart shows carry floats and ISO dates instead."""
    rows = charts.shown(WEEKS)
    assert rows["n"].dtype == "float64"
    assert list(rows["week"]) == ["2021-08-02T00:00:00", "2021-08-09T00:00:00"]


def test_rows_of_sources_in_two_groups_draw_compactly() -> None:
    """Per-actor rows of sources where one source has two groups (the Actors page): the
    chart builds, each group gets a compact offset step rather than a full row."""
    df = pd.DataFrame(
        {"actor_name": ["Taliban"] * 3, "source": ["Outlet", "Outlet", "Wire"],
         "source_type": ["partisan", "wire", "wire"], "mean": [0.2, -0.1, 0.0],
         "low": [0.1, -0.2, -0.1], "high": [0.3, 0.0, 0.1], "n_docs": [6, 8, 9],
         "n_items": [60, 80, 90], "small_sample": [False] * 3}
    )  # fmt: skip
    parts = charts.estimate_bars(df, "source", "Tone", [], "x", row="actor_name")
    spec = charts.spec(parts)
    assert spec["spec"]["height"] == {"step": 12, "for": "offset"}


def test_groups_keep_their_colours() -> None:
    """A manifest's colour wins; the seeds' groups keep theirs; any other group takes a
    palette colour of its own, the same whatever the view shows."""
    charts.register_groups(["zz-left", "zz-right"], {"zz-left": "#123456"})
    colors = dict(charts.type_colors(["zz-left", "zz-right", "wire"]))
    assert colors["zz-left"] == "#123456" and colors["wire"] == charts.TYPE_COLORS["wire"]
    assert colors["zz-right"] in charts.GROUP_PALETTE
    assert dict(charts.type_colors(["zz-right"]))["zz-right"] == colors["zz-right"]
