"""What the explain trace costs: CPU seconds to code the same articles with explain off and
on, in one process, after the pipeline has loaded (start-up is left out so the stages'
own cost shows). Run it under another checkout's src to time the code before the trace:

    PYTHONPATH=src python tools/time_explain.py --articles 60 --rounds 3
    PYTHONPATH=../main/src python tools/time_explain.py --articles 60 --rounds 3 --off-only

Prints one JSON line per configuration: the fastest round's CPU seconds and words/s.
"""

from __future__ import annotations

import argparse
import inspect
import json
import time
from pathlib import Path

from flashpoint.evaluate.bench_corpus import hrds_articles
from flashpoint.facade import default_pipeline
from flashpoint.models import Document
from flashpoint.report import RunReport


def _documents(shared: Path, n: int) -> list[Document]:
    articles = hrds_articles(shared)[:n]
    return [Document(id=f"t{i}", text=a["text"] or "") for i, a in enumerate(articles)]


def _code(pipeline, docs: list[Document], explain: bool | None) -> tuple[float, int]:
    report = RunReport()
    start = time.process_time()
    options = {} if explain is None else {"explain": explain}
    events = sum(len(evs) for _, evs in pipeline.run(docs, report, n_process=1, **options))
    return time.process_time() - start, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--off-only", action="store_true", help="time explain off only (for code that has no explain option)"
    )
    args = parser.parse_args()
    docs = _documents(Path(args.shared), args.articles)
    words = sum(len(d.text.split()) for d in docs)
    pipeline = default_pipeline()
    has_explain = "explain" in inspect.signature(pipeline.run).parameters
    configs = [None] if args.off_only or not has_explain else [False, True]
    _code(pipeline, docs[:5], configs[0])  # warm the lazy resources
    best: dict[str, tuple[float, int]] = {}
    for _ in range(args.rounds):
        for explain in configs:
            seconds, events = _code(pipeline, docs, explain)
            name = (
                "before (no explain option)" if explain is None else f"explain {'on' if explain else 'off'}"
            )
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, events)
    for name, (seconds, events) in best.items():
        print(
            json.dumps(
                {
                    "config": name,
                    "docs": len(docs),
                    "words": words,
                    "events": events,
                    "cpu_seconds": round(seconds, 2),
                    "words_per_cpu_s": round(words / seconds),
                }
            )
        )


if __name__ == "__main__":
    main()
