"""Write measured figures into a marked section of a Markdown file in a docs folder.

Installed code never looks for a source checkout: figures go into a docs folder only
when the caller names one (`flashpoint evaluate --docs DIR`, `make evaluate` names docs).
"""

from __future__ import annotations

from pathlib import Path


def default_shared() -> Path:
    """Evaluation data sit in ../shared, seen from the working directory (the checkout's
    root, where `make` runs)."""
    return Path("..") / "shared"


def replace_section(path: Path, key: str, body: str, title: str) -> None:
    """Put ``body`` between <!-- key:start --> and <!-- key:end -->, adding the section
    at the end when it is not there yet; the rest of the file is left as it is."""
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# {title}\n"
    if start in text and end in text:
        before = text.split(start, 1)[0]
        after = text.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
