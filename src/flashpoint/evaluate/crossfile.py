"""What a coder gains from training on their own data: `flashpoint train` on one ACLED
file's notes, tested on the other file's, both ways (evaluation only: the models live
in the user data directory of the machine that ran this, never in the repository).

Each direction is scored three ways on the test file: the parse-based rules alone, the
shipped model (never trained on ACLED), and the model trained on the other file; and a
fourth where the opt-in sentence encoder is installed: the model trained on the other
file with ``--encoder``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from .acled import FILES, score_rows, summarise
from .sets import read_csv_rows

MODES = (("rules", "rules alone"), (None, "shipped model"))


def evaluate_crossfile(shared: Path, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    from ..classify.encoder import available as encoder_available
    from ..facade import train_model
    from ..report import RunReport

    (a_name, a_rel), (b_name, b_rel) = FILES.items()
    paths = {a_name: shared / a_rel, b_name: shared / b_rel}
    if not all(p.exists() for p in paths.values()):
        raise DataFileError(f"the cross-file check needs both ACLED files under {shared / 'data' / 'acled'}")
    out: dict[str, Any] = {}
    for i, (train_name, test_name) in enumerate(((a_name, b_name), (b_name, a_name))):
        name = f"crossfile-{i}"
        figures, n, _ = train_model([str(paths[train_name])], name, RunReport())
        rows = read_csv_rows(paths[test_name], limit)
        runs = {label: summarise(score_rows(rows, f"x{i}", mode)) for mode, label in MODES}
        runs[f"trained on {train_name}"] = summarise(score_rows(rows, f"x{i}", name))
        if encoder_available():
            train_model([str(paths[train_name])], f"{name}-encoder", RunReport(), encoder=True)
            runs[f"trained on {train_name}, with the encoder"] = summarise(
                score_rows(rows, f"x{i}", f"{name}-encoder")
            )
        out[f"{train_name} -> {test_name}"] = {"train_examples": n, "held_out": figures, "runs": runs}
    return out


def _runs(res: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(direction, coder, scores) for every run of the result."""
    for direction, r in res.items():
        for label, s in r["runs"].items():
            yield direction, label, s


def format_crossfile(res: dict[str, Any]) -> str:
    return "\n".join(
        f"cross-file {d}, {label}: type accuracy {s['type']['accuracy']:.1%} "
        f"macro-F1 {s['type']['macro_f1']:.3f}; sub-event weighted F1 {s['sub']['weighted_f1']:.3f}"
        for d, label, s in _runs(res)
    )


def crossfile_markdown(res: dict[str, Any]) -> str:
    rows = [
        f"| {d} | {label} | {s['n']} | {s['type']['accuracy']:.1%} | {s['type']['macro_f1']:.3f} | "
        f"{s['sub']['accuracy']:.1%} | {s['sub']['weighted_f1']:.3f} |"
        for d, label, s in _runs(res)
    ]
    return (
        "## What your own data adds: `flashpoint train` across the two ACLED files\n\n"
        "Each file's notes and sub-event types train a model with `flashpoint train` (into the user "
        "data directory of the machine that ran it; nothing is committed), which then codes the other "
        'file\'s notes; "with the encoder" is the same training with `--encoder` (the notes also read by '
        "the all-MiniLM-L6-v2 sentence encoder). Beside it, the same notes coded by the rules alone and "
        "by the shipped model "
        "(trained only on data the project owns: its corpus and its labels over real news). The two "
        "files differ in region, years and mix "
        "(world events of 2020 against Bangladeshi protests and riots of 2022-24), so this measures "
        "transfer, not fit. ACLED terms: evaluation only. Measured with `flashpoint evaluate crossfile`.\n\n"
        "| train -> test | coder | notes | type acc. | type macro-F1 | sub-event acc. | sub weighted-F1 |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
