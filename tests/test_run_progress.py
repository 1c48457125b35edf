"""Long runs show a progress bar (x of N, docs/s, time left) and end with readable
sentences that count skipped records by reason (issue 17 point 8)."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from flashpoint.cli import main
from flashpoint.errors import InputError, RecordRejected
from flashpoint.facade import extract_paths
from flashpoint.io.inventory import count_documents
from flashpoint.report import Progress, RunReport, reason_kind
from flashpoint.store.eventstore import IngestResult


class Terminal(io.StringIO):
    """A stream that says it is a terminal, so rich draws the bar."""

    def isatty(self) -> bool:
        return True

    def plain(self) -> str:
        """What was drawn, without colours and cursor moves."""
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.getvalue())


def test_bar_shows_x_of_n_rate_and_time_left() -> None:
    report = RunReport()
    stream = Terminal()
    bar = Progress(report, stream=stream, total=4)
    for _ in range(3):
        report.coded += 1
        bar.tick()
    bar.close()
    out = stream.plain()
    assert "0 of 4 documents" in out
    assert "3 of 3 documents" in out  # closing sets the total to what was done
    assert "docs/s" in out and "time left" in out


def test_bar_is_silent_when_disabled() -> None:
    stream = Terminal()
    bar = Progress(RunReport(), stream=stream, enabled=False, total=2)
    bar.tick()
    bar.close()
    assert stream.getvalue() == ""


def test_extract_draws_the_bar_with_the_counted_total(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"r{n}", "text": f"Police arrested {n + 2} protesters in Pristina."}) + "\n"
            for n in range(3)
        ),
        encoding="utf-8",
    )
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    report = RunReport()
    coded = list(extract_paths([str(path)], report, progress=True, jobs=1, model="rules"))
    assert len(coded) == 3
    assert "3 of 3 documents" in stream.plain()


def test_inputs_are_counted_before_reading(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Two.</p>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', encoding="utf-8")
    (tmp_path / "d.csv").write_text("text\nfirst\nsecond\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("No.", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 1 + 1 + 3 + 2
    assert count_documents([str(tmp_path), "-"]) is None
    (tmp_path / "e.json").write_text("[]", encoding="utf-8")
    assert count_documents([str(tmp_path)]) is None


@pytest.mark.parametrize(
    "flags, drawn", [([], True), (["--quiet"], False), (["--quiet", "--progress"], True)]
)
def test_quiet_turns_the_bar_off_unless_asked(
    tmp_path: Path, monkeypatch, capsys, flags: list[str], drawn: bool
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Police arrested ten protesters in Pristina.", encoding="utf-8")
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    assert main(["extract", str(path), "--model", "rules", "--workers", "1", *flags]) == 0
    assert ("1 of 1 documents" in stream.plain()) is drawn
    assert capsys.readouterr().out.count("\n") >= 1  # the events still go to stdout


def test_run_summary_is_a_sentence_with_reasons() -> None:
    report = RunReport(read=6, coded=2, events=3)
    report.skip(InputError("malformed JSON: Expecting value (column 1)", "a.jsonl", 2))
    report.skip(InputError("malformed JSON: Extra data (column 9)", "a.jsonl", 4))
    report.skip(InputError("row has 3 fields, the header has 2", "b.csv", 7))
    report.skip(InputError("document id 'x' is already used", "c.txt", kind="duplicate document id"))
    text = report.summary()
    assert text.startswith("Read 6 documents in ")
    assert "coded 2 with 3 events" in text
    assert text.endswith(
        "skipped 4 (2 malformed JSON, 1 row has N fields, the header has N, 1 duplicate document id)."
    )


def test_reason_kind_of_a_pipeline_rejection() -> None:
    assert reason_kind(RecordRejected("empty text", "d1")) == "empty text"


def test_ingest_result_is_a_sentence() -> None:
    result = IngestResult(
        documents_new=2,
        documents_unchanged=3,
        events_new=5,
        documents_replaced=1,
        events_removed=4,
        documents_not_reparsed=3,
    )
    assert str(result) == (
        "stored 2 new documents with 5 new events; replaced 1 document "
        "whose content had changed (4 old events removed); 3 documents "
        "already stored unchanged (3 not parsed again)."
    )
