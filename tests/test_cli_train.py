"""`flashpoint train`: a coder's own labelled examples become a model in their data
directory, used by `--model NAME`; bad rows are named and skipped."""

from __future__ import annotations

import json

from conftest import NOTES, coded_with_model
from flashpoint.cli import main


def test_train_saves_a_model_reports_held_out_figures_and_names_bad_rows(home, export, capsys):
    rc = main(["train", str(export), "--name", "mine"])
    out, err = capsys.readouterr()
    assert rc == 1, "a skipped row makes the exit status 1"
    assert f"{export}:14" in err and "Dance party" in err
    assert "12 examples" in out and "held-out fifth, acled" in out
    meta = json.loads((home / "models" / "mine" / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["heads"]) == {"acled"}
    assert meta["heads"]["acled"]["classes"] == ["Attack", "Peaceful protest"]
    assert "Traceback" not in err


def test_extract_uses_a_trained_model_and_refuses_an_unknown_one(home, export, tmp_path, capsys):
    main(["train", str(export), "--name", "mine"])
    capsys.readouterr()
    rows = coded_with_model("mine", tmp_path, capsys)
    assert any(r["acled_sub_event_type"] == "Attack" for r in rows)
    assert main(["extract", str(tmp_path / "a.txt"), "--model", "nosuch"]) == 2
    err = capsys.readouterr().err
    assert "no model named 'nosuch'" in err and "flashpoint train" in err


def test_train_refuses_a_bad_name_and_too_few_examples(home, tmp_path, capsys):
    assert main(["train", str(tmp_path), "--name", "../escape"]) == 2
    assert "model name" in capsys.readouterr().err
    tiny = tmp_path / "tiny.jsonl"
    tiny.write_text(
        json.dumps({"text": "Police arrested a man.", "plover": "COERCE", "acled_sub": "Arrests"}) + "\n",
        encoding="utf-8",
    )
    assert main(["train", str(tiny), "--name", "tiny"]) == 2
    assert "at least 10" in capsys.readouterr().err


def test_rules_alone_is_a_model_name_too(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(
        "date 2023-05-02 Police arrested 12 protesters in Leposavic on Friday.\n", encoding="utf-8"
    )
    assert main(["extract", str(article), "--model", "rules"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["confidence"] > 0 for r in rows)


def test_corpus_rows_with_unknown_labels_are_named_and_skipped(home, tmp_path, capsys):
    rows = [
        {"text": note, "plover": "ASSAULT" if t != "Protests" else "PROTEST", "acled_sub": s}
        for note, t, s in NOTES
    ]
    rows += [
        {"text": "Rebels shelled the town.", "plover": "BOMBARD", "acled_sub": None},
        {"text": "Police fired on marchers.", "plover": "ASSAULT", "acled_sub": "Shooting"},
    ]
    path = tmp_path / "mine.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["train", str(path), "--name", "corpus"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:13: unknown PLOVER type 'BOMBARD'" in err
    assert f"{path}:14: unknown ACLED sub-event type 'Shooting'" in err
