"""Small helpers every page uses: the shared context, headings, empty states, captions."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from corpus.metadata import show_date
from dashboard import charts, data, filters, state
from dashboard.data import Context
from dashboard.export import chart_spec, provenance_lines, show_chart
from dashboard.facts import TONE_MEASURE
from metrics.actor_sentiment import LOW_CONFIDENCE
from sourcebias.untrusted import markdown_literal, visible, visible_frame

# Re-exported for pages: `literal` for a corpus string inside Markdown (captions, headings,
# messages), `label` for one in a widget option or a table cell, `table` for a whole frame.
literal = markdown_literal
label = visible


def date_of(date: object, precision: str | None) -> str:
    """A document's date as precise as it was given ("2021", "2021-08", "2021-08-15")."""
    if date is None or (isinstance(date, float) and date != date) or pd.isna(date):
        return "undated"
    return show_date(pd.Timestamp(date).date(), precision if isinstance(precision, str) else None)


table = visible_frame


def context() -> Context:
    """The view app.py computed for this run (filters, options, actor names)."""
    ctx = state.context()
    if ctx is None:
        st.error(
            "This page was opened without the dashboard's entry point. Start the dashboard "
            "with `make run` or `sourcebias serve`, not by running a page file."
        )
        st.stop()
    return ctx


def subtitle(ctx: Context, n_docs: int, extra: str | None = None) -> list[str]:
    """A chart's subtitle: the view, its n and what is measured; a tone chart also names
    the tone model that produced it and how it did on this corpus's labels."""
    lines = [filters.describe(ctx.view, ctx.actor_names, ctx.options), f"n = {n_docs:,} documents"]
    if extra:
        lines[-1] += f" · {extra}"
    if extra and TONE_MEASURE in extra:
        lines.append(model_note(ctx))
    return lines


def model_note(ctx: Context) -> str:
    """Which tone model produced the figures, and what this corpus's labels say of it."""
    in_use = data.model_in_use(ctx)
    note = f"Tone model: {in_use.name}"
    if in_use.name != "shipped":
        note += f" ({in_use.about})"
    summary = data.validation_report(ctx).summary()
    return note + (f" · {summary}" if summary else " · not yet validated on this corpus")


def footer(ctx: Context, n_docs: int) -> list[str]:
    corpus = f"{ctx.options['n_documents']:,} documents in {Path(ctx.store_file).name}"
    return provenance_lines(
        filters.describe(ctx.view, ctx.actor_names, ctx.options),
        n_docs,
        corpus,
        [model_note(ctx)],
    )


def chart(
    ctx: Context,
    name: str,
    key: str,
    n_docs: int,
    builder: Callable[..., charts.Parts],
    *args: Any,
    table: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    **kwargs: Any,
) -> None:
    """A chart from a dashboard.charts builder, with its PNG/SVG/CSV downloads (hidden in
    briefing view) and the provenance footer for `n_docs` documents in the current view."""
    show_chart(
        chart_spec(builder, *args, **kwargs),
        name,
        footer(ctx, n_docs),
        briefing=ctx.briefing,
        key=key,
        table=table,
    )


def require_rows(df: pd.DataFrame, what: str) -> bool:
    """An explanation instead of an empty chart when the view leaves nothing to show
    (`what` may name an actor or a source, so it is shown literally)."""
    if df is None or df.empty:
        st.info(
            f"No {literal(what)} in this view. Widen the filters in the sidebar (or press "
            "**Reset filters**), or load more documents on the **Corpus** page."
        )
        return False
    return True


# Every line ending CommonMark knows (a lone \r too: it would end the HTML block and let the
# rest render as Markdown) and the ones HTML renders (U+2028, U+2029) become <br>.
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
# Controls that reorder or hide text are shown as what they are, not obeyed.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown_control(match: re.Match[str]) -> str:
    return f'<span class="ctl">{visible(match.group())}</span>'


