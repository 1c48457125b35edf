"""Which trigger words still change what the combined coder decides (issue 16: fewer rules).

    for k in 1 2 3 4; do .venv/bin/python tools/train_event_model.py --tuning-fold $k --no-check; done
    .venv/bin/python tools/trigger_ablation.py --folds 1 2 3 4 [--min-fired 5] [--out FILE]

Each real news fifth K (tools/real_news.py) is coded once with explain on, by the user
model "realnews-foldK", which did not train on it; the explain trace names the trigger
lexicon entry (data/lexicons/triggers.yaml, "triggers.yaml verbs[12]") behind each event. Then each lemma that fired
is left out of the lexicon in turn (all its verb or noun entries) and only the sentences
it fired in are coded again. The primary event's PLOVER type (or none) and ACLED sub-event
(or none) are compared with our labels, as tools/real_news_check.py does. A lemma whose
absence loses no right answer on any fold is one the classifier repeats (it adds the
event itself where it is sure) or overrules: a candidate for removal. Fold 0, the
measurement fifth, is never read here.

The table goes to stdout (and to --out as tab-separated rows): lemma, part of speech,
sentences it fired in, answers changed without it, events fewer in those sentences (a
trigger also anchors second events, their actors and counts, which the primary answer does
not show), and the change in right PLOVER and
right ACLED answers, each split between the sentences our labellers gave an event (where
a loss means the lemma finds or types events the classifier misses) and the rest (where a
gain means it codes events that are not there: background, old events, plans).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_news  # noqa: E402
import real_news_check  # noqa: E402

ENTRY = re.compile(r"^triggers\.yaml (verb|noun)s\[\d+\]$")


def lemmas_fired(events: list) -> set[tuple[str, str]]:
    """(part of speech, lemma) of the trigger entries behind ``events``."""
    found = ((rule, ENTRY.match(rule)) for rule in real_news_check.rule_ids(events))
    return {(m.group(1), entry_lemmas()[rule.split(" ", 1)[1]]) for rule, m in found if m}


@lru_cache(maxsize=1)
def entry_lemmas() -> dict[str, str]:
    """Each trigger entry's place in triggers.yaml ("verbs[12]") -> its lemma."""
    from flashpoint.extraction.lexicon import load_triggers

    lexicon = load_triggers()
    return {e.where: e.lemma for group in (lexicon.verbs, lexicon.nouns) for es in group.values() for e in es}


def without(lexicon, pos: str, lemma: str):
    """The lexicon with every entry of that lemma and part of speech left out."""
    field = "verbs" if pos == "verb" else "nouns"
    kept = {k: v for k, v in getattr(lexicon, field).items() if k != lemma}
    return dataclasses.replace(lexicon, **{field: kept})


def ablate_fold(fold: int, rows: list[dict]) -> dict[tuple[str, str], list[int]]:
    """Per lemma: [sentences fired in, answers changed, events fewer, then the change in
    right PLOVER and right ACLED answers, each on the sentences our labellers gave an event
    and on the rest]."""
    from flashpoint.extraction.lexicon import load_triggers

    model = f"realnews-fold{fold}"
    texts = {f"r{i}": r["text"] for i, r in enumerate(rows)}
    base = real_news_check.coded_events(model, texts, explain=True)
    answers = {k: real_news_check.primary_answer(base.get(k, [])) for k in texts}
    users: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, events in base.items():
        for lemma in lemmas_fired(events):
            users[lemma].append(key)
    gold = {
        f"r{i}": ((r.get("plover") or "NONE"), (r.get("acled_sub") or "NONE")) for i, r in enumerate(rows)
    }

    def gain(new: dict[str, tuple[str, str]], keys: list[str], part: int, events: bool) -> int:
        """Right answers without the lemma less right answers with it."""
        keys = [k for k in keys if (gold[k][0] != "NONE") == events]
        return sum((new[k][part] == gold[k][part]) - (answers[k][part] == gold[k][part]) for k in keys)

    lexicon = load_triggers()
    out = {}
    for lemma, keys in sorted(users.items()):
        settings = {"triggers": {"lexicon": without(lexicon, *lemma)}}
        again = real_news_check.coded_events(model, {k: texts[k] for k in keys}, settings)
        new = {k: real_news_check.primary_answer(again.get(k, [])) for k in keys}
        fewer = sum(len(base.get(k, [])) - len(again.get(k, [])) for k in keys)
        out[lemma] = [len(keys), sum(new[k] != answers[k] for k in keys), fewer] + [
            gain(new, keys, part, events) for part in (0, 1) for events in (True, False)
        ]
        print(f"fold {fold}: {lemma[1]} ({lemma[0]}) {out[lemma]}", file=sys.stderr, flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, nargs="+", default=[1], choices=range(1, 5), help="fifths to score")
    ap.add_argument("--min-fired", type=int, default=1, help="list lemmas that fired in this many sentences")
    ap.add_argument("--out", type=Path, help="also write the rows here, tab-separated")
    args = ap.parse_args()
    if not real_news.shared_available():
        print(f"{real_news.SHARED} not found: the sentences' text is needed", file=sys.stderr)
        return 1
    rows, _ = real_news.labelled_rows()
    total: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 7)
    for fold in args.folds:
        for lemma, figures in ablate_fold(fold, [r for r in rows if real_news.fold(r["id"]) == fold]).items():
            total[lemma] = [a + b for a, b in zip(total[lemma], figures)]
    lines = [
        (lemma, pos, *figures)
        for (pos, lemma), figures in sorted(total.items(), key=lambda kv: (-kv[1][0], kv[0]))
        if figures[0] >= args.min_fired
    ]
    print(f"folds {args.folds}: {len(total)} lemmas fired")
    print(
        "| lemma | part of speech | sentences it fired in | answers changed without it | events fewer | "
        "right PLOVER, change (event sentences / no-event) | right ACLED, change (event sentences / no-event) |"
    )
    print("|---|---|---|---|---|---|---|")
    for lemma, pos, n, changed, fewer, p_event, p_none, a_event, a_none in lines:
        print(
            f"| {lemma} | {pos} | {n} | {changed} | {fewer} | {p_event:+d} / {p_none:+d} | "
            f"{a_event:+d} / {a_none:+d} |"
        )
    if args.out:
        args.out.write_text("".join("\t".join(map(str, line)) + "\n" for line in lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
