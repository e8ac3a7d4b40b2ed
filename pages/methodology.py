"""Methodology: what each number means, how accurate it is, and where it fails."""

from __future__ import annotations

import streamlit as st

from dashboard.facts import (
    BOOTSTRAP_MAX_DOCS,
    MIN_QUOTE_WORDS,
    MIN_SENTENCES,
    MIN_SENTENCES_SMOG,
    MIN_WORDS,
    RESAMPLES,
    SMALL_DOCS,
    SMALL_ITEMS,
    STRONG_VALENCE,
    model_info,
)

info = model_info()
per_class = info.get("cv_f1_per_class", {})
st.title("Methodology")
st.markdown(
    f"""
Every figure in this dashboard is computed per document (and per mention or attribution),
stored, and aggregated per source and per source type. **Documents are the sampling unit**:
an estimate is the mean of per-document values with a percentile bootstrap 95% interval
({RESAMPLES:,} resamples of documents) for groups of up to {BOOTSTRAP_MAX_DOCS:,} documents;
larger groups get the normal interval, mean ± 1.96·sd/√n, which agrees with the bootstrap to
well within display precision at that size (tested on 3,000 documents: within 0.003).
Estimates from fewer than {SMALL_DOCS} documents or
{SMALL_ITEMS} items (mentions, attributions) are flagged *small sample* and drawn faded.
Every chart states its n and the filters it shows.

### Corpus cleaning
Scraper residue ("[ad_1]", "Source link", "Exit mobile version", photo-caption lines ending
in "Photo: AP", share prompts, stray punctuation) is detected line by line, listed in the
ingest report and on the Documents page, and blanked out of every metric. The original text
is kept: all offsets point into the text as it was given.

### Actor mentions and naming
Aliases come from `seeds/actors.toml` (editable): word-boundary matching, case rules per
alias ("US" the country is case-sensitive, "us" is not matched), the longest name wins
("Islamic Emirate of Afghanistan" over "Afghanistan"). Each alias carries a connotation label
(neutral, self-designation, laudatory, pejorative); the **naming** chart shows each source's
share of mentions per name.
*Limits:* generic words ("government", "regime", "militants") are attributed to the actor the
configuration assigns them to; a text about another country's government is miscounted unless
the alias list is edited. No coreference: "they", "the group" are not counted.

### Sentiment toward an actor
Each mention is scored from its own clause and a window of words either side, not from the
whole sentence, so "the regime is corrupt while the Mujahideen are pure" gives each actor its
own score. The default engine is a logistic regression over target-aware features (VADER
scores of the clause and of left/right windows, the words around the target), trained on
NewsMTSC ({info.get("n_train", "?")} labelled targets, MIT licence) by
`scripts/train_sentiment.py`; the score is P(positive) − P(negative), from −1 to +1.

| engine | macro-F1 on NewsMTSC | how measured |
|---|---|---|
| model (default) | **{info.get("cv_macro_f1")}** | {info.get("cv")}, articles kept apart |
| rules (clause-level VADER) | {info.get("rules_macro_f1")} | whole file, nothing trained |
| sentence-level VADER (baseline) | {info.get("sentence_vader_macro_f1")} | whole file |

Per class (cross-validated): negative {per_class.get("negative")}, neutral
{per_class.get("neutral")}, positive {per_class.get("positive")}.
Reproduce with `sourcebias eval newsmtsc FILE.jsonl` (on the training file itself the command
says its figure is in-sample).
*Limits:* NewsMTSC is US political news; the corpus here is conflict reporting and
propaganda, where accuracy has not been measured. Sarcasm, negation across clauses and
praise phrased as condemnation of an enemy are missed. Mentions are split by **voice**:
*quoted* when inside a quotation or reported speech, *author* otherwise.

### Readability
Flesch reading ease, Flesch-Kincaid grade, Gunning fog, SMOG, Coleman-Liau and Dale-Chall via
textstat (its backend functions, language passed explicitly; its dictionary is loaded
offline), on the cleaned text. A document with fewer than {MIN_WORDS} words or
{MIN_SENTENCES} sentences gets no score (shown as "too short", never 0); SMOG needs
{MIN_SENTENCES_SMOG} sentences. *Limits:* the formulas were built for American school texts;
machine-translated copy reads as harder or easier than its original.

### Attribution
Direct quotations (straight and curly quotes, paired within a paragraph so an unbalanced mark
cannot swallow the text; at least {MIN_QUOTE_WORDS} words, shorter ones are scare quotes),
reported speech with a reporting verb ("said", "told", "warned", "insisted", …), and
"according to". For each: the cue, the speaker, the content, the source type (**named** when
a person's name is given, **institutional** for a ministry, army or a group's spokesman
without a name, **anonymous** for "officials", "analysts", "residents", "reports",
**unresolved** for a bare pronoun), and the verb's **stance**: neutral ("said", "told",
"announced") or loaded ("claimed", "admitted", "insisted", "warned", "denied"). "He said"
takes the last named speaker within four sentences.
Density is attributions per 1,000 words; the quoted share counts words inside quotations;
the quoted mention share is the part of a document's actor mentions that sit inside quoted
or reported speech (stored per document; not yet charted).
*Accuracy:* not yet measured against labelled data; behaviour is pinned by hand-checked
sentences from the seed corpus in the test suite. *Limits:* rule-based and English-only;
speakers introduced in a different sentence than the quote are unresolved.

### Emotive language
Share of words whose VADER valence is at least {STRONG_VALENCE} in absolute value; mean VADER
compound of the sentences; exclamation marks per 1,000 words; first-person plural ("we",
"our", lowercase "us") per 1,000 words outside quotations, which marks an organisation
speaking for itself. *Limits:* VADER's lexicon is general English social-media language;
domain words ("martyr", "invader") carry whatever valence it gives them.
"""
)