def highlight(text: str, marks: list[tuple[int, int, str]]) -> str:
    """HTML of `text` with marked spans (which may overlap); every character is escaped.

    Corpus text is untrusted: a document may contain <script>, Markdown or a right-to-left
    override. Everything that comes from the text goes through html.escape, invisible
    controls are shown as their escapes, and every line break becomes <br>, so the result
    is a single line of HTML that Markdown leaves alone. Offsets are untouched: marks index
    the text as given.
    """
    marks = [(max(0, a), min(len(text), b), css) for a, b, css in marks if a < b]
    bounds = sorted({0, len(text), *(a for a, _, _ in marks), *(b for _, b, _ in marks)})
    pieces: list[str] = []
    for lo, hi in itertools.pairwise(bounds):
        chunk = _HIDDEN.sub(_shown_control, html.escape(text[lo:hi]))
        classes = [css for a, b, css in marks if a <= lo and hi <= b]
        if classes:
            pieces.append(f'<mark class="{html.escape(" ".join(classes))}">{chunk}</mark>')
        else:
            pieces.append(chunk)
    body = _LINE_BREAK.sub("<br>", "".join(pieces))
    return f'<div class="sb-text">{body}</div>'


MARK_CSS = """
<style>
.sb-text { font-family: Georgia, serif; font-size: 1.02rem; line-height: 1.55; }
mark.quote { background: #e8f0f8; padding: 0 1px; }
mark.mention { background: #fdebd0; border-bottom: 2px solid #b9770e; padding: 0 1px; }
mark.mention-neg { background: #f5b7b1; border-bottom: 2px solid #b03a2e; padding: 0 1px; }
mark.mention-pos { background: #abebc6; border-bottom: 2px solid #229954; padding: 0 1px; }
mark.cue { background: #d6eaf8; font-weight: 600; padding: 0 1px; }
mark.residue { background: #eeeeee; color: #888; text-decoration: line-through; }
mark.mention-out { background: #eeeeee; color: #666; border-bottom: 2px dashed #999; }
mark.mention-speaks { background: #e8daef; border-bottom: 2px solid #7d3c98; padding: 0 1px; }
.sb-out { opacity: 0.6; }
.sb-text span.ctl { font-family: monospace; font-size: 0.8em; color: #b03a2e; }
</style>
"""


def inject_css() -> None:
    """Static styles for highlighted text (no corpus text inside)."""
    st.markdown(MARK_CSS, unsafe_allow_html=True)


def mention_class(sentiment: str, role: str = "target", resolution: str = "name") -> str:
    """The highlight of a mention: grey when it is left out (another entity, ambiguous),
    violet when the actor speaks or is in its own quote (not tone toward it), else its
    tone."""
    if resolution not in ("name", "context", "document"):
        return "mention-out"
    if role != "target":
        return "mention-speaks"
    return {"negative": "mention-neg", "positive": "mention-pos"}.get(sentiment, "mention")


RESOLUTIONS = {
    "name": "named",
    "context": "resolved by context",
    "document": "resolved by the document's usage",
    "other": "left out: another entity",
    "ambiguous": "left out: ambiguous",
}
ROLES = {"target": "written about", "speaker": "speaks", "own-quote": "in its own quote"}


def mention_note(ctx: Context, row: Any) -> str:
    """How a mention was read, for a caption (Markdown-escaped): its role, how it was
    resolved and why, and whose words it is in."""
    counted = row.resolution in ("name", "context", "document")
    role = ROLES.get(str(row.role), str(row.role)) if counted else ""
    parts = [role, RESOLUTIONS.get(str(row.resolution), "")]
    if isinstance(row.reason, str) and row.reason:
        parts[-1] += f" ({literal(row.reason)})"
    speaker = getattr(row, "speaker_actor", None)
    if isinstance(speaker, str) and speaker:
        parts.append(f"in the words of {literal(ctx.actor_names.get(speaker, speaker))}")
    rule = getattr(row, "rule", None)
    if counted and isinstance(rule, str) and rule:
        parts.append(f"rule: {literal(rule)}")
    confidence = getattr(row, "confidence", None)
    low = confidence is not None and confidence == confidence and confidence < LOW_CONFIDENCE
    if counted and low:
        parts.append(f"**low confidence** ({float(confidence):.2f})")
    return " · ".join(p for p in parts if p)
