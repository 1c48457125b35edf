"""Choose how the classifier and the rules share the event class, on the project's own
corpus only (never on an evaluation set).

    .venv/bin/python tools/tune_event_policy.py [--grid] [--real-news | --hold-register note]

A model is fitted on four fifths of data/training/corpus (the same split the training
figures use) and saved as a throwaway user model; the last fifth then goes through the
whole pipeline, each passage as one undated document. For each setting of
data/classifier.yaml's thresholds it prints how often the document's primary event
(as `flashpoint evaluate acled` picks it) has the gold PLOVER type and ACLED sub-event
type, and how many no-event passages produce an event.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "training" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", action="store_true", help="try a grid of thresholds, not only the shipped ones")
    ap.add_argument(
        "--real-news",
        action="store_true",
        help="tune on a fifth of the labelled real news sentences (fold 1, never the "
        "measurement fold 0), with a model fitted on the corpus and the other "
        "real news folds but 0",
    )
    ap.add_argument(
        "--hold-register",
        metavar="REGISTER",
        help="train on the other registers and test on this one (e.g. note): a shift of "
        "style like the one between the corpus and unseen news",
    )
    args = ap.parse_args()
    os.environ["FLASHPOINT_HOME"] = tempfile.mkdtemp(prefix="fp-tune-")
    from flashpoint.classify.decide import load_policy
    from flashpoint.classify.locations import user_model_dir
    from flashpoint.classify.training import fit, read_examples, split
    from flashpoint.evaluate.geo import primary_event
    from flashpoint.models import Document
    from flashpoint.pipeline import Pipeline
    from flashpoint.report import RunReport

    examples = read_examples(sorted(CORPUS.glob("*.jsonl")), RunReport())
    if args.real_news:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import real_news

        pairs, _ = real_news.examples_by_fold()
        train = examples + [e for e, fold in pairs if fold > 1]
        held = [e for e, fold in pairs if fold == 1]
    elif args.hold_register:
        registers = _registers()
        train = [e for e in examples if registers.get(e.text) != args.hold_register]
        held = [e for e in examples if registers.get(e.text) == args.hold_register]
        held = held[:: max(1, len(held) // 1500)]
    else:
        train, held = split(examples, seed=0)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_event_model import rules_acled

    from flashpoint.classify.rule_confusion import RuleConfusion

    model = fit(train, seed=0)
    model.rule_confusion = RuleConfusion.count(zip(rules_acled(train), (e.label("acled") for e in train)))
    model.save(user_model_dir("tune"))
    # no publication date: the passages are set in many years, and a date would make
    # the modality stage drop every event more than a year older than it
    docs = [Document(id=f"h{i}", text=e.text) for i, e in enumerate(held)]
    pipe = Pipeline(config={"classify": {"model": "tune"}})
    rules = Pipeline(tuple(s for s in pipe.stage_names if s != "classify"))
    base = load_policy()
    settings = [base]
    if args.grid:
        # one threshold at a time around the shipped setting, then together
        settings += [replace(base, veto=v) for v in (0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)]
        settings += [replace(base, new_event=n) for n in (0.5, 0.75, 0.8, 0.85, 1.01)]
        settings += [replace(base, new_event_acled=n) for n in (0.6, 0.7, 0.8, 0.9, 1.01)]
        settings += [replace(base, retype_from=0.05, retype_to=0.6), replace(base, retype_to=1.01)]
    print("setting | PLOVER primary right | ACLED sub right | events on no-event passages")
    _score("rules alone", rules, docs, held, primary_event)
    classify = next(s for s in pipe.stages if s.stage_name == "classify")
    confusion = classify.classes.rule_confusion
    for policy in settings:
        for stage in pipe.stages:
            if hasattr(stage, "policy"):
                stage.policy = policy
        label = f"veto {policy.veto} new {policy.new_event}/{policy.new_event_acled} retype {policy.retype_from}->{policy.retype_to}"
        classify.classes.rule_confusion = confusion
        _score(f"{label}, rules weighed by their confusion", pipe, docs, held, primary_event)
        if not args.grid:
            classify.classes.rule_confusion = None
            _score(f"{label}, rules' answer counted {policy.rule_boost}x", pipe, docs, held, primary_event)
    return 0


def _registers() -> dict[str, str]:
    import json

    out = {}
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out[r["text"].strip()] = r.get("register")
    return out


def _score(label, pipe, docs, held, primary_event) -> None:
    from flashpoint.report import RunReport

    coded = {d.id: evs for d, evs in pipe.run(docs, RunReport())}
    plover = acled = false_events = negatives = 0
    for doc, ex in zip(docs, held):
        first = primary_event(coded.get(doc.id, []))
        gold_p, gold_a = ex.label("plover"), ex.label("acled")
        if gold_p == "NONE":
            negatives += 1
            false_events += bool(coded.get(doc.id))
        plover += (first.type if first else "NONE") == gold_p
        acled += ((first.acled_sub_event_type if first else None) or "NONE") == gold_a
    n = len(docs)
    print(f"{label} | {plover / n:.3f} | {acled / n:.3f} | {false_events}/{negatives}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
