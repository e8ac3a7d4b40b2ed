"""Validate: is the model right on this corpus? Label a sample, see accuracy per group."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.facts import (
    ATTRIBUTION_LABELS,
    FLAG_DIFFERENCE,
    MIN_ADAPT_LABELS,
    TONE_CHOICES,
    Label,
)
from dashboard.page import (
    context,
    date_of,
    highlight,
    inject_css,
    literal,
    model_note,
    table,
)

ctx = context()
st.title("Validate: is the model right on this corpus?")
inject_css()
st.markdown(
    """<style>
mark.sentence { background: #fff8e1; padding: 0 1px; }
mark.target { background: #fdebd0; border-bottom: 3px solid #b9770e; font-weight: 600; }
mark.content { background: #e8f0f8; padding: 0 1px; }
mark.speaker { background: #e8daef; border-bottom: 2px solid #7d3c98; }
</style>""",
    unsafe_allow_html=True,
)
st.caption(
    "Label a random sample of this view yourself, without seeing the model's reading; the "
    "labels give the model's accuracy on this corpus per source group, override the model "
    "for the items labelled (in every chart; marked in Evidence), and can retrain it. "
    + literal(model_note(ctx))
)

KINDS = {"Tone toward actors": "tone", "Attributions": "attribution"}
PROMPTS = {
    "tone": "How does the text present the marked actor here (its own words, not the "
    "sentence's overall mood)?",
    "attribution": "Is this what the model found: who says it (violet), the verb (blue, bold) "
    "and what is said (light blue)?",
}
KEYS = {"tone": ("1", "2", "3", "4"), "attribution": ("1", "2", "3", "4")}

label_tab, accuracy_tab, model_tab = st.tabs(["Label a sample", "Accuracy on this corpus", "Model"])


def _model_version() -> str:
    return data.model_in_use(ctx).name


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _record(kind: str, item: str, value: str, who: str, shown: dict) -> None:
    entry = Label(
        kind=kind,
        item=item,
        label=value,
        labeller=who,
        labelled_at=dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        model_version=_model_version(),
        model_label=str(shown["model_label"]),
        text_hash=_hash(str(shown["text"])),
    )
    data.add_label(ctx, entry)
    st.session_state["validate.last"] = (entry, str(shown["model"]))


with label_tab:
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    who = c1.text_input(
        "Your name (labeller)",
        key="validate.who",
        max_chars=60,
        help="Each label keeps who gave it. A second analyst enters their own name and gets "
        "the same sample, with nobody's labels shown, for an agreement figure.",
    ).strip()
    shown_kind = c2.segmented_control(
        "Label", list(KINDS), default=next(iter(KINDS)), key="validate.kind"
    )
    kind = KINDS[shown_kind or next(iter(KINDS))]
    size = int(
        c3.number_input(
            "Sample size",
            5,
            1000,
            50,
            step=5,
            key="validate.n",
            help="Asking for more extends the sample; it never reshuffles it.",
        )
    )
    seed = int(c4.number_input("Seed", 0, 10**6, 0, key="validate.seed"))
    sample = data.validation_sample(ctx, kind, size, seed)
    st.caption(
        f"A sample of {len(sample)} {'mentions' if kind == 'tone' else 'attributions'} from "
        "the current view, spread evenly over source groups and "
        f"{'actors' if kind == 'tone' else 'source types'} (seeded: the same view and seed "
        "give the same items, in the same order)."
    )
    mine = {
        x.item: x
        for x in data.labels(ctx)
        if x.kind == kind and x.labeller == who and x.label != "missed attribution"
    }
    last = st.session_state.get("validate.last")
    if last and last[0].labeller == who:
        entry, model_said = last
        agree = "same as" if entry.label == entry.model_label else "differs from"
        with st.container(border=True):
            u1, u2 = st.columns([5, 1])
            u1.markdown(
                f"Your last label: **{literal(entry.label)}** · the model said "
                f"**{literal(model_said)}** ({agree} yours)"
            )
            if u2.button("Undo", key="validate.undo", shortcut="U", icon=":material/undo:"):
                data.withdraw_label(ctx, entry)
                st.session_state.pop("validate.last", None)
                st.rerun()
    if not sample:
        st.info(
            "Nothing to label in this view. Widen the filters in the sidebar, or load "
            "documents on the **Corpus** page."
        )
    elif not who:
        st.info("Enter your name to start labelling: each label keeps who gave it.")
    else:
        done = sum(item in mine for item in sample)
        st.progress(done / len(sample), text=f"{done} of {len(sample)} labelled by you")
        todo = [i for i in sample if i not in mine]
        relabel = st.toggle("Relabel an item you have labelled", key="validate.relabel")
        if relabel and mine:
            labelled = [i for i in sample if i in mine]
            item = st.selectbox(
                "Item",
                labelled,
                format_func=lambda i: f"#{sample.index(i) + 1}: you said {mine[i].label}",
                key="validate.pick",
            )
        else:
            item = todo[0] if todo else None
        if item is None:
            st.success(
                f"You have labelled the whole sample ({len(sample)} items). See **Accuracy on "
                "this corpus**, raise the sample size for more, or relabel an item."
            )
        else:
            shown = data.validation_item(ctx, kind, item)
            if shown is None:
                st.warning("This item is no longer in the results (the corpus was recomputed).")
            else:
                name = ctx.actor_names.get(str(shown.get("actor", "")), str(shown.get("actor", "")))
                title = shown["title"] if isinstance(shown["title"], str) else shown["doc_id"]
                head = f"Item {sample.index(item) + 1} of {len(sample)}"
                if kind == "tone":
                    head += f" · actor: **{literal(name)}** (the words “{literal(shown['alias'])}”)"
                st.markdown(head)
                with st.container(border=True):
                    st.markdown(highlight(shown["text"], shown["marks"]), unsafe_allow_html=True)
                    st.caption(
                        f"{literal(shown['source'])} ({literal(shown['source_type'])}) · "
                        f"{literal(title)} · {date_of(shown['date'], shown['date_precision'])}"
                    )
                st.markdown(PROMPTS[kind])
                choices = TONE_CHOICES if kind == "tone" else ATTRIBUTION_LABELS
                cols = st.columns(len(choices) + (1 if kind == "attribution" else 0))
                for col, value, key in zip(cols, choices, KEYS[kind], strict=False):
                    if col.button(
                        value,
                        key=f"validate.{kind}.{value}",
                        shortcut=key,
                        use_container_width=True,
                    ):
                        _record(kind, item, value, who, shown)
                        st.rerun()
                if kind == "attribution" and cols[-1].button(
                    "missed attribution here",
                    key="validate.missed",
                    shortcut="5",
                    use_container_width=True,
                    help="The passage holds a quote or report the model did not find "
                    "(counted for recall, apart from this item's label).",
                ):
                    missed = {**shown, "model_label": "none found", "model": "nothing here"}
                    start = int(shown["offset"])
                    item_key = f"{shown['doc_id']}:{start}:{start + len(shown['text'])}"
                    _record(kind, item_key, "missed attribution", who, missed)
                    st.rerun()
                st.caption(
                    "Keys 1–4 (5: missed attribution) label and move on; U undoes your last "
                    "label. The model's reading appears after you label."
                )

report = data.validation_report(ctx)

with accuracy_tab:
    if not report.n_tone and not report.attributions:
        st.info("No labels yet: label a sample, or import a team's labels below.")
    if report.accuracies:
        st.subheader("Tone toward actors, per source group", anchor=False)
        st.caption(
            "Each labelled mention counts once, by its latest label. Accuracy: share the "
            "model read as the analyst did, with a Wilson 95% interval (honest at small n); "
            "macro-F1 over negative, neutral and positive; 'wrong actor' items are counted "
            "apart (an alias error, not a tone error)."
        )
        rows = [
            {
                "group": a.group,
                "labelled (n)": a.n,
                "accuracy": a.accuracy,
                "95% CI": "–" if a.low is None else f"{a.low:.2f}–{a.high:.2f}",
                "macro-F1": a.macro_f1,
                "wrong actor": a.wrong_actor,
            }
            for a in report.accuracies
        ]
        st.dataframe(
            table(pd.DataFrame(rows)),
            hide_index=True,
            width="stretch",
            column_config={
                "accuracy": st.column_config.NumberColumn(format="%.2f"),
                "macro-F1": st.column_config.NumberColumn(format="%.2f"),
            },
        )
        for gap in report.gaps:
            text = (
                f"Error rate {literal(gap.a)} {gap.error_a:.2f} vs {literal(gap.b)} "
                f"{gap.error_b:.2f}: difference {gap.difference:+.2f} (95% CI "
                f"{gap.low:+.2f} to {gap.high:+.2f})."
            )
            if gap.flagged:
                st.warning(
                    text + f" At least {FLAG_DIFFERENCE:.2f} and clear of zero: large enough "
                    "to create or hide a gap between these groups on the Overview. Read "
                    "their tone comparison with care, or adapt the model.",
                    icon=":material/flag:",
                )
            else:
                st.caption(text + " Not flagged.")
        st.markdown("**Confusion per group** (rows: analyst, columns: model)")
        cols = st.columns(min(len(report.accuracies), 3))
        for i, a in enumerate(report.accuracies):
            grid = pd.DataFrame(
                0, index=pd.Index(TONE_CHOICES[:3], name="analyst"), columns=TONE_CHOICES[:3]
            )
            for gold, pred, n in a.confusion:
                if gold in grid.index and pred in grid.columns:
                    grid.loc[gold, pred] = n
            with cols[i % len(cols)]:
                st.caption(f"{literal(a.group)} (n = {a.n})")
                st.dataframe(table(grid), width="stretch")
    if report.agreement and report.pair:
        agree = report.agreement
        first, second = report.pair
        st.subheader("Two analysts", anchor=False)
        alpha = "undefined (one label throughout)" if agree.alpha is None else f"{agree.alpha:.2f}"
        st.markdown(
            f"{literal(first)} and {literal(second)} both labelled **{agree.n}** items: "
            f"{agree.identical} identical, Krippendorff's alpha (nominal) **{alpha}**."
        )
        if agree.disagreements:
            st.caption(
                f"Items they read differently (first: {literal(first)}, second: {literal(second)}):"
            )
            rows = []
            for k, a, b in agree.disagreements[:50]:
                shown = data.validation_item(ctx, "tone", k)
                text = "(no longer in the results)" if shown is None else shown["sentence_text"]
                actor = k.rsplit(":", 1)[-1]
                rows.append(
                    {
                        "actor": ctx.actor_names.get(actor, actor),
                        "sentence": text if len(text) <= 200 else text[:199] + "…",
                        "first analyst": a,
                        "second analyst": b,
                    }
                )
            st.dataframe(table(pd.DataFrame(rows)), hide_index=True, width="stretch")
    if report.attributions:
        st.subheader("Attributions, per source group", anchor=False)
        st.dataframe(
            table(
                pd.DataFrame(
                    [
                        {
                            "group": c.group,
                            "labelled (n)": c.n,
                            "correct": c.correct,
                            "95% CI": "–" if c.low is None else f"{c.low:.2f}–{c.high:.2f}",
                            "errors": ", ".join(f"{k} {v}" for k, v in c.errors) or "none",
                            "missed marked": c.missed,
                        }
                        for c in report.attributions
                    ]
                )
            ),
            hide_index=True,
            width="stretch",
        )
    if not ctx.briefing:  # a briefing screenshot shows no controls
        st.subheader("Exchange labels", anchor=False)
        st.caption(
            "Every label with its history, as CSV (safe to open in a spreadsheet) or JSONL, so a "
            "team can split a sample and merge the work, or reuse an analyst's labels."
        )
        e1, e2, _ = st.columns([1, 1, 4])
        e1.download_button(
            "CSV",
            lambda: data.export_labels(ctx, "csv"),
            "labels.csv",
            "text/csv",
            key="validate.export.csv",
            icon=":material/download:",
            on_click="ignore",
        )
        e2.download_button(
            "JSONL",
            lambda: data.export_labels(ctx, "jsonl"),
            "labels.jsonl",
            "application/jsonl",
            key="validate.export.jsonl",
            icon=":material/download:",
            on_click="ignore",
        )
        upload = st.file_uploader(
            "Import labels (.csv or .jsonl)", type=["csv", "jsonl"], key="validate.import"
        )
        if upload is not None and st.button("Add these labels", key="validate.import.go"):
            try:
                reading = data.import_labels(ctx, upload.name, upload.getvalue())
            except ValueError as exc:
                st.error(literal(str(exc)))
            else:
                st.success(f"Added {len(reading.labels):,} labels.")
                for line, why in reading.rejected:
                    st.warning(f"{literal(upload.name)}, line {line}: {literal(why)} (not added)")

with model_tab:
    in_use = data.model_in_use(ctx)
    st.markdown(f"**In use:** {literal(in_use.name)}: {literal(in_use.about)}")
    choices = data.model_choices(ctx)
    names = [c.name for c in choices]
    pick = st.radio(
        "Tone models of this corpus",
        names,
        index=names.index(in_use.name) if in_use.name in names else 0,
        format_func=lambda n: f"{n}: {next(c.about for c in choices if c.name == n)}",
        key="validate.model",
    )
    if pick != in_use.name and st.button("Use this model (recomputes the metrics)"):
        with st.spinner("Recomputing the metrics with this model…"):
            data.use_model(ctx, pick)
        st.rerun()
    st.divider()
    n_scored = sum(a.n for a in report.accuracies)
    st.markdown(
        "**Adapt to this corpus.** Retrains the tone model with your tone labels added to its "
        "training data (weighted), measures it by cross-validation on your labels (folds by "
        "document: no document is both trained and tested on), and switches only if it reads "
        "the held-out labels better than the model in use. The previous model stays "
        "selectable above. Takes about a minute."
    )
    if n_scored < MIN_ADAPT_LABELS:
        st.caption(f"Needs at least {MIN_ADAPT_LABELS} tone labels; this corpus has {n_scored}.")
    if st.button(
        "Adapt the tone model",
        key="validate.adapt",
        disabled=n_scored < MIN_ADAPT_LABELS,
        icon=":material/model_training:",
    ):
        with st.spinner("Retraining and cross-validating (about a minute)…"):
            try:
                result = data.adapt_model(ctx)
            except ValueError as exc:
                st.error(literal(str(exc)))
            else:
                st.session_state["validate.adapted"] = result.message
        st.rerun()
    if st.session_state.get("validate.adapted"):
        st.info(literal(st.session_state["validate.adapted"]))
