from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.clean import clean
from metrics.readability import FORMULAS, readability
from tests.conftest import REPO, seed_text

SHORT = "The Taliban advanced. Kabul fell."


@pytest.mark.parametrize(
    "text, n_words, fre",
    [
        ("", 0, None),
        ("   \n ", 0, None),
        (SHORT, 5, None),
        (clean(seed_text("000")).clean_text, 782, pytest.approx(34.35, abs=0.05)),
    ],
    ids=["empty", "whitespace", "short", "seed-000"],
)
def test_readability_table(text: str, n_words: int, fre: float | None) -> None:
    result = readability(text)
    assert result.n_words == n_words
    assert result.flesch_reading_ease == fre
    if fre is None:
        assert "too little text" in result.missing["flesch_reading_ease"]


def test_residue_does_not_count() -> None:
    raw = seed_text("004")
    assert readability(clean(raw).clean_text).n_words < readability(raw).n_words


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_readability_never_raises_and_is_deterministic(text: str) -> None:
    first = readability(text)
    assert first == readability(text)
    for name in FORMULAS:
        value = first.score(name)
        assert value is None or value == value
        assert (value is None) == (name in first.missing)


OFFLINE = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network unreachable (test)")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    import nltk
    nltk.download = lambda *a, **k: (_ for _ in ()).throw(OSError("tried to download " + str(a)))
    from metrics.readability import readability
    text = " ".join(["The regime collapsed as militants advanced on the capital."] * 20)
    r = readability(text)
    print(round(r.flesch_reading_ease, 2))
    """
)


def test_textstat_works_with_the_network_unreachable(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk")}
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.strip()) > 0


def test_readability_does_not_load_nltk() -> None:
    code = (
        "import sys, metrics.readability as r; r.readability('The Taliban said so. ' * 60); "
        "print(sorted(m for m in ('nltk', 'scipy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
