"""Shared fixtures: where the repository, the corpus and the optional ../shared material are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the checkout; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (real published documents) is not available")
    return SHARED
