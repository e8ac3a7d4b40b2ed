"""The shipped actor-sentiment model, read from its JSON file: the metric core does no file
I/O, so the model is loaded here, at the edge, and passed in."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from metrics.actor_sentiment import ENGINES, LinearModel, model_card, model_from_json
from sourcebias.paths import SENTIMENT_MODEL


@functools.cache
def _model_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def load_model(path: Path = SENTIMENT_MODEL) -> LinearModel:
    return model_from_json(_model_json(path))


def sentiment_model(engine: str) -> LinearModel | None:
    """The model an engine scores with: the shipped one, or None for the rules engine."""
    if engine not in ENGINES:
        raise ValueError(f"unknown sentiment engine '{engine}' (choose from {', '.join(ENGINES)})")
    return load_model() if engine == "model" else None


def model_info(path: Path = SENTIMENT_MODEL) -> dict[str, Any]:
    """What the shipped model says about itself: training data, CV figures, size."""
    return model_card(_model_json(path))
