"""One exception hierarchy. Every error a user can see is a FlashpointError.

The CLI catches FlashpointError and prints its message; anything else is a bug.
"""

from __future__ import annotations


class FlashpointError(Exception):
    """Base of every error flashpoint raises on purpose."""


class InputError(FlashpointError):
    """A document or record that cannot be read. Names its file and line; ``kind`` is a
    short name of the problem for run summaries (None: the summary uses the message)."""

    def __init__(
        self, message: str, origin: str | None = None, line: int | None = None, kind: str | None = None
    ):
        self.reason = message
        self.origin = origin
        self.line = line
        self.kind = kind
        where = origin or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class RecordRejected(FlashpointError):
    """A pipeline stage refuses a document (empty, too large, not text).

    Stages raise this instead of returning None, so the run counts and logs it.
    """

    def __init__(
        self, message: str, doc_id: str | None = None, origin: str | None = None, line: int | None = None
    ):
        self.reason = message
        self.doc_id = doc_id
        self.origin = origin
        self.line = line
        where = origin or doc_id or "<document>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class BudgetExceeded(RecordRejected):
    """A document that went over its time or memory budget (data/budget.yaml); the run
    skips it, counts it apart and goes on."""

    kind = "over budget"  # its name in the run summary's count of skipped records


class DataFileError(FlashpointError):
    """A shipped data file (ontology, lexicon, gazetteer rule) is missing or malformed."""


class StoreError(FlashpointError):
    """The event database cannot be opened, written or queried."""


class UsageError(FlashpointError):
    """Bad options or arguments given by the user."""


# A rejection as plain fields (reason, doc id, origin, line, over budget), to travel from
# a worker process: an exception rebuilt from its message alone would lose its file and line.
RejectionFields = tuple[str, str | None, str | None, int | None, bool]


def rejection_fields(error: FlashpointError) -> RejectionFields:
    return (
        str(getattr(error, "reason", error)),
        getattr(error, "doc_id", None),
        getattr(error, "origin", None),
        getattr(error, "line", None),
        isinstance(error, BudgetExceeded),
    )


def rejection_from_fields(fields: RejectionFields) -> RecordRejected:
    reason, doc_id, origin, line, over_budget = fields
    return (BudgetExceeded if over_budget else RecordRejected)(reason, doc_id, origin, line)
