"""AppTest walks every page that app.py registers, so a new page cannot ship untested."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline.run import ingest_and_compute
from tests.conftest import REPO

APP = str(REPO / "app.py")


def registered_pages() -> list[str]:
    """The page paths app.py passes to st.Page, read from its source."""
    tree = ast.parse((REPO / "app.py").read_text())
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SOURCEBIAS_DATA", str(tmp_path / "data"))
    return AppTest.from_file(APP, default_timeout=60)


def test_pages_exist() -> None:
    pages = registered_pages()
    assert pages
    for page in pages:
        assert (REPO / page).is_file(), page


@pytest.mark.parametrize("page", registered_pages())
def test_every_page_renders_on_the_seeds(app: AppTest, page: str) -> None:
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception


def chart_rows(app: AppTest, index: int = 0) -> list[dict]:
    """The data rows behind the index-th Vega-Lite chart on the page."""
    import pyarrow as pa

    chart = app.get("vega_lite_chart")[index]
    rows: list[dict] = []
    for dataset in chart.proto.datasets:
        rows.extend(pa.ipc.open_stream(dataset.data.data).read_all().to_pylist())
    return rows


def test_source_type_filter_changes_the_chart_data(app: AppTest) -> None:
    app.run()
    types = {r["source_type"] for r in chart_rows(app) if "source_type" in r}
    assert types == {"partisan", "wire"}
    app.multiselect(key="filters.source_types").set_value(["wire"]).run()
    assert not app.exception
    types = {r["source_type"] for r in chart_rows(app) if "source_type" in r}
    assert types == {"wire"}
    assert app.query_params["type"] in ("wire", ["wire"])


def test_deep_link_restores_the_filters(app: AppTest) -> None:
    app.query_params["type"] = ["partisan"]
    app.query_params["actor"] = ["taliban", "afghan_government"]
    app.query_params["undated"] = "0"
    app.switch_page("pages/actors.py").run()
    assert not app.exception
    assert app.multiselect(key="filters.source_types").value == ["partisan"]
    assert app.multiselect(key="filters.actors").value == ["taliban", "afghan_government"]
    assert app.checkbox(key="filters.include_undated").value is False
    actors = {r.get("actor") for r in chart_rows(app) if r.get("actor")}
    assert actors == {"taliban", "afghan_government"}


def test_reset_clears_the_filters(app: AppTest) -> None:
    app.query_params["type"] = ["wire"]
    app.run()
    app.button(key="filters.reset").click().run()
    assert app.multiselect(key="filters.source_types").value == []
    assert "type" not in app.query_params


def test_empty_view_explains_itself(app: AppTest) -> None:
    app.query_params["from"] = "2030-01-01"
    app.query_params["undated"] = "0"
    for page in registered_pages():
        app.switch_page(page).run()
        assert not app.exception, page


def test_briefing_view_hides_download_buttons(app: AppTest) -> None:
    app.run()
    assert app.get("download_button")
    app.query_params["briefing"] = "1"
    for page in registered_pages():  # a briefing screenshot shows no controls anywhere
        fresh = AppTest.from_file(APP, default_timeout=60)
        fresh.query_params["briefing"] = "1"
        fresh.switch_page(page).run()
        assert not fresh.exception, page
        assert not fresh.get("download_button"), page


HOSTILE = (
    "Headline <b>bold</b>\n\nThe Taliban said <script>window.pwned=1</script> that "
    '<img src=x onerror="window.pwned=2"> the regime fell. [link](javascript:alert(1))\n'
)


@pytest.mark.parametrize("page", ["pages/evidence.py", "pages/documents.py"])
def test_corpus_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    from corpus.actors_config import load_actors
    from store import Store

    data = tmp_path / "hostile"
    monkeypatch.setenv("SOURCEBIAS_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    ingest_and_compute(
        [],
        Store(data),
        load_actors(),
        uploads=[("evil.txt", HOSTILE.encode())],
        upload_fields={"source": "Evil", "source_type": "partisan"},
    )
    if page.endswith("evidence.py"):
        at.query_params["ev_actor"] = "taliban"
        at.query_params["ev_source"] = ["Evil"]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["source"] = ["Evil"]
    if page.endswith("evidence.py"):
        at.query_params["ev_actor"] = "taliban"
        at.query_params["ev_source"] = ["Evil"]
        at.query_params["ev_kind"] = "actor speaks"  # "The Taliban said <script>…"
    at.switch_page(page).run()
    assert not at.exception
    html_blocks = [m.value for m in at.markdown if "sb-text" in m.value]
    assert html_blocks, "no highlighted text rendered"
    joined = "\n".join(html_blocks)
    assert "&lt;script&gt;" in joined and "<script>" not in joined
    assert "<img" not in joined and "&lt;img" in joined
    assert "<b>" not in joined


def test_documents_page_search_narrows_the_list(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/documents.py").run()
    picker = app.selectbox(key="documents.id")
    assert len(picker.options) == 5
    app.text_input(key="documents.search").input("wire REPRINTS").run()
    assert not app.exception
    narrowed = app.selectbox(key="documents.id").options
    assert len(narrowed) == 2
    app.text_input(key="documents.search").input("no document says this").run()
    assert any("No documents matching this search" in i.value for i in app.info)


def test_readability_page_counts_every_document(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/readability.py").run()
    assert not app.exception
    assert len(chart_rows(app)) == 5
    assert any("n = 5 documents" in str(c.proto) for c in app.get("vega_lite_chart"))


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store holding tests.hostile's corpus (the app adds the seeds beside it)."""
    from corpus.actors_config import load_actors
    from store import Store
    from tests import hostile

    folder = tmp_path_factory.mktemp("hostile")
    corpus, actors = hostile.build(folder)
    ingest_and_compute([corpus], Store(folder / "data"), load_actors(actors))
    return folder / "data", actors


