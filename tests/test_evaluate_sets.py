"""Evaluation-only sets (ACLED, ConfliBERT CAMEO, IndiaPoliceEvents) and the F1 scorer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flashpoint.classify.metrics import classification_scores
from flashpoint.evaluate import run_evaluation
from flashpoint.evaluate.conflibert import predicted_class
from flashpoint.evaluate.india import predict_labels
from flashpoint.models import Actor, Event, Mention

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PERCENT = r"\d{1,3}\.\d%"
SCORE = r"[01]\.\d{3}"


def test_f1_hand_made_labels() -> None:
    gold = ["a", "a", "b", "b", "c"]
    pred = ["a", "b", "b", "none", "c"]
    s = classification_scores(gold, pred, ["a", "b", "c"])
    assert s["accuracy"] == pytest.approx(3 / 5)
    assert s["per_label"]["a"]["precision"] == pytest.approx(1.0)
    assert s["per_label"]["a"]["recall"] == pytest.approx(0.5)
    assert s["per_label"]["a"]["f1"] == pytest.approx(2 / 3)
    assert s["per_label"]["b"]["f1"] == pytest.approx(0.5)
    assert s["per_label"]["c"]["f1"] == pytest.approx(1.0)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 1.0) / 3)
    assert s["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 * 0.5 + 1.0) / 5)
    assert "none" not in s["per_label"]


def test_f1_skips_labels_absent_from_gold_and_predictions() -> None:
    s = classification_scores(["x", "x"], ["x", "y"], ["x", "y", "z"])
    assert set(s["per_label"]) == {"x", "y"}
    assert s["per_label"]["y"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((2 / 3) / 2)


def test_f1_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        classification_scores(["a"], [], ["a"])


def test_conflibert_class_mapping() -> None:
    assert predicted_class("AGREE") == "1"
    assert predicted_class("AID") == "2"
    assert predicted_class("ACCUSE") == "3"
    assert predicted_class("ASSAULT") == "4"
    assert predicted_class(None) == "0"


def _event(
    type_: str,
    mode: str | None = None,
    sector: str | None = None,
    trigger: str = "hit",
    fatalities: int | None = None,
) -> Event:
    actors = (Actor(text="police", name="police", sector=sector),) if sector else ()
    return Event(
        doc_id="d",
        event_id="e",
        type=type_,
        mode=mode,
        evidence=Mention("x", 0, 1),
        trigger=Mention(trigger, 0, len(trigger)),
        actors=actors,
        fatalities=fatalities,
    )


def test_india_rules() -> None:
    assert predict_labels([_event("ASSAULT", sector="COP", trigger="killed")]) == {"KILL", "FORCE"}
    assert predict_labels([_event("ASSAULT", sector="COP", fatalities=2)]) == {"KILL", "FORCE"}
    assert predict_labels([_event("ASSAULT", sector="CVL", trigger="killed")]) == set()
    assert predict_labels([_event("COERCE", mode="arrest")]) == {"ARREST"}
    assert predict_labels([_event("COERCE", mode="arrest", sector="REB")]) == set()
    assert predict_labels([_event("COERCE", mode="curfew", sector="COP")]) == set()


def _needs_shared(rel: str) -> None:
    if not (SHARED / rel).exists():
        pytest.skip(f"{SHARED / rel} not available")


def test_acled_small_run_prints_figures() -> None:
    _needs_shared("data/acled/acled_2020_world_dev.csv")
    text, _ = run_evaluation("acled", str(SHARED), limit=15)
    assert re.search(rf"event type accuracy {PERCENT} macro-F1 {SCORE}", text)
    assert re.search(rf"sub-event accuracy {PERCENT} macro-F1 {SCORE} weighted-F1 {SCORE}", text)
    assert re.search(rf"date exact {PERCENT}; fatalities exact {PERCENT}", text)
    assert "ACLED combined: 30 notes" in text


def test_conflibert_small_run_prints_figures() -> None:
    _needs_shared("data/conflibert_cameo/cameo_class_test.csv")
    text, _ = run_evaluation("conflibert", str(SHARED), limit=20)
    assert re.search(rf"20 sentences, accuracy {PERCENT}, macro-F1 {SCORE}", text)


def test_india_small_run_prints_figures() -> None:
    _needs_shared("data/indiapoliceevents/docs.jsonl")
    text, _ = run_evaluation("india", str(SHARED), limit=10)
    assert "first 10 documents" in text
    for q in ("KILL", "ARREST", "FORCE"):
        assert re.search(rf"{q} P {PERCENT} R {PERCENT} F1 {SCORE}", text)


def test_plover_actor_match_counts_country_and_sector_per_side() -> None:
    from flashpoint.evaluate.plover import _gold_side, _score_actors
    from flashpoint.ontology import load_ontology

    sectors = load_ontology().sectors
    gold = {
        "actors": _gold_side([{"code": "SRB", "sector": "GOVsrp"}, {"code": "IGO"}], sectors),
        "recipients": _gold_side([{"code": "USA", "sector": "MIL"}], sectors),
    }
    assert gold["actors"] == [("RS", "GOV"), (None, None)]
    ev = Event(
        doc_id="d",
        event_id="e",
        type="ASSAULT",
        mode=None,
        evidence=Mention("x", 0, 1),
        actors=(Actor(text="Serbia", name="Serbia", country="RS", sector="MIL"),),
        recipients=(Actor(text="US", name="US", country="US", sector="MIL"),),
    )
    tally = {f"{s}_{w}": [0, 0] for s in ("actors", "recipients") for w in ("country", "sector")}
    _score_actors(ev, gold, tally)
    assert tally == {
        "actors_country": [1, 1],
        "actors_sector": [0, 1],
        "recipients_country": [1, 1],
        "recipients_sector": [1, 1],
    }
    _score_actors(None, gold, tally)  # nothing coded: every gold actor is a miss
    assert tally["actors_country"] == [1, 2] and tally["recipients_sector"] == [1, 2]


def test_published_comparison_rows_name_figures_we_record(tmp_path: Path) -> None:
    from flashpoint.evaluate.published import published_markdown, record_figures
    from flashpoint.ontology import load_data_yaml

    rows = load_data_yaml("published.yaml")["comparisons"]
    assert rows and all({"measure", "system", "published", "source", "note"} <= set(r) for r in rows)
    scores = {"accuracy": 0.5, "macro_f1": 0.25, "weighted_f1": 0.75, "per_label": {}}
    acled = {
        "combined": {
            "type": scores,
            "sub": scores,
            "date": 0.9,
            "fatalities": 0.8,
            "country": 0.7,
            "place": 0.6,
        }
    }
    geo = {
        "acled": {"within_25km": 0.61, "right_country": 0.9},
        "event_location": {"by_split": {"held-out (1/5)": {"f1": 0.55}}},
    }
    path = tmp_path / "figures.json"
    record_figures(path, "acled", acled)
    figures = record_figures(path, "geo", geo)
    recorded = {f"{s}.{k}" for s, kv in figures.items() for k in kv}
    for row in rows:
        assert set(row.get("ours") or []) <= recorded, row["measure"]
    md = published_markdown(figures)
    assert "| 0.839 | 0.750 |" in md  # CASE 2021 beside our sub-event weighted F1
    assert "ACLED event within 25 km 61.0%" in md and "not yet measured" not in md
