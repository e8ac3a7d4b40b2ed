"""Estimates aggregated in DuckDB equal the same figures computed from the raw rows."""

from __future__ import annotations

import pandas as pd
import pytest

from aggregates import queries
from aggregates.queries import metric_estimates, tone_estimates, view_counts
from aggregates.view import ViewFilter
from corpus.actors_config import load_actors
from pipeline.run import ingest_and_compute
from store import Store
from store.schema import CREDITED, TONE
from tests.conftest import SEEDS

ALL = ViewFilter()


@pytest.fixture
def seeded(fresh_store: Store) -> Store:
    ingest_and_compute([SEEDS], fresh_store, load_actors())
    return fresh_store


def raw_mentions(store: Store) -> pd.DataFrame:
    with store.connect(read_only=True) as con:
        return con.execute(
            "SELECT m.doc_id, m.actor, m.score, d.source_type FROM mentions m "
            f"JOIN documents d ON d.id = m.doc_id WHERE {TONE}"
        ).df()


def test_tone_equals_mean_of_per_document_means(seeded: Store) -> None:
    rows = raw_mentions(seeded)
    per_doc = rows.groupby(["actor", "source_type", "doc_id"])["score"].agg(["mean", "size"])
    expected = per_doc.groupby(["actor", "source_type"]).agg(
        mean=("mean", "mean"), n_docs=("mean", "size"), n_items=("size", "sum")
    )
    got = tone_estimates(seeded, ALL, ("actor", "source_type")).set_index(["actor", "source_type"])
    assert sorted(got.index) == sorted(expected.index)
    for key, row in expected.iterrows():
        assert got.loc[key, "mean"] == pytest.approx(row["mean"])
        assert got.loc[key, "n_docs"] == row["n_docs"]
        assert got.loc[key, "n_items"] == row["n_items"]
        assert got.loc[key, "small_sample"]  # five seed documents are a small sample


def test_intervals_are_t_intervals_over_document_means(seeded: Store) -> None:
    """A group's interval is the t interval of its documents' mean scores; two documents
    get none (the wire groups of the seeds), three get a wide one."""
    from scipy import stats

    rows = raw_mentions(seeded)
    got = tone_estimates(seeded, ALL, ("actor", "source_type")).set_index(["actor", "source_type"])
    checked = 0
    for (actor, kind), group in rows.groupby(["actor", "source_type"]):
        per_doc = group.groupby("doc_id")["score"].mean()
        row = got.loc[(actor, kind)]
        assert row["n_docs"] == len(per_doc)
        if len(per_doc) < 3:
            assert pd.isna(row["low"]) and pd.isna(row["high"])
            continue
        half = stats.t.ppf(0.975, len(per_doc) - 1) * per_doc.std(ddof=1) / len(per_doc) ** 0.5
        assert row["low"] == pytest.approx(per_doc.mean() - half)
        assert row["high"] == pytest.approx(per_doc.mean() + half)
        checked += 1
    assert checked


def test_metric_estimates_count_items_and_follow_filters(seeded: Store) -> None:
    with seeded.connect(read_only=True) as con:
        wire_attributions = con.execute(
            "SELECT sum(n_attributions) FROM doc_metrics m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.source_type = 'wire'"
        ).fetchone()[0]
    wire = ViewFilter(source_types=("wire",))
    got = metric_estimates(
        seeded, wire, ("source_type",), ("attributions_per_1000",), "n_attributions"
    )
    assert got["source_type"].tolist() == ["wire"]
    assert int(got["n_items"].iloc[0]) == wire_attributions
    both = metric_estimates(seeded, ALL, ("metric", "source_type"), ("gunning_fog", "dale_chall"))
    assert set(both["metric"]) == {"gunning_fog", "dale_chall"}
    assert both["n_docs"].sum() == 2 * 5
    with pytest.raises(ValueError, match="not a document metric"):
        metric_estimates(seeded, ALL, ("source",), ("text",))


def test_view_counts(seeded: Store) -> None:
    counts = view_counts(seeded, ALL)
    assert counts["documents"] == 5
    assert counts["groups"] == {"partisan": 3, "wire": 2}
    assert counts["mentions"] == len(raw_mentions(seeded))
    assert view_counts(seeded, ViewFilter(source_types=("wire",)))["documents"] == 2


def test_find_documents_searches_title_origin_source_and_id(seeded: Store) -> None:
    everything, total = queries.find_documents(seeded, ALL)
    assert total == len(everything) == 5
    first, total = queries.find_documents(seeded, ALL, limit=2)
    assert total == 5 and first["id"].tolist() == everything["id"].tolist()[:2]
    one = everything.iloc[3]
    for needle in (one["id"][:10].upper(), one["origin"].rsplit("/", 1)[-1]):
        found, n = queries.find_documents(seeded, ALL, needle)
        assert n == 1 and found["id"].tolist() == [one["id"]], needle
    assert queries.find_documents(seeded, ALL, "no such words anywhere 100%_")[1] == 0
    wire, n = queries.find_documents(seeded, ViewFilter(source_types=("wire",)))
    assert n == 2 and len(wire) == 2


