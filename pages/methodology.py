"""Methodology: what each number means, how accurate it is, and where it fails."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.facts import (
    ADAPT_CHECK,
    CONTAINMENT,
    CORPUS_WEIGHT,
    CORRECTION_SCORES,
    FLAG_DIFFERENCE,
    FULL_DOCS,
    LOW_CONFIDENCE,
    MIN_ADAPT_LABELS,
    MIN_INTERVAL_DOCS,
    MIN_QUOTE_WORDS,
    MIN_SENTENCES,
    MIN_SENTENCES_SMOG,
    MIN_WORDS,
    RULE_EFFECTS,
    SHINGLE_WORDS,
    SMALL_DOCS,
    SMALL_ITEMS,
    STORY_THRESHOLD,
    STORY_WINDOW_DAYS,
    STRONG_VALENCE,
    TONE_MEASURE,
    WINDOW_SENTENCES,
    attribution_accuracy,
    mention_accuracy,
    model_info,
    rate,
    story_accuracy,
    tone_accuracy,
)
from dashboard.page import context, literal

info = model_info()
mentions = mention_accuracy()
DOMAINS = {
    "afghanistan": "Afghanistan (the seeds)",
    "us-politics": "US politics (NewsMTSC)",
    "us-politics-heldout": "US politics, held out",
}
rows = []
for key, d in mentions.get("domains", {}).items():
    rows.append(
        f"| {DOMAINS.get(key, key)} | {d['n']} | {rate(d['resolution_precision'])} | "
        f"{rate(d['resolution_recall'])} | {rate(d['left_out_correctly'])} | "
        f"{rate(d['role_accuracy'])} | {rate(d['role_recall'].get('speaker'))} | "
        f"{rate(d['tone_precision'])} | {rate(d['tone_recall'])} |"
    )
agree = mentions.get("agreement", {})
n_spans = sum(d["n"] for d in mentions.get("domains", {}).values())
agreement = ", ".join(
    f"{k} α = {v['alpha']:.2f} ({v['identical']}/{v['n']} identical)" for k, v in agree.items()
)
mention_table = (
    "| domain | spans | resolution precision | resolution recall | other/unclear left out | "
    "role accuracy | speaker recall | tone-mention precision | tone-mention recall |\n"
    "|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows)
    if rows
    else "*(the dev set's figures are missing: run `sourcebias eval mentions --save "
    "eval/mentions/results.json`)*"
)
per_class = info.get("cv_f1_per_class", {})
domain_per_class = info.get("domain_f1_per_class") or {}
domain_class = ", ".join(f"{k} {v}" for k, v in domain_per_class.items()) or "–"
rules_table = "| rule | what it does to the score |\n|---|---|\n" + "\n".join(
    f"| {name} | {effect} |" for name, effect in RULE_EFFECTS.items()
)
candidates = info.get("candidates", {})
candidates_table = (
    "| candidate | NewsMTSC macro-F1 | per class (neg / neu / pos) | Afghanistan macro-F1 "
    "| ms per mention, fitting and scoring in CV |\n|---|---|---|---|---|\n"
    + "\n".join(
        f"| {name}{' (default)' if name == info.get('chosen') else ''} | "
        f"{c.get('newsmtsc_macro_f1')} | "
        + " / ".join(
            str(c.get("newsmtsc_f1", {}).get(k)) for k in ("negative", "neutral", "positive")
        )
        + f" | {c.get('domain_macro_f1', '–')} | {c.get('fit_and_score_ms_per_mention')} |"
        for name, c in candidates.items()
    )
)
attr = attribution_accuracy()
PARTS = {"seed": "the seeds", "written": "written conflict texts", "news": "written news texts",
         "heldout": "held-out news (labelled after the rules were fixed)",
         "all": "all"}  # fmt: skip
attr_rows = []
for key, part in attr.get("parts", {}).items():
    cells = []
    for name in ("content", "cue", "source"):
        c = part[name]
        p = c["hits_predicted"] / c["predicted"] if c["predicted"] else None
        r = c["hits_gold"] / c["gold"] if c["gold"] else None
        f = 2 * p * r / (p + r) if p and r else None
        cells.append(" / ".join("–" if v is None else f"{v:.2f}" for v in (p, r, f)))
    st_ = part.get("source_type", {})
    cells.append(rate([st_.get("right", 0), st_.get("of", 0)]) if st_ else "–")
    an = part.get("anonymous_share", {})
    cells.append(f"{an['predicted']:.2f} / {an['labelled']:.2f}" if an else "–")
    attr_rows.append(f"| {PARTS.get(key, key)} | {part['texts']} | " + " | ".join(cells) + " |")
attribution_table = (
    "| texts | n | content P / R / F1 | cue P / R / F1 | source P / R / F1 | source type right "
    "| anonymous share (found / labelled) |\n"
    "|---|---|---|---|---|---|---|\n" + "\n".join(attr_rows)
    if attr_rows
    else "*(missing: run `sourcebias eval attributions --save eval/attributions/results.json`)*"
)
attribution_agreement = (
    ", ".join(f"{k} F1 {v}" for k, v in attr.get("agreement", {}).items() if k != "texts") or "–"
)
tone_figures = tone_accuracy()
tone_rules = tone_figures.get("rules_macro_f1", "–")
tone_vader = tone_figures.get("sentence_vader_macro_f1", "–")
tone_agreement = tone_figures.get("agreement", "–")
engine_table = "\n".join(
    [
        "| engine | macro-F1 on NewsMTSC | macro-F1 on Afghanistan | how measured |",
        "|---|---|---|---|",
        f"| model (default) | **{info.get('cv_macro_f1')}** | **{info.get('domain_macro_f1')}** "
        "| cross-validated, as above |",
        f"| rules (clause-level VADER) | {info.get('rules_macro_f1')} | {tone_rules} "
        "| whole set, nothing trained |",
        f"| sentence-level VADER (baseline) | {info.get('sentence_vader_macro_f1')} | "
        f"{tone_vader} | whole set |",
    ]
)
st.title("Methodology")
st.markdown(
    f"""
