from __future__ import annotations

import pytest

from compute.model import load_model, model_info, sentiment_model


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sentiment engine"):
        sentiment_model("bert")


def test_rules_engine_has_no_model_and_the_model_engine_the_shipped_one() -> None:
    assert sentiment_model("rules") is None
    assert sentiment_model("model") is load_model()


def test_shipped_model_meets_the_accuracy_target() -> None:
    info = model_info()
    assert info["cv_macro_f1"] >= 0.60
    assert "GroupKFold" in info["cv"]
    assert "weights" not in info and "features" not in info
