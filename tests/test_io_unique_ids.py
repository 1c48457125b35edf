"""A file's document id is its path below the argument, extension included, and two
inputs of one run never share an id (issue 21 point 1)."""

from __future__ import annotations

from pathlib import Path

from flashpoint.io import read_documents
from flashpoint.models import Document
from flashpoint.report import RunReport


def read(paths: list[str] | str) -> tuple[list[Document], RunReport]:
    report = RunReport()
    return list(read_documents(paths, report)), report


def test_same_name_in_two_folders_stays_two_documents(tmp_path: Path) -> None:
    for folder, text in (("a", "Rebels shelled the town."), ("b", "Police arrested ten.")):
        (tmp_path / "coll" / folder).mkdir(parents=True)
        (tmp_path / "coll" / folder / "report.txt").write_text(text, encoding="utf-8")
    docs, report = read(str(tmp_path / "coll"))
    assert [d.id for d in docs] == ["a/report.txt", "b/report.txt"] and report.skipped == 0


def test_same_stem_with_two_extensions_stays_two_documents(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Troops left.", encoding="utf-8")
    (tmp_path / "x.html").write_text("<p>Troops arrived.</p>", encoding="utf-8")
    docs, report = read(str(tmp_path))
    assert [d.id for d in docs] == ["x.html", "x.txt"] and report.skipped == 0


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "s.txt").write_text("A story.", encoding="utf-8")
    first, _ = read(str(tmp_path))
    second, _ = read(str(tmp_path))
    assert [d.id for d in first] == [d.id for d in second] == ["sub/s.txt"]


def test_two_file_arguments_with_one_name_refuse_the_second_naming_both(tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"
    for path, text in ((one, "Rebels shelled the town."), (two, "Police arrested ten.")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    docs, report = read([str(one), str(two)])
    assert [d.text for d in docs] == ["Rebels shelled the town."]
    assert (report.read, report.skipped) == (2, 1)
    assert [str(e) for e in report.errors] == [
        f"{two}: document id 'report.txt' is already used by {one} in this run; this one is "
        "not read (give it its own id)"
    ]


def test_repeated_record_id_names_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        '{"id": "r1", "text": "One."}\n{"id": "r2", "text": "Two."}\n{"id": "r1", "text": "Other."}\n',
        encoding="utf-8",
    )
    docs, report = read(str(path))
    assert [d.text for d in docs] == ["One.", "Two."]
    assert report.errors[0].line == 3
    assert f"already used by {path}:1 in this run" in str(report.errors[0])
