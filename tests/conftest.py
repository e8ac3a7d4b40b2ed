from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.streamlit_compat import pin_explicit_navigation
from store import Store

# As in the served app: app.py's st.navigation routes every page, pages/ notwithstanding.
pin_explicit_navigation()

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def seed_text(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture
def fresh_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")
