"""Accuracy and speed measurements that write their figures to a docs folder when given one."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .docs import default_shared, replace_section

# Every set in the order `all` runs them. Each module but seed and geo offers
# evaluate_<name>(shared, limit, model), format_<name>(result) and <name>_markdown(result).
SETS = ("seed", "plover", "petrarch", "hrds", "geo", "acled", "conflibert", "india", "crossfile")
# Sets coded twice, with the shipped model and with the rules alone (issue 16): the
# section "classifier" of docs/accuracy.md puts the two side by side.
SIDE_BY_SIDE = ("plover", "petrarch", "hrds", "acled", "conflibert", "india")
RULES = "rules"


def run_evaluation(
    what: str, shared: str | None = None, limit: int | None = None, docs: str | Path | None = None
) -> tuple[str, bool]:
    """Run the named evaluation; returns the printed report and whether it passed. With
    ``docs``, a folder, its accuracy.md and figures.json take the figures."""
    shared_dir = Path(shared) if shared else default_shared()
    if not shared_dir.exists():
        raise UsageError(f"no evaluation data at {shared_dir}; give --shared DIR")
    names = SETS if what == "all" else tuple(n for n in SETS if n == what)
    if not names:
        raise UsageError(f"nothing to evaluate for {what!r}")
    accuracy = Path(docs) / "accuracy.md" if docs is not None else None
    parts: list[str] = []
    ok = True
    for name in names:
        if name == "seed":
            from .seed import score_seed, seed_markdown

            text, passed = score_seed(shared_dir)
            ok &= passed
            markdown = seed_markdown(text, passed)
        elif name == "geo":
            from .geo import evaluate_geo, format_geo, write_accuracy_md

            results = evaluate_geo(shared_dir, limit=limit)
            parts.append(format_geo(results))
            if accuracy is not None:
                write_accuracy_md(results, accuracy)
                _record(accuracy, name, results, limit)
            continue
        else:
            res, text, markdown = _run_set(name, shared_dir, limit)
            if accuracy is not None:
                _record(accuracy, name, res, limit)
            if name in SIDE_BY_SIDE:
                rules, rules_text, _ = _run_set(name, shared_dir, limit, RULES)
                text += "\n(rules alone) " + rules_text
                if accuracy is not None:
                    _record(accuracy, name, rules, limit, key=f"{name}:{RULES}")
        parts.append(text)
        if accuracy is not None:
            replace_section(accuracy, name, markdown, "Accuracy")
    return "\n\n".join(parts), ok


def _record(accuracy: Path, name: str, res: dict, limit: int | None, key: str | None = None) -> None:
    """Keep the headline figures of full runs and rebuild the published comparison
    and the classifier-against-rules table; a --limit run is a quick check, not a
    figure to quote."""
    if limit:
        return
    from .published import published_markdown, record_figures, side_by_side_markdown

    figures = record_figures(accuracy.parent / "figures.json", name, res, key)
    replace_section(accuracy, "published", published_markdown(figures), "Accuracy")
    replace_section(accuracy, "classifier", side_by_side_markdown(figures, SIDE_BY_SIDE, RULES), "Accuracy")


def _run_set(name: str, shared: Path, limit: int | None, model: str | None = None) -> tuple[dict, str, str]:
    """Evaluate one set through its module's evaluate/format/markdown functions."""
    from importlib import import_module

    module = import_module(f".{name}", __name__)
    res = getattr(module, f"evaluate_{name}")(shared, limit=limit, model=model)
    return res, getattr(module, f"format_{name}")(res), getattr(module, f"{name}_markdown")(res)
