"""Which ACLED mapping rules still change what the combined coder decides (issue 16: fewer rules).

    .venv/bin/python tools/train_event_model.py --tuning-fold   # model "realnews-fold1"
    .venv/bin/python tools/acled_rule_ablation.py realnews-fold1 --fold 1

The real news fifth K (tools/real_news.py) is coded once with explain on, whose steps name
the acled_mapping rule of data/ontology.yaml behind each event's rules' answer (the
Decision's ``rule``, "ontology.yaml acled_mapping ASSAULT[3]"). Then each rule
that answered for some sentence is left out in turn and only those sentences are coded
again: the primary event's ACLED sub-event is compared with our label, as
tools/real_news_check.py does. A rule whose absence changes no answer is one the
classifier overrules or repeats there. Use the tuning fold (1) with a model that did not
train on it, never the measurement fold, to decide. Whatever the figures say, the rules
that carry a PLOVER mode to its ACLED sub-event are the ontology's mapping as well: the
rules-only coder and a user's ACLED-only model lean on them.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_news  # noqa: E402
import real_news_check  # noqa: E402

RULE = re.compile(r"^ontology\.yaml acled_mapping (\w+)\[(\d+)\]$")


def rules_used(events: list) -> set[tuple[str, int]]:
    """(PLOVER type, index) of the acled_mapping rules that gave the rules' answers."""
    found = (RULE.match(rule) for rule in real_news_check.rule_ids(events))
    return {(m.group(1), int(m.group(2))) for m in found if m}


def without(ontology, type_: str, index: int):
    rules = {
        t: [r for i, r in enumerate(rs) if (t, i) != (type_, index)] for t, rs in ontology.acled_rules.items()
    }
    return dataclasses.replace(ontology, acled_rules=rules)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", help="a user model's name (one that did not train on the fold)")
    ap.add_argument("--fold", type=int, default=1, choices=range(5), help="which fifth (default 1, tuning)")
    args = ap.parse_args()
    if not real_news.shared_available():
        print(f"{real_news.SHARED} not found: the sentences' text is needed", file=sys.stderr)
        return 1
    from flashpoint.ontology import load_ontology

    rows, _ = real_news.labelled_rows()
    rows = [r for r in rows if real_news.fold(r["id"]) == args.fold]
    texts = {f"r{i}": r["text"] for i, r in enumerate(rows)}
    base = real_news_check.coded_events(args.model, texts, explain=True)
    answers = {key: real_news_check.primary_answer(base.get(key, [])) for key in texts}
    users: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key, events in base.items():
        for rule in rules_used(events):
            users[rule].append(key)
    gold = {f"r{i}": r.get("acled_sub") for i, r in enumerate(rows)}

    def right(ans: dict[str, tuple[str, str]], keys) -> int:
        return sum(1 for k in keys if gold[k] and ans[k][1] == gold[k])

    f = real_news_check.figures(rows, [answers[k] for k in texts])
    print(f"fold {args.fold}: {f['n']} sentences, ACLED sub-event weighted F1 {f['sub_weighted_f1']:.3f}")
    print("| rule | gives | sentences it answered for | answers changed without it | right answers, change |")
    print("|---|---|---|---|---|")
    onto = load_ontology()
    for type_, rules in onto.acled_rules.items():
        for i, rule in enumerate(rules):
            keys = users.get((type_, i), [])
            changed, delta = 0, 0
            if keys:
                settings = {"ontology": {"ontology": without(onto, type_, i)}}
                again = real_news_check.coded_events(args.model, {k: texts[k] for k in keys}, settings)
                new = {k: real_news_check.primary_answer(again.get(k, [])) for k in keys}
                changed = sum(new[k] != answers[k] for k in keys)
                delta = right(new, keys) - right(answers, keys)
            print(
                f"| {type_} {i + 1} | {' / '.join(rule['acled'])} | {len(keys)} | {changed} | {delta:+d} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
