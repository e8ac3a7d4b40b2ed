"""Where the bundled files and the default store are: shared by every stage."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_ACTORS = SEEDS_DIR / "actors.toml"
MENTION_SET = REPO_ROOT / "eval" / "mentions"
MENTION_RESULTS = MENTION_SET / "results.json"
TONE_SET = REPO_ROOT / "eval" / "tone"
# NewsMTSC training data (MIT, its LICENSE beside it): what the tone model is trained on
NEWSMTSC_TRAIN = REPO_ROOT / "eval" / "newsmtsc" / "train.jsonl"
ATTRIBUTION_SET = REPO_ROOT / "eval" / "attributions"
ATTRIBUTION_RESULTS = ATTRIBUTION_SET / "results.json"
TONE_RESULTS = TONE_SET / "results.json"
STORY_RESULTS = REPO_ROOT / "eval" / "stories" / "results.json"
SENTIMENT_MODEL = REPO_ROOT / "metrics" / "models" / "target_sentiment.json"


def default_data_dir() -> Path:
    """The store's folder: SOURCEBIAS_DATA, else ./data."""
    return Path(os.environ.get("SOURCEBIAS_DATA") or "data")
