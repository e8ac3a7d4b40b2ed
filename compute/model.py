"""The shipped actor-sentiment model, read from its JSON file: the metric core does no file
I/O, so the model is loaded here, at the edge, and passed in."""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from metrics.actor_sentiment import ENGINES, LinearModel, model_card, model_from_json
from metrics.embedding import TokenEmbeddings
from sourcebias.paths import SENTIMENT_MODEL
from store import Store


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


# An engine "model:<path>" scores with a model adapted to a corpus (see compute.training),
# kept in the store's folder; "model" is the shipped one.
ADAPTED = "model:"
MODELS_DIR = "models"
ACTIVE_MODEL = "tone_model"  # the store's meta key naming the adapted model in use


def sentiment_model(engine: str) -> LinearModel | None:
    """The model an engine scores with: the shipped one, an adapted one, or None for the
    rules engine."""
    if engine.startswith(ADAPTED):
        return load_model(Path(engine[len(ADAPTED) :]))
    if engine not in ENGINES:
        raise ValueError(f"unknown sentiment engine '{engine}' (choose from {', '.join(ENGINES)})")
    return load_model() if engine == "model" else None


def engine_id(engine: str) -> str:
    """The engine as stored results name it: an adapted model by its file's content hash,
    so the same model read from a moved folder keeps its results, and a changed one not."""
    if engine.startswith(ADAPTED):
        path = Path(engine[len(ADAPTED) :])
        return ADAPTED + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return engine


def active_engine(store: Store, engine: str = "model") -> str:
    """The engine to compute with: for "model", the adapted model the store has selected
    (if its file is there), else the shipped one."""
    if engine != "model":
        return engine
    name = store.get_meta(ACTIVE_MODEL)
    if not name:
        return engine
    path = store.data_dir / MODELS_DIR / Path(name).name
    return f"{ADAPTED}{path.resolve()}" if path.is_file() else engine


def model_info(path: Path = SENTIMENT_MODEL) -> dict[str, Any]:
    """What the shipped model says about itself: training data, CV figures, size."""
    return model_card(_model_json(path))
