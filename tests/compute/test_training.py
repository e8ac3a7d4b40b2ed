"""Adapting the tone model to a corpus: it needs enough labels, keeps the model in use unless
the new one reads held-out labels better, and when it switches, the metrics are recomputed
with the new model and the earlier one stays selectable. A small slice of the training data
stands in for the full recipe, so each fit takes a second."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from aggregates import queries
from aggregates.view import ViewFilter
from compute import training
from compute.local import update_metrics
from compute.model import ACTIVE_MODEL, engine_id
from corpus.actors_config import load_actors
from corpus.newsmtsc import read_newsmtsc
from corpus.tone_set import read_tone_set
from metrics.validation import stratified_sample
from pipeline.run import ingest_and_compute
from store import Store
from store.schema import Label
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def small_base() -> tuple[training.Data, training.Data]:
    news = training.Data(read_newsmtsc(training.NEWSMTSC_TRAIN)[:600])
    # the written part only: the seeds part labels the very mentions the tests label
    tone = training.Data(read_tone_set(training.TONE_SET).examples["written"][:100])
    return news, tone


@pytest.fixture(scope="module")
def seeded_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = Store(tmp_path_factory.mktemp("training") / "data")
    ingest_and_compute([SEEDS], store, load_actors())
    return store.data_dir


@pytest.fixture
def store(seeded_dir: Path, tmp_path: Path) -> Store:
    shutil.copytree(seeded_dir, tmp_path / "data")
    return Store(tmp_path / "data")


def label_sample(store: Store, n: int, reading) -> list[Label]:
    items = queries.validation_candidates(store, ViewFilter(), "tone")
    out = []
    for item in stratified_sample(items.itertuples(index=False, name=None), n, seed=0):
        shown = queries.validation_item(store, "tone", item)
        out.append(
            Label("tone", item, reading(shown), "ana", dt.datetime.now(dt.UTC).isoformat(),
                  "shipped", shown["model_label"], "h")
        )  # fmt: skip
    store.add_labels(out)
    return out


def test_too_few_labels_say_how_many_are_needed(store: Store, small_base) -> None:
    label_sample(store, 5, lambda shown: "neutral")
    with pytest.raises(training.AdaptError, match=r"at least 20 tone labels.*has 5 from"):
        training.adapt(store, base=small_base)


def test_labels_the_model_already_matches_keep_it(store: Store, small_base) -> None:
    label_sample(store, 24, lambda shown: shown["model_label"])
    result = training.adapt(store, base=small_base)
    assert not result.switched and result.model is None
    assert result.in_use == "shipped" and result.in_use_accuracy == 1.0
    assert result.adapted_macro_f1 <= result.in_use_macro_f1
    assert not (store.data_dir / "models").exists()
    assert not store.get_meta(ACTIVE_MODEL)


def test_a_better_model_is_switched_to_recomputed_and_the_old_one_stays_selectable(
    store: Store, small_base
) -> None:
    # an analyst who reads every mention in this corpus as neutral: the shipped model
    # disagrees on most, an adapted one learns the corpus's reading
    labels = label_sample(store, 40, lambda shown: "neutral")
    old_key = store.get_meta("analysis_key")
    result = training.adapt(store, base=small_base)
    assert result.switched, result.message
    assert result.adapted_macro_f1 > result.in_use_macro_f1
    assert (result.n_labels, result.n_documents, result.folds) == (40, 5, 5)
    path = store.data_dir / "models" / result.model
    card = json.loads(path.read_text())["adapted"]
    assert card["n_labels"] == 40 and card["corpus_weight"] == training.CORPUS_WEIGHT

    assert update_metrics(store, load_actors()) == 5
    new_key = store.get_meta("analysis_key")
    assert new_key != old_key and new_key.endswith(engine_id(f"model:{path}"))
    assert training.model_in_use(store).name == result.model
    names = [c.name for c in training.model_choices(store)]
    assert names == ["shipped", result.model]
    # the adapted model reads more of the labelled mentions as the analyst did
    examples, now = training.labelled_examples(store)
    assert len(examples) == 40
    assert sum(x == "neutral" for x in now) > sum(x.model_label == "neutral" for x in labels)

    training.select_model(store, "shipped")
    update_metrics(store, load_actors())
    assert store.get_meta("analysis_key") == old_key
    assert training.model_in_use(store).name == "shipped"
    with pytest.raises(ValueError, match="no tone model"):
        training.select_model(store, "../elsewhere.json")