Every figure in this dashboard is computed per document (and per mention or attribution),
stored, and aggregated per source and per source type. **Documents are the sampling unit**:
an estimate is the mean of per-document values with a Student t 95% interval over documents,
mean ± t(0.975, n−1)·sd/√n. Below {MIN_INTERVAL_DOCS} documents no interval is drawn and the
bar's label says so: a percentile bootstrap over two documents is only the range of the two
values, far narrower than two documents justify, and the t interval at three documents is
wide because it should be (intervals of rates and shares, which cannot be negative, are cut
at 0). Bars are drawn fainter the fewer documents they rest on (full
colour from {FULL_DOCS}); estimates from fewer than {SMALL_DOCS} documents or {SMALL_ITEMS}
items (mentions, attributions) are flagged *small sample*: shown, never headlined in a plain
reading.
Every chart states its n and the filters it shows.

### Corpus cleaning
Scraper residue ("[ad_1]", "Source link", "Exit mobile version", photo-caption lines ending
in "Photo: AP", share prompts, stray punctuation) is detected line by line, listed in the
ingest report and on the Documents page, and blanked out of every metric. The original text
is kept: all offsets point into the text as it was given.

### Dates, groups and languages
A date keeps the precision given: "2021" is the year (shown as 2021, stored as its first day,
so a date filter counts it from 1 January), "Aug 2021" the month; nothing is filled in from
the day of ingest, and a date with no year ("15 Aug") is left missing with a warning. Dates
before 1900 or after the ingest day are kept with a warning in the ingest report. Source
groups are whatever the manifest's `source_type` column says (any number of them: left,
right, state media, wire, a country), each with the colour its manifest gives
(`group_color`) or one of its own; every chart, colour and reading follows them.
Each document's language is read with py3langid (its model ships in the package), first
on its opening 600 characters: when that is surely English (90%), only paragraphs with
letters of other scripts are read again, so a French paragraph inside an English document
is not caught; otherwise every paragraph is read. A paragraph is another language when most
of its letters are in a non-Latin script, or when py3langid is at least 90% sure and the
paragraph has 40 letters or more. Such paragraphs
are blanked before the English-only metrics (readability, tone, attribution, emotive
language), and a document mostly in another language is counted, not scored; both are
listed in the ingest report and on the Corpus page, and a Language filter appears in the
sidebar when the corpus holds more than one. On 3,060 English texts (the seeds, the
attribution set, NewsMTSC sentences) no paragraph was misread as another language.

