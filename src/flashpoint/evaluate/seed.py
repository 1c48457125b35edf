"""Score the reference article with the scorer that ships beside it in shared/seed."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..report import RunReport


def score_seed(shared: Path) -> tuple[str, bool]:
    """Extract the reference article, pipe the jsonl to shared/seed/score.py, and
    return its report and whether the article passes."""
    from ..facade import extract_paths
    from ..io import write_events

    seed = shared / "seed"
    article, scorer = seed / "kfor-2023-05-29.txt", seed / "score.py"
    if not article.exists() or not scorer.exists():
        raise UsageError(f"the reference article and score.py are not in {seed}")
    report = RunReport()
    buffer = io.StringIO()
    events = (e for _, evs in extract_paths([str(article)], report, progress=False) for e in evs)
    write_events(events, "jsonl", out=buffer)
    done = subprocess.run(
        [sys.executable, str(scorer)], input=buffer.getvalue(), capture_output=True, text=True, check=False
    )
    return done.stdout.strip(), done.returncode == 0


def seed_markdown(output: str, ok: bool) -> str:
    last = output.splitlines()[-1] if output else "(no output)"
    notes = "\n".join(f"- {line}" for line in output.splitlines()[:-1]) or "- none"
    return (
        f"## Reference article\n\nMeasured {date.today().isoformat()} with "
        f"`flashpoint evaluate seed` (shared/seed/score.py):\n\n"
        f"    {last}\n\nScorer notes:\n\n{notes}\n"
    )
