"""Accuracy and speed measurements that write their figures to docs/."""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .docs import default_shared, replace_section, repo_root


def run_evaluation(what: str, shared: str | None = None, limit: int | None = None,
                   write_docs: bool = True) -> tuple[str, bool]:
    """Run the named evaluation; returns the printed report and whether it passed."""
    shared_dir = Path(shared) if shared else default_shared()
    if not shared_dir.exists():
        raise UsageError(f"no evaluation data at {shared_dir}; give --shared DIR")
    accuracy = repo_root() / "docs" / "accuracy.md"
    parts: list[str] = []
    ok = True
    if what in ("seed", "all"):
        from .seed import score_seed, seed_markdown
        output, passed = score_seed(shared_dir)
        ok &= passed
        parts.append(output)
        if write_docs:
            replace_section(accuracy, "seed", seed_markdown(output, passed), "Accuracy")
    if what in ("plover", "all"):
        from .plover import evaluate_plover, format_plover, plover_markdown
        res = evaluate_plover(shared_dir, limit=limit)
        parts.append(format_plover(res))
        if write_docs:
            replace_section(accuracy, "plover", plover_markdown(res), "Accuracy")
    if what in ("petrarch", "all"):
        from .petrarch import evaluate_petrarch, format_petrarch, petrarch_markdown
        res = evaluate_petrarch(shared_dir, limit=limit)
        parts.append(format_petrarch(res))
        if write_docs:
            replace_section(accuracy, "petrarch", petrarch_markdown(res), "Accuracy")
    if what in ("hrds", "all"):
        from .hrds import evaluate_hrds, format_hrds, hrds_markdown
        res = evaluate_hrds(shared_dir, limit=limit)
        parts.append(format_hrds(res))
        if write_docs:
            replace_section(accuracy, "hrds", hrds_markdown(res), "Accuracy")
    if what in ("geo", "all"):
        from ..geo.evaluate import evaluate_geo, format_geo, write_accuracy_md
        results = evaluate_geo(shared_dir, limit=limit)
        parts.append(format_geo(results))
        if write_docs:
            write_accuracy_md(results, accuracy)
    for name in ("acled", "conflibert", "india"):
        if what in (name, "all"):
            res, text, markdown = _run_set(name, shared_dir, limit)
            parts.append(text)
            if write_docs:
                replace_section(accuracy, name, markdown, "Accuracy")
    if not parts:
        raise UsageError(f"nothing to evaluate for {what!r}")
    return "\n\n".join(parts), ok


def _run_set(name: str, shared: Path, limit: int | None) -> tuple[dict, str, str]:
    """Evaluate one of the evaluation-only sets (acled, conflibert, india)."""
    from importlib import import_module
    module = import_module(f".{name}", __name__)
    res = getattr(module, f"evaluate_{name}")(shared, limit=limit)
    return res, getattr(module, f"format_{name}")(res), getattr(module, f"{name}_markdown")(res)