def test_metric_values_sample_is_a_stable_subset(seeded: Store) -> None:
    full = queries.metric_values(seeded, ALL, "flesch_kincaid_grade")
    coverage = queries.metric_coverage(seeded, ALL, "flesch_kincaid_grade")
    assert len(full) == coverage["n_scored"] == coverage["n_docs"] == 5
    sample = queries.metric_values(seeded, ALL, "flesch_kincaid_grade", sample=3)
    assert len(sample) == 3 and set(sample["id"]) <= set(full["id"])
    again = queries.metric_values(seeded, ALL, "flesch_kincaid_grade", sample=3)
    assert sample["id"].tolist() == again["id"].tolist()
    by_id = full.set_index("id")["value"]
    assert all(by_id[r.id] == r.value for r in sample.itertuples())
    with pytest.raises(ValueError, match="not a document metric"):
        queries.metric_values(seeded, ALL, "text")


def test_metric_coverage_counts_documents_too_short_to_score(fresh_store: Store) -> None:
    ingest_and_compute(
        [],
        fresh_store,
        load_actors(),
        uploads=[
            ("short.txt", b"The Taliban said no."),
            ("seed.txt", (SEEDS / "000_458f8c1981105ecd.txt").read_bytes()),
        ],
        upload_fields={"source": "S", "source_type": "wire"},
    )
    coverage = queries.metric_coverage(fresh_store, ALL, "smog_index")
    assert coverage["n_docs"] == 2 and coverage["n_scored"] == 1
    assert "sentences" in coverage["reason"]


def test_evidence_gives_the_most_extreme_mentions_with_their_sentences(seeded: Store) -> None:
    rows = queries.evidence(seeded, ALL, "taliban", None, limit=25)
    assert len(rows) == 25
    scores = rows["score"].abs().tolist()
    assert scores == sorted(scores, reverse=True)
    with seeded.connect(read_only=True) as con:
        top = con.execute(
            f"SELECT max(abs(score)) FROM mentions WHERE actor = 'taliban' AND {TONE}"
        ).fetchone()[0]
    assert scores[0] == top
    for r in rows.itertuples():
        assert r.sentence_text[r.mention_start : r.mention_end] == r.alias
        assert r.actor == "taliban"
    wire = queries.evidence(seeded, ViewFilter(source_types=("wire",)), None, None, "quoted")
    assert set(wire["source_type"]) == {"wire"} and set(wire["voice"]) == {"quoted"}


