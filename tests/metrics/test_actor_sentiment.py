from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bench.corpus_gen import generate
from compute.model import load_model, sentiment_model
from corpus.actors_config import load_actors
from metrics.actor_sentiment import ENGINES, LABELS, features, features_plain, score_mention
from metrics.actors import find_mentions
from metrics.segment import sentences
from tests import samples
from tests.conftest import seed_text

ACTORS = load_actors()


def score(sentence: str, target: str, engine: str = "model") -> tuple[str, float]:
    i = sentence.index(target)
    result = score_mention(sentence, i, i + len(target), sentiment_model(engine))
    return result.label, result.score


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "sentence, target, label",
    [
        (samples.TWO_ACTORS, "regime", "negative"),
        (samples.TWO_ACTORS, "Mujahideen", "positive"),
        ("The Taliban killed dozens of civilians.", "Taliban", "negative"),
        ("Residents welcomed the Taliban with flowers.", "Taliban", "positive"),
        ("The Taliban said on Monday they had taken Kunduz.", "Taliban", "neutral"),
    ],
    ids=["own-clause-negative", "own-clause-positive", "killed", "welcomed", "reported-neutral"],
)
def test_each_actor_gets_its_own_clause(
    engine: str, sentence: str, target: str, label: str
) -> None:
    assert score(sentence, target, engine)[0] == label


def test_two_actors_in_one_sentence_are_scored_apart() -> None:
    regime = score(samples.TWO_ACTORS, "regime")[1]
    mujahideen = score(samples.TWO_ACTORS, "Mujahideen")[1]
    assert regime < 0 < mujahideen


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1), st.data(), st.sampled_from(ENGINES))
def test_scores_are_bounded_labelled_and_deterministic(
    text: str, data: st.DataObject, engine: str
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    model = sentiment_model(engine)
    first = score_mention(text, start, end, model)
    assert -1.0 <= first.score <= 1.0
    assert first.label in LABELS
    assert 0 <= first.clause_start <= start and end <= first.clause_end <= len(text)
    assert first == score_mention(text, start, end, model)


def corpus_mentions(n_synthetic: int, seed: int) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of every actor mention in the seeds and synthetic documents."""
    texts = [seed_text(p) for p in ("000", "001", "002", "003", "004")]
    texts += [d.text for d in generate(n_synthetic, seed=seed)]
    found = []
    for text in texts:
        for s in sentences(text):
            sentence = text[s.start : s.end]
            found += [(sentence, m.start, m.end) for m in find_mentions(sentence, ACTORS)]
    return found


def test_unrolled_logits_equal_the_plain_sum() -> None:
    model = load_model()
    mentions = corpus_mentions(20, seed=9)
    assert len(mentions) > 200
    for sentence, start, end in mentions:
        feats = features(sentence, start, end)
        assert model.logits(feats) == model.logits_plain(feats)


def _same_features(
    sentence: str, start: int, end: int, bounds: tuple[int, int] | None = None
) -> None:
    fast = features(sentence, start, end, bounds)
    plain = features_plain(sentence, start, end, bounds)
    assert list(fast.items()) == list(plain.items())  # same keys in the same order: same sums


def test_indexed_features_equal_the_plain_extraction_on_corpus_mentions() -> None:
    mentions = corpus_mentions(30, seed=13)
    assert len(mentions) > 500
    for sentence, start, end in mentions:
        _same_features(sentence, start, end)


STRADDLE_WORDS = st.sampled_from(
    "Taliban Taliban's Talibans' the regime's ' ’ - — ; : , but while and which who ! ? "
    "don't o'clock U.S. al-Qaeda 2021 _ __x x_y".split()
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(STRADDLE_WORDS, st.text(max_size=5)), min_size=1, max_size=25),
    st.sampled_from(["", " ", "'", "’", ", "]),
    st.data(),
)
def test_indexed_features_equal_the_plain_extraction_at_any_cut(
    words: list[str], glue: str, data: st.DataObject
) -> None:
    sentence = glue.join(words) or "x"
    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, len(sentence)))
    _same_features(sentence, start, end)
    # clause bounds given explicitly may cut anywhere, even inside a word
    lo = data.draw(st.integers(0, start))
    hi = data.draw(st.integers(end, len(sentence)))
    _same_features(sentence, start, end, (lo, hi))


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_the_model_score_reads_back_as_the_most_probable_label(
    a: float, b: float, c: float
) -> None:
    """Label and score never disagree: the score read at +-1/3 is the argmax."""
    from metrics.actor_sentiment import MODEL_THRESHOLD, label_for, model_score

    total = a + b + c
    assume(total > 0)
    probs = {"negative": a / total, "neutral": b / total, "positive": c / total}
    top = max(probs.values())
    assume(sum(v == top for v in probs.values()) == 1)  # ties have no single answer
    want = max(probs, key=probs.__getitem__)
    score = round(model_score(probs), 6)
    assert -1 <= score <= 1
    assert label_for(score, MODEL_THRESHOLD) == want
