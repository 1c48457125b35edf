"""CSV cells a spreadsheet will not run as formulas.

Article text is untrusted: an article opening with ``=HYPERLINK(...)`` would reach a CSV
cell as it is, and a spreadsheet opening the export runs it. Following OWASP's advice on
CSV injection (owasp.org/www-community/attacks/CSV_Injection), a text cell that begins
with one of the characters a spreadsheet reads as a formula start gets a leading single
quote, so it shows as text. Numbers are left alone: they stay numbers for the analyst.
"""

from __future__ import annotations

from typing import Any

# = + - @ start formulas; tab and carriage return let one slip past a trimming reader.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ' when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}