_UNESCAPED = re.compile(r"(?<!\\)(?:!\[|\]\(|<b id|<script|\$)")


def shown_strings(at: AppTest) -> list[tuple[str, str]]:
    """Every string a page hands Streamlit to show: Markdown bodies, widget labels and
    options, metric labels, table cells."""
    found: list[tuple[str, str]] = []
    for kind in ("markdown", "caption", "title", "subheader", "header", "info", "warning",
                 "error", "success", "exception"):  # fmt: skip
        found += [(kind, str(e.value)) for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in at.get(kind):
            found += [(f"{kind} option", str(o)) for o in widget.options]
    for frame in at.dataframe:
        found += [("table cell", str(v)) for v in frame.value.astype(str).to_numpy().ravel()]
    return found


@pytest.mark.parametrize("page", registered_pages())
def test_hostile_corpus_strings_are_never_markup(
    hostile_store: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """Sources, titles, authors, URLs, file names, actor names and texts full of Markdown,
    LaTeX, HTML, \\r and U+202E reach every page only as literal text: escaped wherever
    Streamlit would read Markdown, with controls shown as escapes everywhere."""
    from tests import hostile

    data, actors = hostile_store
    monkeypatch.setenv("SOURCEBIAS_DATA", str(data))
    monkeypatch.setenv("SOURCEBIAS_ACTORS", str(actors))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["source"] = [hostile.SOURCE_A, hostile.SOURCE_B.replace("\r", "")]
    at.query_params["ev_actor"] = "zorblax"
    at.query_params["ev_source"] = [hostile.SOURCE_A]
    at.switch_page(page).run()
    assert not at.exception, at.exception
    strings = shown_strings(at)
    assert any("Zorblax" in s or "Evil" in s for _, s in strings), "no hostile string shown"
    for kind, text in strings:
        assert "\u202e" not in text, (kind, text)
        if kind in ("table cell", "selectbox option", "multiselect option"):
            continue  # shown as plain text: Streamlit reads no Markdown there
        if "sb-text" in text:  # the highlighted document: HTML-escaped, checked below
            assert "<script" not in text and "<b id" not in text and "<img" not in text
            continue
        assert TRAP_RAW not in text, (kind, text)
        if any(marker in text for marker in ("Zorblax", "Evil", "HEADING", "HYPERLINK")):
            assert not _UNESCAPED.search(text), (kind, text)


TRAP_RAW = "http://127.0.0.1:9"


HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT OR REPLACE INTO meta VALUES ('writer', 'busy')")
con.execute("CHECKPOINT")
print("holding", flush=True)
time.sleep(60)
"""


def test_busy_store_keeps_the_last_good_view(
    app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While another process holds the store (a long ingest), a rerun shows the view as last
    read, with a note, instead of "could not be opened"."""
    import subprocess
    import sys

    import store.connection as store_module
    from store.store import DB_NAME

    app.run()
    before = chart_rows(app)
    monkeypatch.setattr(store_module, "READ_WAIT_S", 0.5)
    store_module.READERS.close_all()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "data" / DB_NAME)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        app.run()
        assert not app.exception, app.exception
        assert not app.error, [e.value for e in app.error]
        assert any("Another process is writing" in i.value for i in app.info)
        assert chart_rows(app) == before
    finally:
        holder.kill()
        holder.wait()


def test_actors_page_shows_who_speaks_stance_and_the_alias_audit(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/actors.py").run()
    assert not app.exception
    titles = [c.proto.spec for c in app.get("vega_lite_chart")]
    assert any("How often each actor speaks" in t for t in titles)
    assert any("Stance between actors" in t for t in titles)
    captions = " ".join(c.value for c in app.caption)
    assert "is quoted" in captions and "mentions" in captions
    audit = next(df.value for df in app.dataframe if "worth an exclude?" in df.value.columns)
    regime = audit[audit["alias"] == "regime"].iloc[0]
    assert regime["by context"] > 0 and regime["matches"] >= regime["credited"]
    left_out = [m.value for m in app.markdown if "mention-out" in m.value]
    assert left_out, "left-out matches are shown greyed with their reason"


def test_evidence_lists_left_out_matches_with_their_reason(app: AppTest) -> None:
    app.query_params["ev_actor"] = "afghan_government"
    app.query_params["ev_kind"] = "left out"
    app.run()
    app.switch_page("pages/evidence.py").run()
    assert not app.exception
    notes = [c.value for c in app.caption if "left out:" in c.value]
    assert notes and all("not counted" in n for n in notes)
    assert any("indefinite" in n for n in notes)


def test_documents_page_lists_each_mention_with_its_role_and_resolution(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/documents.py").run()
    assert not app.exception
    listing = next(df.value for df in app.dataframe if "resolution" in df.value.columns)
    assert {"role", "why", "in the words of"} <= set(listing.columns)
    assert set(listing["resolution"]) <= {
        "named", "resolved by context", "resolved by the document's usage",
        "left out: another entity", "left out: ambiguous",
    }  # fmt: skip


def test_methodology_states_the_measured_resolution_accuracy(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/methodology.py").run()
    text = " ".join(m.value for m in app.markdown)
    assert "resolution precision" in text and "US politics, held out" in text
    assert "Two annotators on an overlap: actor α" in text


def test_evidence_shows_the_same_tone_figure_as_the_actors_heatmap(app: AppTest) -> None:
    """One aggregate everywhere: the heatmap's cell for a source and actor is the figure
    Evidence prints above that source's sentences."""
    app.run()
    app.switch_page("pages/actors.py").run()
    cells = [r for r in chart_rows(app) if r.get("actor") == "taliban" and "mean" in r]
    assert cells
    app.query_params["ev_actor"] = "taliban"
    app.query_params["ev_source"] = [c["source"] for c in cells]
    app.switch_page("pages/evidence.py").run()
    assert not app.exception
    shown = [m.value for m in app.markdown if m.value.startswith("**Tone ")]
    assert len(shown) == len(cells)
    for cell in cells:
        assert any(f"**Tone {cell['mean']:+.2f}**" in s for s in shown), (cell, shown)
    captions = " ".join(c.value for c in app.caption)
    assert "mean over documents of each document's mean mention score" in captions


def test_methodology_states_the_tone_model_its_rules_and_its_domain_accuracy(
    app: AppTest,
) -> None:
    app.run()
    app.switch_page("pages/methodology.py").run()
    text = " ".join(m.value for m in app.markdown)
    for expected in (
        "macro-F1 on Afghanistan",
        "sparse + embeddings",
        "agent against something bad",
        "low confidence",
        "mean over documents of each document's mean mention score",
        "Krippendorff",
    ):
        assert expected in text, expected


def test_overview_and_upload_form_follow_the_users_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A third group ("mainstream") and a source whose documents fall in two groups: the
    Overview counts every group in its headline and charts each, the reading never headlines
    a group too small to lean on, and the upload form offers the corpus's own groups."""
    import shutil

    from corpus.actors_config import load_actors
    from store import Store
    from tests.conftest import SEEDS

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    manifest = corpus / "manifest.csv"
    manifest.write_text(
        manifest.read_text()
        .replace("002_f693f06d20493349.txt,Islamic Emirate (English),partisan",
                 "002_f693f06d20493349.txt,Kabul Daily,Mainstream")
        .replace("004_a88fc17575bc3f3e.txt,Wire reprints (aggregator),wire",
                 "004_a88fc17575bc3f3e.txt,Kabul Daily,wire")
    )  # fmt: skip
    data = tmp_path / "data"
    ingest_and_compute([corpus], Store(data), load_actors())
    monkeypatch.setenv("SOURCEBIAS_DATA", str(data))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    headline = {m.label: m.value for m in app.metric}
    assert headline["mainstream"] == "1" and headline["partisan"] == "2" and headline["wire"] == "2"
    groups = {r["source_type"] for r in chart_rows(app) if "source_type" in r}
    assert groups == {"partisan", "wire", "mainstream"}
    reading = " ".join(m.value for m in app.markdown)
    assert "No two groups in this view have enough documents" in reading  # all are small
    for page in ("pages/actors.py", "pages/readability.py", "pages/evidence.py"):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
    app.switch_page("pages/attribution.py").run()
    assert not app.exception
    density = app.get("vega_lite_chart")[0]
    assert '"yOffset"' in density.proto.spec  # Kabul Daily's two groups side by side
    app.switch_page("pages/corpus.py").run()
    options = app.selectbox(key="corpus.source_type").options
    assert {"mainstream", "partisan", "wire", "other"} <= set(options)
    assert app.text_input(key="corpus.new_group") is not None


def test_language_filter_appears_when_the_corpus_has_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus.actors_config import load_actors
    from store import Store
    from tests.metrics.test_language import ENGLISH_TEXT, PASHTO

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pashto.txt").write_text(f"{PASHTO}\n\n{PASHTO}\n", encoding="utf-8")
    (folder / "english.txt").write_text(f"{ENGLISH_TEXT} The Taliban said so.\n")
    data = tmp_path / "data"
    ingest_and_compute([folder], Store(data), load_actors())
    monkeypatch.setenv("SOURCEBIAS_DATA", str(data))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert [str(o) for o in app.multiselect(key="filters.languages").options] == [
        "English",
        "Pashto",
    ]
    app.multiselect(key="filters.languages").set_value(["ps"]).run()
    assert not app.exception
    assert {m.label: m.value for m in app.metric}["Documents"] == "1"
    assert app.query_params["lang"] in ("ps", ["ps"])
    app.switch_page("pages/corpus.py").run()
    assert any("in Pashto: counted, not scored" in c.value for c in app.caption)