def test_naming_counts_equal_the_mention_rows(seeded: Store) -> None:
    with seeded.connect(read_only=True) as con:
        expected = con.execute(
            "SELECT d.source, m.actor, m.alias, m.label, count(*), count(DISTINCT d.id) "
            f"FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE {CREDITED} "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    got = queries.naming(seeded, ALL)
    rows = sorted((r.source, r.actor, r.alias, r.label, r.n, r.n_docs) for r in got.itertuples())
    assert rows == expected


@pytest.mark.parametrize("voice", ["author", "quoted"])
def test_tone_by_voice_uses_only_that_voice(seeded: Store, voice: str) -> None:
    with seeded.connect(read_only=True) as con:
        rows = con.execute(
            f"SELECT m.doc_id, m.actor, m.score FROM mentions m WHERE m.voice = ? AND {TONE}",
            [voice],
        ).df()
    per_doc = rows.groupby(["actor", "doc_id"])["score"].agg(["mean", "size"])
    expected = per_doc.groupby("actor").agg(mean=("mean", "mean"), n_items=("size", "sum"))
    got = tone_estimates(seeded, ALL, ("actor",), voice).set_index("actor")
    assert sorted(got.index) == sorted(expected.index)
    for actor, row in expected.iterrows():
        assert got.loc[actor, "mean"] == pytest.approx(row["mean"], abs=1e-9)
        assert got.loc[actor, "n_items"] == row["n_items"]
    with pytest.raises(ValueError, match="unknown voice"):
        tone_estimates(seeded, ALL, ("actor",), "whispered")


def test_manifest_edit_moves_a_document_in_every_chart(tmp_path, fresh_store: Store) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    ingest_and_compute([corpus], fresh_store, load_actors())
    before = view_counts(fresh_store, ALL)
    manifest = corpus / "manifest.csv"
    manifest.write_text(
        manifest.read_text().replace("003_67286731495c820e.txt,Wire reprints (aggregator),wire",
                                     "003_67286731495c820e.txt,Moved,partisan")
    )  # fmt: skip
    report, _ = ingest_and_compute([corpus], fresh_store, load_actors())
    assert report.count("updated") == 1
    after = view_counts(fresh_store, ALL)
    b, a = before["groups"], after["groups"]
    assert (a["partisan"], a["wire"]) == (b["partisan"] + 1, b["wire"] - 1)
    tone = tone_estimates(fresh_store, ViewFilter(sources=("Moved",)), ("source", "actor"))
    assert set(tone["source"]) == {"Moved"} and tone["n_docs"].max() == 1
    naming = queries.naming(fresh_store, ViewFilter(source_types=("wire",)))
    assert naming["n_docs"].max() == 1  # only one wire document left


def test_corpus_options_offer_what_the_store_holds(seeded: Store) -> None:
    docs = seeded.documents(("source", "source_type", "date"))
    dates = pd.to_datetime(docs["date"]).dropna()
    options = queries.corpus_options(seeded)
    assert options == {
        "sources": sorted(docs["source"].unique()),
        "source_types": ["partisan", "wire"],
        "source_type_of": dict(zip(docs["source"], docs["source_type"], strict=True)),
        "date_min": dates.min().date(),
        "date_max": dates.max().date(),
        "n_documents": 5,
        "n_undated": 3,
        "group_colors": {},
        "languages": ["en"],
        "analysis_key": seeded.get_meta("analysis_key"),
        "n_reprints": 0,
    }


@pytest.mark.parametrize(
    "order, key",
    [("strongest", lambda s: -abs(s)), ("most negative", lambda s: s),
     ("most positive", lambda s: -s)],
    ids=["strongest", "most-negative", "most-positive"],
)  # fmt: skip
def test_evidence_order_picks_from_all_mentions(seeded: Store, order: str, key) -> None:
    with seeded.connect(read_only=True) as con:
        scores = [r[0] for r in con.execute(f"SELECT score FROM mentions WHERE {TONE}").fetchall()]
    rows = queries.evidence(seeded, ALL, None, None, limit=10, order=order)
    assert sorted(map(key, rows["score"])) == sorted(map(key, scores))[:10]
    assert rows["score"].map(key).is_monotonic_increasing


def test_evidence_totals_count_every_mention_not_only_those_shown(seeded: Store) -> None:
    with seeded.connect(read_only=True) as con:
        source = con.execute("SELECT min(source) FROM documents").fetchone()[0]
        n, docs = con.execute(
            "SELECT count(*), count(DISTINCT m.doc_id) FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id WHERE m.actor = 'taliban' AND d.source = ? "
            f"AND {TONE}",
            [source],
        ).fetchone()
        per_doc = con.execute(
            "SELECT avg(m.score) FROM mentions m JOIN documents d ON d.id = m.doc_id "
            f"WHERE m.actor = 'taliban' AND d.source = ? AND {TONE} GROUP BY m.doc_id",
            [source],
        ).fetchall()
    totals = queries.evidence_totals(seeded, ALL, "taliban", source)
    assert (totals["n"], totals["n_docs"]) == (n, docs)
    # one definition everywhere: the mean of each document's mean mention score
    assert totals["mean"] == pytest.approx(sum(v for (v,) in per_doc) / len(per_doc), abs=1e-6)
    assert n > 10 and len(queries.evidence(seeded, ALL, "taliban", source, limit=10)) == 10


def test_evidence_figure_is_the_chart_cell(seeded: Store) -> None:
    """The number above Evidence's sentences is the heatmap's cell for that source and
    actor: same mean, same interval, same n."""
    cells = queries.tone_estimates(seeded, ALL, ("source", "actor"))
    for cell in cells.itertuples():
        totals = queries.evidence_totals(seeded, ALL, cell.actor, cell.source)
        assert totals["mean"] == pytest.approx(cell.mean, abs=1e-9)
        assert (totals["n"], totals["n_docs"]) == (cell.n_items, cell.n_docs)
        for got, want in ((totals["low"], cell.low), (totals["high"], cell.high)):
            assert (got is None and pd.isna(want)) or got == pytest.approx(want, abs=1e-9)


def test_every_document_figure_can_be_aggregated(seeded: Store) -> None:
    """A figure added to metrics.document.DocumentFigures is stored and aggregatable with
    no other edit (quoted_mention_share was added that way)."""
    from store.schema import FIGURES

    est = metric_estimates(seeded, ALL, ("source_type",), FIGURES)
    assert set(est["metric"]) == set(FIGURES) and "quoted_mention_share" in FIGURES
    share = est[est["metric"] == "quoted_mention_share"]
    assert ((share["mean"] >= 0) & (share["mean"] <= 1)).all() and share["n_docs"].sum() == 5


def test_alias_audit_accounts_for_every_match(seeded: Store) -> None:
    audit = queries.alias_audit(seeded, ALL)
    with seeded.connect(read_only=True) as con:
        n, credited = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {CREDITED}) FROM mentions"
        ).fetchone()
    assert int(audit["n"].sum()) == n and int(audit["credited"].sum()) == credited
    assert (audit["credited"] + audit["other_entity"] + audit["ambiguous"] == audit["n"]).all()
    regime = audit[(audit["actor"] == "afghan_government") & (audit["alias"] == "regime")]
    assert int(regime["by_context"].iloc[0]) > 10  # a generic word, resolved from context


