"""The shipped actor-sentiment model, read from its JSON file: the metric core does no file
I/O, so the model is loaded here, at the edge, and passed in."""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from metrics.actor_sentiment import ENGINES, LinearModel, model_card, model_from_json
from metrics.embedding import TokenEmbeddings
from sourcebias.paths import SENTIMENT_MODEL


@functools.cache
def _model_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def token_embeddings(package: str, weights: str, tokenizer: str) -> TokenEmbeddings:
    """A subword embedding table and its tokenizer, read from an installed package's files
    (the model file names them; `wordllama`'s wheel ships them, MIT): nothing downloaded."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = resources.files(package)
    with resources.as_file(root.joinpath(weights)) as path:
        tensors = load_file(str(path))
    table = next(iter(tensors.values())).astype(np.float32)
    with resources.as_file(root.joinpath(tokenizer)) as path:
        tok = Tokenizer.from_file(str(path))

    def encode(text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = tok.encode(text, add_special_tokens=False)
        return enc.ids, enc.offsets

    return TokenEmbeddings(table, encode)


@functools.cache
def load_model(path: Path = SENTIMENT_MODEL, rules: bool = True) -> LinearModel:
    data = _model_json(path)
    source = data.get("embeddings")
    embeddings = (
        token_embeddings(source["package"], source["weights"], source["tokenizer"])
        if source
        else None
    )
    return model_from_json(data, rules=rules, embeddings=embeddings)


def sentiment_model(engine: str) -> LinearModel | None:
    """The model an engine scores with: the shipped one, or None for the rules engine."""
    if engine not in ENGINES:
        raise ValueError(f"unknown sentiment engine '{engine}' (choose from {', '.join(ENGINES)})")
    return load_model() if engine == "model" else None


def model_info(path: Path = SENTIMENT_MODEL) -> dict[str, Any]:
    """What the shipped model says about itself: training data, CV figures, size."""
    return model_card(_model_json(path))
