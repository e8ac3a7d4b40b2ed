"""The composition rules: who does what to whom around the target."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compute.model import load_model
from metrics.actor_sentiment import MODEL_THRESHOLD, clause_bounds, label_for, score_mention
from metrics.composition import RULES, compose, counter_verb
from metrics.fast.vader import lexicon

SAMPLES = [
    # (name, sentence, target, rule expected or None)
    ("agent eradicates evil", "The Islamic Emirate quickly eradicated all evil, corruption "
     "and injustice.", "Islamic Emirate", "agent against something bad"),
    ("forces defeat ISIS", "US forces defeated ISIS cells in Nangarhar.", "US",
     "agent against something bad"),
    ("ended the war", "The regime ended the war.", "regime", "agent against something bad"),
    ("slain leaders", "Several leaders of the resistance front and their fighters were slain "
     "in the clashes.", "resistance front", "patient of harm"),
    ("arrested", "Three Taliban fighters were arrested in Herat.", "Taliban", "patient of harm"),
    ("accusation dropped", "A woman who accused Trump of assault drops her claim.", "Trump",
     "accusation withdrawn or denied"),
    ("accusation denied", "Rights groups accused the Taliban of reprisals, which the ministry "
     "denied.", "Taliban", "accusation withdrawn or denied"),
    ("does not seek revenge", "The Islamic Emirate does not seek revenge.", "Islamic Emirate",
     "negated wrong"),
    ("doesn't believe in revenge", "The Islamic Emirate doesn't believe in the policy of "
     "revenge.", "Islamic Emirate", "negated wrong"),
    ("synonyms for extremism", "ISIS and the resistance are synonyms for extremism.",
     "resistance", "bad predicate"),
    ("allegedly", "The Taliban allegedly executed prisoners.", "Taliban", "hedged"),
    ("kills civilians", "The Taliban killed 12 civilians in Kandahar.", "Taliban",
     "agent of harm to the innocent"),
    ("detains journalists", "Taliban fighters detained two journalists in Kabul.", "Taliban",
     "agent of harm to the innocent"),
    # no rule: the words around the target decide
    ("kills fighters", "The Taliban killed 12 ISIS fighters.", "Taliban", None),
    ("did not condemn", "The Taliban did not condemn the attack.", "Taliban", None),
    ("fighters are a noun", "The Taliban fighters entered Kabul.", "Taliban", None),
    ("plain fact", "Taliban officials met US envoys in Doha.", "Taliban", None),
]  # fmt: skip


def _compose(sentence: str, target: str):
    start = sentence.index(target)
    end = start + len(target)
    lo, hi = clause_bounds(sentence, start, end)
    return compose(sentence, start, end, lo, hi, lexicon())


@pytest.mark.parametrize(
    ("name", "sentence", "target", "rule"), SAMPLES, ids=[s[0] for s in SAMPLES]
)
def test_rule_fired(name: str, sentence: str, target: str, rule: str | None) -> None:
    got = _compose(sentence, target)
    assert (got.rule if got else None) == rule


# The seed examples, and how a careful analyst reads them with the shipped model.
READINGS = [
    ("The Islamic Emirate quickly eradicated all evil, corruption and injustice.",
     "Islamic Emirate", "positive"),
    ("The Islamic Emirate doesn't believe in the policy of revenge and has always shown "
     "mercy.", "Islamic Emirate", "positive"),
    ("Several leaders of the resistance front were slain.", "resistance front", "not positive"),
    ("ISIS and the resistance are synonyms for extremism.", "resistance", "negative"),
    ("Woman who accused Trump drops her claim.", "Trump", "not negative"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "target", "reading"), READINGS)
def test_seed_examples_read_as_an_analyst_would(sentence: str, target: str, reading: str) -> None:
    start = sentence.index(target)
    got = score_mention(sentence, start, start + len(target), load_model())
    if reading.startswith("not "):
        assert got.label != reading.removeprefix("not ")
    else:
        assert got.label == reading
    assert got.rule is not None


@pytest.mark.parametrize(("sentence", "target", "reading"), READINGS)
def test_a_rule_bounds_the_models_own_score(sentence: str, target: str, reading: str) -> None:
    """What a rule changes is only the bound it states: with the rules off the model's own
    score shows, and with them on that score is bounded by the rule that fired."""
    from metrics.composition import Composition
    from sourcebias.paths import SENTIMENT_MODEL

    start = sentence.index(target)
    bare = score_mention(sentence, start, start + len(target), load_model(SENTIMENT_MODEL, False))
    ruled = score_mention(sentence, start, start + len(target), load_model())
    assert bare.rule is None and ruled.rule is not None
    assert ruled.score == pytest.approx(Composition(ruled.rule, "").apply(bare.score), abs=1e-6)


def test_counter_verbs_are_verbs_not_nouns() -> None:
    assert counter_verb("eradicated") and counter_verb("fights") and counter_verb("defeated")
    assert (
        not counter_verb("fighters") and not counter_verb("endless") and not counter_verb("free-")
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.data())
def test_compose_never_fails_and_names_a_known_rule(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = clause_bounds(text, start, end)
    got = compose(text, start, end, lo, hi, lexicon())
    assert got is None or got.rule in RULES


@settings(max_examples=200, deadline=None)
@given(st.floats(-1, 1), st.sampled_from(sorted(RULES)))
def test_rules_keep_the_score_a_score(score: float, rule: str) -> None:
    from metrics.composition import Composition

    out = Composition(rule, "").apply(score)
    assert -1.0 <= out <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=160), st.data())
def test_label_and_score_never_disagree(text: str, data: st.DataObject) -> None:
    model = load_model()
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    got = score_mention(text, start, end, model)
    assert got.label == label_for(got.score, MODEL_THRESHOLD)
    assert 0.0 <= got.confidence <= 1.0