### Actor mentions: who is meant
Aliases come from `seeds/actors.toml` (editable): word-boundary matching, case rules per
alias ("US" the country is case-sensitive, "us" is not matched), the longest name wins
("Islamic Emirate of Afghanistan" over "Afghanistan"). Each alias carries a connotation label
(neutral, self-designation, laudatory, pejorative), judged against wire usage and explained
beside each alias in the file ("militants", "insurgents", "Islamists" are standard wire
vocabulary, so neutral); the **naming** chart shows each source's share of mentions per name.
A match counts for its actor only after **resolution**:
- *another entity*: a name-forming word after the alias ("Clinton Foundation", "Trump Tower",
  "Donald Trump Jr."); another first name before a one-word alias that is a person's surname
  ("Bill Clinton" when the actor is Hillary Clinton; the actor's own first names come from its
  longer names in the actors file, else from the first name the document uses most); a match
  inside an `exclude` pattern of the actors file. An organisation the actor leads ("Trump
  administration", "Trump campaign") stays the actor's. Possessives ("Trump's") are the actor.
- *generic* aliases ("government", "regime", "militants", "the group"), and any name several
  actors list, go to the candidate actor named nearest before them in the same or the
  {WINDOW_SENTENCES} previous sentences (else later in the same sentence); else to the actor
  the same word was resolved to elsewhere in the document; else to the only candidate the
  document names. An indefinite phrase ("an Islamic government") names no actor; a generic
  word right after another actor's name ("the US government") is that actor's. Otherwise the
  match is **ambiguous** and left out.
Left-out matches are counted nowhere; Evidence and Documents show them greyed with the
reason, and the Actors page's alias audit (or `sourcebias actors audit`) lists, per alias,
its matches, the capitalised words beside it and `exclude` entries worth a look.

### Roles: written about, speaking, or in its own quote
Each credited mention gets a role. **Speaks**: the actor is the source of a quote or of
reported speech (in the speaker of an attribution or its apposition, "according to X"), a
transcript label ("CLINTON: …", on two or more lines), a "X: …" caption or headline, or the
subject of a verb of saying or evaluating right after it ("the Taliban rejected", "Trump
called out", "Mujahid warned"; not after a preposition, not passive). **Own quote**: inside
words attributed to the same actor. **Written about** (target): everything else, including
inside another speaker's words. **Tone toward an actor counts only the mentions it is
written about**; how often it speaks is shown separately. When an actor speaks and another
actor is mentioned in what it says, that mention is **stance between actors**
(speaker → target), charted per source type on the Actors page with its interval.

Measured on a labelled dev set (`eval/mentions/`: {n_spans} candidate spans in the seeds
and in NewsMTSC articles, labelled blind by written guidelines; the held-out batch was
labelled after the rules were adjusted on the other two):

{mention_table}

Two annotators on an overlap: {agreement or "–"}. Reproduce with `sourcebias eval mentions`.
*Limits:* no pronoun coreference ("they", "he" are not mentions); spans the alias list never
matches are not measured (alias recall); a speaker is found only where the attribution rules
find the quote (see Attribution), which is where most speaker and stance misses come from.

### Sentiment toward an actor
Each mention is scored from its own clause and a window of words either side, not from the
whole sentence, so "the regime is corrupt while the Mujahideen are pure" gives each actor its
own reading. The default engine is a logistic regression over target-aware features (VADER
scores of the clause and of left/right windows, the words around the target) and static
subword embeddings of six target-relative regions (wordllama's 256-dimensional vectors, read
from its PyPI wheel, MIT), trained by `scripts/train_sentiment.py` on NewsMTSC (MIT) and the
labelled Afghanistan tone set ({info.get("n_train", "?")} labelled targets in all).

**Score and label.** The model gives P(negative), P(neutral), P(positive); the mention's
label is the most probable, and its **score** is that probability signed: +P(positive) when
read positive (so at least +1/3), −P(negative) when read negative (at most −1/3), and
⅔·(P(positive) − P(negative)) when read neutral (strictly between). The label is therefore
the score read at ±1/3, on every page; a mention whose label has a probability below
{LOW_CONFIDENCE} is marked **low confidence** in Evidence and Documents.
**Composition rules** then look at who does what to whom around the target and bound the
score (the rule is shown with the mention):

{rules_table}

**Tone toward an actor in a group**, on every chart and above Evidence's sentences:
{TONE_MEASURE}. Each document's value is the mean score of its mentions counted in tone.

Candidates, each measured the same way ({info.get("cv")}; domain: the Afghanistan tone set,
the NewsMTSC data always in training; composition rules applied). Scoring alone costs about
0.15 ms per mention for the sparse features and 0.37 ms for the shipped model
(`python -m bench.tone_model FILE.jsonl` prints it for each configuration):

{candidates_table}

{engine_table}

Per class on NewsMTSC (cross-validated): negative {per_class.get("negative")}, neutral
{per_class.get("neutral")}, positive {per_class.get("positive")}; on Afghanistan:
{domain_class}. Reproduce with `sourcebias eval newsmtsc FILE.jsonl` and
`sourcebias eval tone` (on training data both say their figure is in-sample).
The Afghanistan tone set (`eval/tone/`): mentions in the five seed texts (and texts written
for the set, CC BY 4.0), labelled by written guidelines before any model output was seen;
two annotators on an overlap: {tone_agreement}.
*Limits:* accuracy on conflict reporting and propaganda is far below accuracy on US
political news, above all on neutral mentions: read single mentions in Evidence before
quoting a figure. The bundled seed texts are in the model's training data, so on the seeds
the readings sit close to the human labels (in-sample); on any other corpus expect the
cross-validated figure above. Sarcasm and negation across clauses are missed. Mentions are split by
**voice**: *quoted* when inside a quotation or reported speech, *author* otherwise.

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
"according to". For each: the cue, the speaker, the content, the source type and the verb's
**stance**: neutral ("said", "told", "announced") or loaded ("claimed", "admitted",
"insisted", "warned", "denied").
Forms found: quotes with their cue before or after ("…," said the aide; Jane Roe, director of
X, said: "…"), a quote split around its cue or continued in the next paragraph with no new
cue (one attribution, one speaker), reported speech after a subject ("residents of the area
said …", "Jane Roe, director of X, wrote that …"), inverted ("…, said the aide."), after the
clause ("…, officials said."), parenthetical ("X, the delegation said, Y"), a second report
in the same sentence ("accused X and said Y"), participles after a comma ("…, saying that
…"), "according to" (before, after or inside its clause), stance and finding verbs
("condemned", "called on", "described"; "a poll found", "the emails show" for documents
only), transcript turns ("NAME: …" on two or more lines). Not attributions: a negated verb
("did not confirm"), a verb used as a noun or infinitive ("requests for comment", "every
claim", "declined to comment"), "we"/"I" outside quotes (the text's own voice), a clause
with a copula ("there are reports"), "Editor's note:".
**Source type** comes from the speaker span: **named** when a person's name is in it
("Taliban spokesman Zabiullah Mujahid", "Gulbuddin, a resident"); otherwise from the head of
its first phrase: **document** for a report, poll, statement, data or wiretaps;
**anonymous** for unnamed people ("officials", "a Taliban district official", "traders on
both sides", "former ministers"); **institutional** for one office, body or capital ("the
spokesman", "the Ministry of Interior", "Islamabad"); **unresolved** for a bare pronoun or
no speaker. Who a speaker is: the person's name (the role is kept as the description); a
surname alone ("Mujahid") resolves to the full name given earlier in the document; "he
said" to the last named speaker within four sentences; a quote with no cue to the last
quoted speaker within four sentences. Top speakers list resolved speakers only.
Density is attributions per 1,000 words; the quoted share counts words inside quotations;
the quoted mention share is the part of a document's actor mentions that sit inside quoted
or reported speech (stored per document; not yet charted).
*Accuracy,* on hand-marked texts (`eval/attributions/`, PARC-style guidelines; a content is
found when 30% of it is covered; source type compared on found attributions, a pronoun
speaker counting as "pronoun"; `sourcebias eval attributions`). The rules were written
against the seeds and written conflict texts; the written news texts were looked at while
writing some of them (transcripts, bare quotes), so only the held-out part, labelled after
the rules were fixed, is clean of tuning:

{attribution_table}

Two annotators on an overlap: {attribution_agreement}.
*Limits:* rule-based and English-only; recall is still the weak side (directives such as
"ordered", beliefs such as "know", nominal reports such as "reports of", and speakers named
only in an earlier paragraph are missed), so densities read somewhat low; the anonymous share
reads low where speakers go unresolved; no coreference beyond "he"/"she" and surnames.

### Emotive language
Share of words whose VADER valence is at least {STRONG_VALENCE} in absolute value; mean VADER
compound of the sentences; exclamation marks per 1,000 words; first-person plural ("we",
"our", lowercase "us") per 1,000 words outside quotations, which marks an organisation
speaking for itself. *Limits:* VADER's lexicon is general English social-media language;
domain words ("martyr", "invader") carry whatever valence it gives them.
"""
)

ctx = context()
report = data.validation_report(ctx)
in_use = data.model_in_use(ctx)
if report.accuracies:
    checked = "\n".join(
        f"| {literal(a.group)} | {a.n} | "
        + ("–" if a.accuracy is None else f"{a.accuracy:.2f} ({a.low:.2f}–{a.high:.2f})")
        + f" | {'–' if a.macro_f1 is None else f'{a.macro_f1:.2f}'} | {a.wrong_actor} |"
        for a in report.accuracies
    )
    flagged = [g for g in report.gaps if g.flagged]
    on_corpus = (
        "| group | labelled mentions | accuracy (95% CI) | macro-F1 | wrong actor |\n"
        "|---|---|---|---|---|\n"
        + checked
        + "\n\n"
        + (
            "**Flagged:** "
            + "; ".join(
                f"error rates of {literal(g.a)} and {literal(g.b)} differ by "
                f"{g.difference:+.2f} ({g.low:+.2f} to {g.high:+.2f})"
                for g in flagged
            )
            + ": large enough to create or hide a gap between these groups."
            if flagged
            else "No difference in error rates between groups is flagged."
        )
    )
else:
    on_corpus = "*No tone labels yet in this corpus: label a sample on the Validate page.*"
st.markdown(
    f"""
### Checked on this corpus (Validate)
The figures above come from labelled sets that are not your corpus. On **Validate**, analysts
label a seeded random sample of the current view, stratified by source group and actor (or
source type, for attributions), blind: the model's reading is shown only after the label.
Each item counts once, by its latest label (earlier labels stay in the store as history).
Per group: accuracy with a Wilson 95% interval, macro-F1 over the three labels, the
confusion counts, and "wrong actor" items counted apart. For each pair of groups, the
difference of their error rates with Newcombe's 95% interval is **flagged** when it is at
least {FLAG_DIFFERENCE:.2f} and its interval leaves out zero: a model wrong more often on one
group can create or hide a gap between them. Two analysts: Krippendorff's alpha (nominal,
the `krippendorff` package) on the items both labelled.

**Corrections.** An analyst's latest tone label of a mention replaces the model's reading in
every aggregate, counted as a certain reading on the model's scale (negative
{CORRECTION_SCORES["negative"]:+.0f}, neutral {CORRECTION_SCORES["neutral"]:.0f}, positive
{CORRECTION_SCORES["positive"]:+.0f}); "wrong actor" removes the mention from that actor. Evidence
marks such mentions with the model's own reading beside the analyst's.

**Adapting.** Retrains with the shipped recipe (`compute/training.py`: NewsMTSC, the tone set at
weight 3, your labels at weight {CORPUS_WEIGHT:g}), cross-validated on your labels with folds by
document, and switches only when the held-out macro-F1 beats the model in use's on the same
items (an adapted model in use is compared through the shipped one, which never saw the
labels). Needs {MIN_ADAPT_LABELS} tone labels. The weight was chosen by letting the tone
set play an analyst's labels (5-fold by document, `python scripts/train_sentiment.py
--adapt-check`): {ADAPT_CHECK}.

**Tone model in use:** {literal(in_use.name)}: {literal(in_use.about)}.

{on_corpus}
"""
)

stories_check = story_accuracy()
checked_stories = (
    f"On a generated, labelled corpus ({stories_check.get('documents')} documents on "
    f"{stories_check.get('events')} events, {stories_check.get('reprints')} reprints; "
    "`sourcebias eval stories`, a corpus not used to set the thresholds): reprint pairs "
    f"precision **{stories_check.get('reprint_precision')}**, recall "
    f"**{stories_check.get('reprint_recall')}**; story pairs precision "
    f"{stories_check.get('story_precision')}, recall {stories_check.get('story_recall')}, "
    f"**F1 {stories_check.get('story_f1')}**."
    if stories_check
    else "*(missing: run `sourcebias eval stories --save eval/stories/results.json`)*"
)
st.markdown(
    f"""
### Reprints and stories
**Reprints.** At ingest each document gets a MinHash fingerprint (datasketch, 128
permutations) of its word {SHINGLE_WORDS}-shingles, lower-cased and with scraper residue left
out; LSH bands of the fingerprints (42 bands of 3, kept in the store) find candidates without
comparing every pair, and a pair is a reprint when at least {CONTAINMENT:.0%} of the shorter
text's shingles are in the longer one (estimated from the fingerprints). Copies with changed
spacing or case, new headers and footers, trimmed endings and light rewording are caught;
reprints form families, whose **original** is the earliest dated member, else the longest.
With **Count each reprint family once** on (sidebar, the default) every chart counts only the
original; subtitles and export footers say so. A later ingest fingerprints only its own new
documents and looks their band keys up in the store. The Corpus page and the ingest report
list the families.

**Stories.** Documents about one event: TF-IDF vectors of the cleaned texts (scikit-learn;
words of three letters or more and figures, English stop words out, sublinear term
frequency), linked when their cosine similarity is at least the threshold (default
{STORY_THRESHOLD}) and their dates at most {STORY_WINDOW_DAYS} days apart (undated documents
are matched on text alone); a story is a connected group. The Stories page lets you change
both. **Same stories only** (Overview, Actors, Stories): for each story covered by both
groups, the difference of the groups' mean document tone within it; the estimate is the
mean over stories with a t interval over stories, beside the raw difference of all their
documents. When they disagree (a raw gap of 0.1 or more, and a matched gap of the opposite
sign or a matched interval that holds zero) the page says so, the Overview in its plain
reading.

{checked_stories}
*Limits:* the check is on generated text, whose accounts of one event share its names and
figures more than real outlets' accounts do; on real corpora expect looser stories and adjust
the threshold. Single linkage can chain two events through one broad report. Stories are
grouped over the view's texts when a page asks (above 20,000 documents in view the Overview
and Actors pages skip the same-stories estimate; narrow the view).
"""
)
