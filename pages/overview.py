"""Overview: what the corpus holds, partisan vs wire."""

from __future__ import annotations

import streamlit as st

from dashboard import data

st.title("Partisan vs wire: overview")
s = data.store()
docs = data.documents(str(s.data_dir), data.store_version(s))
if docs.empty:
    st.info("The store is empty. Load a corpus with `sourcebias ingest PATH`.")
    st.stop()
counts = docs.groupby(["source_type", "source"]).size().rename("documents").reset_index()
st.caption(f"{len(docs)} documents in {s.path}")
st.dataframe(counts, hide_index=True)
