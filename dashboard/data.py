"""Data access for the pages: the store location, the seeds default, cached reads.

Caching lives here, at the UI edge, keyed on plain values (the store path and its
modification time), never on objects.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from corpus.seeds import ensure_seeds
from corpus.store import Store, default_data_dir


def data_dir() -> Path:
    return default_data_dir().resolve()


def actors_path() -> Path | None:
    value = os.environ.get("SOURCEBIAS_ACTORS")
    return Path(value) if value else None


@st.cache_resource(show_spinner="Loading the bundled corpus…")
def _ensure_default_corpus(path: str) -> bool:
    return ensure_seeds(Store(path), actors_path()) is not None


def store() -> Store:
    """The store, with the bundled seeds ingested if it is missing or stale."""
    s = Store(data_dir())
    _ensure_default_corpus(str(s.data_dir))
    return s


def store_version(s: Store) -> float:
    """Changes whenever the store file is written: part of every cache key."""
    return s.path.stat().st_mtime if s.exists else 0.0


@st.cache_data(show_spinner=False)
def documents(path: str, version: float) -> pd.DataFrame:
    cols = ("id", "origin", "source", "source_type", "date", "title", "author", "n_chars")
    return Store(path).documents(cols)
