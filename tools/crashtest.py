"""Kill `flashpoint ingest` with SIGKILL at random points and check nothing is lost,
duplicated or partial; writes the figures into docs/reliability.md.

    .venv/bin/python tools/crashtest.py [--docs 5000] [--kills 10] [--seed 2024]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flashpoint.evaluate.crash import crash_markdown, run_crashtest
from flashpoint.evaluate.docs import replace_section

# a tool of the checkout: its docs folder is the one beside this script
ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the corpus, databases and log here (default: a temp dir)",
    )
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/reliability.md")
    args = parser.parse_args(argv)
    result = run_crashtest(args.docs, args.kills, args.seed, args.batch_size, args.workdir)
    command = f"python tools/crashtest.py --docs {args.docs} --kills {args.kills} --seed {args.seed}"
    if args.batch_size:
        command += f" --batch-size {args.batch_size}"
    markdown = crash_markdown(result, command)
    print(markdown)
    if not args.no_docs:
        replace_section(ROOT / "docs" / "reliability.md", "crash-figures", markdown, "Reliability")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
