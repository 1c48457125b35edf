"""The evaluation commands run on small slices of ../shared and report real figures."""

from __future__ import annotations

import re

import pytest

from flashpoint.evaluate import run_evaluation
from flashpoint.evaluate.docs import replace_section


def test_seed_evaluation_passes(shared_dir):
    text, ok = run_evaluation("seed", str(shared_dir))
    assert ok and text.splitlines()[-1].endswith("PASS")


def test_figures_go_only_into_the_docs_folder_given(shared_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no docs folder is guessed from the working directory either
    run_evaluation("seed", str(shared_dir))
    assert list(tmp_path.iterdir()) == []
    text, _ = run_evaluation("seed", str(shared_dir), docs=tmp_path / "out")
    written = (tmp_path / "out" / "accuracy.md").read_text(encoding="utf-8")
    assert written.startswith("# Accuracy") and "<!-- seed:start -->" in written
    assert text.splitlines()[-1] in written


@pytest.mark.parametrize(
    "what,pattern",
    [
        ("plover", r"PLOVER GSR: 30 sentences, gold type found in [\d.]+%"),
        ("petrarch", r"PETRARCH-2 validation: 30 sentences; type recall [\d.]+%"),
        ("hrds", r"HRDsAttack dev: 4 articles"),
    ],
)
def test_sliced_evaluations_report_figures(shared_dir, what, pattern):
    limit = 4 if what == "hrds" else 30
    text, _ = run_evaluation(what, str(shared_dir), limit=limit)
    assert re.search(pattern, text), text


def test_replace_section_keeps_other_sections(tmp_path):
    doc = tmp_path / "accuracy.md"
    replace_section(doc, "a", "## A\n\none\n", "Accuracy")
    replace_section(doc, "b", "## B\n\ntwo\n", "Accuracy")
    replace_section(doc, "a", "## A\n\nthree\n", "Accuracy")
    text = doc.read_text()
    assert text.startswith("# Accuracy")
    assert "three" in text and "two" in text and "one" not in text