def test_alias_neighbours_and_examples(seeded: Store) -> None:
    near = queries.alias_neighbours(seeded, ALL)
    ghani = near[(near["alias"] == "Ghani") & (near["side"] == "left")]
    assert ghani["word"].tolist() == ["President"]
    examples = queries.alias_examples(seeded, ALL, 1)
    assert not examples.duplicated(["actor", "alias"]).any()
    for r in examples.itertuples():
        assert r.sentence_text[r.mention_start : r.mention_end].lower() == r.alias.lower() or (
            r.alias == "the resistance"
        )


def test_stance_is_the_mean_of_per_document_means_of_the_targets_in_a_speakers_words(
    seeded: Store,
) -> None:
    with seeded.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT d.source_type, m.speaker_actor, m.actor, m.doc_id, m.score FROM mentions m "
            f"JOIN documents d ON d.id = m.doc_id WHERE {CREDITED} "
            "AND m.speaker_actor IS NOT NULL AND m.speaker_actor <> m.actor"
        ).df()
    assert len(rows) > 5
    per_doc = rows.groupby(["source_type", "speaker_actor", "actor", "doc_id"])["score"].mean()
    expected = per_doc.groupby(["source_type", "speaker_actor", "actor"]).mean()
    got = queries.stance_estimates(seeded, ALL).set_index(["source_type", "speaker", "target"])
    assert sorted(got.index) == sorted(expected.index)
    for key, mean in expected.items():
        assert got.loc[key, "mean"] == pytest.approx(mean, abs=1e-9)
    for pair in got.index:
        view = ViewFilter(source_types=(pair[0],))
        evidence = queries.stance_evidence(seeded, view, pair[1], pair[2])
        assert len(evidence) == int(got.loc[pair, "n_items"])
        assert set(evidence["speaker_actor"]) == {pair[1]} and set(evidence["actor"]) == {pair[2]}


def test_speaks_counts_are_not_in_the_tone_counts(seeded: Store) -> None:
    talk = queries.speaks(seeded, ALL)
    with seeded.connect(read_only=True) as con:
        speaks, tone = con.execute(
            f"SELECT count(*) FILTER (WHERE {CREDITED} AND role = 'speaker'), "
            f"count(*) FILTER (WHERE {TONE}) FROM mentions"
        ).fetchone()
    assert int(talk["speaks"].sum()) == speaks > 0
    assert int(talk["tone_mentions"].sum()) == tone == view_counts(seeded, ALL)["mentions"]


@pytest.mark.parametrize(
    "kind, check",
    [("tone", lambda r: r.resolution in ("name", "context", "document") and r.role == "target"),
     ("speaks", lambda r: r.role == "speaker"),
     ("left out", lambda r: r.resolution in ("other", "ambiguous"))],
    ids=["tone", "speaks", "left-out"],
)  # fmt: skip
def test_evidence_lists_one_kind_of_mention(seeded: Store, kind: str, check) -> None:
    rows = queries.evidence(seeded, ALL, None, None, limit=500, kind=kind)
    assert len(rows) > 0 and all(check(r) for r in rows.itertuples())
    if kind == "left out":  # listed under every actor that has the alias
        gov = queries.evidence(seeded, ALL, "afghan_government", None, kind=kind)
        assert set(gov["alias"]) >= {"government"}


def test_an_untitled_document_is_cited_by_its_opening_words(seeded: Store) -> None:
    """Evidence cites a wire reprint with no title by its first words (residue such as
    "[ad_1]" left out), never by its content hash."""
    rows = queries.evidence(seeded, ALL, "taliban", "Wire reprints (aggregator)")
    untitled = seeded.documents(["id", "title"])
    untitled = set(untitled.loc[untitled["title"].isna() | (untitled["title"] == ""), "id"])
    cited = rows[rows["doc_id"].isin(untitled)]
    assert len(cited)
    for row in cited.itertuples():
        assert row.title != row.doc_id and row.title.endswith("…")
        assert not row.title.startswith("[")
