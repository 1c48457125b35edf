"""Input readers (files, directories, stdin) and output writers (jsonl, csv, parquet …)."""

from __future__ import annotations

from .readers import read_documents
from .writers import FORMATS, write_events

__all__ = ["FORMATS", "read_documents", "write_events"]
