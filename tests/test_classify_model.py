"""The event classifier: training, saving and loading, determinism, and the shipped model."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from flashpoint.classify.locations import load_model, shipped_model_dir
from flashpoint.classify.model import NONE, EventClassifier, normalise
from flashpoint.classify.training import Example, fit, held_out_scores, split
from flashpoint.ontology import load_ontology

# Invented sentences, a few per class: enough for a model to tell them apart.
SMALL = {
    "PROTEST": [
        "Hundreds of nurses marched to the health ministry demanding back pay.",
        "Farmers blocked the highway with tractors to protest the new grain tax.",
        "Students staged a sit-in outside the rector's office over tuition fees.",
        "Dock workers went on strike at the port, halting all container traffic.",
        "Residents rallied in the town square against the planned landfill.",
    ],
    "ASSAULT": [
        "Gunmen opened fire on a minibus, killing four passengers near the market.",
        "Militants ambushed an army patrol, killing two soldiers on the hill road.",
        "A roadside bomb struck a police pickup, wounding three officers.",
        "Warplanes bombed a fuel depot on the edge of the city overnight.",
        "Armed men burned a village and shot the headman dead.",
    ],
    NONE: [
        "The striker shot wide in the final minute and the cup went to the visitors.",
        "Heavy rain flooded the lower districts, and schools closed for two days.",
        "The central bank held interest rates at four percent on Thursday.",
        "A new bridge over the river opened to traffic after three years of work.",
        "The orchestra's winter season opens with two symphonies by local composers.",
    ],
}


def _examples() -> list[Example]:
    acled = {"PROTEST": "Peaceful protest", "ASSAULT": "Attack", NONE: NONE}
    return [
        Example(t, (("plover", label), ("acled", acled[label])))
        for label, texts in SMALL.items()
        for t in texts
    ]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_normalise_folds_case_spaces_and_digits():
    assert normalise("  Police  killed 12\nIN Gao ") == "police killed 00 in gao"


def test_a_model_saved_and_loaded_predicts_the_same_probabilities(tmp_path):
    model = fit(_examples(), calibrate=False)
    model.save(tmp_path / "m")
    again = EventClassifier.load(tmp_path / "m")
    texts = ["Riot police fired on marchers in the capital.", "The match ended in a draw."]
    a, b = model.predict_arrays(texts), again.predict_arrays(texts)
    for head in ("plover", "acled"):
        assert np.allclose(a[head], b[head], atol=2e-3)
        assert np.allclose(a[head].sum(axis=1), 1.0)


def test_training_twice_on_the_same_examples_gives_the_same_bytes(tmp_path):
    fit(_examples(), seed=3).save(tmp_path / "a")
    fit(_examples(), seed=3).save(tmp_path / "b")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_a_model_learns_the_classes_it_is_shown():
    model = fit(_examples(), calibrate=False)
    out = model.predict(
        [
            "Hundreds of teachers marched to the ministry demanding back pay.",
            "Gunmen opened fire on a patrol, killing two soldiers near the village.",
        ]
    )
    assert max(out[0]["plover"], key=out[0]["plover"].get) == "PROTEST"
    assert max(out[1]["plover"], key=out[1]["plover"].get) == "ASSAULT"


def test_two_class_heads_keep_both_classes():
    examples = [
        Example(t, (("acled", "Attack" if label == "ASSAULT" else "Peaceful protest"),))
        for label, texts in SMALL.items()
        if label != NONE
        for t in texts
    ]
    model = fit(examples, calibrate=False)
    assert set(model.heads) == {"acled"}
    probs = model.predict(["Villagers marched to the district office."])[0]["acled"]
    assert set(probs) == {"Attack", "Peaceful protest"}
    assert probs["Peaceful protest"] > probs["Attack"]


def test_held_out_scores_report_each_head():
    train, held = split(_examples(), share=0.2, seed=1)
    scores = held_out_scores(fit(train, calibrate=False), held)
    assert set(scores) == {"plover", "acled"}
    assert scores["plover"]["n"] == len(held)
    assert 0.0 <= scores["plover"]["macro_f1"] <= 1.0


def test_the_shipped_model_knows_every_plover_type_and_acled_sub_event():
    onto = load_ontology()
    model = load_model(None)
    assert set(model.heads["plover"].classes) == set(onto.types) | {NONE}
    subs = {s for t in onto.acled_types.values() for s in t}
    assert set(model.heads["acled"].classes) == subs | {NONE}
    for head in model.heads.values():
        assert 0.05 < head.temperature < 20


def test_the_shipped_model_is_small():
    size = sum(p.stat().st_size for p in shipped_model_dir().iterdir())
    assert size < 50 * 2**20


@pytest.mark.parametrize(
    "text, plover, acled",
    [
        (
            "A suicide bomber blew himself up at the gate of a police academy, killing nine recruits.",
            "ASSAULT",
            "Suicide bomb",
        ),
        (
            "Thousands of garment workers marched peacefully through the city demanding a higher minimum wage.",
            "PROTEST",
            "Peaceful protest",
        ),
        (
            "The home side's new striker scored twice as the visitors' attack faded in the second half.",
            NONE,
            NONE,
        ),
    ],
)
def test_the_shipped_model_reads_clear_invented_reports(text, plover, acled):
    probs = load_model(None).predict([text])[0]
    assert max(probs["plover"], key=probs["plover"].get) == plover
    assert max(probs["acled"], key=probs["acled"].get) == acled


def test_features_at_run_time_are_scikit_learns_exactly():
    """classify.ngrams applies a fitted vocabulary without importing scikit-learn; it must
    give the same TF-IDF vectors as the TfidfVectorizer that learned it."""
    from scipy.sparse import hstack

    from flashpoint.classify.model import FEATURE_SETTINGS, fitted_view, vectorizer

    texts = [t for texts in SMALL.values() for t in texts]
    fitted = {name: vectorizer(name) for name in FEATURE_SETTINGS}
    for vec in fitted.values():
        vec.fit(texts)
    model = EventClassifier({n: fitted_view(n, v) for n, v in fitted.items()}, {})
    probe = texts[:4] + ["Armed men   burned 12 huts in Djibo; 3 died.", "a", ""]
    expected = hstack([v.transform(probe) for v in fitted.values()], format="csr").toarray()
    got = np.zeros_like(expected)
    for i, (cols, vals) in enumerate(model.features(probe)):
        got[i, cols] = vals
    assert np.allclose(got, expected, atol=1e-6)


def test_an_examples_weight_decides_between_conflicting_labels():
    # the same wording labelled both ways: the heavier examples decide what it means
    text = "Crowds gathered near the station after the announcement."
    others = [Example(t, (("plover", label),)) for label, texts in SMALL.items() for t in texts]

    def top(weight_protest: float, weight_none: float) -> str:
        examples = others + [
            Example(text, (("plover", "PROTEST"),), weight=weight_protest),
            Example(text, (("plover", NONE),), weight=weight_none),
        ]
        probs = fit(examples, calibrate=False).predict([text])[0]["plover"]
        return max(probs, key=probs.get)

    assert top(8.0, 1.0) == "PROTEST"
    assert top(1.0, 8.0) == NONE
