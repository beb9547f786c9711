"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared. Skips with a reason where it is absent, fails in CI (never skip there)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: these tests read the real seeds and corpora from ../shared"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full spacecoop spaCy pipeline, loaded once."""
    from spacecoop.pipeline import load
    from spacecoop.settings import Settings

    return load(Settings())


@pytest.fixture()
def tmp_db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")
