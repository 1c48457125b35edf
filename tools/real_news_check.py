"""Score event coders on the real news fifth that no model was trained on.

    .venv/bin/python tools/train_event_model.py --hold-out      # model "realnews-check"
    .venv/bin/python tools/real_news_check.py rules corpus-only fourwave-check realnews-check [--write]
    .venv/bin/python tools/train_event_model.py --tuning-fold   # model "realnews-fold1"
    .venv/bin/python tools/real_news_check.py realnews-fold1 --fold 1 --errors

Each held-out sentence of data/training/real_news (tools/real_news.py: a fifth chosen by
a hash of its id) goes through the whole pipeline as one undated document; its primary
event (as `flashpoint evaluate acled` picks it) is compared with the project's label.
Coders are `rules` (the parse-based rules alone), `shipped`, or the name of a user
model (for example a copy of an earlier shipped model). With --write the table goes to
docs/accuracy.md. The sentences are news from the MIT-licensed event_location and
HRDsAttack training sets; the labels are ours.

--errors breaks each coder's misses down (missed, another ACLED type, another sub-event of
the right type; the commonest confusions; no-event sentences coded, by the labellers'
kind of non-event). Run it on fold 1, the tuning fold, with a model that did not train
on it: what it shows may steer new corpus passages, which fold 0 must never do.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_news  # noqa: E402

SECTION = "realnews"


def primary_answer(events: list) -> tuple[str, str]:
    """(PLOVER type, ACLED sub-event type) of the primary event of ``events``, NONE if none."""
    from flashpoint.evaluate.geo import primary_event

    first = primary_event(events)
    return (first.type if first else None) or "NONE", (
        first.acled_sub_event_type if first else None
    ) or "NONE"


def coded_events(
    model: str, texts: dict[str, str], settings: dict | None = None, explain: bool = False
) -> dict[str, list]:
    """Each text's events, coded as one undated document by ``model`` (``rules`` for the
    rules alone), with ``settings`` (by stage name, as Pipeline's config) on top."""
    from flashpoint.models import Document
    from flashpoint.pipeline import DEFAULT_STAGES, RULES_ONLY, Pipeline
    from flashpoint.report import RunReport

    rules = model == "rules"
    config = {**({} if rules else {"classify": {"model": model}}), **(settings or {})}
    pipe = Pipeline(RULES_ONLY if rules else DEFAULT_STAGES, config=config)
    docs = [Document(id=key, text=text) for key, text in texts.items()]
    return {d.id: evs for d, evs in pipe.run(docs, RunReport(), explain=explain)}


def rule_ids(events: list) -> list[str]:
    """The data-file entries (Decision.rule) behind the steps of ``events``' traces."""
    return [step.rule for event in events for step in event.extra.get("explain") or () if step.rule]


def code(model: str, texts: list[str]) -> list[tuple[str, str]]:
    """primary_answer of each text, coded as one undated document."""
    coded = coded_events(model, {f"r{i}": t for i, t in enumerate(texts)})
    return [primary_answer(coded.get(f"r{i}", [])) for i in range(len(texts))]


def acled_type_of() -> dict[str, str]:
    """Each ACLED sub-event type's event type (data/ontology.yaml)."""
    from flashpoint.ontology import load_ontology

    return {s: t for t, subs in load_ontology().acled_types.items() for s in subs}


def figures(rows: list[dict], answers: list[tuple[str, str]]) -> dict[str, float]:
    from flashpoint.classify.metrics import classification_scores

    type_of = acled_type_of()
    subs = sorted(type_of)
    events = [i for i, r in enumerate(rows) if r.get("acled_sub")]
    gold_sub = [rows[i]["acled_sub"] for i in events]
    pred_sub = [answers[i][1] for i in events]
    sub = classification_scores(gold_sub, pred_sub, subs)
    kind = classification_scores(
        [type_of[g] for g in gold_sub],
        [type_of.get(p, "NONE") for p in pred_sub],
        sorted(set(type_of.values())),
    )
    nothing = [i for i, r in enumerate(rows) if not r.get("plover")]
    plover = sum((rows[i].get("plover") or "NONE") == answers[i][0] for i in range(len(rows)))
    return {
        "n": len(rows),
        "events": len(events),
        "negatives": len(nothing),
        "sub_weighted_f1": sub["weighted_f1"],
        "sub_accuracy": sub["accuracy"],
        "type_macro_f1": kind["macro_f1"],
        "plover_accuracy": plover / len(rows),
        "negatives_coded": sum(answers[i][0] != "NONE" for i in nothing) / max(1, len(nothing)),
    }


def errors(rows: list[dict], answers: list[tuple[str, str]], top: int = 8) -> list[str]:
    """Where a coder's answers go wrong, as lines of text (see --errors)."""
    type_of = acled_type_of()
    kinds: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for row, (_, sub) in zip(rows, answers):
        gold = row.get("acled_sub")
        if not gold:
            continue
        if sub == gold:
            kinds["right"] += 1
        elif sub == "NONE":
            kinds["missed"] += 1
        else:
            kinds[
                "another sub-event, same type" if type_of.get(sub) == type_of[gold] else "another type"
            ] += 1
            confusions[(gold, sub)] += 1
    events = sum(kinds.values())
    lines = [f"{events} sentences with an ACLED sub-event:"]
    lines += [f"  {k}: {n} ({n / max(1, events):.1%})" for k, n in kinds.most_common()]
    lines.append("commonest confusions (gold -> coded):")
    lines += [f"  {g} -> {p}: {n}" for (g, p), n in confusions.most_common(top)]
    nothing = [(row, sub) for row, (_, sub) in zip(rows, answers) if not row.get("plover")]
    coded = Counter(row.get("negative") or "unstated" for row, sub in nothing if sub != "NONE")
    lines.append(
        f"{len(nothing)} no-event sentences, {sum(coded.values())} coded with an ACLED event, by kind:"
    )
    lines += [f"  {k}: {n}" for k, n in coded.most_common()]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("coders", nargs="+", help="rules, shipped, or a user model's name")
    ap.add_argument("--write", action="store_true", help="write the table into docs/accuracy.md")
    ap.add_argument(
        "--fold", type=int, default=0, choices=range(5), help="which fifth to score (0, the measurement fold)"
    )
    ap.add_argument("--errors", action="store_true", help="break each coder's misses down")
    args = ap.parse_args()
    if not real_news.shared_available():
        print(f"{real_news.SHARED} not found: the sentences' text is needed", file=sys.stderr)
        return 2
    rows, problems = real_news.labelled_rows()
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.write and args.fold != 0:
        ap.error("--write records the measurement fold only (--fold 0)")
    rows = [r for r in rows if real_news.fold(r["id"]) == args.fold]
    sources = Counter(r["source"] for r in rows)
    lines = [
        "| coder | sentences | ACLED sub-event weighted F1 | sub-event accuracy | 6-type macro-F1 "
        "| PLOVER type of the primary event | no-event sentences coded |",
        "|---|---|---|---|---|---|---|",
    ]
    for coder in args.coders:
        answers = code(coder, [r["text"] for r in rows])
        f = figures(rows, answers)
        line = (
            f"| {coder} | {f['n']} ({f['events']} ACLED events) | {f['sub_weighted_f1']:.3f} | "
            f"{f['sub_accuracy']:.3f} | {f['type_macro_f1']:.3f} | {f['plover_accuracy']:.3f} | "
            f"{f['negatives_coded']:.1%} of {f['negatives']} |"
        )
        print(line, flush=True)
        lines.append(line)
        if args.errors:
            print("\n".join(errors(rows, answers)), flush=True)
    if args.write:
        from flashpoint.evaluate.docs import replace_section

        body = "\n".join(
            [
                "## Real news the model never saw: the project's labelled sentences (issue 16)",
                "",
                "A fifth of the real news sentences labelled for this project (data/training/real_news: "
                "our labels over sentences of the MIT-licensed event_location and HRDsAttack training "
                f"sets; here {', '.join(f'{n} from {s}' for s, n in sorted(sources.items()))}), chosen by a "
                "hash of the id and kept out of every model trained for this table. Each sentence is one "
                "undated document; its primary event is compared with our label. ACLED figures count "
                "only sentences labelled with an ACLED sub-event (a missed event counts as wrong). "
                "Measured with `tools/real_news_check.py`. `rules` is the parse-based rules alone, "
                "`corpus-only` a copy of the model shipped before the real news labels (the four-wave "
                "corpus alone), `fourwave-check` the `--hold-out` twin of the model shipped before the "
                "fifth and sixth corpus waves and the second round of labels, `realnews-check` what "
                "`tools/train_event_model.py --hold-out` fits (the shipped model's training minus this "
                "fifth); every model runs with the thresholds of "
                "data/classifier.yaml. The labels come from the same labellers and guide as the training "
                "fifths, so this measures news the model never saw, not a coder it never met.",
                "",
                *lines,
            ]
        )
        replace_section(real_news.ROOT / "docs" / "accuracy.md", SECTION, body, "Accuracy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
