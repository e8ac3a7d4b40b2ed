"""A full labelling round on the seeds through the Validate page (AppTest): label, undo,
relabel, a second labeller, the figures against a hand computation, corrections in
Evidence, labels exchanged as a file, and adapting the model then going back."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from compute import training
from corpus.newsmtsc import read_newsmtsc
from corpus.tone_set import read_tone_set
from dashboard import data
from store import Store
from tests.conftest import REPO

APP = str(REPO / "app.py")
PAGE = "pages/validate.py"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SOURCEBIAS_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def store_of(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception, at.exception


def alpha_nominal(pairs: list[tuple[str, str]]) -> float:
    """Krippendorff's alpha for two coders, nominal, no missing values, by hand."""
    o: Counter[tuple[str, str]] = Counter()
    for a, b in pairs:
        o[(a, b)] += 1
        o[(b, a)] += 1
    n = 2 * len(pairs)
    n_c: Counter[str] = Counter()
    for (c, _), v in o.items():
        n_c[c] += v
    d_o = sum(v for (c, k), v in o.items() if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n * (n - 1))
    return 1 - d_o / d_e


def test_a_labelling_round_on_the_seeds(app: AppTest, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    assert any("Enter your name" in i.value for i in app.info)
    app.text_input(key="validate.who").set_value("ana").run()
    # blind: no model reading is on the page before the first label
    assert not any("the model said" in m.value for m in app.markdown)

    for value in ("negative", "neutral", "positive", "wrong actor", "negative", "neutral"):
        click(app, f"validate.tone.{value}")
    labels = store.labels()
    assert [x.label for x in labels] == [
        "negative",
        "neutral",
        "positive",
        "wrong actor",
        "negative",
        "neutral",
    ]
    assert {x.labeller for x in labels} == {"ana"} and len({x.item for x in labels}) == 6
    assert all(x.model_version == "shipped" and x.text_hash for x in labels)
    # after a label, the model's reading of it is shown
    assert any("the model said" in m.value for m in app.markdown)

    click(app, "validate.undo")
    labels = store.labels()
    assert len(labels) == 5
    assert any("5 of 50 labelled by you" in p.proto.text for p in app.get("progress"))

    # relabel the first item: history kept, the latest counts
    app.toggle(key="validate.relabel").set_value(True).run()
    first = labels[0].item
    app.selectbox(key="validate.pick").set_value(first).run()
    click(app, "validate.tone.positive")
    app.toggle(key="validate.relabel").set_value(False).run()
    labels = store.labels()
    assert [x.label for x in labels if x.item == first] == ["negative", "positive"]

    # a second analyst gets the same sample, blind to the first one's labels
    app.text_input(key="validate.who").set_value("ben").run()
    assert any("0 of 50 labelled by you" in p.proto.text for p in app.get("progress"))
    for value in ("positive", "neutral", "negative"):
        click(app, f"validate.tone.{value}")
    labels = store.labels()
    ben = {x.item: x.label for x in labels if x.labeller == "ben"}
    ana = {}
    for x in labels:
        if x.labeller == "ana":
            ana[x.item] = x.label
    assert set(ben) <= set(ana)  # same sample, same order

    # the figures, by hand: each item's latest label against the model's reading
    latest = {}
    for x in sorted(labels, key=lambda x: x.labelled_at):
        latest[x.item] = x
    groups = dict(store.documents(("id", "source_type")).itertuples(index=False, name=None))
    hand: dict[str, list[int]] = {}
    for x in latest.values():
        if x.label != "wrong actor":
            g = hand.setdefault(groups[x.item.split(":")[0]], [0, 0])
            g[0] += x.label == x.model_label
            g[1] += 1
    table = app.dataframe[0].value
    shown = {r["group"]: (r["labelled (n)"], r["accuracy"]) for _, r in table.iterrows()}
    assert shown == {
        g: (n, pytest.approx(hits / n)) for g, (hits, n) in hand.items()
    }  # fmt: skip
    pairs = [(ana[k], ben[k]) for k in sorted(ben)]
    alpha = alpha_nominal(pairs)
    assert any(
        f"both labelled **{len(pairs)}** items" in m.value and f"**{alpha:.2f}**" in m.value
        for m in app.markdown
    ), [m.value for m in app.markdown]
    n_scored = sum(n for _, n in hand.values())
    hits = sum(h for h, _ in hand.values())
    assert f"tone validated on {n_scored} mentions: {hits / n_scored:.2f} accuracy" in (
        app.caption[0].value.replace("\\", "")
    )

    # the correction reaches Evidence, marked, with the model's own reading beside it
    corrected = latest[first]
    actor = corrected.item.split(":")[3]
    app.switch_page("pages/evidence.py").run()
    app.selectbox(key="evidence.actor").set_value(actor).run()
    assert any("analyst's label, by ben" in c.value or "analyst's label, by ana" in c.value
               for c in app.caption), [c.value for c in app.caption]  # fmt: skip


def test_labels_round_trip_as_a_file_and_adapting_switches_and_back(
    app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = (
        training.Data(read_newsmtsc(training.NEWSMTSC_TRAIN)[:600]),
        training.Data(read_tone_set(training.TONE_SET).examples["written"][:100]),
    )
    monkeypatch.setattr(training, "base_data", lambda: small)
    store = store_of(tmp_path)
    app.text_input(key="validate.who").set_value("ana").run()
    assert app.button(key="validate.adapt").disabled
    # a teammate's 40 labels arrive as a file (JSONL); the export reads back the same
    ctx = SimpleNamespace(path=str(store.data_dir))
    sample = data.validation_sample(
        SimpleNamespace(path=ctx.path, options={"analysis_key": store.get_meta("analysis_key"),
                                                "n_documents": 5},
                        fkey=(), ), "tone", 40, 0,
    )  # fmt: skip
    rows = [
        {"kind": "tone", "item": item, "label": "neutral", "labeller": "cy",
         "labelled_at": f"2026-12-02T10:{i:02d}:00", "model_version": "shipped",
         "model_label": "negative", "text_hash": "h"}
        for i, item in enumerate(sample)
    ]  # fmt: skip
    content = "".join(json.dumps(r) + "\n" for r in rows).encode()
    reading = data.import_labels(ctx, "../../team.jsonl", content)
    assert len(reading.labels) == 40 and not reading.rejected
    assert not list(tmp_path.glob("team.jsonl"))  # the uploaded name chose no path
    exported = data.export_labels(ctx, "jsonl")
    assert [json.loads(line) for line in exported.decode().splitlines()] == rows

    app.run()
    assert not app.button(key="validate.adapt").disabled
    click(app, "validate.adapt")
    message = next(
        m for m in (i.value.replace("\\", "") for i in app.info) if "held-out macro-F1" in m
    )
    assert message.startswith("switched to tone-"), message
    adapted = message.split(":")[0].removeprefix("switched to ")
    assert training.model_in_use(store).name == adapted
    assert adapted in app.radio(key="validate.model").options[1]
    # every tone chart names the model that produced it
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    chart = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert f"Tone model: {adapted}" in json.dumps(chart)

    app.switch_page(PAGE).run()
    app.radio(key="validate.model").set_value("shipped").run()
    labels = [b.label for b in app.button]
    app.button[labels.index("Use this model (recomputes the metrics)")].click().run()
    assert not app.exception
    assert training.model_in_use(store).name == "shipped"


def test_attributions_are_labelled_with_a_missed_mark(app: AppTest, tmp_path: Path) -> None:
    store = store_of(tmp_path)
    app.text_input(key="validate.who").set_value("ana").run()
    app.get("button_group")[0].set_value("Attributions").run()
    assert not app.exception, app.exception
    assert any("attributions from the current view" in c.value for c in app.caption)
    click(app, "validate.attribution.correct")
    click(app, "validate.missed")
    click(app, "validate.attribution.wrong speaker")
    labels = store.labels()
    assert [(x.kind, x.label) for x in labels] == [
        ("attribution", "correct"),
        ("attribution", "missed attribution"),
        ("attribution", "wrong speaker"),
    ]
    # the missed mark names the passage shown, not an attribution the model found
    assert labels[1].item.count(":") == 2 and labels[1].model_label == "none found"
    assert labels[0].item != labels[2].item
    app.run()
    table = app.dataframe[-1].value
    assert table["labelled (n)"].sum() == 2 and table["correct"].sum() == 1
    assert table["missed marked"].sum() == 1
